import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// The Electron security scanner always "succeeds", so this gate reads its SARIF
// report and fails on every finding not accepted, with a reason, in
// build/electronegativity-accepted.json.
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity') as (options: Record<string, unknown>) => Promise<{ errors: { file: string; message: string }[] }>;

const repo = resolve(import.meta.dirname, '..', '..');
const electronVersion = (JSON.parse(readFileSync(join(repo, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

const acceptedSchema = z.object({
  accepted: z.array(z.object({ rule: z.string(), file: z.string(), reason: z.string().min(40) })),
});
const sarifSchema = z.object({
  runs: z.array(
    z.object({
      results: z.array(
        z.object({
          ruleId: z.string(),
          message: z.object({ text: z.string() }),
          locations: z.array(z.object({ physicalLocation: z.object({ artifactLocation: z.object({ uri: z.string() }) }) })),
        }),
      ),
    }),
  ),
});

async function readSarif(path: string): Promise<z.infer<typeof sarifSchema>> {
  // The scanner writes its report asynchronously after resolving.
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return sarifSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`No SARIF report at ${path}`);
}

describe('Electron security scan (electronegativity)', () => {
  it('finds nothing in electron/ beyond the accepted findings', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'offramp-eneg-')), 'report.sarif');
    const result = await run({
      input: join(repo, 'electron'),
      output: out,
      isSarif: true,
      isRelative: true,
      electronVersionOverride: electronVersion,
      customScan: [],
      // This check downloads Electron's release list; the build has no network.
      // Electron updates are tracked through the pinned version and npm audit.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
    expect(result.errors).toEqual([]);
    const sarif = await readSarif(out);
    const { accepted } = acceptedSchema.parse(JSON.parse(readFileSync(join(repo, 'build/electronegativity-accepted.json'), 'utf8')));
    const findings = sarif.runs.flatMap((r) => r.results);
    const unaccepted = findings
      .map((f) => ({ rule: f.ruleId, file: f.locations[0]?.physicalLocation.artifactLocation.uri ?? '', message: f.message.text }))
      .filter((f) => !accepted.some((a) => a.rule === f.rule && (f.file === a.file || f.file.endsWith(a.file) || (a.file === 'N/A' && f.file === 'file:///'))));
    expect(unaccepted).toEqual([]);
    // An accepted entry that no longer matches anything should be removed.
    for (const a of accepted) expect(findings.some((f) => f.ruleId === a.rule), `stale acceptance ${a.rule}`).toBe(true);
  }, 60_000);
});
