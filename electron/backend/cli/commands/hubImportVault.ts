import { moveVaultIntoHub } from '../../services/hubImport';
import { exitCodes } from '../exitCodes';
import { hubOptions, hubOptionsHelp, hubTarget } from '../hubLogin';
import { existingVaultDir, unlockPassphrase, withUnlockedSession } from '../openVault';
import { flag, optionalString, requiredString, type CliCommand } from '../types';
import { obtainSecret } from '../secrets';

const command = 'hub import-vault';

const help = `Usage: offramp hub import-vault --hub postgresql://HOST[:PORT]/DATABASE --ca CA.pem
                             --user PM --passphrase-file FILE
                             --vault DIR --vault-user NAME --vault-passphrase-file FILE4 [--json]

Moves a workstation vault into the hub: its cases with everything recorded on
them (reports, indicators, analysis, assessments, actions, reviews, decisions,
teams, evidence, packets) in one transaction of the hub, and its audit log as
imported history, verified before the move and recorded by the hub's own audit
log with its event count and head hash. The hub keeps its own users, program
rules, retention rules, recipients and settings; the vault's are not copied.
Team members without a hub login are listed: add them with offramp hub
add-user, until then they see nothing. The vault is left as it was, with the
move recorded in its audit log. Both logins must be program managers.

Options:
${hubOptionsHelp}
  --user PM                your hub login (a program manager)
  --passphrase-file FILE   your hub password on the file's first line; without
                           it you are asked on the terminal
  --vault DIR              the workstation vault to move
  --vault-user NAME        a program manager of that vault
  --vault-passphrase-file FILE4  that user's vault passphrase; without it you
                           are asked on the terminal
  --json                   print the result as JSON

Exit codes: 0 moved; 1 the server cannot be reached; 2 bad input, or the hub
already has this vault (one import per vault, even when two run at once) or
its cases; 3 the server refused your login or the vault
passphrase is wrong; 4 the server's certificate does not verify against
CA.pem, or the vault's audit log does not verify; 5 one of the logins is not a
program manager. Nothing is changed in the hub unless the exit code is 0.
`;

export const hubImportVaultCommand: CliCommand = {
  path: ['hub', 'import-vault'],
  summary: 'Move a workstation vault into the hub (program manager of both)',
  help,
  options: {
    ...hubOptions,
    user: { type: 'string' },
    'passphrase-file': { type: 'string' },
    vault: { type: 'string' },
    'vault-user': { type: 'string' },
    'vault-passphrase-file': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const target = hubTarget(args, io, command);
    const user = requiredString(args, 'user', command);
    const dir = existingVaultDir(args, io, command);
    const vaultUser = requiredString(args, 'vault-user', command);
    const password = await unlockPassphrase(args, io, user);
    const vaultPassphrase = await obtainSecret(optionalString(args, 'vault-passphrase-file'), io, `Vault passphrase for ${vaultUser}: `);
    const result = await withUnlockedSession(dir, vaultUser, vaultPassphrase, io, (session) => moveVaultIntoHub(session, { ...target, user, password }, () => new Date()));
    if (flag(args, 'json')) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
      const lines = [
        `Moved ${result.cases} case${result.cases === 1 ? '' : 's'} (${rows} rows) and ${result.auditEvents} audit events into the hub (import ${result.importId}).`,
        `  Imported history ends at event ${result.auditHead.seq}, hash ${result.auditHead.hash}; the hub's audit log records it.`,
      ];
      if (result.usersWithoutLogin.length > 0) lines.push(`  Team members without a hub login (add them with offramp hub add-user): ${result.usersWithoutLogin.join(', ')}.`);
      io.stdout(`${lines.join('\n')}\n`);
    }
    return exitCodes.ok;
  },
};
