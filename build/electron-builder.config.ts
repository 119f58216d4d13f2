// electron-builder configuration for Offramp's installers (npm run dist; see SECURITY.md
// and build/README-install-section.md for the whole procedure).
//
// Offramp runs on disconnected workstations, so the installers are self-contained: no
// auto-updater, no update metadata, no download at install or first run. Updates arrive
// the way the first install did, as a new installer on approved media.
//
// electron-builder loads this TypeScript file itself (through jiti); the hooks are passed
// as functions so the same module graph is type-checked and unit-tested.
import type { Configuration } from 'electron-builder';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterPack } from './afterPack';

/** Where the release files land; `npm run checksums` writes SHA256SUMS there. */
export const OUTPUT_DIR = 'release';

/**
 * Debian and RPM metadata need a maintainer and a project URL, and package.json has
 * neither. A deploying organisation may substitute its own.
 */
export const PUBLISHER = {
  maintainer: 'Offramp maintainers <offramp-maintainers@example.invalid>',
  homepage: 'https://offramp.example.invalid/',
} as const;

/**
 * Reports that travel inside every installer, written by `npm run sbom` and
 * `npm run licenses` before packaging (`npm run dist` runs them in that order).
 */
export const RELEASE_REPORTS = [
  { from: `${OUTPUT_DIR}/sbom.cdx.json`, to: 'sbom.cdx.json' },
  { from: `${OUTPUT_DIR}/licenses.md`, to: 'THIRD-PARTY-LICENSES.md' },
] as const;

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * beforePack hook. electron-builder only warns about a missing extraResources file, which
 * would yield an installer without its SBOM; this makes it an error instead.
 */
export function requireReleaseReports(root: string = projectRoot): void {
  const missing = RELEASE_REPORTS.filter((report) => !existsSync(join(root, report.from))).map((report) => report.from);
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run npm run sbom and npm run licenses before packaging (npm run dist does both)`);
  }
}

export const config: Configuration = {
  appId: 'gov.offramp.desktop',
  productName: 'Offramp',
  copyright: 'Copyright © Offramp contributors',
  directories: { output: OUTPUT_DIR, buildResources: 'build' },
  // Only the built bundles and package.json; production node_modules are added by
  // electron-builder from the installed tree (devDependencies never ship).
  files: [
    'dist/**/*',
    'package.json',
    // The CLI needs a Node runtime, which the packaged app deliberately is not (RunAsNode
    // is fused off); it is used from a checkout instead.
    '!dist/cli{,/**/*}',
    // Source maps stay with the build for debugging; the workstation does not need them.
    '!**/*.map',
    // The SQLCipher module's C sources, build intermediates and a test-only SQLite
    // extension are not needed at run time and would only widen what ships.
    '!**/node_modules/better-sqlite3-multiple-ciphers/{deps,src}{,/**/*}',
    '!**/node_modules/better-sqlite3-multiple-ciphers/build/Release/{obj,obj.target,.deps}{,/**/*}',
    '!**/node_modules/better-sqlite3-multiple-ciphers/build/Release/test_extension.node',
  ],
  // The bill of materials and licence report travel inside the app too, so an installed
  // workstation can show what it runs without access to the release folder.
  extraResources: RELEASE_REPORTS.map((report) => ({ ...report })),
  extraMetadata: { homepage: PUBLISHER.homepage },
  asar: true,
  // A native module must be a real file to be loaded; everything else stays in app.asar,
  // which the EnableEmbeddedAsarIntegrityValidation fuse checks.
  asarUnpack: ['**/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'],
  // Rebuild native modules against Electron's headers at packaging time, from the source
  // in the npm tarball (whose hash is in package-lock.json and the SBOM) rather than a
  // prebuilt binary fetched from elsewhere.
  npmRebuild: true,
  buildDependenciesFromSource: true,
  nodeGypRebuild: false,
  includePdb: false,
  // No auto-update: no publish provider, no latest*.yml, no blockmaps, no electron-updater.
  publish: null,
  beforePack: () => requireReleaseReports(),
  afterPack,

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
      { target: 'rpm', arch: ['x64'] },
    ],
    executableName: 'offramp',
    icon: 'build/icons/png',
    category: 'Office',
    synopsis: 'Casework for Insider Threat Program hubs',
    maintainer: PUBLISHER.maintainer,
    vendor: 'Offramp',
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
  rpm: { artifactName: '${name}-${version}.${arch}.${ext}' },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icons/icon.ico',
    // Offramp never needs administrator rights to run; only the per-machine install does.
    requestedExecutionLevel: 'asInvoker',
  },
  nsis: {
    // Per-machine by default: the program files live under Program Files, where a user
    // account (or malware running as one) cannot replace them. The per-user variant is
    // build/electron-builder.per-user.config.ts.
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Offramp',
    // Uninstalling the program must never delete a vault of case records.
    deleteAppDataOnUninstall: false,
    runAfterFinish: false,
    // Only electron-updater uses these.
    differentialPackage: false,
    packElevateHelper: false,
    license: 'build/installer-notice.txt',
    installerIcon: 'build/icons/icon.ico',
    uninstallerIcon: 'build/icons/icon.ico',
    artifactName: '${productName}-${version}-${arch}-setup-per-machine.${ext}',
  },

  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'build/icons/icon.icns',
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  dmg: { writeUpdateInfo: false },
};

// electron-builder reads a configuration module's default export.
export default config;
