// Security-advisory gate for the production dependencies (npm run audit:prod, and CI).
//
//   node build/auditGate.mjs                       run `npm audit --omit=dev --json` and judge it
//   node build/auditGate.mjs --input report.json   judge a saved report instead
//   --require-service (or OFFRAMP_AUDIT_REQUIRED=1) treats an unreachable advisory
//   service as a failure, for release builds that must not skip the check
//
// Fails (exit 1) when a production dependency in package-lock.json has a high or critical
// advisory AND a fix is available (including a semver-major one): there is something to
// upgrade to. High or critical advisories without any fix are listed for review but do
// not fail; moderate and lower are counted. When the advisory service cannot be reached
// (an air-gapped or filtered network), the gate says so and passes (exit 0) unless the
// service is required. Output it cannot recognise is an error (exit 2), never a pass.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BLOCKING_SEVERITIES = new Set(['high', 'critical']);
const SEVERITY_ORDER = ['critical', 'high', 'moderate', 'low', 'info'];

// Error codes that mean "could not talk to the advisory service", not "the project is broken".
const UNREACHABLE_CODES =
  /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|ENETUNREACH|ENETDOWN|EHOSTUNREACH|EPIPE|EPROTO|ENOAUDIT|ERR_SOCKET_TIMEOUT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_[A-Z_]+)$/;

function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function fixOf(vulnerability) {
  const fix = vulnerability.fixAvailable;
  if (fix === true) return 'available';
  if (fix && typeof fix === 'object') return fix.isSemVerMajor === true ? 'semver-major' : 'available';
  return 'none';
}

function findingOf(name, vulnerability) {
  const advisories = (Array.isArray(vulnerability.via) ? vulnerability.via : [])
    .filter((via) => via && typeof via === 'object')
    .map((via) => ({ title: String(via.title ?? ''), url: String(via.url ?? ''), severity: String(via.severity ?? '') }));
  const through = (Array.isArray(vulnerability.via) ? vulnerability.via : []).filter((via) => typeof via === 'string');
  return {
    name: typeof vulnerability.name === 'string' ? vulnerability.name : name,
    severity: String(vulnerability.severity),
    fix: fixOf(vulnerability),
    fixTarget: vulnerability.fixAvailable && typeof vulnerability.fixAvailable === 'object' ? `${vulnerability.fixAvailable.name}@${vulnerability.fixAvailable.version}` : null,
    range: typeof vulnerability.range === 'string' ? vulnerability.range : '',
    advisories,
    through,
  };
}

