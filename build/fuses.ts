// Electron fuses: switches compiled into the Electron binary that no command line,
// environment variable or script can turn back on. build/afterPack.ts writes them into
// every packaged binary before signing, so the signature covers the hardened state.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/** The fuse wire of every Offramp binary. Each fuse @electron/fuses knows is set explicitly. */
export const fuseConfig = Object.freeze({
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the installed, trusted binary into a general Node.js
  // interpreter for whoever can set an environment variable.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store is encrypted with the OS key store. Offramp sets no cookies,
  // but nothing the profile writes should sit in plaintext by default.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (--require, --inspect, …) would inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open a debugger port into the main process, which
  // holds the unlocked vault key.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Electron checks app.asar against the hash that electron-builder embeds in the
  // executable (Windows) or Info.plist (macOS), so an edited archive refuses to load.
  // Electron has no Linux implementation: there the fuse is inert and the package's
  // checksum and root-owned install location carry the integrity (see SECURITY.md).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Without this, a folder named resources/app next to app.asar would be loaded instead.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Offramp ships no custom V8 snapshot; keep Electron's default.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, never file://; file:// pages get no extra powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies FuseV1Config);

export type OfframpFuseConfig = typeof fuseConfig;
