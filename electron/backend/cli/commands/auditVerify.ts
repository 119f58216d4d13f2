import { appendAudit, verifyAudit } from '../../vault/audit';
import { CliError, exitCodes } from '../exitCodes';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { flag, type CliCommand } from '../types';

const help = `Usage: offramp audit verify --vault DIR [--user NAME] --passphrase-file FILE [--json]

Walks the hash chain of the vault's audit log from the first event to the last.
Each event's hash covers the hash of the event before it and every field of its
own, so an event that was altered, removed or inserted breaks the chain there.
Reports the first broken link. The verification is itself recorded in the log.

Options:
${unlockOptionsHelp}
  --json                   print { "ok", "events", "firstBroken": { "seq", "reason" } | null }

Exit codes: 0 the chain is whole; 4 it is broken (the message names the event);
3 wrong user name or passphrase; 2 no vault at DIR.

Example:
  offramp audit verify --vault /srv/offramp/vault --passphrase-file pass.txt
`;

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  summary: 'Verify the hash chain of the audit log; report the first broken link',
  help,
  options: { ...unlockOptions, json: { type: 'boolean' } },
  async run(args, io) {
    const result = await withVault(args, io, 'audit verify', (session) => {
      const verification = verifyAudit(session.db);
      appendAudit(session.db, { actor: session.user.name, action: 'audit.verify', detail: { ok: verification.ok, events: verification.events } }, new Date());
      return verification;
    });
    if (flag(args, 'json')) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (result.firstBroken !== null) {
      const { seq, reason } = result.firstBroken;
      throw new CliError(exitCodes.integrity, `The audit log is broken at event ${seq}: ${reason}. Events before it are intact; nothing after it can be trusted.`);
    }
    if (!flag(args, 'json')) io.stdout(`The audit log is whole: ${result.events} events, each linked to the one before.\n`);
    return exitCodes.ok;
  },
};
