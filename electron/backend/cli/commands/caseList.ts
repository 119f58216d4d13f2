import type { CaseRow } from '../../../../shared/model/caseRecord';
import { listEveryVisibleCase } from '../../services/cases';
import { listHubCases } from '../../services/hubCases';
import { hubOptions, hubOptionsHelp, hubUserLogin, targetsHub } from '../hubLogin';
import { CliError, exitCodes } from '../exitCodes';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { flag, optionalString, type CliCommand } from '../types';

const help = `Usage: offramp case list --vault DIR [--user NAME] --passphrase-file FILE [--query TEXT] [--json]
       offramp case list --hub postgresql://HOST[:PORT]/DATABASE --ca CA.pem --user NAME --passphrase-file FILE [--json]

Lists the vault's cases, most recent activity first: number, pseudonymous
subject id, program, status, risk, furthest stage on the critical pathway,
assignee, next review and title. Subjects' real names are never listed, and
never matched by --query: "offramp subject find" looks a person up. The program
manager sees every case; anyone else only the cases whose team they are on.
The listing is recorded in the audit log (counts only, never the query).

On a hub the server itself keeps to need-to-know: it returns only the cases
the login may see. Searching a hub by text (--query) is not available yet.

Options:
${unlockOptionsHelp}
${hubOptionsHelp}
                           (with --user NAME, your hub login, and its password
                           in --passphrase-file)
  --query TEXT             only cases whose text has every word of TEXT (the
                           full-text index over the narrative, indicators,
                           analysis, assessments, plan and reviews; the last
                           word may be the start of a word). Up to 200 characters.
  --json                   print a JSON array of { "id", "number",
                           "subjectDisplayId", "title", "program", "status",
                           "risk", "furthestStage", "assignedTo", "nextReview",
                           "lastActivityAt" }

Exit codes: 0 listed (also when nothing matches); 1 the hub cannot be
reached; 2 a query too long, no vault at DIR, or --query with --hub; 3 wrong
user name or passphrase; 4 the hub's certificate does not verify against CA.pem.

Example:
  offramp case list --vault /srv/offramp/vault --passphrase-file pass.txt --query "casino debt"
`;


function table(rows: readonly CaseRow[]): string {
  const header = ['number', 'subject', 'program', 'status', 'risk', 'stage', 'assigned', 'next review', 'title'];
  const cells = rows.map((r) => [r.number, r.subjectDisplayId, r.program, r.status, r.risk, r.furthestStage ?? '-', r.assignedTo ?? '-', r.nextReview ?? '-', r.title]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    c
      .map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

export const caseListCommand: CliCommand = {
  path: ['case', 'list'],
  summary: 'List cases, optionally by full-text search (--query), with --json for programs',
  help,
  options: { ...unlockOptions, ...hubOptions, query: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const query = optionalString(args, 'query');
    if (query !== undefined && query.length > 200) throw new CliError(exitCodes.usage, `--query is ${query.length} characters long; at most 200.`);
    const rows: CaseRow[] = targetsHub(args, 'case list')
      ? await listHubCases(await hubUserLogin(args, io, 'case list'), query)
      : await withVault(args, io, 'case list', async (session) =>
          (await listEveryVisibleCase(session.db, session.user, query, new Date())).map(({ tags: _tags, overdue: _overdue, snippet: _snippet, ...row }) => row),
        );
    if (flag(args, 'json')) {
      io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (rows.length === 0) {
      io.stdout(query === undefined ? `The ${targetsHub(args, 'case list') ? 'hub shows you' : 'vault holds'} no cases.\n` : 'No case matches the query.\n');
    } else {
      io.stdout(`${table(rows)}\n\n${rows.length} case${rows.length === 1 ? '' : 's'}.\n`);
    }
    return exitCodes.ok;
  },
};
