import type { CliCommand } from '../types';
import { catalogCommand } from './catalog';
import { evaluateCommand } from './evaluate';
import { vaultBackupCommand } from './vaultBackup';
import { vaultRestoreCommand } from './vaultRestore';

/**
 * Every `offramp` command. Each lives in its own file beside this one and is
 * listed here once; `offramp --help` shows them in this order.
 */
export const commands: readonly CliCommand[] = [
  evaluateCommand,
  catalogCommand,
  vaultBackupCommand,
  vaultRestoreCommand,
];
