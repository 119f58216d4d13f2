import { existsSync, openSync, closeSync, ftruncateSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptPacket, encryptPacket } from '../../electron/backend/packets/ageLayer';
import { readPacketBytes } from '../../electron/backend/packets/receive';
import { exportPacket } from '../../electron/backend/services/packetExport';
import { ownPublicKey, pinKey } from '../../electron/backend/services/packetKeys';
import { importPacket } from '../../electron/backend/services/packetReceive';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { runOfframp } from '../helpers/cli';
import { entriesOf, otherSigningKey, resigned, rewrite, withRawName, withRawSize, withType } from '../helpers/hostilePackets';
import { ageKeys, openPacketCase, receivingVault, scratch, type AgeKeys } from '../helpers/packets';
import { createTestVault, type TestVault } from '../helpers/vault';

let vault: TestVault;
let receiver: TestVault;
let tmp: ReturnType<typeof scratch>;
let keys: AgeKeys;
let stranger: AgeKeys;
let packet: Buffer;
let archive: Buffer;
let passphrasePacket: Buffer;
let senderFingerprint: string;
let counter = 0;

beforeAll(async () => {
  vault = await createTestVault();
  tmp = scratch('offramp-hostile-');
  keys = await ageKeys(tmp.root);
  stranger = await ageKeys(tmp.root, 'stranger.txt');
  const kase = await openPacketCase(vault);
  const base = { caseId: kase.caseId, profile: 'fbi_referral' as const, selection: { evidenceIds: kase.evidenceIds }, purpose: 'referral', targetDir: tmp.medium };
  const made = await exportPacket(vault.session, { ...base, key: { kind: 'recipient', recipient: keys.recipient } }, { now: vault.now() });
  packet = readFileSync(made.path);
  archive = Buffer.from(await decryptPacket(packet, { kind: 'identities', identities: [keys.identity] }));
  const withPassphrase = await exportPacket(vault.session, { ...base, key: { kind: 'passphrase', passphrase: 'amber falcon quietly measures seven rivers' } }, { now: vault.now(), scryptLogN: 10 });
  passphrasePacket = readFileSync(withPassphrase.path);
  senderFingerprint = ownPublicKey(vault.session.db).fingerprint;
  receiver = await receivingVault(tmp.root);
  await pinKey(receiver.session, 'Hub West', ownPublicKey(vault.session.db).publicKeyPem, receiver.now());
});
afterAll(() => {
  receiver.cleanup();
  vault.cleanup();
  tmp.cleanup();
});

const seal = async (plain: Uint8Array) => Buffer.from(await encryptPacket(plain, { kind: 'recipient', recipient: keys.recipient }));

function save(bytes: Uint8Array): string {
  counter += 1;
  const path = join(tmp.root, `hostile-${counter}.offramp-packet`);
  writeFileSync(path, bytes);
  return path;
}

/** Runs verify and open on a hostile packet: both refuse with `code`; open writes nothing. */
async function refused(bytes: Uint8Array, code: 3 | 4, message: RegExp, keyFile = keys.keyFile): Promise<void> {
  const file = save(bytes);
  const verify = await runOfframp(['packet', 'verify', file, '--identity', keyFile]);
  expect(verify.code, verify.stderr).toBe(code);
  expect(verify.stderr).toMatch(message);
  expect(verify.stderr).not.toMatch(/\n\s+at /);
  expect(verify.stderr.trim().split(/(?<=\.)\s/).length).toBeLessThanOrEqual(3);
  const out = join(tmp.root, `out-${counter}`);
  const open = await runOfframp(['packet', 'open', file, '--identity', keyFile, '--out', out]);
  expect(open.code).toBe(code);
  expect(existsSync(out)).toBe(false);
}

