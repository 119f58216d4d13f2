import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostServices } from '../../electron/backend/context';
import { createCase, requireCase } from '../../electron/backend/services/cases';
import { evaluateCase, setDeterminations } from '../../electron/backend/services/casework';
import { exportProgramRules, getProgramRules, saveProgramRules } from '../../electron/backend/services/programRules';
import { listAudit, verifyAudit } from '../../electron/backend/vault/audit';
import { AppError } from '../../shared/contract';
import { programRulesContract } from '../../shared/contract/programRules';
import { evaluateOutputSchema } from '../../shared/domain/evaluate/schema';
import { runOfframp } from '../helpers/cli';
import { createTestTeam, type TestTeam } from '../helpers/team';
import { gamblingIntake } from '../helpers/vault';

let team: TestTeam;
const dirs: string[] = [];
afterEach(() => {
  team.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const now = () => team.vault.now();
const audit = () => listAudit(team.manager.db, { limit: 1000 }).reverse();

const hotline = {
  id: 'program_internal_self_harm',
  programs: ['dod'],
  recipient: 'internal',
  when: { anyOf: [[{ fact: 'self_harm_risk' }]] },
  basis: 'Program threshold 2026-3: a risk of self-harm goes to the hub chief the same day.',
  citation: 'Hub procedure 2026-3',
  timing: 'immediately',
  sources: [],
};

function host(path: string | null): HostServices {
  const no = () => Promise.reject(new Error('not used'));
  return { print: no, printToPdf: no, chooseFolder: no, chooseOpenPath: no, chooseSavePath: () => Promise.resolve(path) };
}

async function forbidden(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('program rules in a real vault', () => {
  it('saves validated versions with who, when and why, audited; an analyst is refused and the refusal is audited', async () => {
    team = await createTestTeam();
    expect(await getProgramRules(team.manager)).toMatchObject({ current: null, history: [], canEdit: true });
    expect((await getProgramRules(team.manager)).shipped.length).toBeGreaterThan(5);

    expect(await saveProgramRules(team.manager, { rules: [hotline], reason: 'New hub threshold' }, now())).toEqual({ version: 1 });
    expect(await saveProgramRules(team.manager, { rules: [hotline, { ...hotline, id: 'program_internal_threat', when: { anyOf: [[{ fact: 'violence_threat' }]] } }], reason: 'Second threshold' }, now())).toEqual({ version: 2 });
    const got = await getProgramRules(team.analyst);
    expect(got.canEdit).toBe(false);
    expect(got.current).toMatchObject({ version: 2, savedBy: 'Dana Whitfield', reason: 'Second threshold', document: { format: 'offramp-program-rules', revision: 2, savedBy: 'Dana Whitfield' } });
    expect(got.history.map((h) => [h.version, h.savedBy, h.reason, h.ruleCount])).toEqual([
      [2, 'Dana Whitfield', 'Second threshold', 2],
      [1, 'Dana Whitfield', 'New hub threshold', 1],
    ]);
    const saves = audit().filter((e) => e.action === 'programRules.save');
    expect(saves.map((e) => e.detail)).toEqual([
      { version: 1, reason: 'New hub threshold', rules: ['program_internal_self_harm'], casesRecomputed: 0 },
      { version: 2, reason: 'Second threshold', rules: ['program_internal_self_harm', 'program_internal_threat'], casesRecomputed: 0 },
    ]);

    // An analyst: refused, audited, nothing saved.
    const refusal = await forbidden(() => saveProgramRules(team.analyst, { rules: [], reason: 'Try to clear them' }, now()));
    expect(refusal.code).toBe('forbidden');
    expect(audit().filter((e) => e.action === 'programRules.edit_refused').map((e) => [e.actor, e.detail])).toEqual([['Ana Ruiz', { operation: 'programRules.edit', role: 'analyst' }]]);
    expect((await getProgramRules(team.manager)).current?.version).toBe(2);

    // Invalid documents: the problem is named, nothing saved.
    const shipped = await forbidden(() => saveProgramRules(team.manager, { rules: [{ ...hotline, id: 'dod_internal_procedures' }], reason: 'Replace a shipped rule' }, now()));
    expect(shipped.code).toBe('invalid_input');
    expect(shipped.message).toContain('rules.0.id');
    const twice = await forbidden(() => saveProgramRules(team.manager, { rules: [hotline, hotline], reason: 'Duplicate' }, now()));
    expect(twice.message).toContain('used twice');
    const badFact = await forbidden(() => saveProgramRules(team.manager, { rules: [{ ...hotline, when: { anyOf: [[{ fact: 'no_such_fact' }]] } }], reason: 'Bad fact' }, now()));
    expect(badFact.code).toBe('invalid_input');
    expect(badFact.message).toContain('rules.0.when');
    expect((await getProgramRules(team.manager)).history).toHaveLength(2);
    expect(verifyAudit(team.manager.db).ok).toBe(true);

    // The IPC boundary refuses a blank reason.
    expect(programRulesContract['programRules.save'].input.safeParse({ rules: [], reason: '  ' }).success).toBe(false);
  });

  it("uses the program rules in force for the app's evaluation, with their source on the obligation", async () => {
    team = await createTestTeam();
    const caseId = createCase(team.analyst.db, team.analyst.user, gamblingIntake(), now()).id;
    await setDeterminations(team.analyst, caseId, [{ factId: 'self_harm_risk', value: 'yes', note: '' }], now());
    const internalBefore = requireCase(team.analyst.db, caseId).obligations.find((o) => o.recipient === 'internal');
    expect(internalBefore?.timing).toBe('per_internal_procedures');

    await saveProgramRules(team.manager, { rules: [hotline], reason: 'New hub threshold' }, now());
    const evaluated = (await evaluateCase(requireCase(team.analyst.db, caseId), team.analyst.db)).obligations.find((o) => o.recipient === 'internal');
    expect(evaluated?.timing).toBe('immediately');
    expect(evaluated?.rules).toContain('program_internal_self_harm');
    expect(evaluated?.citation).toContain('Hub procedure 2026-3 (Program rule, version 1, by Dana Whitfield)');

    // The open case's stored obligations followed the save at once.
    const stored = requireCase(team.analyst.db, caseId).obligations.find((o) => o.recipient === 'internal');
    expect(stored?.timing).toBe('immediately');
    expect(stored?.citation).toContain('Program rule, version 1, by Dana Whitfield');
    expect(audit().find((e) => e.action === 'programRules.save')?.detail.casesRecomputed).toBe(1);

    // A later version without the rule takes its obligation away again.
    await saveProgramRules(team.manager, { rules: [], reason: 'Threshold withdrawn' }, now());
    expect(requireCase(team.analyst.db, caseId).obligations.find((o) => o.recipient === 'internal')?.timing).toBe('per_internal_procedures');

    // A stored version that no longer validates is an integrity error, not silently skipped.
    team.manager.db.prepare('UPDATE program_rules_versions SET document = ? WHERE version = 2').run(JSON.stringify({ format: 'offramp-program-rules', revision: 2, rules: [{ ...hotline, id: 'dod_internal_procedures' }] }));
    const broken = await forbidden(() => evaluateCase(requireCase(team.analyst.db, caseId), team.analyst.db));
    expect(broken.code).toBe('integrity');
    expect(broken.message).toContain('version 2');
  });

  it('exports the rules in force through the save dialog to the file `offramp evaluate --rules` reads, with the same obligation', async () => {
    team = await createTestTeam();
    const dir = mkdtempSync(join(tmpdir(), 'offramp-program-rules-'));
    dirs.push(dir);
    await expect(exportProgramRules(team.manager, host(join(dir, 'none.json')), now)).rejects.toMatchObject({ code: 'conflict' });
    await saveProgramRules(team.manager, { rules: [hotline], reason: 'New hub threshold' }, now());

    expect(await exportProgramRules(team.manager, host(null), now)).toEqual({ done: false, path: null, version: null });
    expect(readdirSync(dir)).toEqual([]);
    const target = join(dir, 'rules.json');
    expect(await exportProgramRules(team.manager, host(target), now)).toEqual({ done: true, path: target, version: 1 });
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual((await getProgramRules(team.manager)).current?.document);
    expect(audit().filter((e) => e.action === 'programRules.export').map((e) => e.detail.version)).toEqual([1]);
    await expect(exportProgramRules(team.manager, host(join(dir, 'missing', 'rules.json')), now)).rejects.toMatchObject({ code: 'io' });

    const caseId = createCase(team.analyst.db, team.analyst.user, gamblingIntake(), now()).id;
    await setDeterminations(team.analyst, caseId, [{ factId: 'self_harm_risk', value: 'yes', note: '' }], now());
    const inApp = (await evaluateCase(requireCase(team.analyst.db, caseId), team.analyst.db)).obligations.find((o) => o.recipient === 'internal');

    const facts = join(dir, 'facts.json');
    writeFileSync(facts, JSON.stringify({ program: 'dod', facts: { self_harm_risk: true } }));
    const run = await runOfframp(['evaluate', facts, '--rules', target]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const cli = evaluateOutputSchema.parse(JSON.parse(run.stdout)).obligations.find((o) => o.recipient === 'internal');
    expect(cli).toMatchObject({ recipient: inApp?.recipient, timing: 'immediately', basis: inApp?.basis, rules: inApp?.rules });
    expect(cli?.citation).toContain('Hub procedure 2026-3');
  });
});
