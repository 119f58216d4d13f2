import type { Handlers } from './types';
import { appHandlers } from './app';
import { casesHandlers } from './cases';
import { caseTagsHandlers } from './caseTags';
import { caseworkHandlers } from './casework';
import { trainingHandlers } from './training';
import { recordsHandlers } from './records';
import { vaultHandlers } from './vault';
import { domainHandlers } from './domain';
import { evidenceHandlers } from './evidence';
import { packetsHandlers } from './packets';
import { printingHandlers } from './printing';
import { followUpHandlers } from './followUp';
import { mitigationHandlers } from './mitigation';
import { queuesHandlers } from './queues';
import { teamHandlers } from './team';
import { programRulesHandlers } from './programRules';
import { dashboardHandlers } from './dashboard';
import { caseEditsHandlers } from './caseEdits';
import { auditLogHandlers } from './auditLog';

/** One handler per contract method; a missing one is a type error. */
export const handlers: Handlers = {
  ...appHandlers,
  ...casesHandlers,
  ...caseworkHandlers,
  ...trainingHandlers,
  ...vaultHandlers,
  ...domainHandlers,
  ...evidenceHandlers,
  ...packetsHandlers,
  ...recordsHandlers,
  ...printingHandlers,
  ...mitigationHandlers,
  ...followUpHandlers,
  ...queuesHandlers,
  ...teamHandlers,
  ...caseTagsHandlers,
  ...programRulesHandlers,
  ...dashboardHandlers,
  ...caseEditsHandlers,
  ...auditLogHandlers,
};
