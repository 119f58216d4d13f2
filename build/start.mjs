// `npm start` (after `npm run build`): launches Electron when its binary is present
// and runs; otherwise says so in one sentence and opens the same app as a preview
// in the system's Chromium (dist/preview/index.cjs), or says why it cannot.
// The decision itself is build/startDecision.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumCandidates, decideStart, electronBinaryPath } from './startDecision.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

function readPathTxt() {
  try {
    return readFileSync(join(electronDir, 'path.txt'), 'utf8');
  } catch {
    return null;
  }
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Present and answering `--version` (no window is needed for that). */
function electronRuns(path) {
  if (path === null || !existsSync(path) || !executable(path)) return false;
  const result = spawnSync(path, ['--version'], { timeout: 20_000, stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '' } });
  return result.status === 0;
}

const env = process.env;
const namedPath = electronBinaryPath(electronDir, env, readPathTxt());
// A path that names no file means the same as no path: the binary was never downloaded.
const electronPath = namedPath !== null && existsSync(namedPath) ? namedPath : null;
const decision = decideStart({
  platform: process.platform,
  env,
  electron: { path: electronPath, runs: electronRuns(electronPath) },
  chromium: chromiumCandidates(process.platform, env).find((candidate) => existsSync(candidate) && executable(candidate)) ?? null,
});

function run(command, args, childEnv) {
  const child = spawn(command, args, { stdio: 'inherit', env: childEnv, cwd: root });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (decision.kind === 'electron') {
  run(decision.path, ['.'], env);
} else if (decision.kind === 'fail') {
  process.stderr.write(`${decision.message}\n`);
  process.exit(decision.exitCode);
} else {
  process.stdout.write(`${decision.message}\n`);
  const preview = join(root, 'dist', 'preview', 'index.cjs');
  if (!existsSync(preview)) {
    process.stderr.write('The preview is not built yet: run `npm run build` first (npm start does).\n');
    process.exit(1);
  }
  run(process.execPath, [preview], { ...env, OFFRAMP_CHROMIUM: decision.chromium });
}
