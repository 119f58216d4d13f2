import { optionById } from '../../shared/domain/catalog/options';
import { evaluate } from '../../shared/domain/evaluate/evaluate';
import { disciplines, factIds, indicatorStages, priCategories, type FactId, type OptionId, type PriCategory, type RiskLevel } from '../../shared/domain/ids';
import type { Action, AnalysisItem, Assessment, CaseRecord, Determination, Indicator } from '../../shared/model/caseRecord';
import { furthestStage } from '../../electron/backend/services/cases';
import { hubAnalysts, hubLegal, hubSpecialists, optionsByTheme, strategyTitles, SYNTH_NOW, SYNTH_START, themeWeights } from './hub';
import { createRng, type Rng } from './prng';
import { days, isoDate, isoStamp, paragraph, render } from './text';
import * as words from './vocabulary';

/** An audit event the synthetic history implies, with its time (ms since the epoch). */
export interface TimedEvent {
  at: number;
  actor: string;
  action: string;
  caseId: string | null;
  detail: Record<string, string | number | boolean | null>;
}

export interface SynthCase {
  record: CaseRecord;
  /** In time order, every one at or after the case's creation and before SYNTH_NOW. */
  events: TimedEvent[];
}

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const END = SYNTH_NOW.getTime() - days(3);

/**
 * Makes the cases of a synthetic hub one at a time, in the order they were
 * opened: case i of n opens at an even share of the hub's history, so numbers,
 * ids and audit times all follow the clock. Deterministic for a given seed and n.
 */
export function createCaseSynthesizer(seed: number, total: number): { next(index: number): SynthCase } {
  const rng = createRng(seed);
  const displayIds = new Set<string>();
  const perYear = new Map<number, number>();
  const step = (END - days(30) - SYNTH_START) / total;
  return {
    next(index) {
      const createdAt = Math.floor(SYNTH_START + (index + rng.next() * 0.9) * step);
      const year = new Date(createdAt).getUTCFullYear();
      const seq = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, seq);
      let displayId: string;
      do displayId = `S-${Array.from({ length: 5 }, () => alphabet[rng.int(32)]).join('')}`;
      while (displayIds.has(displayId));
      displayIds.add(displayId);
      return synthCase(rng, { createdAt, number: `OR-${year}-${String(seq).padStart(4, '0')}`, displayId });
    },
  };
}

function spread(rng: Rng, from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, () => Math.floor(from + rng.next() * Math.max(0, to - from))).sort((a, b) => a - b);
}

