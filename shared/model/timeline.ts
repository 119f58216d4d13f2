import { z } from 'zod';
import { catalog } from '../domain/catalog';
import { optionIdSchema, type Recipient } from '../domain/ids';
import type { CaseRecord } from './caseRecord';
import { reopenReasonLabels, type ReopenReason } from './closure';

/**
 * The case timeline: everything recorded on a case in one list, oldest first.
 * Reports, indicators and reviews carry the date they happened; decisions that
 * leave no row of their own (determination changes, action status changes,
 * closing and reopening) come from the case's audit events, which hold ids only.
 */
export const timelineKinds = ['report', 'indicator', 'analysis', 'assessment', 'determination', 'action', 'reporting', 'review', 'closure'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineEntrySchema = z.object({
  /** The calendar day the entry belongs to (YYYY-MM-DD). */
  date: z.string(),
  /** When it was recorded, to order entries of one day. */
  at: z.string(),
  kind: z.enum(timelineKinds),
  title: z.string(),
  detail: z.string(),
  actor: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export interface TimelineAuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

const factLabels = new Map<string, string>(catalog.facts.map((f) => [f.id, f.label]));
const stageLabels = new Map<string, string>(catalog.pathwayStages.map((s) => [s.id, s.label]));
const categoryLabels = new Map<string, string>(catalog.priCategories.map((c) => [c.id, c.label]));
const analysisLabels: Record<string, string> = { goal: 'Goal', question: 'Question', assumption: 'Assumption', alternative: 'Alternative explanation', viewpoint: 'Viewpoint' };
const statusVerbs: Record<string, string> = {
  legal_review: 'Sent to legal review',
  approved: 'Approved',
  in_progress: 'Started',
  done: 'Completed',
  discontinued: 'Discontinued',
};
export const recipientNames: Readonly<Record<Recipient, string>> = {
  fbi: 'FBI',
  ditmac: 'DITMAC',
  mildep_ci: 'MILDEP counterintelligence',
  dcsa: 'DCSA',
  diss: 'DISS',
  law_enforcement: 'Law enforcement',
  internal: 'Internal procedures',
};

export function optionLabel(id: unknown): string {
  const parsed = optionIdSchema.safeParse(id);
  if (!parsed.success) return String(id);
  return catalog.responseOptions.find((o) => o.id === parsed.data)?.label ?? parsed.data;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const day = (iso: string) => iso.slice(0, 10);

function fromAudit(e: TimelineAuditEvent): TimelineEntry | null {
  const base = { date: day(e.at), at: e.at, actor: e.actor };
  const d = e.detail;
  switch (e.action) {
    case 'determinations.set': {
      const facts = Array.isArray(d['facts']) ? (d['facts'] as unknown[]).map(str) : [];
      const text = facts.map((f) => {
        const [id = '', value = ''] = f.split('=');
        return `${factLabels.get(id) ?? id}: ${value}`;
      });
      return { ...base, kind: 'determination', title: 'Determinations answered', detail: text.join('; ') };
    }
    case 'action.add':
      return { ...base, kind: 'action', title: `Proposed: ${optionLabel(d['optionId'])}`, detail: '' };
    case 'action.signoff':
      return { ...base, kind: 'action', title: `Legal sign-off: ${optionLabel(d['optionId'])}`, detail: '' };
    case 'action.transition': {
      const warnings = Array.isArray(d['warnings']) ? (d['warnings'] as unknown[]).map(str) : [];
      const verb = statusVerbs[str(d['to'])] ?? str(d['to']);
      return {
        ...base,
        kind: 'action',
        title: `${verb}: ${optionLabel(d['optionId'])}`,
        detail: warnings.length > 0 ? `Approved over the engine's warnings (${warnings.join(', ')}), with a written justification.` : '',
      };
    }
    case 'case.close':
      return { ...base, kind: 'closure', title: 'Case closed', detail: 'Approved by a program manager.' };
    case 'case.reopen': {
      const reason = str(d['reason']) as ReopenReason;
      return { ...base, kind: 'closure', title: 'Case reopened', detail: reopenReasonLabels[reason] ?? reason };
    }
    default:
      return null;
  }
}

export function buildTimeline(record: CaseRecord, events: readonly TimelineAuditEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const r of record.reports) {
    entries.push({ date: r.receivedOn, at: r.createdAt, kind: 'report', title: 'Report received', detail: r.narrative.slice(0, 300), actor: r.createdBy });
  }
  for (const i of record.indicators) {
    entries.push({
      date: i.observedOn,
      at: i.createdAt,
      kind: 'indicator',
      title: i.summary,
      detail: `${stageLabels.get(i.stage) ?? i.stage} · ${categoryLabels.get(i.category) ?? i.category}`,
      actor: i.createdBy,
    });
  }
  for (const a of record.analysis) {
    entries.push({ date: day(a.createdAt), at: a.createdAt, kind: 'analysis', title: `${analysisLabels[a.kind] ?? a.kind}: ${a.text.slice(0, 200)}`, detail: '', actor: a.createdBy });
  }
  for (const a of record.assessments) {
    entries.push({
      date: day(a.assessedAt),
      at: a.assessedAt,
      kind: 'assessment',
      title: `${a.isFinal ? 'Final assessment' : 'Assessment'}: ${a.risk} risk, imminence ${a.imminence}`,
      detail: a.rationale.slice(0, 300),
      actor: a.assessedBy,
    });
  }
  for (const r of record.reportingRecords) {
    const who = recipientNames[r.recipient];
    entries.push(
      r.outcome === 'reported'
        ? { date: r.reportedOn ?? day(r.recordedAt), at: r.recordedAt, kind: 'reporting', title: `Reported to ${who}`, detail: [r.method, r.reference && `ref. ${r.reference}`, r.reportedBy && `by ${r.reportedBy}`].filter(Boolean).join(' · '), actor: r.recordedBy }
        : { date: day(r.recordedAt), at: r.recordedAt, kind: 'reporting', title: `Report to ${who} not required`, detail: r.justification.slice(0, 300), actor: r.recordedBy },
    );
  }
  for (const r of record.reviews) {
    entries.push({ date: r.heldOn, at: `${r.heldOn}T23:59:59.999Z`, kind: 'review', title: 'Review held', detail: r.whatChanged.slice(0, 300), actor: r.reviewedBy });
  }
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const entry = fromAudit(e);
    if (entry !== null) entries.push(entry);
  }
  // Stable: entries of one day keep the order in which they were recorded.
  return entries
    .map((e, index) => ({ e, index }))
    .sort((a, b) => a.e.date.localeCompare(b.e.date) || a.e.at.localeCompare(b.e.at) || a.index - b.index)
    .map(({ e }) => e);
}
