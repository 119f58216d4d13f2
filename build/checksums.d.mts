// Types for build/checksums.mjs (a plain Node script, so the tests can import it).
export interface ChecksumEntry {
  name: string;
  sha256: string;
}

export interface VerifyResult {
  good: string[];
  bad: string[];
  missing: string[];
  unlisted: string[];
}

export const SUMS_FILE: 'SHA256SUMS';
export function releaseFiles(dir: string): string[];
export function isInstaller(name: string): boolean;
export function sha256File(path: string): Promise<string>;
export function formatSums(entries: readonly ChecksumEntry[]): string;
export function parseSums(text: string): ChecksumEntry[];
export function writeChecksums(dir: string): Promise<ChecksumEntry[]>;
export function verifyChecksums(dir: string): Promise<VerifyResult>;
