import { readAuditLog, readHubAuditLog } from '../../services/auditLog';
import { hubOptions, hubOptionsHelp, hubUserLogin, targetsHub } from '../hubLogin';
import { CliError, exitCodes } from '../exitCodes';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { flag, optionalString, type CliCommand } from '../types';

const help = `Usage: offramp audit log --vault DIR [--user NAME] --passphrase-file FILE [--case ID|NUMBER] [--limit N] [--json]
       offramp audit log --hub postgresql://HOST[:PORT]/DATABASE --ca CA.pem --user PM --passphrase-file FILE [--case ID|NUMBER] [--limit N] [--json]

The audit events in words, newest first: when (UTC), who, what, and which
case. Case text is never in an event, so never in this listing. For program
managers only; reading the log is itself recorded.

On a hub, the hub's own chain (events of vaults moved into it are kept apart as
imported history: "offramp audit verify --hub" checks them).

Options:
${unlockOptionsHelp}
${hubOptionsHelp}
  --case ID|NUMBER         only the events of this case
  --limit N                at most N events (default 1000, at most 100000)
  --json                   print a JSON array of { "seq", "at", "actor",
                           "action", "caseId", "caseNumber", "text", "detail" }

Exit codes: 0 listed; 1 the hub cannot be reached; 2 no such case, a bad
--limit, or no vault at DIR; 3 wrong user name or passphrase; 4 the hub's
certificate does not verify against CA.pem; 5 you are not a program manager
(the attempt is in the audit log).

Example:
  offramp audit log --vault /srv/offramp/vault --user "Dana Whitfield" --passphrase-file pass.txt --case OR-2026-0042
`;

export const auditLogCommand: CliCommand = {
  path: ['audit', 'log'],
  summary: 'The audit events in words, newest first (program manager)',
  help,
  options: { ...unlockOptions, ...hubOptions, case: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const ref = optionalString(args, 'case');
    const limitText = optionalString(args, 'limit') ?? '1000';
    const limit = /^\d{1,6}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 100_000)) throw new CliError(exitCodes.usage, `--limit ${limitText} is not a number from 1 to 100000.`);
    const lines = targetsHub(args, 'audit log')
      ? await readHubAuditLog(await hubUserLogin(args, io, 'audit log'), { caseRef: ref, limit })
      : await withVault(args, io, 'audit log', async (session) => (await readAuditLog(session.db, session.user, { caseRef: ref, limit }, new Date())).lines);
    if (flag(args, 'json')) {
      io.stdout(`${JSON.stringify(lines, null, 2)}\n`);
      return exitCodes.ok;
    }
    if (lines.length === 0) {
      io.stdout('No events.\n');
      return exitCodes.ok;
    }
    for (const l of lines) {
      const when = `${l.at.slice(0, 10)} ${l.at.slice(11, 19)} UTC`;
      const which = l.caseId === null ? '' : ` — case ${l.caseNumber ?? `${l.caseId} (disposed of)`}`;
      io.stdout(`${when}  ${l.actor} ${l.text}${which}\n`);
    }
    return exitCodes.ok;
  },
};
