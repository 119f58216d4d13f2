import type { CliCommand } from '../types';
import { auditAnchorCommand } from './auditAnchor';
import { auditVerifyCommand } from './auditVerify';
import { caseExportCommand } from './caseExport';
import { caseImportCommand } from './caseImport';
import { caseListCommand } from './caseList';
import { catalogCommand } from './catalog';
import { evaluateCommand } from './evaluate';
import { vaultAddUserCommand } from './vaultAddUser';
import { vaultCheckCommand } from './vaultCheck';
import { vaultInitCommand } from './vaultInit';
import { vaultPasswdCommand } from './vaultPasswd';
import { packetExportCommand } from './packetExport';
import { packetOpenCommand, packetVerifyCommand } from './packetVerify';
import { vaultBackupCommand } from './vaultBackup';
import { vaultRestoreCommand } from './vaultRestore';
import { vaultRekeyCommand } from './vaultRekey';
import { vaultRemoveUserCommand } from './vaultRemoveUser';
import { caseAssignCommand, caseTeamCommand } from './caseTeam';
import { auditLogCommand } from './auditLog';
import { subjectFindCommand } from './subjectFind';
import { hubAddUserCommand } from './hubAddUser';
import { hubBackupCommand } from './hubBackup';
import { hubInitCommand } from './hubInit';
import { hubImportVaultCommand } from './hubImportVault';

/**
 * Every `offramp` command. Each lives in its own file beside this one and is
 * listed here once; `offramp --help` shows them in this order.
 */
export const commands: readonly CliCommand[] = [
  evaluateCommand,
  catalogCommand,
  vaultInitCommand,
  vaultCheckCommand,
  vaultPasswdCommand,
  vaultAddUserCommand,
  caseImportCommand,
  caseExportCommand,
  caseListCommand,
  auditVerifyCommand,
  auditAnchorCommand,
  packetExportCommand,
  packetVerifyCommand,
  packetOpenCommand,
  vaultBackupCommand,
  vaultRestoreCommand,
  vaultRekeyCommand,
  vaultRemoveUserCommand,
  caseAssignCommand,
  caseTeamCommand,
  auditLogCommand,
  subjectFindCommand,
  hubInitCommand,
  hubAddUserCommand,
  hubImportVaultCommand,
  hubBackupCommand,
];
