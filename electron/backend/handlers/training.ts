import { AppError } from '../../../shared/contract';
import type { BackendContext } from '../context';
import { lockSession } from '../context';
import type { Handlers } from './types';
import { openTrainingVault, resetTrainingVault, trainingVaultDir } from '../training/training';
import type { VaultSession } from '../vault/session';

const options = (ctx: BackendContext) => ({ now: () => ctx.now(), kdf: ctx.options.kdf ?? 'default' });
const caseCount = (session: VaultSession) => (session.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;

export const trainingHandlers: Pick<Handlers, 'training.open' | 'training.reset'> = {
  'training.open': async (_input, ctx) => {
    if (ctx.session !== null) lockSession(ctx, 'user');
    const session = await openTrainingVault(trainingVaultDir(ctx.options.dataDir), options(ctx));
    ctx.training = true;
    ctx.session = session;
    return { user: session.user, cases: caseCount(session) };
  },
  'training.reset': async (_input, ctx) => {
    const current = ctx.requireSession();
    if (!current.training) throw new AppError('forbidden', 'Only the training vault can be reset.');
    current.close();
    ctx.session = null;
    const session = await resetTrainingVault(trainingVaultDir(ctx.options.dataDir), options(ctx));
    ctx.training = true;
    ctx.session = session;
    return { user: session.user, cases: caseCount(session) };
  },
};
