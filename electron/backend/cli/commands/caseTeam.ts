import { AppError } from '../../../../shared/contract';
import { caseRoles, type CaseRole } from '../../../../shared/security/permissions';
import type { CaseTeam } from '../../../../shared/contract/team';
import { findCaseId } from '../../services/cases';
import { addMember, assignCase, removeMember } from '../../services/team';
import { changeHubTeam, type HubTeam, type HubTeamChange } from '../../services/hubTeam';
import { hubOptions, hubOptionsHelp, hubUserLogin, targetsHub } from '../hubLogin';
import type { CliIo } from '../types';
import { requireCase } from '../../services/cases';
import { CliError, exitCodes } from '../exitCodes';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { flag, optionalString, requiredString, type CliArgs, type CliCommand } from '../types';

const cliReason = 'Changed on the command line; no reason given.';

function reasonOf(args: CliArgs): string {
  const given = optionalString(args, 'reason');
  if (given === undefined) return cliReason;
  if (given.trim().length === 0 || given.length > 1000) throw new CliError(exitCodes.usage, '--reason must be between 1 and 1000 characters. Nothing was changed.');
  return given;
}

function describe(team: CaseTeam, number: string): string {
  const lines = [`Case ${number}`, `  lead: ${team.lead?.name ?? '(none)'}`];
  if (team.members.length === 0) lines.push('  no other team members');
  for (const m of team.members) lines.push(`  ${m.caseRole.padEnd(7)} ${m.name}`);
  return `${lines.join('\n')}\n`;
}

const exits = `On a hub (--hub … --ca … --user NAME --passphrase-file FILE instead of
--vault), NAME is a hub user; who you are to the case and each user's role
come from the hub's server, which also refuses any change its rules do not
allow.

Exit codes: 0 changed; 1 the hub cannot be reached; 2 no such case or user, a
user not on the team, a removed user, or a role that cannot hold that place
(nothing changed); 3 wrong user name or passphrase; 4 the hub's certificate
does not verify against CA.pem; 5 you are neither the program manager nor the
case's lead (nothing changed; the attempt is in the audit log).`;

/** The team after a change on a hub, as the vault's is printed. */
function describeHub(team: HubTeam): string {
  const lines = [`Case ${team.number}`, `  lead: ${team.lead ?? '(none)'}`];
  if (team.members.length === 0) lines.push('  no other team members');
  for (const m of team.members) lines.push(`  ${m.caseRole.padEnd(7)} ${m.name}`);
  return `${lines.join('\n')}\n`;
}

/** Runs a team change on the hub of --hub and prints the team. */
async function onHub(args: CliArgs, io: CliIo, command: string, ref: string, change: HubTeamChange, reason: string): Promise<number> {
  const team = await changeHubTeam(await hubUserLogin(args, io, command), ref, change, reason, new Date());
  io.stdout(flag(args, 'json') ? `${JSON.stringify(team, null, 2)}\n` : describeHub(team));
  return exitCodes.ok;
}

const assignHelp = `Usage: offramp case assign --vault DIR [--user NAME] --passphrase-file FILE --case ID|NUMBER --to NAME [--reason TEXT] [--json]

Makes NAME the lead of the case. The previous lead stays on the team as a
member. Only the program manager or the case's current lead may do this. The
change and its reason are kept with the case and recorded in the audit log.

Options:
${unlockOptionsHelp}
${hubOptionsHelp}
  --case ID|NUMBER         the case, by its id or its number (OR-2026-0042)
  --to NAME                the user who leads the case from now on
  --reason TEXT            why (kept with the case); without it the record says
                           the change was made on the command line
  --json                   print the team as JSON

${exits}

Example:
  offramp case assign --vault /srv/offramp/vault --user "Dana Whitfield" --passphrase-file pass.txt --case OR-2026-0042 --to "Ana Ruiz" --reason "Ana takes over the workplace-violence cases"
`;

