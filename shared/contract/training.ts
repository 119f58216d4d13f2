import { z } from 'zod';
import { method } from './define';
import { userSchema } from './vault';

export const trainingContract = {
  'training.open': method({
    summary: 'Open the training vault of fictional cases (created on first use); the real vault is locked first.',
    public: true,
    input: z.object({}).strict(),
    output: z.object({ user: userSchema, cases: z.number().int() }),
  }),
  'training.reset': method({
    summary: 'Restore the training vault to its initial state in one step.',
    input: z.object({ confirm: z.literal(true) }).strict(),
    output: z.object({ user: userSchema, cases: z.number().int() }),
  }),
};