describe('hostile packets are refused with a clear message and change nothing', () => {
  it('accepts the genuine packet (the baseline the forgeries start from)', async () => {
    const ok = await runOfframp(['packet', 'verify', save(packet), '--identity', keys.keyFile, '--signer', senderFingerprint.replace(/(.{4})/g, '$1:')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('matches the expected signer');
  });

  it('truncated anywhere: integrity failure (exit 4)', async () => {
    for (const cut of [0, 10, 40, 120, packet.length - 1000, packet.length - 17, packet.length - 1]) {
      await refused(packet.subarray(0, cut), 4, /damaged, altered or not a referral packet/);
    }
  });

  it('bit-flipped ciphertext in the payload or the header MAC: exit 4', async () => {
    for (const at of [packet.length - 5, Math.floor(packet.length / 2), packet.indexOf('\n---') + 6]) {
      const flipped = Buffer.from(packet);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      await refused(flipped, 4, /damaged, altered/);
    }
  });

  it('a manifest changed and re-encrypted to the same key: the signature fails, exit 4', async () => {
    const entries = entriesOf(archive);
    const manifest = Buffer.from(entries[0]?.data ?? []).toString('utf8');
    const forged = rewrite(archive, (list) => list.map((e) => (e.name === 'manifest.json' ? { ...e, data: Buffer.from(manifest.replace('"referral"', '"REFERRAL"')) } : e)));
    await refused(await seal(forged), 4, /signature over its manifest is not valid/);
  });

  it('a file changed behind an intact manifest: its hash fails, exit 4', async () => {
    const forged = rewrite(archive, (list) => list.map((e) => (e.name === 'case.json' ? { ...e, data: Buffer.from(Buffer.from(e.data).toString('utf8').replace('"moderate"', '"critical"').replace('"low"', '"high"').replace('"not_assessed"', '"critical"')) } : e)));
    await refused(await seal(forged), 4, /(case\.json does not match its SHA-256|case\.json is \d+ bytes)/);
  });

  it('re-signed by another key: valid but not the expected signer; refused for import unless pinned', async () => {
    const forged = await seal(resigned(archive, otherSigningKey()));
    const file = save(forged);
    const plain = await runOfframp(['packet', 'verify', file, '--identity', keys.keyFile]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('NOT CHECKED');
    expect(plain.stdout).not.toContain(senderFingerprint);
    const expecting = await runOfframp(['packet', 'verify', file, '--identity', keys.keyFile, '--signer', senderFingerprint]);
    expect(expecting.code).toBe(4);
    expect(expecting.stderr).toMatch(/not by the expected .*do not trust it/);
    await expect(importPacket(receiver.session, file, { kind: 'identities', identities: [keys.identity] }, receiver.now())).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('the wrong identity or passphrase: authentication failure (exit 3)', async () => {
    await refused(packet, 3, /does not open this packet/, stranger.keyFile);
    const file = save(passphrasePacket);
    const wrong = join(tmp.root, 'wrong-pass.txt');
    writeFileSync(wrong, 'amber falcon quietly measures six rivers\n');
    const result = await runOfframp(['packet', 'verify', file, '--packet-passphrase-file', wrong]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/passphrase is wrong/);
    expect((await runOfframp(['packet', 'verify', file, '--identity', keys.keyFile])).code).toBe(3);
  });

  it('a packet file beyond the size limit is refused unread; a hostile scrypt work factor too', async () => {
    const huge = join(tmp.root, 'huge.offramp-packet');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024); // sparse: takes no room
    closeSync(fd);
    const started = Date.now();
    const result = await runOfframp(['packet', 'verify', huge, '--identity', keys.keyFile]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/larger than the 536870912 bytes a packet may have; it was not read/);
    expect(Date.now() - started).toBeLessThan(2000);
    const header = passphrasePacket.subarray(0, passphrasePacket.indexOf('\n---')).toString('latin1');
    const greedy = Buffer.concat([Buffer.from(header.replace(/ 10$/m, ' 22'), 'latin1'), passphrasePacket.subarray(header.length)]);
    const pass = join(tmp.root, 'pass.txt');
    writeFileSync(pass, 'amber falcon quietly measures seven rivers\n');
    const greedyRun = await runOfframp(['packet', 'verify', save(greedy), '--packet-passphrase-file', pass]);
    expect(greedyRun.code).toBe(4);
    expect(greedyRun.stderr).toMatch(/work factor of 2\^22/);
  });

  it('zip-bomb-like sizes, declared or real, are refused before anything is allocated', async () => {
    await refused(await seal(withRawSize(archive, 3, '77777777777')), 4, /declares 8589934591 bytes, more than the 268435456 allowed/);
    await refused(await seal(withRawSize(archive, 3, (1 << 24).toString(8))), 4, /declares more bytes than the archive holds/);
    const small = { maxPacketBytes: 1 << 20, maxEntries: 20, maxEntryBytes: 1000, maxTotalBytes: 1 << 20, maxManifestBytes: 1 << 16, maxJsonBytes: 1 << 16 };
    await expect(readPacketBytes(packet, { kind: 'identities', identities: [keys.identity] }, small)).rejects.toMatchObject({ code: 'integrity', message: expect.stringMatching(/declares \d+ bytes, more than the 1000 allowed/) as string });
    await expect(readPacketBytes(packet, { kind: 'identities', identities: [keys.identity] }, { ...small, maxEntryBytes: 1 << 20, maxTotalBytes: 3000 })).rejects.toMatchObject({ code: 'integrity', message: expect.stringMatching(/more than the 3000 bytes allowed in a packet/) as string });
    const many = rewrite(archive, (list) => [...list, ...Array.from({ length: 30 }, (_, i) => ({ name: `evidence/x${i}`, data: Buffer.alloc(0) }))]);
    await expect(readPacketBytes(await seal(many), { kind: 'identities', identities: [keys.identity] }, { ...small, maxEntryBytes: 1 << 20 })).rejects.toMatchObject({ message: expect.stringMatching(/more than 20 files/) as string });
  });

  it('path traversal, absolute, backslash and NUL names, links, duplicates, unlisted and missing files: exit 4, nothing extracted', async () => {
    const last = entriesOf(archive).length - 1;
    const forgeries: [Buffer, RegExp][] = [
      [withRawName(archive, last, '../../evil.txt'), /climbs out of its folder/],
      [withRawName(archive, last, 'evidence/../../evil.txt'), /climbs out of its folder/],
      [withRawName(archive, last, '/tmp/evil.txt'), /absolute path/],
      [withRawName(archive, last, 'evidence\\..\\evil.txt'), /backslash/],
      [withRawName(archive, last, Buffer.from('evidence/a\0../../evil')), /NUL character/],
      [withType(archive, last, '2'), /not a regular file/],
      [withType(archive, last, '5'), /not a regular file/],
      [rewrite(archive, (list) => [...list, { name: 'case.json', data: Buffer.from('{}') }]), /appears twice/],
      [rewrite(archive, (list) => [...list, { name: 'evidence/CHAT_LOG.txt', data: Buffer.from('x') }]), /appears twice/],
      [rewrite(archive, (list) => [...list, { name: 'evidence/extra.txt', data: Buffer.from('x') }]), /does not list: evidence\/extra\.txt/],
      [rewrite(archive, (list) => list.slice(0, -1)), /listed in its manifest, is missing/],
      [rewrite(archive, (list) => [list[1], list[0], ...list.slice(2)].filter((e) => e !== undefined)), /does not begin with manifest\.json/],
    ];
    for (const [forged, message] of forgeries) await refused(await seal(forged), 4, message);
    const stray = readdirSync(tmp.root).filter((n) => n.includes('evil'));
    expect(stray).toEqual([]);
    expect(existsSync('/tmp/evil.txt')).toBe(false);
  });

  it('leaves the receiving vault untouched: no case, evidence or packet, and a sound audit chain', async () => {
    const key = { kind: 'identities' as const, identities: [keys.identity] };
    for (const forged of [withRawName(archive, 3, '../x'), rewrite(archive, (l) => l.slice(0, -1))]) {
      await expect(importPacket(receiver.session, save(await seal(forged)), key, receiver.now())).rejects.toMatchObject({ code: 'integrity' });
    }
    const counts = receiver.session.db
      .prepare('SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM evidence) AS evidence, (SELECT count(*) FROM packets) AS packets, (SELECT count(*) FROM custody_events) AS custody')
      .get();
    expect(counts).toEqual({ cases: 0, evidence: 0, packets: 0, custody: 0 });
    expect(verifyAudit(receiver.session.db).ok).toBe(true);
  });
});
