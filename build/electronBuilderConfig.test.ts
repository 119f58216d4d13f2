// Packaging needs an Electron download, so it cannot run here; everything electron-builder
// decides before that point is checked instead, with electron-builder's own code where it
// is reachable: its configuration loader (which compiles the TypeScript config), its JSON
// schema validation, its file matchers and its icon resolution.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { afterPack } from './afterPack';
import { config, OUTPUT_DIR, requireReleaseReports } from './electron-builder.config';
import { config as perUserConfig } from './electron-builder.per-user.config';
import { DEFAULT_OUT_DIR as LICENSES_DIR } from './licenses.mjs';
import { DEFAULT_SBOM_PATH } from './sbom.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

// --- electron-builder internals, reached through electron-builder's own dependency ---------
interface FilterStat {
  isDirectory(): boolean;
  moduleFullFilePath?: string;
}
interface FileMatcher {
  patterns: string[];
  createFilter(): (file: string, stat: FilterStat) => boolean;
}
interface BuilderInternals {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
  getMainFileMatchers(appDir: string, destination: string, expand: (s: string) => string, platformOptions: object, packager: object, outDir: string, isElectronCompile: boolean): FileMatcher[];
  getNodeModuleFileMatcher(appDir: string, destination: string, expand: (s: string) => string, platformOptions: object, info: object): FileMatcher;
  convertIcon(options: { sources: string[]; fallbackSources: string[]; roots: string[]; format: string; outDir: string }): Promise<{ icons: { file: string; size: number }[]; isFallback: boolean }>;
}

function builderInternals(): BuilderInternals {
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
  const load = (path: string) => fromBuilder(`app-builder-lib/out/${path}`) as Record<string, unknown>;
  return { ...load('util/config/config'), ...load('fileMatcher'), ...load('util/iconConverter') } as unknown as BuilderInternals;
}

const builder = builderInternals();
const quietLogger = { isEnabled: false, add: () => undefined };
const loadWithBuilder = (file: string) => builder.getConfig(repo, file, null);

// --- the policy Offramp's installers must meet ---------------------------------------------
const target = (name: string) => z.object({ target: z.literal(name), arch: z.array(z.enum(['x64', 'arm64'])).min(1) });
const repoFile = z.string().refine((path) => existsSync(join(repo, path)), { message: 'file does not exist in the repository' });
const offrampPolicy = z.object({
  appId: z.string().regex(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*){2,}$/),
  productName: z.literal('Offramp'),
  directories: z.object({ output: z.literal(OUTPUT_DIR) }),
  files: z.array(z.string()).refine((files) => files.includes('dist/**/*') && files.includes('package.json')),
  asar: z.literal(true),
  asarUnpack: z.array(z.string()).min(1),
  npmRebuild: z.literal(true),
  publish: z.null(),
  afterPack: z.custom<(context: never) => unknown>((value) => typeof value === 'function'),
  linux: z.object({
    target: z.tuple([target('AppImage'), target('deb'), target('rpm')]),
    executableName: z.literal('offramp'),
    icon: repoFile,
    maintainer: z.string().regex(/^[^<>]+ <[^@\s<>]+@[^\s<>]+>$/),
  }),
  win: z.object({ target: z.tuple([target('nsis')]), icon: repoFile }),
  nsis: z.object({
    oneClick: z.literal(false),
    perMachine: z.boolean(),
    allowElevation: z.literal(true),
    deleteAppDataOnUninstall: z.literal(false),
    differentialPackage: z.literal(false),
    license: repoFile,
    installerIcon: repoFile,
    uninstallerIcon: repoFile,
    artifactName: z.string(),
  }),
  mac: z.object({
    target: z.tuple([target('dmg')]),
    icon: repoFile,
    hardenedRuntime: z.literal(true),
    entitlements: repoFile,
    entitlementsInherit: repoFile,
  }),
  dmg: z.object({ writeUpdateInfo: z.literal(false) }),
});

