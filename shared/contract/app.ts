import { z } from 'zod';
import { method } from './define';

export const appInfoSchema = z.object({
  name: z.literal('Offramp'),
  version: z.string(),
  /** Which transport serves this backend: the Electron app, the test harness, or the CLI. */
  transport: z.enum(['electron', 'harness', 'cli']),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appContract = {
  'app.info': method({
    summary: 'Product name, version and transport of the running backend.',
    public: true,
    input: z.object({}).strict(),
    output: appInfoSchema,
  }),
};
