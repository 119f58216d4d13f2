// The afterPack hook with @electron/fuses mocked: which file it patches on each platform,
// the configuration it passes, and that a binary whose fuses did not take stops the build.
// build/afterPack.wire.test.ts runs the real library against a synthetic fuse wire.
import type * as ElectronFuses from '@electron/fuses';
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import { Arch } from 'electron-builder';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPack, electronBinaryPath, fuseConfigFor, fuseMismatches, type FusePackContext } from './afterPack';
import { config } from './electron-builder.config';
import { fuseConfig } from './fuses';

const fuses = vi.hoisted(() => ({
  flipFuses: vi.fn<(path: string, config: FuseV1Config) => Promise<number>>(),
  getCurrentFuseWire: vi.fn<(path: string) => Promise<Record<number | 'version', unknown>>>(),
}));

vi.mock('@electron/fuses', async (importOriginal) => {
  const actual = await importOriginal<typeof ElectronFuses>();
  return { ...actual, flipFuses: fuses.flipFuses, getCurrentFuseWire: fuses.getCurrentFuseWire };
});

const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);

/** A fuse wire as the binary would hold it after a successful flip. */
function wireFor(wanted: FuseV1Config, extraFuses = 0): Record<number | 'version', unknown> {
  const wire: Record<number | 'version', unknown> = { version: FuseVersion.V1 };
  for (const option of Object.values(FuseV1Options)) {
    if (typeof option === 'number') wire[option] = wanted[option] ? ON : OFF;
  }
  const known = Object.keys(wire).length - 1;
  for (let i = 0; i < extraFuses; i++) wire[known + i] = ON;
  return wire;
}

function context(electronPlatformName: string, arch: Arch = Arch.x64): FusePackContext {
  const packager = { appInfo: { productFilename: 'Offramp' }, executableName: 'offramp' };
  return { appOutDir: join('/out', `${electronPlatformName}-unpacked`), electronPlatformName, arch, packager };
}

describe('fuse configuration', () => {
  it('turns off every way to run the binary as something else and turns on integrity checks', () => {
    expect(fuseConfig).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('sets every fuse the installed @electron/fuses can name, so none is inherited by accident', () => {
    const named = Object.values(FuseV1Options).filter((option): option is FuseV1Options => typeof option === 'number');
    expect(named.length).toBeGreaterThanOrEqual(8);
    for (const option of named) expect(typeof fuseConfig[option as keyof typeof fuseConfig], FuseV1Options[option]).toBe('boolean');
  });

  it('cannot be changed at run time by the build', () => {
    expect(Object.isFrozen(fuseConfig)).toBe(true);
  });
});

describe('electron-builder wiring', () => {
  it('runs this afterPack hook, and fuses are not also set through electronFuses', () => {
    expect(config.afterPack).toBe(afterPack);
    expect(config).not.toHaveProperty('electronFuses');
  });
});

describe('afterPack', () => {
  beforeEach(() => {
    fuses.flipFuses.mockReset().mockResolvedValue(1);
    fuses.getCurrentFuseWire.mockReset().mockImplementation(() => Promise.resolve(wireFor(fuseConfig)));
  });

  it.each([
    ['linux', join('/out/linux-unpacked', 'offramp')],
    ['win32', join('/out/win32-unpacked', 'Offramp.exe')],
    ['darwin', join('/out/darwin-unpacked', 'Offramp.app')],
    ['mas', join('/out/mas-unpacked', 'Offramp.app')],
  ])('patches the Electron binary of a %s package at %s', async (platform, expected) => {
    expect(electronBinaryPath(context(platform))).toBe(expected);
    await afterPack(context(platform));
    expect(fuses.flipFuses).toHaveBeenCalledTimes(1);
    expect(fuses.flipFuses).toHaveBeenCalledWith(expected, expect.objectContaining(fuseConfig));
    expect(fuses.getCurrentFuseWire).toHaveBeenCalledWith(expected);
  });

  it('names the Linux binary by the packager executable name, not the product name', () => {
    const linux = context('linux');
    const renamed: FusePackContext = { ...linux, packager: { appInfo: { productFilename: 'Offramp' }, executableName: 'offramp-hub' } as FusePackContext['packager'] };
    expect(electronBinaryPath(renamed)).toBe(join('/out/linux-unpacked', 'offramp-hub'));
    const nameless: FusePackContext = { ...linux, packager: { appInfo: { productFilename: 'Offramp' } } };
    expect(() => electronBinaryPath(nameless)).toThrow(/executable name/);
  });

  it('refuses a platform it does not know instead of guessing a file', async () => {
    await expect(afterPack(context('freebsd'))).rejects.toThrow(/no fuse handling for platform "freebsd"/);
    expect(fuses.flipFuses).not.toHaveBeenCalled();
  });

  it('re-signs ad hoc only for Apple Silicon and universal macOS builds', () => {
    expect(fuseConfigFor(context('darwin', Arch.arm64)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor(context('darwin', Arch.universal)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor(context('mas', Arch.arm64)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor(context('darwin', Arch.x64)).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor(context('linux', Arch.arm64)).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor(context('win32', Arch.x64)).resetAdHocDarwinSignature).toBe(false);
  });

  it('passes the full fuse configuration, adding only the signature flag', async () => {
    await afterPack(context('darwin', Arch.arm64));
    const passed = fuses.flipFuses.mock.calls[0]?.[1];
    expect(passed).toEqual({ ...fuseConfig, resetAdHocDarwinSignature: true });
  });

  it('fails the build when the binary does not read back with the configured fuses', async () => {
    const wire = wireFor(fuseConfig);
    wire[FuseV1Options.RunAsNode] = ON;
    wire[FuseV1Options.OnlyLoadAppFromAsar] = 'r'.charCodeAt(0);
    fuses.getCurrentFuseWire.mockResolvedValue(wire);
    await expect(afterPack(context('win32'))).rejects.toThrow(/RunAsNode should be off but the binary has "1"[\s\S]*OnlyLoadAppFromAsar should be on but the binary has "r"/);
  });

  it('accepts a wire with fuses newer than @electron/fuses can name, left at their defaults', async () => {
    fuses.getCurrentFuseWire.mockResolvedValue(wireFor(fuseConfig, 1));
    await expect(afterPack(context('linux'))).resolves.toBeUndefined();
  });

  it('lets a failure of @electron/fuses itself stop the build', async () => {
    fuses.flipFuses.mockRejectedValue(new Error('Could not find sentinel in the provided Electron binary'));
    await expect(afterPack(context('linux'))).rejects.toThrow(/sentinel/);
    expect(fuses.getCurrentFuseWire).not.toHaveBeenCalled();
  });
});

describe('fuseMismatches', () => {
  it('reports nothing for a wire that matches and names each fuse that does not', () => {
    expect(fuseMismatches(wireFor(fuseConfig), fuseConfig)).toEqual([]);
    const wire = wireFor(fuseConfig);
    delete wire[FuseV1Options.GrantFileProtocolExtraPrivileges];
    expect(fuseMismatches(wire, fuseConfig)).toEqual(['GrantFileProtocolExtraPrivileges should be off but the binary has "missing"']);
  });
});
