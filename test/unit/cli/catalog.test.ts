import { describe, expect, it } from 'vitest';
import { allOptionIds, disciplines, responseTargets, responseTypes } from '../../../shared/domain/ids';
import { runOfframp } from '../../helpers/cli';

describe('offramp catalog', () => {
  it('--json lists every response option with id, label, discipline, type, target and source', async () => {
    const run = await runOfframp(['catalog', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => r['id'])).toEqual([...new Set(rows.map((r) => r['id']))]);
    expect(new Set(rows.map((r) => r['id']))).toEqual(new Set(allOptionIds));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'label', 'discipline', 'type', 'target', 'source']);
      expect(disciplines).toContain(row['discipline']);
      expect(responseTypes).toContain(row['type']);
      expect(responseTargets).toContain(row['target']);
      expect(row['source']).toMatch(/^(CDSE|CISA), /);
    }
    expect(rows.find((r) => r['id'] === 'employee_assistance_program')).toMatchObject({ discipline: 'hr', type: 'organizational', target: 'person' });
  });

  it('without --json prints a short table', async () => {
    const run = await runOfframp(['catalog']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^id\s+discipline\s+type\s+target\s+label$/);
    expect(run.stdout).toMatch(/\nrefer_counterintelligence\s+counterintelligence\s+individual\s+person\s+Referral to counterintelligence\n/);
    expect(run.stdout).toContain(`${allOptionIds.length} response options.`);
  });

  it('lists both commands in the global help', async () => {
    const run = await runOfframp(['--help']);
    expect(run.stdout).toMatch(/\n {2}evaluate\s/);
    expect(run.stdout).toMatch(/\n {2}catalog\s/);
  });
});
