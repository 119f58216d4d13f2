import { AppError } from '../../../shared/contract';
import { localToday } from '../../../shared/model/schedule';
import type { BackendContext } from '../context';
import { lockSession } from '../context';
import type { Handlers } from './types';
import { anchorStatus } from '../services/anchorExport';
import { backupStatus } from '../services/backup';
import { restoreBackup } from '../services/restore';
import { dispositionCertificate, dispositionsDue, disposeCase, legalHoldOf, listRules, setLegalHold, setRules } from '../services/retention';
import { backupVaultAs, exportAnchorAs, requireReplaceAllowed, setBackupReminderAs } from '../services/vaultAdmin';

type RecordsMethods =
  | 'backup.run'
  | 'backup.status'
  | 'backup.setReminder'
  | 'backup.restore'
  | 'anchor.export'
  | 'anchor.status'
  | 'retention.rules'
  | 'retention.setRules'
  | 'retention.due'
  | 'cases.setLegalHold'
  | 'cases.legalHold'
  | 'retention.dispose'
  | 'retention.certificate';

/** A folder from the caller, else from the system's folder dialog (the app); none is a usage error. */
async function folder(ctx: BackendContext, given: string | undefined, title: string): Promise<string> {
  if (given !== undefined) return given;
  if (ctx.options.host === undefined) throw new AppError('invalid_input', 'Give the folder: there is no dialog to choose one here.');
  const chosen = await ctx.options.host.chooseFolder({ title });
  if (chosen === null) throw new AppError('invalid_input', 'No folder was chosen. Nothing was written.');
  return chosen;
}

export const recordsHandlers: Pick<Handlers, RecordsMethods> = {
  'backup.run': (input, ctx) =>
    backupVaultAs(ctx.requireSession(), () => folder(ctx, input.targetDir, 'Choose the folder or removable volume for the backup'), { appVersion: ctx.options.version, now: () => ctx.now() }),
  'backup.status': (_input, ctx) => backupStatus(ctx.requireSession().db, ctx.now()),
  'backup.setReminder': (input, ctx) => setBackupReminderAs(ctx.requireSession(), input.days, ctx.now()),
  'backup.restore': async (input, ctx) => {
    const from = await folder(ctx, input.from, 'Choose the backup folder to restore');
    const session = ctx.session;
    if (input.mode === 'new') {
      const target = await folder(ctx, input.targetDir, 'Choose an empty folder for the restored vault');
      if (target === ctx.vaultDir()) throw new AppError('invalid_input', 'That is this workstation’s vault folder: restore over it with mode "replace".');
      return restoreBackup({ from, target, replace: false, credentials: input.credentials, appVersion: ctx.options.version, now: () => ctx.now() });
    }
    const target = ctx.vaultDir();
    requireReplaceAllowed(session, target, { confirmReplace: input.confirmReplace, reason: input.reason }, ctx.now());
    return restoreBackup({
      from,
      target,
      replace: true,
      ...(input.reason === undefined ? {} : { reason: input.reason }),
      credentials: input.credentials,
      appVersion: ctx.options.version,
      now: () => ctx.now(),
      ...(session === null ? {} : { current: session.db }),
      beforeSwap: () => lockSession(ctx, 'user'),
    });
  },
  'anchor.export': (input, ctx) => exportAnchorAs(ctx.requireSession(), () => folder(ctx, input.targetDir, 'Choose the folder or removable volume for the audit anchor'), ctx.now()),
  'anchor.status': (_input, ctx) => anchorStatus(ctx.requireSession(), ctx.now()),
  'retention.rules': async (_input, ctx) => ({ rules: await listRules(ctx.requireSession().db) }),
  'retention.setRules': async (input, ctx) => {
    const session = ctx.requireSession();
    return { rules: await setRules(session.db, session.user, input.rules, ctx.now()) };
  },
  'retention.due': async (input, ctx) => {
    const asOf = input.asOf ?? localToday(ctx.now());
    return { asOf, cases: await dispositionsDue(ctx.requireSession().db, asOf) };
  },
  'cases.setLegalHold': (input, ctx) => {
    const session = ctx.requireSession();
    return setLegalHold(session.db, session.user, input.caseId, input.hold, input.reference, ctx.now());
  },
  'cases.legalHold': (input, ctx) => legalHoldOf(ctx.requireSession().db, input.caseId),
  'retention.dispose': async (input, ctx) => {
    const session = ctx.requireSession();
    const outcome = await disposeCase(session.db, session.user, input.caseId, input.confirmNumber, input.reason, ctx.now());
    if (!outcome.checkpointed) ctx.log('offramp: after a disposition the write-ahead log could not be truncated (busy); it will be at the next checkpoint.');
    return outcome.certificate;
  },
  'retention.certificate': (input, ctx) => dispositionCertificate(ctx.requireSession().db, input.caseId),
};
