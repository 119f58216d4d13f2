import type { z } from 'zod';
import { appContract } from './app';
import { casesContract } from './cases';
import { caseTagsContract } from './caseTags';
import { caseworkContract } from './casework';
import { trainingContract } from './training';
import { joinContracts } from './define';
import { domainContract } from './domain';
import { evidenceContract } from './evidence';
import { packetsContract } from './packets';
import { recordsContract } from './records';
import { printingContract } from './printing';
import { closureContract } from './closure';
import { programRulesContract } from './programRules';
import { mitigationContract } from './mitigation';
import { monitoringContract } from './monitoring';
import { reportingContract } from './reporting';
import { vaultContract } from './vault';
import { queuesContract } from './queues';
import { teamContract } from './team';
import { dashboardContract } from './dashboard';
import { caseEditsContract } from './caseEdits';
import { auditLogContract } from './auditLog';

export * from './envelope';
export type { MethodSpec } from './define';

/**
 * The one IPC contract. Each domain declares its methods in its own file; they are
 * joined here, and a duplicate name fails at load.
 */
export const contract = joinContracts(
  appContract,
  vaultContract,
  domainContract,
  casesContract,
  caseworkContract,
  trainingContract,
  evidenceContract,
  packetsContract,
  recordsContract,
  printingContract,
  mitigationContract,
  reportingContract,
  monitoringContract,
  closureContract,
  queuesContract,
  teamContract,
  caseTagsContract,
  programRulesContract,
  dashboardContract,
  caseEditsContract,
  auditLogContract,
);

export type Contract = typeof contract;
export type MethodName = Extract<keyof Contract, string>;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
