// Types for build/licenses.mjs.
export interface LicensePolicy {
  allowed: string[];
  exceptions: Record<string, { license: string; reason?: string }>;
}

export type LicenseStatus = 'allowed' | 'exception' | 'rejected' | 'missing-license' | 'missing' | 'mismatch' | 'not-installed';

export interface LicenseEntry {
  name: string;
  version: string;
  path: string;
  license: string | null;
  status: LicenseStatus;
  note: string;
}

export const DEFAULT_POLICY_PATH: string;
export const DEFAULT_OUT_DIR: string;
export function readPolicy(path: string): LicensePolicy;
export function declaredLicense(manifest: Record<string, unknown>): string | undefined;
export function expressionAllowed(expression: string, allowed: readonly string[]): boolean;
export function collectLicenses(projectRoot: string, policy: LicensePolicy): LicenseEntry[];
export function licenseProblems(entries: readonly LicenseEntry[]): string[];
export function licenseSummary(entries: readonly LicenseEntry[]): { license: string; packages: number }[];
export function renderMarkdown(app: { name: string; version: string }, entries: readonly LicenseEntry[]): string;
export function writeLicenseReport(projectRoot: string, outDir: string, policyPath: string): { entries: LicenseEntry[]; problems: string[] };
