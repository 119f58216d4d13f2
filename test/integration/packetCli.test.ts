import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packetManifestSchema, type PacketManifest } from '../../shared/packets/manifest';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { unlockVault } from '../../electron/backend/vault/vault';
import { runOfframp } from '../helpers/cli';
import { ageKeys, evidenceFiles, openPacketCase, scratch, type AgeKeys, type PacketCase } from '../helpers/packets';
import { createTestVault, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

let vault: TestVault;
let tmp: ReturnType<typeof scratch>;
let keys: AgeKeys;
let kase: PacketCase;
let passFile: string;
let packetPassFile: string;
let summaryPdf: string;

beforeAll(async () => {
  vault = await createTestVault();
  tmp = scratch('offramp-cli-');
  keys = await ageKeys(tmp.root);
  kase = await openPacketCase(vault);
  vault.session.close(); // the CLI opens the vault itself
  passFile = join(tmp.root, 'vault-pass.txt');
  writeFileSync(passFile, `${TEST_PASSPHRASE}\n`);
  packetPassFile = join(tmp.root, 'packet-pass.txt');
  writeFileSync(packetPassFile, 'amber falcon quietly measures seven rivers\n');
  summaryPdf = join(tmp.root, 'summary.pdf');
  writeFileSync(summaryPdf, '%PDF-1.7\n% summary for tests\n');
});
afterAll(() => {
  vault.cleanup();
  tmp.cleanup();
});

const sha256sum = (dir: string, names: string[]): Record<string, string> =>
  Object.fromEntries(
    execFileSync('sha256sum', names, { cwd: dir, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => {
        const [hash, name] = line.split(/\s+\*?/, 2);
        return [name ?? '', hash ?? ''];
      }),
  );

const exportArgs = (to: string, ...more: string[]) => ['packet', 'export', '--vault', vault.dir, '--passphrase-file', passFile, '--case', kase.number, '--to', to, ...more];

describe('offramp packet export, verify and open', () => {
  it('round trip: export prints path and SHA-256; age and tar open it; open extracts byte-identical files whose hashes match the manifest', async () => {
    const medium = join(tmp.root, 'usb-1');
    mkdirSync(medium);
    const exported = await runOfframp(exportArgs(medium, '--recipient', keys.recipient, '--profile', 'fbi_referral', '--all-evidence', '--summary-pdf', summaryPdf, '--purpose', 'Section 811 referral'));
    expect(exported.code, exported.stderr).toBe(0);
    const [path, shaLine] = exported.stdout.trim().split('\n');
    expect(path).toMatch(new RegExp(`^${medium}/${kase.number}-fbi-[0-9a-f-]{36}\\.offramp-packet$`));
    expect(readdirSync(medium)).toHaveLength(1);
    expect(shaLine).toBe(`SHA-256 ${execFileSync('sha256sum', [path ?? ''], { encoding: 'utf8' }).split(' ')[0]}`);

    // Debian's age opens it with the recipient's identity file; GNU tar lists and extracts it.
    const tarFile = join(tmp.root, 'packet.tar');
    execFileSync('age', ['-d', '-i', keys.keyFile, '-o', tarFile, path ?? '']);
    const names = execFileSync('tar', ['-tf', tarFile], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual(['manifest.json', 'manifest.sig', 'signer.pem', 'case.json', 'custody.json', 'summary.pdf', 'evidence/Bank_statement_Oct_e.pdf', 'evidence/chat_log.txt']);
    const viaTar = join(tmp.root, 'via-tar');
    mkdirSync(viaTar);
    execFileSync('tar', ['-xf', tarFile, '-C', viaTar]);

    const verified = await runOfframp(['packet', 'verify', path ?? '', '--identity', keys.keyFile]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^Packet [0-9a-f-]{36} verified: signature valid, every file present with its SHA-256\./);
    expect(verified.stdout).toContain(`case        ${kase.number} (profile fbi_referral, recipient fbi)`);
    expect(verified.stdout).toContain('NOT CHECKED');

    const out = join(tmp.root, 'opened');
    const opened = await runOfframp(['packet', 'open', path ?? '', '--identity', keys.keyFile, '--out', out, '--json']);
    expect(opened.code, opened.stderr).toBe(0);
    const report = JSON.parse(opened.stdout) as { manifest: PacketManifest; extractedTo: string };
    expect(report.extractedTo).toBe(out);
    for (const name of names) expect(readFileSync(join(out, name)).equals(readFileSync(join(viaTar, name))), name).toBe(true);
    expect(readFileSync(join(out, 'evidence/chat_log.txt')).equals(evidenceFiles.chat.content)).toBe(true);
    expect(readFileSync(join(out, 'summary.pdf')).equals(readFileSync(summaryPdf))).toBe(true);

    const manifest = packetManifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(report.manifest).toEqual(manifest);
    const sums = sha256sum(out, manifest.files.map((f) => f.name));
    for (const f of manifest.files) expect(sums[f.name], f.name).toBe(f.sha256);

    // The signature and the signer's fingerprint check out with OpenSSL alone.
    const sig = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], { cwd: out, encoding: 'utf8' });
    expect(sig.stdout.trim(), sig.stderr).toBe('Signature Verified Successfully');
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', join(out, 'signer.pem'), '-outform', 'DER']);
    expect(execFileSync('sha256sum', { input: der, encoding: 'utf8' }).split(' ')[0]).toBe(manifest.signer.fingerprint);

    const pinned = await runOfframp(['packet', 'verify', path ?? '', '--identity', keys.keyFile, '--signer', manifest.signer.fingerprint.toUpperCase().replace(/(.{4})(?!$)/g, '$1 ')]);
    expect(pinned.stdout).toContain('matches the expected signer (--signer)');

    const session = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: () => new Date() });
    try {
      const events = session.db.prepare("SELECT action, detail FROM audit_events WHERE action IN ('packet.export', 'vault.lock') ORDER BY seq").all() as { action: string; detail: string }[];
      expect(events.map((e) => e.action)).toEqual(['packet.export', 'vault.lock']);
      expect(JSON.parse(events[0]?.detail ?? '{}')).toMatchObject({ recipient: 'fbi', profile: 'fbi_referral', evidence: 2, packetSha256: shaLine?.slice(8) });
      expect(verifyAudit(session.db).ok).toBe(true);
    } finally {
      session.close();
    }
  });

  it('a passphrase packet: written with age’s default work factor, opened by Debian’s age on a terminal and by packet verify', async () => {
    const medium = join(tmp.root, 'usb-2');
    mkdirSync(medium);
    const exported = await runOfframp(exportArgs(medium, '--packet-passphrase-file', packetPassFile, '--json'));
    expect(exported.code, exported.stderr).toBe(0);
    const { path } = JSON.parse(exported.stdout) as { path: string };
    const tarFile = join(tmp.root, 'pass.tar');
    // age reads passphrases only from a terminal: script gives it one.
    spawnSync('script', ['-qec', `age -d -o ${tarFile} ${path}`, '/dev/null'], { input: 'amber falcon quietly measures seven rivers\n', encoding: 'utf8' });
    expect(execFileSync('tar', ['-tf', tarFile], { encoding: 'utf8' })).toContain('manifest.json');
    const verified = await runOfframp(['packet', 'verify', path, '--packet-passphrase-file', packetPassFile, '--json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ decryptedWith: 'passphrase', manifest: { profile: 'consultation', recipient: 'consultant', encryption: { method: 'passphrase' } } });
    expect(readFileSync(path).subarray(0, 200).toString('latin1')).toMatch(/-> scrypt \S+ 18\n/);
  }, 30_000);

  it('refuses an output folder that is not empty, and writes nothing there', async () => {
    const medium = join(tmp.root, 'usb-3');
    mkdirSync(medium);
    const { stdout } = await runOfframp(exportArgs(medium, '--recipient', keys.recipient));
    const out = join(tmp.root, 'busy');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const result = await runOfframp(['packet', 'open', stdout.trim().split('\n')[0] ?? '', '--identity', keys.keyFile, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not empty: give a new or empty folder\./);
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });

  it('usage errors exit 2 and a wrong vault passphrase exits 3, each with one plain sentence', async () => {
    const medium = join(tmp.root, 'usb-4');
    mkdirSync(medium);
    const wrongPass = join(tmp.root, 'wrong.txt');
    writeFileSync(wrongPass, 'not the passphrase at all\n');
    const notKey = join(tmp.root, 'not-a-key.txt');
    writeFileSync(notKey, '# nothing here\n');
    const badChecksum = join(tmp.root, 'bad-checksum.txt');
    const identity = readFileSync(keys.keyFile, 'utf8').trim().split('\n').pop() ?? '';
    writeFileSync(badChecksum, `${identity.slice(0, -1)}${identity.endsWith('Q') ? 'P' : 'Q'}\n`);
    const cases: [string[], number, RegExp][] = [
      [['packet', 'export', '--vault', vault.dir, '--passphrase-file', passFile, '--case', kase.number, '--recipient', keys.recipient], 2, /Missing --to/],
      [exportArgs(medium), 2, /either --recipient .* or --packet-passphrase-file/],
      [exportArgs(medium, '--recipient', keys.recipient, '--packet-passphrase-file', packetPassFile), 2, /either --recipient/],
      [exportArgs(medium, '--recipient', 'age1nope'), 2, /not an age public key/],
      [exportArgs(medium, '--recipient', keys.recipient, '--profile', 'press_release'), 2, /Unknown profile "press_release"\. Choose one of: fbi_referral/],
      [['packet', 'export', '--vault', vault.dir, '--passphrase-file', passFile, '--case', 'OR-1999-0001', '--to', medium, '--recipient', keys.recipient], 2, /no case with the id or number OR-1999-0001/],
      [['packet', 'export', '--vault', vault.dir, '--passphrase-file', wrongPass, '--case', kase.number, '--to', medium, '--recipient', keys.recipient], 3, /Wrong user name or passphrase/],
      [exportArgs(join(medium, 'missing'), '--recipient', keys.recipient), 1, /is not a folder \(is the medium mounted\?\)/],
      [['packet', 'verify', join(tmp.root, 'nothing.offramp-packet'), '--identity', keys.keyFile], 2, /there is no such file/],
      [['packet', 'verify', passFile, '--identity', notKey], 2, /holds no age identity/],
      [['packet', 'verify', passFile, '--identity', badChecksum], 2, /checksum does not match/],
      [['packet', 'verify', passFile, '--identity', keys.keyFile, '--signer', 'abc'], 2, /64 hexadecimal digits/],
      [['packet', 'open', passFile, '--identity', keys.keyFile], 2, /Missing --out/],
      [['packet', 'verify', passFile, '--identity', keys.keyFile], 4, /not an age v1 file/],
    ];
    for (const [argv, code, message] of cases) {
      const result = await runOfframp(argv);
      expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(code);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/^offramp: [^\n]+\n$/);
    }
    expect(readdirSync(medium)).toEqual([]);
  });

  it('has --help for each packet command', async () => {
    for (const sub of ['export', 'verify', 'open']) {
      const result = await runOfframp(['packet', sub, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: offramp packet ${sub} `));
      expect(result.stdout).toContain('Exit codes');
    }
  });
});
