// What `npm start` does, decided from facts gathered by build/start.mjs: launch
// Electron when its binary is present and runs; otherwise open the browser preview
// in the system's Chromium, or say in one sentence why neither can happen.
// Pure: no file system, no processes (build/startDecision.test.ts).
import { join, posix, win32 } from 'node:path';

/**
 * Where the electron package keeps its binary, the way node_modules/electron/index.js
 * finds it — without that module's fallback of downloading one.
 * @param {string} electronDir node_modules/electron
 * @param {{ ELECTRON_OVERRIDE_DIST_PATH?: string }} env
 * @param {string | null} pathTxt contents of electronDir/path.txt, or null when absent
 * @returns {string | null}
 */
export function electronBinaryPath(electronDir, env, pathTxt) {
  const relative = pathTxt === null ? null : pathTxt.trim();
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  if (!relative) return null;
  return join(electronDir, 'dist', relative);
}

/**
 * Where Chrome or Chromium usually lives, most specific first. OFFRAMP_CHROMIUM wins.
 * @param {string} platform process.platform
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function chromiumCandidates(platform, env) {
  const own = env.OFFRAMP_CHROMIUM ? [env.OFFRAMP_CHROMIUM] : [];
  if (platform === 'darwin') {
    const apps = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const roots = ['/Applications', ...(env.HOME ? [posix.join(env.HOME, 'Applications')] : [])];
    return [...own, ...roots.flatMap((root) => apps.map((app) => posix.join(root, app)))];
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((r) => typeof r === 'string' && r !== '');
    const exes = ['Chromium\\Application\\chrome.exe', 'Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return [...own, ...roots.flatMap((root) => exes.map((exe) => win32.join(root, exe)))];
  }
  return [
    ...own,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
  ];
}

/**
 * Whether a window can be shown. Windows and macOS always have one; Linux and the
 * BSDs need an X11 or Wayland display.
 * @param {string} platform
 * @param {Record<string, string | undefined>} env
 */
export function hasDisplay(platform, env) {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY) || Boolean(env.WAYLAND_DISPLAY);
}

/**
 * @param {{
 *   platform: string,
 *   env: Record<string, string | undefined>,
 *   electron: { path: string | null, runs: boolean },
 *   chromium: string | null,
 * }} facts
 * @returns {import('./startDecision.d.mts').StartDecision}
 */
export function decideStart(facts) {
  if (facts.electron.path !== null && facts.electron.runs) {
    return { kind: 'electron', path: facts.electron.path };
  }
  const why =
    facts.electron.path === null
      ? "Electron's binary is not installed here (npm downloads it at install time, and this machine has no network)"
      : `Electron's binary at ${facts.electron.path} does not run on this machine`;
  if (facts.chromium === null) {
    return {
      kind: 'fail',
      exitCode: 1,
      message: `${why}, and no Chrome or Chromium was found for the preview: install one, or set OFFRAMP_CHROMIUM to its path.`,
    };
  }
  const headless = facts.env.OFFRAMP_PREVIEW_HEADLESS === '1';
  if (!headless && !hasDisplay(facts.platform, facts.env)) {
    return {
      kind: 'fail',
      exitCode: 3,
      message: `${why}, and the browser preview needs a display, but neither DISPLAY nor WAYLAND_DISPLAY is set: run it inside a desktop session, or under a virtual display such as \`xvfb-run npm start\`.`,
    };
  }
  return {
    kind: 'preview',
    chromium: facts.chromium,
    headless,
    message: `${why}, so Offramp opens as a preview in ${facts.chromium} instead.`,
  };
}