export const caseAssignCommand: CliCommand = {
  path: ['case', 'assign'],
  summary: "Make a user the case's lead (program manager or the case's lead)",
  help: assignHelp,
  options: { ...unlockOptions, ...hubOptions, case: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const ref = requiredString(args, 'case', 'case assign');
    const to = requiredString(args, 'to', 'case assign');
    const reason = reasonOf(args);
    if (targetsHub(args, 'case assign')) return onHub(args, io, 'case assign', ref, { kind: 'assign', to }, reason);
    const { team, number } = await withVault(args, io, 'case assign', async (session) => {
      const caseId = findCaseId(session.db, ref);
      const changed = await assignCase(session, caseId, to, reason, new Date());
      return { team: changed, number: requireCase(session.db, caseId).case.number };
    });
    io.stdout(flag(args, 'json') ? `${JSON.stringify(team, null, 2)}\n` : describe(team, number));
    return exitCodes.ok;
  },
};

const teamHelp = `Usage: offramp case team --vault DIR [--user NAME] --passphrase-file FILE --case ID|NUMBER
         (--add NAME [--role member|legal|viewer] | --remove NAME) [--reason TEXT] [--json]

Changes who is on the case's team. Members work the case; the legal member
(a user with the legal role) reviews it; viewers only read it. Anyone but the
program manager sees, lists, searches, opens, prints or exports only the cases
whose team they are on. Only the program manager or the case's lead may change
the team. Adding someone already on the team with another --role changes their
case role. The lead is replaced with "offramp case assign", not removed.

Options:
${unlockOptionsHelp}
${hubOptionsHelp}
  --case ID|NUMBER         the case, by its id or its number (OR-2026-0042)
  --add NAME               put NAME on the team
  --role ROLE              with --add: member (default), legal or viewer
  --remove NAME            take NAME off the team
  --reason TEXT            why (kept with the case)
  --json                   print the team as JSON

${exits}

Example:
  offramp case team --vault /srv/offramp/vault --user "Dana Whitfield" --passphrase-file pass.txt --case OR-2026-0042 --add "Lee Okafor" --role legal --reason "Legal review of the proposed actions"
`;

export const caseTeamCommand: CliCommand = {
  path: ['case', 'team'],
  summary: "Add someone to a case's team (member, legal or viewer) or remove them",
  help: teamHelp,
  options: { ...unlockOptions, ...hubOptions, case: { type: 'string' }, add: { type: 'string' }, remove: { type: 'string' }, role: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const ref = requiredString(args, 'case', 'case team');
    const add = optionalString(args, 'add');
    const remove = optionalString(args, 'remove');
    if ((add === undefined) === (remove === undefined)) throw new CliError(exitCodes.usage, 'Give exactly one of --add NAME or --remove NAME. See "offramp case team --help".');
    const roleText = optionalString(args, 'role');
    if (roleText !== undefined && remove !== undefined) throw new CliError(exitCodes.usage, '--role goes with --add, not with --remove.');
    if (roleText !== undefined && !(caseRoles as readonly string[]).includes(roleText)) {
      throw new CliError(exitCodes.usage, `--role ${roleText} is not a case role: use member, legal or viewer. Nothing was changed.`);
    }
    const caseRole = (roleText ?? 'member') as CaseRole;
    const reason = reasonOf(args);
    if (targetsHub(args, 'case team')) return onHub(args, io, 'case team', ref, add !== undefined ? { kind: 'add', name: add, caseRole } : { kind: 'remove', name: remove ?? '' }, reason);
    const { team, number } = await withVault(args, io, 'case team', async (session) => {
      const caseId = findCaseId(session.db, ref);
      const now = new Date();
      let changed: CaseTeam;
      if (add !== undefined) changed = await addMember(session, caseId, add, caseRole, reason, now);
      else if (remove !== undefined) changed = await removeMember(session, caseId, remove, reason, now);
      else throw new AppError('invalid_input', 'Nothing to change.');
      return { team: changed, number: requireCase(session.db, caseId).case.number };
    });
    io.stdout(flag(args, 'json') ? `${JSON.stringify(team, null, 2)}\n` : describe(team, number));
    return exitCodes.ok;
  },
};