/** Why an npm error report means the service was unreachable, or null if it does not. */
function unreachableReason(report) {
  const error = report.error && typeof report.error === 'object' ? report.error : {};
  const code = typeof error.code === 'string' ? error.code : typeof report.code === 'string' ? report.code : '';
  const status = typeof report.statusCode === 'number' ? report.statusCode : typeof error.statusCode === 'number' ? error.statusCode : undefined;
  const message = [report.message, error.summary, error.detail].filter((part) => typeof part === 'string' && part !== '').join(' ');
  if (code !== '' && UNREACHABLE_CODES.test(code)) return `${code}${message ? `: ${message}` : ''}`;
  // An HTTP error from the advisory endpoint itself: a proxy or mirror that refuses the
  // bulk-advisory request, or the service being down.
  const uri = typeof report.uri === 'string' ? report.uri : message;
  if (status !== undefined && status >= 400 && /\/-\/npm\/v1\/security\//.test(uri)) return `HTTP ${status} from the advisory service${message ? `: ${message}` : ''}`;
  if (/audit endpoint returned an error/i.test(message)) return message;
  return null;
}

/**
 * Judges the output of `npm audit --omit=dev --json`.
 * @param {string} output   the JSON npm printed (stdout)
 * @param {{ required?: boolean }} options
 */
export function evaluateAudit(output, options = {}) {
  const required = options.required === true;
  const parsed = parseJson(output.trim());
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
    return { outcome: 'invalid', exitCode: 2, reason: output.trim() === '' ? 'npm audit printed nothing' : 'npm audit did not print JSON', blocking: [], unfixed: [], lower: [] };
  }
  const report = parsed.value;

  if (report.auditReportVersion === 2 && report.vulnerabilities && typeof report.vulnerabilities === 'object') {
    const findings = Object.entries(report.vulnerabilities).map(([name, vulnerability]) => findingOf(name, vulnerability));
    const bySeverity = (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || (a.name < b.name ? -1 : 1);
    const serious = findings.filter((finding) => BLOCKING_SEVERITIES.has(finding.severity));
    const blocking = serious.filter((finding) => finding.fix !== 'none').sort(bySeverity);
    const unfixed = serious.filter((finding) => finding.fix === 'none').sort(bySeverity);
    const lower = findings.filter((finding) => !BLOCKING_SEVERITIES.has(finding.severity)).sort(bySeverity);
    return blocking.length > 0
      ? { outcome: 'fail', exitCode: 1, reason: `${blocking.length} high or critical advisory(ies) with a fix available`, blocking, unfixed, lower }
      : { outcome: 'pass', exitCode: 0, reason: 'no high or critical advisory with a fix available', blocking, unfixed, lower };
  }

  const unreachable = unreachableReason(report);
  if (unreachable !== null) {
    return {
      outcome: 'unavailable',
      exitCode: required ? 1 : 0,
      reason: `the advisory service could not be reached (${unreachable})`,
      blocking: [],
      unfixed: [],
      lower: [],
    };
  }
  const error = report.error && typeof report.error === 'object' ? report.error : {};
  const detail = [error.code, error.summary, report.message].filter((part) => typeof part === 'string' && part !== '').join(': ');
  return { outcome: 'invalid', exitCode: 2, reason: `unrecognised npm audit output${detail ? ` (${detail})` : ''}`, blocking: [], unfixed: [], lower: [] };
}

function describe(finding) {
  const fix = finding.fix === 'none' ? 'no fix available' : finding.fix === 'semver-major' ? `fix: ${finding.fixTarget ?? 'upgrade'} (semver-major)` : `fix: ${finding.fixTarget ?? 'npm audit fix'}`;
  const advisories = finding.advisories.map((a) => `${a.title}${a.url ? ` <${a.url}>` : ''}`);
  const via = advisories.length > 0 ? advisories.join('; ') : finding.through.length > 0 ? `via ${finding.through.join(', ')}` : '';
  return `${finding.severity.padEnd(8)} ${finding.name} ${finding.range}: ${fix}${via ? ` | ${via}` : ''}`;
}

export function formatDecision(decision) {
  const lines = [];
  const heading = { pass: 'PASS', fail: 'FAIL', unavailable: decision.exitCode === 0 ? 'SKIPPED' : 'FAIL', invalid: 'ERROR' }[decision.outcome];
  lines.push(`audit:prod ${heading}: ${decision.reason}`);
  if (decision.outcome === 'unavailable') {
    lines.push(
      decision.exitCode === 0
        ? '  Production dependencies were NOT checked for advisories. Run npm run audit:prod on a connected machine before a release.'
        : '  The check is required here (--require-service or OFFRAMP_AUDIT_REQUIRED=1), so this fails.',
    );
  }
  if (decision.blocking.length > 0) lines.push('  Blocking (high/critical, fix available):', ...decision.blocking.map((f) => `    ${describe(f)}`));
  if (decision.unfixed.length > 0) lines.push('  For review (high/critical, no fix yet; not blocking):', ...decision.unfixed.map((f) => `    ${describe(f)}`));
  if (decision.lower.length > 0) lines.push(`  Lower severity (not blocking): ${decision.lower.map((f) => `${f.name} (${f.severity})`).join(', ')}`);
  return lines;
}

/** Runs npm audit for the production tree; npm's own exit status is not the verdict. */
export function runNpmAudit(cwd) {
  // Under `npm run`, npm_execpath is npm's own CLI script; run it with this Node so no
  // shell or PATH lookup is involved. Otherwise fall back to `npm` on the PATH.
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const run = spawnSync(command, [...args, 'audit', '--omit=dev', '--json'], {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
    shell: command === 'npm.cmd',
  });
  if (run.error && run.error.code === 'ETIMEDOUT') return JSON.stringify({ error: { code: 'ETIMEDOUT', summary: 'npm audit timed out' } });
  if (run.error) throw run.error;
  return run.stdout;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const inputAt = argv.indexOf('--input');
  const required = argv.includes('--require-service') || process.env.OFFRAMP_AUDIT_REQUIRED === '1';
  try {
    const output = inputAt === -1 ? runNpmAudit(process.cwd()) : readFileSync(argv[inputAt + 1] ?? '', 'utf8');
    const decision = evaluateAudit(output, { required });
    const text = `${formatDecision(decision).join('\n')}\n`;
    if (decision.exitCode === 0) process.stdout.write(text);
    else process.stderr.write(text);
    process.exit(decision.exitCode);
  } catch (error) {
    console.error(`audit:prod ERROR: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
