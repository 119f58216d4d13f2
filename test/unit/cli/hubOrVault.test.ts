import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/backend/cli/commands';
import { onHubInstead } from '../../../electron/backend/cli/hubLogin';
import { runOfframp } from '../../helpers/cli';

// Every command that takes --vault either takes --hub too or says, in words,
// what a hub's user does instead: never "unknown option".
describe('--hub on every command that takes --vault', () => {
  const vaultCommands = commands.filter((c) => c.options['vault'] !== undefined && c.path[0] !== 'hub');

  it('is taken, or answered with what to do instead', () => {
    const unanswered = vaultCommands.filter((c) => c.options['hub'] === undefined && onHubInstead[c.path.join(' ')] === undefined).map((c) => c.path.join(' '));
    expect(unanswered).toEqual([]);
    // And the list names no command that does take --hub (or does not exist).
    const stale = Object.keys(onHubInstead).filter((name) => !vaultCommands.some((c) => c.path.join(' ') === name && c.options['hub'] === undefined));
    expect(stale).toEqual([]);
  });

  it('refuses a vault-only command given --hub with exit 2, naming the alternative, before reading anything', async () => {
    for (const [args, alternative] of [
      [['vault', 'rekey', '--hub', 'postgresql://127.0.0.1:5432/hub', '--recovery-key-out', '/nonexistent/key'], /a hub has no vault key/],
      [['vault', 'backup', '--hub=postgresql://127.0.0.1:5432/hub', '--to', '/nonexistent'], /offramp hub backup/],
      [['case', 'import', '--hub', 'postgresql://127.0.0.1:5432/hub', 'cases.jsonl'], /offramp hub import-vault/],
    ] as const) {
      const run = await runOfframp([...args]);
      expect([run.code, run.stdout]).toEqual([2, '']);
      expect(run.stderr).toMatch(/does not work on a hub/);
      expect(run.stderr).toMatch(alternative);
      expect(run.stderr).toMatch(/Nothing was changed\.\n$/);
    }
  });
});