function synthCase(rng: Rng, base: { createdAt: number; number: string; displayId: string }): SynthCase {
  const { createdAt } = base;
  const id = rng.uuid();
  const events: TimedEvent[] = [];
  const theme = rng.weighted(themeWeights);
  const second = rng.weighted(themeWeights.filter(([c]) => c !== theme));
  const program = rng.weighted([['dod', 45], ['federal', 30], ['industry', 25]] as const);
  const risk: RiskLevel = rng.weighted([['low', 45], ['moderate', 32], ['high', 17], ['critical', 6]] as const);
  const assignedTo = rng.pick(hubAnalysts).name;
  const members = [...new Set([assignedTo, ...rng.sample(hubSpecialists, rng.between(1, 3)).map((u) => u.name)])].sort();
  const team = (): string => rng.pick(members);

  // The case's working life: closed cases stop at their end, running ones go on to today.
  const duration = days(rng.between(30, 720));
  const running = createdAt + duration >= END;
  const activityEnd = running ? END - days(rng.int(20)) : createdAt + duration;
  const status = running ? (rng.chance(0.65) ? 'open' : 'monitoring') : rng.chance(0.85) ? 'closed' : 'monitoring';
  const stamp = (ms: number): string => isoStamp(ms);
  const event = (at: number, actor: string, action: string, detail: TimedEvent['detail'] = {}) => events.push({ at, actor, action, caseId: id, detail });

  // Report and indicators: the first few came with the report, the rest later.
  const reportId = rng.uuid();
  const categoryOf = (): PriCategory => (rng.chance(0.6) ? (rng.chance(0.6) ? theme : second) : rng.pick(priCategories));
  const indicatorCount = rng.between(8, 12);
  const atIntake = rng.between(2, 4);
  const laterTimes = spread(rng, createdAt + days(1), activityEnd, indicatorCount - atIntake);
  const indicators: Indicator[] = Array.from({ length: indicatorCount }, (_, i) => {
    const category = i === 0 ? theme : categoryOf();
    const at = i < atIntake ? createdAt : (laterTimes[i - atIntake] ?? createdAt);
    const cw = words.categoryWords[category];
    return {
      id: rng.uuid(),
      reportId: i < atIntake ? reportId : null,
      category,
      stage: rng.weighted([[indicatorStages[0], 25], [indicatorStages[1], 35], [indicatorStages[2], 40]] as const),
      observedOn: isoDate(at - days(rng.int(60))),
      summary: rng.pick(cw.summaries),
      detail: paragraph(rng, [cw.details, cw.details, words.narrativeConnectors], rng.between(35, 70)),
      source: rng.pick(cw.sources),
      corroboration: rng.weighted([['uncorroborated', 30], ['partially_corroborated', 40], ['corroborated', 30]] as const),
      basis: rng.chance(0.6) ? 'fact' : 'opinion',
      version: 1,
      createdBy: i < atIntake ? assignedTo : team(),
      createdAt: stamp(at),
      updatedAt: stamp(at),
    };
  });
  const themes = [...new Set(indicators.map((i) => i.category))];
  const narrative = [
    render(rng, rng.pick(words.narrativeOpeners)),
    paragraph(rng, [...themes.map((c) => words.categoryWords[c].details), words.narrativeConnectors], rng.between(220, 400)),
    render(rng, rng.pick(words.narrativeClosers)),
  ].join(' ');
  event(createdAt, assignedTo, 'case.create', { number: base.number, program, indicators: atIntake });
  for (const i of indicators.slice(atIntake)) event(Date.parse(i.createdAt), i.createdBy, 'indicator.add', { indicatorId: i.id, category: i.category, stage: i.stage });

  // Analysis of the critical pathway.
  const analysisTimes = spread(rng, createdAt + days(1), activityEnd, 5);
  const kinds = ['goal', 'question', rng.chance(0.5) ? 'question' : 'viewpoint', 'assumption', 'alternative'] as const;
  const analysis: AnalysisItem[] = kinds.map((kind, i) => {
    const at = analysisTimes[i] ?? createdAt;
    const pool = kind === 'goal' ? words.analysisGoals : kind === 'assumption' ? words.analysisAssumptions : kind === 'alternative' ? words.analysisAlternatives : words.analysisQuestions;
    const answered = kind === 'question' || kind === 'viewpoint' ? rng.chance(0.7) : false;
    return {
      id: rng.uuid(),
      kind,
      text: render(rng, rng.pick(pool)),
      questionKind: kind === 'question' ? rng.pick(['definitive', 'opinion', 'multiple_viewpoints'] as const) : null,
      answer: answered ? paragraph(rng, [words.analysisAnswers], rng.between(15, 40)) : '',
      sources: answered ? rng.pick(words.categoryWords[theme].sources) : '',
      status: answered ? 'answered' : rng.chance(0.15) ? 'set_aside' : 'open',
      justified: kind === 'assumption' ? rng.pick([true, false, null]) : null,
      impact: kind === 'alternative' ? render(rng, rng.pick(words.analysisAnswers)) : '',
      discipline: rng.chance(0.7) ? rng.pick(disciplines) : null,
      createdBy: team(),
      createdAt: stamp(at),
      updatedAt: stamp(at),
    };
  });
  for (const a of analysis) event(Date.parse(a.createdAt), a.createdBy, 'analysis.add', { itemId: a.id, kind: a.kind });

  // Facts, the assessment, and the response plan.
  const determinations: Determination[] = rng.sample(factIds, rng.between(2, 4)).map((factId: FactId) => ({
    factId,
    value: rng.weighted([['no', 60], ['unknown', 25], ['yes', risk === 'low' ? 3 : 15]] as const),
    note: '',
  }));
  const strategies = rng.sample(strategyTitles, rng.between(1, 2)).map((title) => ({ id: rng.uuid(), title }));
  const optionIds = rng.sample([...new Set([...optionsByTheme[theme], ...optionsByTheme[second]])], rng.chance(0.7) ? 4 : 5);
  if (optionIds.length < 5) optionIds.push('legal_review');
  const actionTimes = spread(rng, createdAt + days(3), activityEnd, 5);
  const actions: Action[] = optionIds.map((optionId, i) => {
    const at = actionTimes[i] ?? createdAt;
    const actionStatus = status === 'closed' ? rng.weighted([['done', 80], ['discontinued', 20]] as const) : rng.weighted([['proposed', 15], ['legal_review', 10], ['approved', 15], ['in_progress', 35], ['done', 25]] as const);
    const signed = actionStatus !== 'proposed' && actionStatus !== 'legal_review';
    return {
      id: rng.uuid(),
      strategyId: rng.pick(strategies).id,
      optionId,
      ownerDiscipline: optionById(optionId as OptionId).discipline,
      ownerPerson: team(),
      status: actionStatus,
      dueOn: isoDate(at + days(rng.between(7, 60))),
      notes: paragraph(rng, [words.actionNotes], rng.between(15, 45)),
      legalSignoffBy: signed ? hubLegal : null,
      legalSignoffAt: signed ? stamp(at + days(2)) : null,
      warningJustification: '',
    };
  });
  for (const [i, a] of actions.entries()) {
    const at = actionTimes[i] ?? createdAt;
    event(at, assignedTo, 'action.add', { actionId: a.id, optionId: a.optionId });
    if (a.status !== 'proposed') event(Math.min(activityEnd, at + days(rng.between(2, 30))), a.legalSignoffBy ?? assignedTo, 'action.status', { actionId: a.id, status: a.status });
  }
  const facts = Object.fromEntries(determinations.filter((d) => d.value !== 'unknown').map((d) => [d.factId, d.value === 'yes']));
  const evaluated = evaluate({ program, facts, indicators: indicators.map((i) => ({ category: i.category, stage: i.stage })), plan: optionIds as OptionId[] });
  const assessedAt = analysisTimes[4] ?? createdAt;
  const assessment: Assessment = {
    id: rng.uuid(),
    interest: render(rng, rng.pick(words.analysisAlternatives)),
    motive: render(rng, rng.pick(words.categoryWords[theme].details)),
    ability: render(rng, rng.pick(words.categoryWords.access.details)),
    imminence: risk === 'critical' ? rng.pick(['high', 'imminent'] as const) : risk === 'high' ? 'moderate' : rng.pick(['none', 'low'] as const),
    risk,
    rationale: paragraph(rng, [words.analysisAnswers, words.reviewChanges], rng.between(30, 60)),
    leCriteria: evaluated.lawEnforcementAssistance.criteria,
    isFinal: status === 'closed',
    assessedBy: assignedTo,
    assessedAt: stamp(assessedAt),
  };
  event(assessedAt, assignedTo, 'assessment.record', { assessmentId: assessment.id, risk });
  const obligations = evaluated.obligations.map((o) => ({ recipient: o.recipient, basis: o.basis, citation: o.citation, timing: o.timing }));
  const reportingRecords = obligations.map((o) => {
    const at = Math.min(activityEnd, createdAt + days(rng.between(1, 20)));
    const required = o.recipient === 'internal' || rng.chance(0.8);
    return {
      id: rng.uuid(),
      recipient: o.recipient,
      outcome: required ? ('reported' as const) : ('not_required' as const),
      reportedOn: required ? isoDate(at) : null,
      method: required ? rng.pick(['Secure fax', 'Case management system entry', 'In person', 'Encrypted email']) : '',
      reference: required ? `REF-${rng.between(10000, 99999)}` : '',
      reportedBy: required ? assignedTo : '',
      justification: required ? '' : 'Threshold not met after review of the determinations.',
      recordedBy: assignedTo,
      recordedAt: stamp(at),
    };
  });
  for (const r of reportingRecords) event(Date.parse(r.recordedAt), r.recordedBy, 'reporting.record', { recipient: r.recipient, outcome: r.outcome });

  // Monitoring: three reviews over the case's life.
  const reviewTimes = spread(rng, createdAt + days(14), activityEnd, 3);
  const reviews = reviewTimes.map((at) => ({
    id: rng.uuid(),
    heldOn: isoDate(at),
    whatChanged: paragraph(rng, [words.reviewChanges], rng.between(20, 50)),
    effectiveness: Object.fromEntries(rng.sample(actions, 2).map((a) => [a.id, render(rng, rng.pick(words.actionNotes))])),
    newIndicators: rng.chance(0.3) ? render(rng, rng.pick(words.categoryWords[second].details)) : '',
    coordination: render(rng, rng.pick(words.reviewCoordination)),
    nextReview: isoDate(at + days(rng.pick([30, 60, 90]))),
    reviewedBy: assignedTo,
  }));
  for (const r of reviews) event(Date.parse(`${r.heldOn}T15:00:00Z`), r.reviewedBy, 'review.record', { reviewId: r.id });

  for (const at of spread(rng, createdAt, Math.min(END, activityEnd + days(90)), rng.between(2, 5))) event(at, team(), 'case.view');
  const closedAt = status === 'closed' ? activityEnd + days(1) : null;
  if (closedAt !== null) event(closedAt, assignedTo, 'case.close', { status: 'closed' });
  const lastReview = reviews[reviews.length - 1];
  const lastActivity = Math.max(activityEnd, closedAt ?? 0, ...events.filter((e) => e.action !== 'case.view').map((e) => e.at));
  events.sort((a, b) => a.at - b.at);

  const record: CaseRecord = {
    format: 'offramp-case',
    version: 1,
    case: {
      id,
      number: base.number,
      title: render(rng, rng.pick(words.caseTitles[theme])),
      program,
      status,
      risk,
      furthestStage: furthestStage(indicators.map((i) => i.stage)),
      assignedTo,
      members,
      createdBy: assignedTo,
      createdAt: stamp(createdAt),
      updatedAt: stamp(lastActivity),
      lastActivityAt: stamp(lastActivity),
      nextReview: status === 'closed' ? null : (lastReview?.nextReview ?? null),
      legalHold: rng.chance(0.03),
      closedAt: closedAt === null ? null : stamp(closedAt),
      closureReason: closedAt === null ? null : rng.pick(words.closureReasons),
      sourcePacketId: null,
    },
    subject: {
      displayId: base.displayId,
      realName: `${rng.pick(words.firstNames)} ${String.fromCharCode(65 + rng.int(26))}. ${rng.pick(words.lastNames)}`,
      employeeId: `E-${rng.between(10000, 99999)}`,
      orgUnit: rng.pick(words.slots['org'] ?? []),
      position: rng.pick(words.positions),
      clearance: rng.pick(words.clearances),
      facilityAccess: rng.pick(words.slots['place'] ?? []),
      systemAccess: rng.pick(words.slots['system'] ?? []),
    },
    reports: [
      {
        id: reportId,
        receivedOn: isoDate(createdAt),
        howReceived: rng.pick(['in_person', 'phone', 'email', 'hotline', 'supervisor_referral', 'automated_alert', 'records_check'] as const),
        reporter: rng.chance(0.2) ? '' : `${rng.pick(['Supervisor', 'Co-worker', 'Security officer', 'Help desk', 'HR specialist'])}, ${rng.pick(words.slots['org'] ?? [])}`,
        reporterConfidential: rng.chance(0.4),
        narrative,
        createdBy: assignedTo,
        createdAt: stamp(createdAt),
      },
    ],
    indicators,
    analysis,
    checklist: [],
    assessments: [assessment],
    determinations: determinations.sort((a, b) => a.factId.localeCompare(b.factId)),
    strategies,
    actions,
    obligations,
    reportingRecords,
    reviews,
    evidence: [],
    custody: [],
  };
  return { record, events };
}
