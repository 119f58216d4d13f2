import { findSubject } from '../../services/subjectLookup';
import { CliError, exitCodes } from '../exitCodes';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { readSecretFile } from '../secrets';
import { flag, requiredString, type CliCommand } from '../types';

const help = `Usage: offramp subject find --vault DIR [--user NAME] --passphrase-file FILE --name-file FILE [--json]

Looks a subject up by real name or employee id, read from the first line of
FILE (never from the command line, where other users and the shell history
would see it). Lists the cases you may see that concern that person: the
program manager's are every case, anyone else's only their teams' cases.

A name matches when it has the same words in any order, letter case, accents
or punctuation ("Marlow, Ted" finds Ted Marlow); an employee id when its
letters and digits are the same ("e10442" finds E-10442). There is no partial
or prefix matching: you must already know whom you are looking for.

Every lookup is recorded in the audit log: who looked up and how many cases
were found, never what was typed. Real names and employee ids are never
matched by "offramp case list --query".

Options:
${unlockOptionsHelp}
  --name-file FILE         the real name or employee id on the file's first line
  --json                   print { "matches": [{ "caseId", "number",
                           "subjectDisplayId", "title", "status", "matchedOn" }] }

Exit codes: 0 looked up (also when nothing matches); 2 no name file, or no
vault at DIR; 3 wrong user name or passphrase; 5 your role may not look
subjects up (the attempt is in the audit log).

Example:
  offramp subject find --vault /srv/offramp/vault --user "Ana Ruiz" --passphrase-file pass.txt --name-file who.txt
`;

export const subjectFindCommand: CliCommand = {
  path: ['subject', 'find'],
  summary: 'Look a subject up by real name or employee id read from a file (audited)',
  help,
  options: { ...unlockOptions, 'name-file': { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const text = readSecretFile(requiredString(args, 'name-file', 'subject find'), io, 'name').trim();
    if (text.length < 2 || text.length > 200) throw new CliError(exitCodes.usage, 'The name file must hold a name or employee id of 2 to 200 characters on its first line.');
    const matches = await withVault(args, io, 'subject find', (session) => findSubject(session, text, new Date()));
    if (flag(args, 'json')) {
      io.stdout(`${JSON.stringify({ matches }, null, 2)}\n`);
    } else if (matches.length === 0) {
      io.stdout('No case you may see concerns that person.\n');
    } else {
      for (const m of matches) io.stdout(`${m.number}  ${m.subjectDisplayId}  ${m.status.padEnd(10)}  ${m.title}  (matched on ${m.matchedOn === 'name' ? 'name' : 'employee id'})\n`);
    }
    return exitCodes.ok;
  },
};