describe('electron-builder configuration', () => {
  it.each([
    ['build/electron-builder.config.ts', true],
    ['build/electron-builder.per-user.config.ts', false],
  ])('%s loads through electron-builder and passes its JSON schema', async (file, perMachine) => {
    const loaded = await loadWithBuilder(file);
    await expect(builder.validateConfiguration(loaded, quietLogger)).resolves.toBeUndefined();
    expect(loaded.nsis?.perMachine).toBe(perMachine);
    expect(typeof loaded.afterPack).toBe('function');
  });

  it('is rejected by the same schema check when an option is misspelt', async () => {
    const loaded = await loadWithBuilder('build/electron-builder.config.ts');
    const topLevel = { ...loaded, asarUnpak: ['**/*.node'] } as Configuration;
    await expect(builder.validateConfiguration(topLevel, quietLogger)).rejects.toThrow(/asarUnpak/);
    const nested = { ...loaded, nsis: { ...loaded.nsis, perMachin: true } } as Configuration;
    await expect(builder.validateConfiguration(nested, quietLogger)).rejects.toThrow(/configuration\.nsis/);
  });

  it.each([
    ['main', config],
    ['per-user', perUserConfig],
  ])('%s configuration meets the installer policy, with every referenced resource present', (_name, candidate) => {
    const result = offrampPolicy.safeParse(candidate);
    expect(result.success, result.success ? '' : z.prettifyError(result.error)).toBe(true);
  });

  it('runs the fuse hook and nothing that updates, phones home or installs from the network', () => {
    expect(config.afterPack).toBe(afterPack);
    expect(perUserConfig.afterPack).toBe(afterPack);
    for (const key of ['electronUpdaterCompatibility', 'electronFuses', 'nsisWeb', 'squirrelWindows', 'afterAllArtifactBuild'] as const) {
      expect(config, key).not.toHaveProperty(key);
    }
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain('electron-updater');
    const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter((path) => path.endsWith('node_modules/electron-updater'))).toEqual([]);
  });

  it('gives the per-machine and per-user installers different names, and only those differ', () => {
    expect(config.nsis?.artifactName).toMatch(/per-machine/);
    expect(perUserConfig.nsis?.artifactName).toMatch(/per-user/);
    const { nsis: _machine, ...restMachine } = config;
    const { nsis: _user, ...restUser } = perUserConfig;
    expect(restUser).toEqual(restMachine);
    expect({ ...perUserConfig.nsis, perMachine: true, selectPerMachineByDefault: undefined, artifactName: config.nsis?.artifactName }).toEqual({
      ...config.nsis,
      selectPerMachineByDefault: undefined,
    });
  });

  it('ships the SBOM and licence report that npm run sbom and npm run licenses write', () => {
    expect(config.extraResources).toEqual([
      { from: DEFAULT_SBOM_PATH, to: 'sbom.cdx.json' },
      { from: `${LICENSES_DIR}/licenses.md`, to: 'THIRD-PARTY-LICENSES.md' },
    ]);
    expect(DEFAULT_SBOM_PATH.startsWith(`${OUTPUT_DIR}/`)).toBe(true);
  });

  it('refuses to package before the SBOM and licence report exist', async () => {
    expect(typeof config.beforePack).toBe('function');
    const root = mkdtempSync(join(tmpdir(), 'offramp-reports-'));
    try {
      expect(() => requireReleaseReports(root)).toThrow(/missing release\/sbom\.cdx\.json, release\/licenses\.md: run npm run sbom and npm run licenses/);
      mkdirSync(join(root, OUTPUT_DIR));
      writeFileSync(join(root, DEFAULT_SBOM_PATH), '{}');
      expect(() => requireReleaseReports(root)).toThrow(/missing release\/licenses\.md:/);
      writeFileSync(join(root, LICENSES_DIR, 'licenses.md'), '# licences');
      expect(() => requireReleaseReports(root)).not.toThrow();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    // As electron-builder loads it, the hook is the same check on this checkout.
    const loaded = await loadWithBuilder('build/electron-builder.config.ts');
    expect(typeof loaded.beforePack).toBe('function');
  });
});

