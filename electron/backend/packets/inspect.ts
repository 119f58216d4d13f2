import type { ZodType } from 'zod';
import { AppError } from '../../../shared/contract';
import { packetCaseSchema, packetCustodySchema, type PacketCase, type PacketCustody } from '../../../shared/packets/extract';
import { packetManifestSchema, type PacketManifest } from '../../../shared/packets/manifest';
import { CASE_FILE, CUSTODY_FILE, MANIFEST_FILE, SIGNATURE_FILE, SIGNER_FILE, SUMMARY_FILE } from '../../../shared/packets/names';
import { packetProfile } from '../../../shared/packets/profiles';
import { describeZodError } from '../zodMessages';
import type { PacketLimits } from './limits';
import { sha256Hex } from './seal';
import { fingerprintOf, parseSignerPem, verifyBytes, vouchHolds } from './signing';
import { ArchiveError, readUstar, type TarEntry } from './ustar';

/** A packet whose archive, manifest, signature and every file have been checked. */
export interface InspectedPacket {
  readonly manifest: PacketManifest;
  readonly manifestSha256: string;
  /** The fingerprint a recipient trusts (pins): the signing key's, or the vouching hub key's. */
  readonly signerFingerprint: string;
  readonly signerPem: string;
  /** Every entry of the archive, in order (manifest, signature, signer, listed files). */
  readonly entries: readonly TarEntry[];
  readonly caseExtract: PacketCase;
  readonly custody: PacketCustody;
  file(name: string): Uint8Array;
}

