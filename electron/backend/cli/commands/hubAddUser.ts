import { roles } from '../../../../shared/domain/ids';
import { addUserToHub } from '../../services/hub';
import { exitCodes } from '../exitCodes';
import { hubOptions, hubOptionsHelp, hubTarget, hubUserName } from '../hubLogin';
import { obtainNewPassphrase, unlockPassphrase } from '../openVault';
import { flag, requiredRole, requiredString, type CliCommand } from '../types';

const command = 'hub add-user';

const help = `Usage: offramp hub add-user --hub postgresql://HOST[:PORT]/DATABASE --ca CA.pem
                         --user PM --passphrase-file FILE
                         --new-user NAME --new-role ROLE --new-passphrase-file FILE3 [--json]

Adds a hub user: a PostgreSQL login role NAME with the Offramp role ROLE.
Only a program manager can: the hub's server refuses anyone else, and records
the attempt in the audit log.

Options:
${hubOptionsHelp}
  --user PM                your hub login (a program manager)
  --passphrase-file FILE   your password on the file's first line; without it
                           you are asked on the terminal
  --new-user NAME          2 to 63 lowercase letters, digits or _, starting
                           with a letter
  --new-role ROLE          one of ${roles.slice(0, 4).join(', ')},
                           ${roles.slice(4).join(', ')}
  --new-passphrase-file FILE3  NAME's first password on the file's first
                           line; without it you are asked twice. At least 12
                           characters and not guessable.
  --json                   print { "name", "role" }

Exit codes: 0 added; 1 the server cannot be reached; 2 bad input or NAME
exists already; 3 the server refused your login; 4 the server's certificate
does not verify against CA.pem; 5 you are not a program manager. Nothing is
changed unless the exit code is 0.
`;

export const hubAddUserCommand: CliCommand = {
  path: ['hub', 'add-user'],
  summary: 'Add a hub user with an Offramp role (program manager)',
  help,
  options: {
    ...hubOptions,
    user: { type: 'string' },
    'passphrase-file': { type: 'string' },
    'new-user': { type: 'string' },
    'new-role': { type: 'string' },
    'new-passphrase-file': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const target = hubTarget(args, io, command);
    const user = requiredString(args, 'user', command);
    const name = hubUserName(args, 'new-user', command);
    const role = requiredRole(args, 'new-role', command);
    const password = await unlockPassphrase(args, io, user);
    const newPassword = await obtainNewPassphrase(args, io, 'new-passphrase-file', name);
    const added = await addUserToHub({ ...target, user, password }, { name, role, password: newPassword });
    io.stdout(flag(args, 'json') ? `${JSON.stringify(added)}\n` : `Added ${added.name} (${added.role}) to the hub.\n`);
    return exitCodes.ok;
  },
};
