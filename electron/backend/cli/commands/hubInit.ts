import { setUpHub } from '../../services/hub';
import { exitCodes } from '../exitCodes';
import { hubOptions, hubOptionsHelp, hubTarget, hubUserName } from '../hubLogin';
import { obtainNewPassphrase } from '../openVault';
import { obtainSecret } from '../secrets';
import { flag, optionalString, requiredString, type CliCommand } from '../types';

const command = 'hub init';

const help = `Usage: offramp hub init --hub postgresql://HOST[:PORT]/DATABASE --ca CA.pem
                     --admin NAME --admin-password-file FILE
                     --user NAME --passphrase-file FILE2 [--json]

Sets up an Offramp hub in DATABASE on the hub's PostgreSQL server, with the
login of the server's administrator (a superuser): the hub's tables, its
roles, privileges and row-level-security policies, the audit log's append
function, and the first program manager, NAME. All of it or nothing: one
transaction. The database must exist; one hub per server.

Options:
${hubOptionsHelp}
  --admin NAME             the server administrator's login
  --admin-password-file FILE  its password on the file's first line; without
                           it you are asked on the terminal
  --user NAME              the first program manager's hub login: 2 to 63
                           lowercase letters, digits or _, starting with a letter
  --passphrase-file FILE2  NAME's password on the file's first line; without
                           it you are asked twice. At least 12 characters and
                           not guessable. It reaches the server only as a
                           SCRAM-SHA-256 verifier.
  --json                   print { "version", "manager" }

Exit codes: 0 set up; 1 the server cannot be reached; 2 bad input, no such
database, or DATABASE is already a hub; 3 the server refused the login;
4 the server's certificate does not verify against CA.pem; 5 NAME is not the
server's administrator. Nothing is changed unless the exit code is 0.
`;

export const hubInitCommand: CliCommand = {
  path: ['hub', 'init'],
  summary: "Set up a hub on a PostgreSQL server (the server's administrator)",
  help,
  options: {
    ...hubOptions,
    admin: { type: 'string' },
    'admin-password-file': { type: 'string' },
    user: { type: 'string' },
    'passphrase-file': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const target = hubTarget(args, io, command);
    const admin = requiredString(args, 'admin', command);
    const manager = hubUserName(args, 'user', command);
    const adminPassword = await obtainSecret(optionalString(args, 'admin-password-file'), io, `Password of ${admin} on the hub server: `, 'password');
    const password = await obtainNewPassphrase(args, io, 'passphrase-file', manager);
    const done = await setUpHub({ ...target, user: admin, password: adminPassword }, { name: manager, password });
    const where = `${target.address.host}:${target.address.port}/${target.address.database}`;
    io.stdout(flag(args, 'json') ? `${JSON.stringify(done)}\n` : `Set up the Offramp hub at ${where} (schema ${done.version}) with ${done.manager} as its program manager.\n`);
    return exitCodes.ok;
  },
};
