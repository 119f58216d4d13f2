// electron-builder's afterPack hook: runs once per platform and architecture after the
// app is laid out in appOutDir and before anything is signed or wrapped into an
// installer. It flips the fuses of build/fuses.ts in the Electron binary, then reads the
// wire back, so a binary that did not take the fuses never reaches an installer.
import { flipFuses, FuseV1Options, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';
import { Arch, log } from 'electron-builder';
import { join } from 'node:path';
import { fuseConfig } from './fuses';

/**
 * The part of electron-builder's AfterPackContext the hook reads. On Linux the packager
 * is a LinuxPackager, which adds `executableName`.
 */
export interface FusePackContext {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly arch: Arch;
  readonly packager: { readonly appInfo: { readonly productFilename: string } };
}

// The fuse wire stores each fuse as an ASCII byte: '0' off, '1' on, 'r' removed.
const WIRE_OFF = '0'.charCodeAt(0);
const WIRE_ON = '1'.charCodeAt(0);

/**
 * The file @electron/fuses must patch: the executable on Windows and Linux, the .app
 * bundle on macOS (the library finds the Electron Framework inside it). Mirrors how
 * electron-builder names the binary for each platform.
 */
export function electronBinaryPath(context: FusePackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux': {
      // Linux binaries are named by linux.executableName (lower case), not productName.
      const name = 'executableName' in packager ? packager.executableName : undefined;
      if (typeof name !== 'string' || name.length === 0) {
        throw new Error('afterPack: the Linux packager did not report an executable name');
      }
      return join(appOutDir, name);
    }
    default:
      throw new Error(`afterPack: no fuse handling for platform "${electronPlatformName}"`);
  }
}

/**
 * The configuration for one binary. Rewriting the fuse bytes breaks the ad-hoc signature
 * that Apple Silicon requires of every executable, so for arm64 (and universal) macOS
 * builds @electron/fuses re-signs ad hoc; a Developer ID signature replaces it later.
 */
export function fuseConfigFor(context: FusePackContext): FuseV1Config {
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  const needsAdHocSignature = isMac && (context.arch === Arch.arm64 || context.arch === Arch.universal);
  return { ...fuseConfig, resetAdHocDarwinSignature: needsAdHocSignature };
}

/** Fuses whose state in the binary differs from the configuration, by name. */
export function fuseMismatches(wire: Readonly<Record<number, unknown>>, config: FuseV1Config): string[] {
  const mismatches: string[] = [];
  for (const option of Object.values(FuseV1Options)) {
    if (typeof option !== 'number') continue;
    const wanted = config[option];
    if (wanted === undefined) continue;
    const actual = wire[option];
    if (actual !== (wanted ? WIRE_ON : WIRE_OFF)) {
      const shown = typeof actual === 'number' ? String.fromCharCode(actual) : 'missing';
      mismatches.push(`${FuseV1Options[option]} should be ${wanted ? 'on' : 'off'} but the binary has "${shown}"`);
    }
  }
  return mismatches;
}

export async function afterPack(context: FusePackContext): Promise<void> {
  const binary = electronBinaryPath(context);
  const config = fuseConfigFor(context);
  await flipFuses(binary, config);

  const wire = await getCurrentFuseWire(binary);
  const mismatches = fuseMismatches(wire, config);
  if (mismatches.length > 0) {
    throw new Error(`afterPack: fuses did not take in ${binary}:\n  ${mismatches.join('\n  ')}`);
  }
  // Newer Electron releases add fuses this version of @electron/fuses cannot name; they
  // keep Electron's default, and the log says so in every build.
  const known = Object.values(FuseV1Options).filter((option) => typeof option === 'number').length;
  const unnamed = Object.keys(wire).filter((key) => /^\d+$/.test(key) && Number(key) >= known);
  log.info(
    { binary, unnamedFusesAtElectronDefault: unnamed.length > 0 ? unnamed.join(',') : 'none' },
    'Electron fuses flipped and verified',
  );
}
