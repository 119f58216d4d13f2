import { exportCases, importCases } from '../../electron/backend/services/cases';
import type { Backend } from '../../electron/backend/backend';
import type { CaseRecord } from '../../shared/model/caseRecord';
import type { PriCategory } from '../../shared/domain/ids';
import { gamblingIntake } from './vault';

const sentence = (n: number, topic: string) =>
  `${topic}: observed by two independent colleagues over several weeks (${n}); the account is consistent with payroll records and badge logs, and the team noted the context, the dates and the people present so that the analysis can be checked later.`;

async function ok<T>(promise: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const envelope = await promise;
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as T;
}

const categories: PriCategory[] = ['financial', 'substance', 'professional', 'security_compliance', 'technical', 'judgment_psychological'];
const stages = ['predisposition', 'stressor', 'concerning_behavior'] as const;

/**
 * A case with enough on it to fill several printed pages: many indicators and
 * analysis items with long text, an assessment and determinations through the
 * backend's methods, and — through an all-or-nothing import, as a case arriving
 * from another hub would — a mitigation plan, reporting records, reviews,
 * evidence and custody. Returns the imported case's id and number.
 */
export async function seedPrintableCase(backend: Backend, actor: string): Promise<{ id: string; number: string; subjectId: string }> {
  const invoke = (method: string, input: unknown) => backend.invoke(method, input) as Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>;
  const intake = gamblingIntake('printable');
  intake.indicators = Array.from({ length: 24 }, (_, i) => ({
    category: categories[i % categories.length] ?? 'financial',
    stage: stages[i % 3] ?? 'stressor',
    observedOn: `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`,
    summary: `Indicator ${i + 1}: ${['missed shifts after weekend trips', 'borrowed money from a colleague', 'asked about access to the petty-cash safe', 'talked about losses at an online casino'][i % 4]}`,
    detail: i % 3 === 0 ? `${sentence(i, 'Detail')} ${sentence(i + 100, 'Follow-up')}` : '',
    source: ['Supervisor', 'Co-workers', 'Payroll records', 'Badge logs'][i % 4] ?? 'Supervisor',
    corroboration: (['uncorroborated', 'partially_corroborated', 'corroborated'] as const)[i % 3] ?? 'corroborated',
    basis: i % 2 === 0 ? 'fact' : 'opinion',
  }));
  const created = await ok<{ id: string }>(invoke('cases.create', intake));
  const caseId = created.id;
  await ok(invoke('analysis.save', { caseId, kind: 'goal', text: 'Decide whether the borrowing is a response to debt that support can resolve, or a step toward theft from the petty-cash safe.' }));
  for (let i = 0; i < 8; i += 1) {
    await ok(
      invoke('analysis.save', {
        caseId,
        kind: 'question',
        text: `Question ${i + 1}: ${sentence(i, 'Does the record show')}?`,
        questionKind: (['definitive', 'opinion', 'multiple_viewpoints'] as const)[i % 3],
        answer: i % 2 === 0 ? sentence(i, 'Yes, per the payroll file') : '',
        status: i % 2 === 0 ? 'answered' : 'open',
      }),
    );
    await ok(invoke('analysis.save', { caseId, kind: 'assumption', text: `Assumption ${i + 1}: ${sentence(i, 'We assume')}`, justified: i % 2 === 0, impact: 'Shapes how the team reads the borrowing.' }));
    await ok(invoke('analysis.save', { caseId, kind: 'alternative', text: `Alternative ${i + 1}: ${sentence(i, 'A family emergency explains')}` }));
  }
  await ok(invoke('analysis.save', { caseId, kind: 'viewpoint', text: 'Behavioral science sees a coping problem rather than hostility.', discipline: 'behavioral_science' }));
  await ok(
    invoke('assessment.record', {
      caseId,
      interest: 'No interest in harming the organization has been expressed.',
      motive: 'Mounting gambling debt of about $40,000.',
      ability: 'Routine access to the petty-cash safe.',
      imminence: 'low',
      risk: 'moderate',
      rationale: sentence(1, 'A stressor with a concerning behavior, no criminal nexus'),
      leCriteria: [],
    }),
  );
  await ok(invoke('determinations.set', { caseId, values: [{ factId: 'adverse_information', value: 'yes', note: 'Debt and borrowing are adverse information under the guidelines.' }, { factId: 'criminal_conduct', value: 'no', note: '' }] }));

  const session = backend.context.session;
  if (session === null) throw new Error('The vault is locked.');
  const [record] = exportCases(session.db, [caseId]);
  if (record === undefined) throw new Error('The case was not saved.');
  const stamp = '2026-11-20T10:00:00.000Z';
  const evidenceId = 'ev-1';
  // A second copy under new ids, as if it came from another hub.
  const fresh = (id: string) => `p-${id}`;
  const rich: CaseRecord = {
    ...record,
    reports: record.reports.map((r) => ({ ...r, id: fresh(r.id) })),
    indicators: record.indicators.map((i) => ({ ...i, id: fresh(i.id), reportId: i.reportId === null ? null : fresh(i.reportId) })),
    analysis: record.analysis.map((a) => ({ ...a, id: fresh(a.id) })),
    assessments: record.assessments.map((a) => ({ ...a, id: fresh(a.id) })),
    case: { ...record.case, id: 'printable-case', number: 'OR-2026-0420' },
    subject: { ...record.subject, displayId: 'S-PR1NT' },
    strategies: [{ id: 'st-1', title: 'Support the employee and protect the petty-cash safe' }],
    actions: Array.from({ length: 6 }, (_, i) => ({
      id: `ac-${i}`,
      strategyId: i < 5 ? 'st-1' : null,
      optionId: ['employee_assistance_program', 'financial_counseling_referral', 'reduce_privileges', 'security_counseling', 'legal_review', 'watch_and_wait'][i] ?? 'watch_and_wait',
      ownerDiscipline: (['hr', 'hr', 'security', 'security', 'legal', 'behavioral_science'] as const)[i] ?? 'hr',
      ownerPerson: 'R. Alvarez',
      status: (['approved', 'in_progress', 'proposed', 'done', 'legal_review', 'discontinued'] as const)[i] ?? 'proposed',
      dueOn: '2026-12-15',
      notes: sentence(i, 'Plan'),
      legalSignoffBy: i % 2 === 0 ? 'L. Chen' : null,
      legalSignoffAt: i % 2 === 0 ? stamp : null,
      warningJustification: '',
    })),
    reportingRecords: [
      { id: 'rr-1', recipient: 'diss', outcome: 'reported', reportedOn: '2026-11-18', method: 'DISS incident report', reference: 'DISS-44812', reportedBy: 'Dana Whitfield', justification: '', recordedBy: actor, recordedAt: stamp },
      { id: 'rr-2', recipient: 'internal', outcome: 'reported', reportedOn: '2026-11-10', method: 'Hub procedure 4', reference: 'HUB-2026-117', reportedBy: 'Dana Whitfield', justification: '', recordedBy: actor, recordedAt: stamp },
    ],
    reviews: [
      { id: 'rv-1', heldOn: '2026-11-19', whatChanged: sentence(2, 'Counseling started'), effectiveness: { employee_assistance_program: 'Attending weekly.' }, newIndicators: '', coordination: 'HR and security met.', nextReview: '2026-12-19', reviewedBy: actor },
    ],
    evidence: [{ id: evidenceId, name: 'badge-log-october.csv', mediaType: 'text/csv', size: 48213, sha256: 'b'.repeat(64), receivedOn: '2026-11-05', source: 'Physical security' }],
    custody: [
      { at: '2026-11-05T09:12:00.000Z', actor, action: 'evidence_received', evidenceId, detail: {} },
      { at: '2026-11-06T14:30:00.000Z', actor, action: 'evidence_viewed', evidenceId, detail: {} },
    ],
  };
  await importCases(session.db, { name: actor, role: session.user.role }, JSON.stringify(rich), new Date(stamp));
  return { id: rich.case.id, number: rich.case.number, subjectId: rich.subject.displayId };
}