/** The refusal of a packet, with why. */
export const bad = (why: string) => new AppError('integrity', `The packet is damaged, altered or not a referral packet: ${why}.`);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson<T>(bytes: Uint8Array, schema: ZodType<T>, name: string, max: number): T {
  if (bytes.length > max) throw bad(`${name} is larger than the ${max} bytes allowed`);
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    throw bad(`${name} is not UTF-8 JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw bad(`${name} does not match its format (${describeZodError(parsed.error)})`);
  return parsed.data;
}

/**
 * Checks the decrypted archive of a packet completely, in this order: the archive
 * is well formed and within limits; it starts with the manifest, its signature and
 * the signer's key; the signature over the manifest's exact bytes is valid and made
 * by the key the manifest names; the manifest matches its schema; exactly the
 * listed files follow, in order, each with the listed size and SHA-256; the case
 * extract and custody log match their schemas and agree with the manifest.
 * Whether the signer is trusted is the caller's question (pinning).
 */
export function inspectArchive(archive: Uint8Array, limits: PacketLimits): InspectedPacket {
  let entries: TarEntry[];
  try {
    entries = readUstar(archive, limits);
  } catch (error) {
    if (error instanceof ArchiveError) throw bad(`its archive is malformed: ${error.message}`);
    throw error;
  }
  const [manifestEntry, signatureEntry, signerEntry, ...listed] = entries;
  if (manifestEntry?.name !== MANIFEST_FILE || signatureEntry?.name !== SIGNATURE_FILE || signerEntry?.name !== SIGNER_FILE) {
    throw bad(`it does not begin with ${MANIFEST_FILE}, ${SIGNATURE_FILE} and ${SIGNER_FILE}`);
  }
  const parts = inspectParts(
    { manifest: manifestEntry.data, signature: signatureEntry.data, signer: signerEntry.data, listed: listed.map((e) => ({ name: e.name, size: e.data.length, sha256: sha256Hex(e.data), data: e.data })) },
    limits,
  );
  return { ...parts, entries };
}

/** A listed file of a packet: its size and SHA-256, and its bytes (or its first bytes) when they are at hand. */
export interface PacketPart {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
  readonly data?: Uint8Array;
  /** The first bytes of a file that was streamed rather than kept (enough to recognize a PDF). */
  readonly head?: Uint8Array;
}

/** The start of a packet that says who made it: the manifest, its signature and the signer's key. */
export interface SignedHead {
  readonly manifest: Uint8Array;
  readonly signature: Uint8Array;
  readonly signer: Uint8Array;
}

/**
 * The checks of a packet's signed head, in inspectArchive's order: the signer key,
 * the signature over the manifest's exact bytes, the manifest's schema, the key
 * the manifest names (or the hub's vouch for it), the recipient of its profile.
 * A streaming reader runs them before it reads any listed file.
 */
export function checkSignedHead(head: SignedHead, limits: PacketLimits): Pick<InspectedPacket, 'manifest' | 'manifestSha256' | 'signerFingerprint' | 'signerPem'> {
  if (head.manifest.length > limits.maxManifestBytes) throw bad(`${MANIFEST_FILE} is larger than ${limits.maxManifestBytes} bytes`);
  if (head.signer.length > 4096) throw bad(`${SIGNER_FILE} is too large to be a public key`);
  let signerPem: string;
  try {
    signerPem = utf8.decode(head.signer);
  } catch {
    throw bad(`${SIGNER_FILE} is not text`);
  }
  const signerKey = parseSignerPem(signerPem);
  if (signerKey === null) throw bad(`${SIGNER_FILE} is not an Ed25519 public key`);
  if (!verifyBytes(signerKey, head.manifest, head.signature)) throw bad('the signature over its manifest is not valid (the manifest was changed after signing, or the signature is damaged)');
  const manifest = parseJson(head.manifest, packetManifestSchema, MANIFEST_FILE, limits.maxManifestBytes);
  const keyFingerprint = fingerprintOf(signerKey);
  if (manifest.signer.fingerprint !== keyFingerprint) throw bad('it is signed by a key other than the one its manifest names');
  // A user's own key signs for the hub only with the hub key's vouch for that very key.
  const vouch = manifest.signer.vouch;
  if (vouch !== undefined && !vouchHolds(vouch, keyFingerprint)) throw bad(`the hub's vouch for the key of ${vouch.user} that signed it does not verify`);
  const signerFingerprint = vouch?.hub ?? keyFingerprint;
  if (manifest.recipient !== packetProfile(manifest.profile).recipient) throw bad(`its recipient ${manifest.recipient} does not fit its profile ${manifest.profile}`);
  return { manifest, manifestSha256: sha256Hex(head.manifest), signerFingerprint, signerPem };
}

/**
 * Every check of inspectArchive after the archive's structure: signature, manifest,
 * files against the manifest, case extract and custody log. The exporter runs it
 * on a packet it streams (evidence listed by size and hash, the rest in memory),
 * and so does the streaming reader, so a packet it could not open itself never
 * leaves and a streamed packet passes exactly the checks of one read whole.
 */
export function inspectParts(parts: SignedHead & { listed: readonly PacketPart[] }, limits: PacketLimits): Omit<InspectedPacket, 'entries'> {
  const { manifest, manifestSha256, signerFingerprint, signerPem } = checkSignedHead(parts, limits);
  const listed = parts.listed;
  const listedNames = manifest.files.map((f) => f.name);
  for (const entry of listed) if (!listedNames.includes(entry.name)) throw bad(`it holds a file its manifest does not list: ${entry.name}`);
  for (const name of listedNames) if (!listed.some((e) => e.name === name)) throw bad(`${name}, listed in its manifest, is missing`);
  if (listed.some((e, i) => e.name !== listedNames[i])) throw bad('its files are not in manifest order');
  const data = new Map<string, Uint8Array>();
  manifest.files.forEach((f, i) => {
    const entry = listed[i];
    if (entry === undefined) throw bad(`${f.name}, listed in its manifest, is missing`);
    if (entry.size !== f.size) throw bad(`${f.name} is ${entry.size} bytes, but its manifest says ${f.size}`);
    if (entry.sha256 !== f.sha256) throw bad(`${f.name} does not match its SHA-256 in the manifest`);
    if (entry.data !== undefined) data.set(f.name, entry.data);
  });
  const file = (name: string): Uint8Array => {
    const bytes = data.get(name);
    if (bytes === undefined) throw bad(`${name} is missing`);
    return bytes;
  };

  const caseExtract = parseJson(file(CASE_FILE), packetCaseSchema, CASE_FILE, limits.maxJsonBytes);
  const custody = parseJson(file(CUSTODY_FILE), packetCustodySchema, CUSTODY_FILE, limits.maxJsonBytes);
  if (caseExtract.case.id !== manifest.case.id || caseExtract.case.number !== manifest.case.number) throw bad(`${CASE_FILE} is about another case than its manifest`);
  if (caseExtract.profile !== manifest.profile) throw bad(`${CASE_FILE} was made for another profile than its manifest names`);
  // Each evidence file is the one taken in: its hash in the manifest is the hash
  // recorded at intake, so the chain of custody holds across the transfer.
  const evidenceFiles = manifest.files.filter((f) => f.name.startsWith('evidence/'));
  for (const f of evidenceFiles) {
    const item = caseExtract.evidence.find((e) => e.file === f.name);
    if (item === undefined) throw bad(`${f.name} is not described in ${CASE_FILE}`);
    if (item.sha256 !== f.sha256 || item.size !== f.size) throw bad(`${f.name} differs from the evidence item recorded at intake`);
  }
  for (const item of caseExtract.evidence) {
    if (item.file !== null && !evidenceFiles.some((f) => f.name === item.file)) throw bad(`${CASE_FILE} names an evidence file the packet lacks`);
  }
  const summary = listed.find((e) => e.name === SUMMARY_FILE);
  const summaryStart = summary?.data ?? summary?.head;
  if (summaryStart !== undefined && Buffer.from(summaryStart.subarray(0, 5)).toString('latin1') !== '%PDF-') throw bad(`${SUMMARY_FILE} is not a PDF`);

  return { manifest, manifestSha256, signerFingerprint, signerPem, caseExtract, custody, file };
}
