// Types for build/startDecision.mjs.
export type StartDecision =
  | { kind: 'electron'; path: string }
  | { kind: 'preview'; chromium: string; headless: boolean; message: string }
  | { kind: 'fail'; exitCode: number; message: string };

export function electronBinaryPath(electronDir: string, env: { ELECTRON_OVERRIDE_DIST_PATH?: string }, pathTxt: string | null): string | null;
export function chromiumCandidates(platform: string, env: Record<string, string | undefined>): string[];
export function hasDisplay(platform: string, env: Record<string, string | undefined>): boolean;
export function decideStart(facts: {
  platform: string;
  env: Record<string, string | undefined>;
  electron: { path: string | null; runs: boolean };
  chromium: string | null;
}): StartDecision;
