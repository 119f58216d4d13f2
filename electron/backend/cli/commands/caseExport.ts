import { exportCasesAudited } from '../../services/caseExport';
import { exportHubCases } from '../../services/hubCases';
import { hubOptions, hubOptionsHelp, hubUserLogin, targetsHub } from '../hubLogin';
import { exitCodes } from '../exitCodes';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { optionalString, type CliCommand } from '../types';

const help = `Usage: offramp case export --vault DIR [--user NAME] --passphrase-file FILE [--id ID|NUMBER]
       offramp case export --hub postgresql://HOST[:PORT]/DATABASE --ca CA.pem --user PM --passphrase-file FILE [--id ID|NUMBER]

Writes cases to standard output as JSON lines: one whole case per line (subject,
reports, indicators, analysis, assessments, plan, reporting, reviews, evidence
metadata and custody), ordered by case number. "offramp case import" reads the
same shape. Without --id every case is written. Each exported case is recorded
in the audit log.

The output is case data in the clear: send it to an encrypted volume or
straight into "offramp case import", not to a shared folder.

From a hub the same records are written, read through the server (a program
manager's login), and each export is recorded in the hub's audit chain.

Options:
${unlockOptionsHelp}
${hubOptionsHelp}
  --id ID|NUMBER           only this case, by its id or its number (OR-2026-0042)

Exit codes: 0 written; 1 the hub cannot be reached; 2 no such case, or no
vault at DIR; 3 wrong user name or passphrase; 4 the hub's certificate does not
verify against CA.pem; 5 not a program manager.

Example:
  offramp case export --vault /srv/offramp/vault --passphrase-file pass.txt --id OR-2026-0042 > case.jsonl
`;

export const caseExportCommand: CliCommand = {
  path: ['case', 'export'],
  summary: 'Write cases as JSON lines to standard output (all, or one with --id)',
  help,
  options: { ...unlockOptions, ...hubOptions, id: { type: 'string' } },
  async run(args, io) {
    const wanted = optionalString(args, 'id');
    const records = targetsHub(args, 'case export')
      ? await exportHubCases(await hubUserLogin(args, io, 'case export'), wanted)
      : await withVault(args, io, 'case export', (session) => exportCasesAudited(session, wanted, new Date()));
    for (const record of records) io.stdout(`${JSON.stringify(record)}\n`);
    return exitCodes.ok;
  },
};
