import { verifyHubAudit } from '../../services/hubAudit';
import { parseAnchor, verifyAuditLog } from '../../services/vaultAdmin';
import { hubOptions, hubOptionsHelp, hubUserLogin, targetsHub } from '../hubLogin';
import { CliError, exitCodes } from '../exitCodes';
import { readRegularFile } from '../inputFile';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { flag, optionalString, type CliCommand } from '../types';

const help = `Usage: offramp audit verify --vault DIR [--user NAME] --passphrase-file FILE
         [--full] [--anchor FILE] [--json]
       offramp audit verify --hub postgresql://HOST[:PORT]/DATABASE --ca CA.pem
         --user PM --passphrase-file FILE [--json]

Checks the hash chain of the vault's audit log. Each event's hash covers the
hash of the event before it and every field of its own, so an event that was
altered, removed or inserted breaks the chain there. Reports the first broken
link. The verification is itself recorded in the log.

By default the walk continues from the last verified event: the vault keeps a
signed mark "verified up to event N with hash H"; the mark's signature and
event N's hash are checked, then only the newer events are walked. A rewrite
before N that re-chained the log changes event N's hash and is caught by that
check; an event altered in place without re-chaining is found only by --full.

With --anchor, the log must also extend that anchor (see "offramp audit
anchor"): at least as many events, and the same hash at the anchor's position.
A holder of the database key can rewrite and re-chain the log inside the vault;
an anchor kept outside it shows that.

On a hub the whole chain is walked every time (the server appends every
event through its own function), and then each vault history moved into the
hub (offramp hub import-vault): its own chain, and the count and head hash the
hub's chain recorded when it arrived. Only a program manager can: anyone
else reads only their cases' events. --anchor is not available on a hub yet.

Options:
${unlockOptionsHelp}
${hubOptionsHelp}
  --full                   walk every event from the first
  --anchor FILE            an anchor file the log must extend
  --json                   print { "ok", "events", "from", "walked", "firstBroken", "anchor" }
                           (on a hub also "imported": [{ "importId", "vaultId",
                           "events", "ok", "problem" }])

Exit codes: 0 the chain is whole (and extends the anchor); 4 it is broken, or
it does not extend the anchor (the message says how); 2 a bad or unreadable
anchor file, no vault at DIR, or --anchor with --hub; 3 wrong user name or
passphrase; 1 the hub cannot be reached; 5 not a program manager (hub).

Example:
  offramp audit verify --vault /srv/offramp/vault --passphrase-file pass.txt --anchor /media/usb/anchor.json
`;

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  summary: 'Verify the hash chain of the audit log (from the last verified event, or --full), and that it extends an anchor',
  help,
  options: { ...unlockOptions, ...hubOptions, full: { type: 'boolean' }, anchor: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    if (targetsHub(args, 'audit verify')) return verifyOnHub(args, io);
    const anchorArg = optionalString(args, 'anchor');
    const anchor = anchorArg === undefined ? null : parseAnchorFile(anchorArg, io);
    const full = flag(args, 'full');
    const result = await withVault(args, io, 'audit verify', (session) => verifyAuditLog(session, { full, anchor }, new Date()));
    if (flag(args, 'json')) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (result.firstBroken !== null) {
      const { seq, reason } = result.firstBroken;
      const where = seq === 0 ? 'The audit log cannot be trusted' : `The audit log is broken at event ${seq}`;
      throw new CliError(exitCodes.integrity, `${where}: ${reason}. ${seq === 0 ? 'Run with --full to walk every event.' : 'Events before it are intact; nothing after it can be trusted.'}`);
    }
    if (result.anchor !== null && !result.anchor.ok) {
      throw new CliError(exitCodes.integrity, `The audit log does not extend the anchor of ${result.anchor.at} (${result.anchor.events} events): ${result.anchor.problem ?? 'it differs'}.`);
    }
    if (!flag(args, 'json')) {
      const how = result.from === 0 ? 'each linked to the one before' : `${result.walked} new since the last verification at event ${result.from}`;
      const anchored = result.anchor === null ? '' : ` It extends the anchor of ${result.anchor.at} (${result.anchor.events} events).`;
      io.stdout(`The audit log is whole: ${result.events} events, ${how}.${anchored}\n`);
    }
    return exitCodes.ok;
  },
};

async function verifyOnHub(args: Parameters<CliCommand['run']>[0], io: Parameters<CliCommand['run']>[1]): Promise<number> {
  if (optionalString(args, 'anchor') !== undefined) throw new CliError(exitCodes.usage, 'Checking a hub against an anchor (--anchor) is not available in this version of Offramp. Nothing was read.');
  const result = await verifyHubAudit(await hubUserLogin(args, io, 'audit verify'));
  if (flag(args, 'json')) io.stdout(`${JSON.stringify({ ...result, anchor: null }, null, 2)}\n`);
  if (result.firstBroken !== null) {
    throw new CliError(exitCodes.integrity, `The hub's audit chain is broken at event ${result.firstBroken.seq}: ${result.firstBroken.reason}. Events before it are intact; nothing after it can be trusted.`);
  }
  const broken = result.imported.find((i) => !i.ok);
  if (broken !== undefined) throw new CliError(exitCodes.integrity, `The history imported from vault ${broken.vaultId} does not verify: ${broken.problem ?? 'it differs from what the hub recorded'}.`);
  if (!flag(args, 'json')) {
    const moved = result.imported.length === 0 ? '' : ` ${result.imported.length} imported vault histor${result.imported.length === 1 ? 'y' : 'ies'} (${result.imported.reduce((n, i) => n + i.events, 0)} events) verify too.`;
    io.stdout(`The hub's audit chain is whole: ${result.events} events, each linked to the one before.${moved}\n`);
  }
  return exitCodes.ok;
}

function parseAnchorFile(arg: string, io: Parameters<CliCommand['run']>[1]) {
  const bytes = readRegularFile(arg, io, { maxBytes: 64 * 1024, expected: 'an audit anchor (JSON)' }, `the anchor file ${arg}`);
  try {
    return parseAnchor(bytes.toString('utf8'), arg);
  } catch (error) {
    throw new CliError(exitCodes.usage, error instanceof Error ? error.message : String(error));
  }
}
