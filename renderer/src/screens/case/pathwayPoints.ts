import type { CaseView } from '../../../../shared/contract/cases';
import { catalog } from '../../../../shared/domain';
import { indicatorStages } from '../../../../shared/domain/ids';
import { categoryLabels, riskLabels, stageLabels } from '../../labels';

/** The kinds of mark on the critical-pathway timeline, in legend order. */
export const pathwayKinds = ['indicator', 'assessment', 'action', 'review'] as const;
export type PathwayKind = (typeof pathwayKinds)[number];

export const pathwayKindLabels: Record<PathwayKind, string> = {
  indicator: 'Indicator',
  assessment: 'Assessment',
  action: 'Action due',
  review: 'Review',
};

/** The rows of the chart, bottom to top: the three pathway stages, then the casework done about them (assessments, actions, reviews). */
export const pathwayLanes = [...indicatorStages.map((s) => stageLabels[s]), 'Casework'] as const;
const caseworkLane = indicatorStages.length;

export interface PathwayPoint {
  kind: PathwayKind;
  /** The day, as an ISO date. */
  date: string;
  /** Milliseconds since the epoch at midnight UTC of `date`: the x position. */
  x: number;
  /** Index into pathwayLanes: the y position. */
  lane: number;
  /** What the mark is, in words: the category and summary of an indicator, the risk of an assessment… */
  label: string;
}

const optionLabels = new Map<string, string>(catalog.responseOptions.map((o) => [o.id, o.label]));
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * Everything the critical-pathway timeline shows, oldest first: indicators on the
 * lane of their pathway stage, and assessments, actions (by due date) and reviews
 * on the casework lane. Actions without a due date have no place on a date axis
 * and are left out.
 */
export function pathwayPoints(view: Pick<CaseView, 'indicators' | 'assessments' | 'actions' | 'reviews'>): PathwayPoint[] {
  const points: PathwayPoint[] = [];
  for (const i of view.indicators) {
    points.push({ kind: 'indicator', date: i.observedOn, x: dayMs(i.observedOn), lane: indicatorStages.indexOf(i.stage), label: `${categoryLabels[i.category]}: ${i.summary}` });
  }
  for (const a of view.assessments) {
    const date = a.assessedAt.slice(0, 10);
    points.push({ kind: 'assessment', date, x: dayMs(date), lane: caseworkLane, label: `${a.isFinal ? 'Final assessment' : 'Assessment'}: ${riskLabels[a.risk]} risk` });
  }
  for (const a of view.actions) {
    if (a.dueOn === null || a.status === 'discontinued') continue;
    points.push({ kind: 'action', date: a.dueOn, x: dayMs(a.dueOn), lane: caseworkLane, label: `${optionLabels.get(a.optionId) ?? 'Action'}${a.status === 'done' ? ' (done)' : ''}` });
  }
  for (const r of view.reviews) {
    points.push({ kind: 'review', date: r.heldOn, x: dayMs(r.heldOn), lane: caseworkLane, label: r.whatChanged.trim() === '' ? 'Case review' : `Case review: ${r.whatChanged.trim().slice(0, 120)}` });
  }
  return points.sort((a, b) => a.x - b.x || pathwayKinds.indexOf(a.kind) - pathwayKinds.indexOf(b.kind));
}

/** The one-sentence caption of the chart, shown on screen and printed. */
export function pathwayCaption(points: readonly PathwayPoint[]): string {
  const n = (kind: PathwayKind) => points.filter((p) => p.kind === kind).length;
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `Critical-pathway timeline: ${plural(n('indicator'), 'indicator', 'indicators')} by date and pathway stage, with ${plural(n('assessment'), 'assessment', 'assessments')}, ${plural(n('action'), 'action due', 'actions due')} and ${plural(n('review'), 'review', 'reviews')}.`;
}
