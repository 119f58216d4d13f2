import { exportCasesAudited } from '../../services/caseExport';
import { exitCodes } from '../exitCodes';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { optionalString, type CliCommand } from '../types';

const help = `Usage: offramp case export --vault DIR [--user NAME] --passphrase-file FILE [--id ID|NUMBER]

Writes cases to standard output as JSON lines: one whole case per line (subject,
reports, indicators, analysis, assessments, plan, reporting, reviews, evidence
metadata and custody), ordered by case number. "offramp case import" reads the
same shape. Without --id every case is written. Each exported case is recorded
in the audit log.

The output is case data in the clear: send it to an encrypted volume or
straight into "offramp case import", not to a shared folder.

Options:
${unlockOptionsHelp}
  --id ID|NUMBER           only this case, by its id or its number (OR-2026-0042)

Exit codes: 0 written; 2 no such case, or no vault at DIR; 3 wrong user name or
passphrase.

Example:
  offramp case export --vault /srv/offramp/vault --passphrase-file pass.txt --id OR-2026-0042 > case.jsonl
`;

export const caseExportCommand: CliCommand = {
  path: ['case', 'export'],
  summary: 'Write cases as JSON lines to standard output (all, or one with --id)',
  help,
  options: { ...unlockOptions, id: { type: 'string' } },
  async run(args, io) {
    const wanted = optionalString(args, 'id');
    const records = await withVault(args, io, 'case export', (session) => exportCasesAudited(session, wanted, new Date()));
    for (const record of records) io.stdout(`${JSON.stringify(record)}\n`);
    return exitCodes.ok;
  },
};
