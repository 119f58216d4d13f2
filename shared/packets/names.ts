/**
 * Names of the files inside a referral packet. They are plain ASCII, at most two
 * levels deep (`case.json`, `evidence/scan-1.pdf`), and fit the 100-byte name field
 * of a ustar header, so a packet extracts the same on any file system and no name
 * can reach outside the folder it is extracted into.
 */

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const SIGNER_FILE = 'signer.pem';
export const CASE_FILE = 'case.json';
export const CUSTODY_FILE = 'custody.json';
export const SUMMARY_FILE = 'summary.pdf';
export const EVIDENCE_DIR = 'evidence';

/** The extension of a packet file, so dialogs can filter for it. */
export const PACKET_EXTENSION = 'offramp-packet';

/** Files that carry the signature; every other file is listed in the manifest. */
export const signatureFiles = [MANIFEST_FILE, SIGNATURE_FILE, SIGNER_FILE] as const;

export const MAX_ENTRY_NAME_BYTES = 100;
const segmentPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why a name may not appear in a packet, or null when it may. */
export function entryNameProblem(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  if (name.includes('\0')) return 'a NUL character in a name';
  if (name.includes('\\')) return 'a backslash in a name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  const segments = name.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'a path that climbs out of its folder (..)';
  if (segments.some((s) => s === '')) return 'an empty path segment';
  if (/[^\x20-\x7e]/.test(name)) return 'a character outside printable ASCII';
  if (name.length > MAX_ENTRY_NAME_BYTES) return `a name longer than ${MAX_ENTRY_NAME_BYTES} bytes`;
  if (segments.length > 2) return 'a path more than two levels deep';
  if (segments.length === 2 && segments[0] !== EVIDENCE_DIR) return `a folder other than ${EVIDENCE_DIR}/`;
  if (!segments.every((s) => segmentPattern.test(s))) return 'characters other than letters, digits, dot, dash and underscore';
  return null;
}

/** Names the manifest may list: the case extract, custody log, summary and evidence files. */
export function isListableName(name: string): boolean {
  if (entryNameProblem(name) !== null) return false;
  return name === CASE_FILE || name === CUSTODY_FILE || name === SUMMARY_FILE || name.startsWith(`${EVIDENCE_DIR}/`);
}

/** Two names that a case-insensitive file system would treat as one. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

const MAX_EVIDENCE_NAME = 80;

/**
 * A safe, unique packet name for an evidence file from the name it was received
 * under: accents dropped, anything else outside [A-Za-z0-9._-] replaced, the
 * extension kept, and a counter added when two names would collide.
 */
export function evidenceEntryName(original: string, taken: Set<string>): string {
  const ascii = original
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._-]+/, '');
  const dot = ascii.lastIndexOf('.');
  const hasExt = dot > 0 && /^[A-Za-z0-9]{1,10}$/.test(ascii.slice(dot + 1));
  const ext = hasExt ? ascii.slice(dot) : '';
  let base = (hasExt ? ascii.slice(0, dot) : ascii).replace(/[._-]+$/, '');
  if (base === '') base = 'file';
  base = base.slice(0, MAX_EVIDENCE_NAME - ext.length - 4);
  for (let n = 1; ; n++) {
    const candidate = `${EVIDENCE_DIR}/${n === 1 ? base : `${base}-${n}`}${ext}`;
    if (!taken.has(nameKey(candidate))) {
      taken.add(nameKey(candidate));
      return candidate;
    }
  }
}
