import { AppError } from '../../../../shared/contract';
import { importCases } from '../../services/cases';
import { exitCodes } from '../exitCodes';
import { readInputText } from '../inputFile';
import { existingVaultDir, unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { flag, type CliCommand } from '../types';

const command = 'case import';

const help = `Usage: offramp case import --vault DIR [--user NAME] --passphrase-file FILE CASES.jsonl
       offramp case import --vault DIR --passphrase-file FILE -     (read standard input)

Imports cases: one JSON case per line, the shape "offramp case export" writes.
Program managers only. All or nothing: every line is checked first; if one is
not valid JSON, is not a whole case, or holds a case, subject or item id that is
already in the vault (or earlier in the file), nothing is imported and the
message names the line and the problem. Blank lines are skipped.

The file gives a case's content, not its standing here: every imported case
arrives open, created by and assigned to you, with no legal hold, closure or
packet link. Each is recorded in the audit log with the file and line it came
from. The file must be a regular file of at most 256 MiB.

Options:
${unlockOptionsHelp}
  --json                   print { "imported": N }

Exit codes: 0 imported; 2 a bad line or an id already in the vault (nothing
imported), an empty, missing, oversized or non-regular file, or no vault at DIR;
3 wrong user name or passphrase; 5 you are not a program manager.

Example:
  offramp case import --vault /srv/offramp/vault --passphrase-file pass.txt cases.jsonl
`;

/** Cases are bulk data, unlike evaluate's one set of facts. */
const importLimit = { maxBytes: 256 * 1024 * 1024, expected: 'JSON lines of cases (split a larger file)' };

export const caseImportCommand: CliCommand = {
  path: ['case', 'import'],
  summary: 'Import cases from JSON lines (the shape case export writes), all or nothing',
  help,
  options: { ...unlockOptions, json: { type: 'boolean' } },
  positionals: { min: 1, max: 1, name: 'the file of cases (CASES.jsonl, or - for standard input)' },
  async run(args, io) {
    existingVaultDir(args, io, command);
    const input = await readInputText(args.positionals[0] ?? '-', io, importLimit);
    const result = await withVault(args, io, command, async (session) => {
      try {
        return await importCases(session.db, session.user, input.text, new Date(), { name: input.name });
      } catch (error) {
        if (error instanceof AppError && (error.code === 'invalid_input' || error.code === 'conflict')) {
          const nothing = /nothing was imported/i.test(error.message) ? '' : ' Nothing was imported.';
          const where = /^Line \d+:/.test(error.message) ? `${input.name}, line${error.message.slice(4)}` : `${input.name}: ${error.message}`;
          throw new AppError(error.code, `${where}${nothing}`);
        }
        throw error;
      }
    });
    const n = result.imported;
    io.stdout(flag(args, 'json') ? `${JSON.stringify(result)}\n` : `Imported ${n} case${n === 1 ? '' : 's'}.\n`);
    return exitCodes.ok;
  },
};
