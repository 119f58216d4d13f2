// The afterPack hook with the real @electron/fuses, on a file that carries a fuse wire
// laid out as in an Electron 45 binary (sentinel, version, length, one byte per fuse).
// No Electron download is needed, yet the bytes the library writes are the real ones.
import { FuseV1Options } from '@electron/fuses';
import { Arch } from 'electron-builder';
import type { Configuration } from 'electron-builder';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterPack, type FusePackContext } from './afterPack';

// Electron's fuse sentinel (electron/build/fuses/build.py), the marker @electron/fuses seeks.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's shipped defaults for its nine fuses; the ninth (WasmTrapHandlers) is newer
// than the installed @electron/fuses and must survive untouched.
const ELECTRON_DEFAULT_WIRE = '101100011';

function fakeBinary(wire: string): Buffer {
  const filler = Buffer.alloc(4096, 0x90);
  const header = Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, wire.length]), Buffer.from(wire, 'ascii')]);
  return Buffer.concat([filler, header, filler]);
}

function wireOf(file: Buffer, length: number): string {
  const at = file.indexOf(SENTINEL) + SENTINEL.length;
  return file.toString('ascii', at + 2, at + 2 + length);
}

describe('afterPack on a synthetic Electron binary', () => {
  let appOutDir: string;

  beforeEach(() => {
    appOutDir = mkdtempSync(join(tmpdir(), 'offramp-fuses-'));
  });
  afterEach(() => {
    rmSync(appOutDir, { recursive: true, force: true });
  });

  it('writes the hardened wire into a Linux binary and leaves unknown fuses alone', async () => {
    const binary = join(appOutDir, 'offramp');
    const before = fakeBinary(ELECTRON_DEFAULT_WIRE);
    writeFileSync(binary, before);
    const context: FusePackContext = {
      appOutDir,
      electronPlatformName: 'linux',
      arch: Arch.x64,
      packager: { appInfo: { productFilename: 'Offramp' }, executableName: 'offramp' } as FusePackContext['packager'],
    };

    await afterPack(context);

    const after = readFileSync(binary);
    expect(after.length).toBe(before.length);
    const wire = wireOf(after, ELECTRON_DEFAULT_WIRE.length);
    const expected = [...'000000001'];
    expected[FuseV1Options.EnableCookieEncryption] = '1';
    expected[FuseV1Options.EnableEmbeddedAsarIntegrityValidation] = '1';
    expected[FuseV1Options.OnlyLoadAppFromAsar] = '1';
    expect(wire).toBe(expected.join(''));
    expect(wire).toBe('010011001');
    // Nothing outside the wire changed.
    const at = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(Buffer.concat([after.subarray(0, at), after.subarray(at + 9)]).equals(Buffer.concat([before.subarray(0, at), before.subarray(at + 9)]))).toBe(true);
  });

  it('patches Offramp.exe on Windows', async () => {
    const binary = join(appOutDir, 'Offramp.exe');
    writeFileSync(binary, fakeBinary(ELECTRON_DEFAULT_WIRE));
    await afterPack({ appOutDir, electronPlatformName: 'win32', arch: Arch.x64, packager: { appInfo: { productFilename: 'Offramp' } } });
    expect(wireOf(readFileSync(binary), 9)).toBe('010011001');
  });

  it('works as electron-builder loads it: compiled from the TypeScript config by its own loader', async () => {
    // The same path electron-builder takes for `--config build/electron-builder.config.ts`.
    const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
    const { getConfig } = fromBuilder('app-builder-lib/out/util/config/config') as {
      getConfig: (projectDir: string, configPath: string, configFromOptions: null) => Promise<Configuration>;
    };
    const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
    const loaded = await getConfig(repo, 'build/electron-builder.config.ts', null);
    if (typeof loaded.afterPack !== 'function') throw new Error('the loaded configuration has no afterPack function');
    const binary = join(appOutDir, 'Offramp.exe');
    writeFileSync(binary, fakeBinary(ELECTRON_DEFAULT_WIRE));
    const context = { appOutDir, electronPlatformName: 'win32', arch: Arch.x64, packager: { appInfo: { productFilename: 'Offramp' } } };
    await loaded.afterPack(context as unknown as Parameters<typeof loaded.afterPack>[0]);
    expect(wireOf(readFileSync(binary), 9)).toBe('010011001');
  });

  it('stops the build when the binary has no fuse wire at all', async () => {
    writeFileSync(join(appOutDir, 'Offramp.exe'), Buffer.alloc(1024, 0x90));
    await expect(afterPack({ appOutDir, electronPlatformName: 'win32', arch: Arch.x64, packager: { appInfo: { productFilename: 'Offramp' } } })).rejects.toThrow(/sentinel/);
  });
});
