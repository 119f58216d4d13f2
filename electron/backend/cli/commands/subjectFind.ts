import { findSubject, findSubjectOnHub } from '../../services/subjectLookup';
import { hubOptions, hubOptionsHelp, hubUserLogin, targetsHub } from '../hubLogin';
import { CliError, exitCodes } from '../exitCodes';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { readSecretFile } from '../secrets';
import { flag, requiredString, type CliCommand } from '../types';

const help = `Usage: offramp subject find --vault DIR [--user NAME] --passphrase-file FILE --name-file FILE [--json]
       offramp subject find --hub postgresql://HOST[:PORT]/DATABASE --ca CA.pem --user NAME --passphrase-file FILE --name-file FILE [--json]

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

On a hub your role comes from the hub's server, and the server decides which
cases you may see.

Options:
${unlockOptionsHelp}
${hubOptionsHelp}
  --name-file FILE         the real name or employee id on the file's first line
  --json                   print { "matches": [{ "caseId", "number",
                           "subjectDisplayId", "title", "status", "matchedOn" }] }

Exit codes: 0 looked up (also when nothing matches); 1 the hub cannot be
reached; 2 no name file, or no vault at DIR; 3 wrong user name or passphrase;
4 the hub's certificate does not verify against CA.pem; 5 your role may not
look subjects up (the attempt is in the audit log), or your hub login has no
Offramp role.

Example:
  offramp subject find --vault /srv/offramp/vault --user "Ana Ruiz" --passphrase-file pass.txt --name-file who.txt
`;

export const subjectFindCommand: CliCommand = {
  path: ['subject', 'find'],
  summary: 'Look a subject up by real name or employee id read from a file (audited)',
  help,
  options: { ...unlockOptions, ...hubOptions, 'name-file': { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const text = readSecretFile(requiredString(args, 'name-file', 'subject find'), io, 'name').trim();
    if (text.length < 2 || text.length > 200) throw new CliError(exitCodes.usage, 'The name file must hold a name or employee id of 2 to 200 characters on its first line.');
    const matches = targetsHub(args, 'subject find')
      ? await findSubjectOnHub(await hubUserLogin(args, io, 'subject find'), text)
      : await withVault(args, io, 'subject find', (session) => findSubject(session, text, new Date()));
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
