// Types for build/auditGate.mjs.
export interface AuditFinding {
  name: string;
  severity: string;
  fix: 'available' | 'semver-major' | 'none';
  fixTarget: string | null;
  range: string;
  advisories: { title: string; url: string; severity: string }[];
  through: string[];
}

export interface AuditDecision {
  outcome: 'pass' | 'fail' | 'unavailable' | 'invalid';
  exitCode: 0 | 1 | 2;
  reason: string;
  blocking: AuditFinding[];
  unfixed: AuditFinding[];
  lower: AuditFinding[];
}

export function evaluateAudit(output: string, options?: { required?: boolean }): AuditDecision;
export function formatDecision(decision: AuditDecision): string[];
export function runNpmAudit(cwd: string): string;
