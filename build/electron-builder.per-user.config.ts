// The per-user Windows installer (npm run dist:win-per-user), for hubs whose analysts may
// not hold administrator rights on their workstation. Everything but the install mode
// comes from the main configuration.
//
// Prefer the per-machine installer where an administrator can run it: a per-user install
// lives under %LOCALAPPDATA%\Programs, which the user's own account (and anything running
// as that account) can modify; the per-machine install lives under Program Files.
import type { Configuration } from 'electron-builder';
import { config as base } from './electron-builder.config';

export const config: Configuration = {
  ...base,
  win: { ...base.win, target: [{ target: 'nsis', arch: ['x64'] }] },
  nsis: {
    ...base.nsis,
    // Assisted installer with the install-mode page preset to "only for me", which
    // needs no elevation; an administrator could still choose all users there.
    oneClick: false,
    perMachine: false,
    selectPerMachineByDefault: false,
    artifactName: '${productName}-${version}-${arch}-setup-per-user.${ext}',
  },
};

// electron-builder reads a configuration module's default export.
export default config;