describe('what goes into app.asar', () => {
  const stat = (directory: boolean, moduleFullFilePath?: string): FilterStat => ({ isDirectory: () => directory, moduleFullFilePath });

  it('takes the built bundles and package.json, not sources, build files, the CLI or source maps', async () => {
    const loaded = await loadWithBuilder('build/electron-builder.config.ts');
    const info = { isPrepackedAppAsar: false, config: loaded, projectDir: repo, buildResourcesDir: join(repo, 'build'), debugLogger: quietLogger };
    const [matcher] = builder.getMainFileMatchers(repo, '/app', (s) => s, {}, { info }, join(repo, OUTPUT_DIR), false);
    if (!matcher) throw new Error('no file matcher');
    const filter = matcher.createFilter();
    const included = (path: string, directory = false) => filter(join(repo, path), stat(directory));
    for (const path of ['dist/main/index.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html', 'package.json']) expect(included(path), path).toBe(true);
    for (const path of ['dist/main/index.cjs.map', 'dist/cli/offramp.cjs', 'electron/main/index.ts', 'shared/contract/index.ts', 'build/afterPack.ts', 'release/sbom.cdx.json', 'package-lock.json', 'SECURITY.md']) {
      expect(included(path), path).toBe(false);
    }
    expect(included('dist/cli', true)).toBe(false);
  });

  it('keeps the native SQLCipher binding (unpacked) and drops its sources and build leftovers', async () => {
    const loaded = await loadWithBuilder('build/electron-builder.config.ts');
    const matcher = builder.getNodeModuleFileMatcher(repo, '/app', (s) => s, {}, { config: loaded, debugLogger: quietLogger });
    const filter = matcher.createFilter();
    const module = 'node_modules/better-sqlite3-multiple-ciphers';
    const included = (path: string, directory = false) => filter(join(repo, path), stat(directory, path));
    expect(included(`${module}/lib/index.js`)).toBe(true);
    expect(included(`${module}/build/Release/better_sqlite3.node`)).toBe(true);
    expect(included('node_modules/zod/package.json')).toBe(true);
    for (const path of [`${module}/deps`, `${module}/src`, `${module}/build/Release/obj.target`]) expect(included(path, true), path).toBe(false);
    for (const path of [`${module}/deps/sqlite3/sqlite3.c`, `${module}/src/better_sqlite3.cpp`, `${module}/build/Release/test_extension.node`, 'node_modules/zod/index.js.map']) {
      expect(included(path), path).toBe(false);
    }
    // The binding electron-builder will rebuild exists where asarUnpack points.
    expect(config.asarUnpack).toEqual([`**/${module}/build/Release/better_sqlite3.node`]);
    expect(statSync(join(repo, module, 'build/Release/better_sqlite3.node')).isFile()).toBe(true);
  });
});

describe('resources', () => {
  it('resolves every platform icon the way electron-builder does, without conversion', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'offramp-icons-'));
    try {
      const resolve = (source: string | null | undefined, format: string) =>
        builder.convertIcon({ sources: [source ?? ''], fallbackSources: [], roots: [join(repo, 'build'), repo], format, outDir });
      const linux = await resolve(config.linux?.icon, 'set');
      expect(linux.isFallback).toBe(false);
      expect(linux.icons.map((icon) => icon.size)).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
      const win = await resolve(config.win?.icon, 'ico');
      expect(win.icons).toEqual([{ file: join(repo, 'build/icons/icon.ico'), size: 256 }]);
      const mac = await resolve(config.mac?.icon, 'icns');
      expect(mac.icons[0]?.file).toBe(join(repo, 'build/icons/icon.icns'));
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('grants the macOS app JIT and nothing else', () => {
    const plist = readFileSync(join(repo, config.mac?.entitlements ?? ''), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
  });

  it('shows an installer notice that promises no network and a vault that survives uninstall', () => {
    const notice = readFileSync(join(repo, config.nsis?.license ?? ''), 'utf8');
    expect(notice).toMatch(/no network connections/);
    expect(notice).toMatch(/does not delete the vault/);
    expect(notice).toMatch(/SHA256SUMS/);
  });
});

describe('npm scripts', () => {
  const scripts = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const steps = (name: string) => (scripts[name] ?? '').split('&&').map((step) => step.trim());

  it('npm run dist audits, builds, writes the SBOM and licences, packages, then sums', () => {
    expect(steps('dist')).toEqual([
      'npm run audit:prod',
      'npm run release:clean',
      'npm run build',
      'npm run sbom',
      'npm run licenses',
      'npm run package:installers',
      'npm run checksums',
    ]);
    expect(scripts['package:installers']).toBe('electron-builder --config build/electron-builder.config.ts --publish never');
    expect(scripts['package:win-per-user']).toBe('electron-builder --win --config build/electron-builder.per-user.config.ts --publish never');
    expect(steps('dist:win-per-user')).toEqual(['npm run dist', 'npm run package:win-per-user', 'npm run checksums']);
  });

  it('points every helper at a script that exists', () => {
    for (const name of ['sbom', 'licenses', 'audit:prod', 'checksums', 'checksums:verify']) {
      const match = /^node (build\/\S+\.mjs)/.exec(scripts[name] ?? '');
      expect(match, name).not.toBeNull();
      expect(existsSync(join(repo, match?.[1] ?? '')), name).toBe(true);
    }
    expect(scripts.checksums).toBe(`node build/checksums.mjs ${OUTPUT_DIR}`);
  });
});
