import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateOutputSchema } from '../../../shared/domain/evaluate/schema';
import { runOfframp } from '../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'offramp-evaluate-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const rules = {
  format: 'offramp-program-rules',
  revision: 2,
  rules: [
    {
      id: 'program_ditmac_self_harm',
      programs: ['dod'],
      recipient: 'ditmac',
      when: { anyOf: [[{ fact: 'self_harm_risk' }]] },
      basis: 'DITMAC threshold update 2026-2: a risk of self-harm is reported to the DITMAC within one day.',
      citation: 'DITMAC threshold update 2026-2',
      timing: 'immediately',
      sources: [],
    },
  ],
};
const facts = { program: 'dod', facts: { self_harm_risk: true } };

describe('offramp evaluate --rules', () => {
  it("adds the program's own rules to the shipped ones, with their source", async () => {
    const without = await runOfframp(['evaluate', file('facts.json', facts)]);
    expect(without.code).toBe(0);
    const before = evaluateOutputSchema.parse(JSON.parse(without.stdout)).obligations.find((o) => o.recipient === 'ditmac');
    expect(before?.timing).toBe('promptly');

    const run = await runOfframp(['evaluate', file('facts.json', facts), '--rules', file('rules.json', rules)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = evaluateOutputSchema.parse(JSON.parse(run.stdout));
    const ditmac = out.obligations.find((o) => o.recipient === 'ditmac');
    expect(ditmac).toMatchObject({ timing: 'immediately', rules: ['dod_ditmac_serious_threat', 'program_ditmac_self_harm'] });
    expect(ditmac?.citation).toContain('DITMAC threshold update 2026-2');
    expect(out.warnings[0]?.code).toBe('reporting_due');
  });

  it('refuses a rules file that would replace a shipped rule, or is not a rules document, with exit 2 and the problem named', async () => {
    const shipped = await runOfframp(['evaluate', file('facts.json', facts), '--rules', file('shipped.json', { ...rules, rules: [{ ...rules.rules[0], id: 'dod_internal_procedures' }] })]);
    expect(shipped.code).toBe(2);
    expect(shipped.stdout).toBe('');
    expect(shipped.stderr).toContain('not a valid program rules document');
    expect(shipped.stderr).toContain('rules.0.id');

    const notJson = await runOfframp(['evaluate', file('facts.json', facts), '--rules', file('broken.json', '{"format": ')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/rules file .*broken\.json is not valid JSON/);

    const badFact = await runOfframp(['evaluate', file('facts.json', facts), '--rules', file('badfact.json', { ...rules, rules: [{ ...rules.rules[0], when: { anyOf: [[{ fact: 'nonsense' }]] } }] })]);
    expect(badFact.code).toBe(2);
    expect(badFact.stderr).toContain('rules.0.when');

    const missing = await runOfframp(['evaluate', file('facts.json', facts), '--rules', join(dir, 'absent.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('documents --rules in its help', async () => {
    const run = await runOfframp(['evaluate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--rules RULES.json');
  });
});
