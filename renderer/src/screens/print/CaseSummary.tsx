import type { ReactNode } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import { printSections, type PrintSection } from '../../../../shared/contract/printing';
import { catalog } from '../../../../shared/domain';
import type { Discipline } from '../../../../shared/domain/ids';
import { indicatorStages } from '../../../../shared/domain/ids';
import type { AnalysisItem } from '../../../../shared/model/caseRecord';
import type { DualRolePolicy } from '../../../../shared/security/separation';
import { categoryLabels, corroborationLabels, factLabels, formatDate, howReceivedLabels, programLabels, riskLabels, stageLabels, statusLabels } from '../../labels';
import { printSectionLabels } from './sections';

const disciplineLabels = Object.fromEntries(catalog.disciplines.map((d) => [d.id, d.label])) as Record<Discipline, string>;
const questionKindLabels = Object.fromEntries(catalog.threatAnalysis.questionKinds.map((k) => [k.id, k.label])) as Record<string, string>;
const analysisStatusLabels = { open: 'Open', answered: 'Answered', set_aside: 'Set aside' } as const;

import { Evidence, Mitigation, Reporting, Reviews } from './CaseSummaryFollowUp';
import { MarkedSection, None, PrintTable, text } from './printParts';
import { PathwayChart } from '../case/PathwayChart';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function Header({ view, realName }: { view: CaseView; realName: string | null }) {
  const c = view.case;
  const s = view.subject;
  return (
    <dl className="print-kv">
      <dt>Case</dt>
      <dd>
        <span className="mono">{c.number}</span> · {c.title}
      </dd>
      <dt>Program</dt>
      <dd>{programLabels[c.program]}</dd>
      <dt>Status · risk</dt>
      <dd>
        {statusLabels[c.status]} · {c.risk === 'not_assessed' ? 'risk not assessed' : `${riskLabels[c.risk]} risk`}
      </dd>
      <dt>Person of concern</dt>
      <dd>
        {realName === null ? (
          <>
            <span className="mono">{s.displayId}</span> (pseudonymous; name withheld)
          </>
        ) : (
          <>
            {realName} (<span className="mono">{s.displayId}</span>; name revealed for this printout, recorded in the audit log)
          </>
        )}
      </dd>
      <dt>Organization unit</dt>
      <dd>{text(s.orgUnit)}</dd>
      <dt>Position</dt>
      <dd>{text(s.position)}</dd>
      <dt>Clearance</dt>
      <dd>{text(s.clearance)}</dd>
      <dt>Facility access</dt>
      <dd>{text(s.facilityAccess)}</dd>
      <dt>System access</dt>
      <dd>{text(s.systemAccess)}</dd>
    </dl>
  );
}

function Overview({ view }: { view: CaseView }) {
  const c = view.case;
  return (
    <>
      <dl className="print-kv">
        <dt>Opened</dt>
        <dd>
          {formatDate(c.createdAt)} by {c.createdBy}
        </dd>
        <dt>Assigned to</dt>
        <dd>{c.assignedTo ?? '—'}</dd>
        <dt>Furthest stage</dt>
        <dd>{c.furthestStage === null ? '—' : stageLabels[c.furthestStage]}</dd>
        <dt>Next review</dt>
        <dd>{formatDate(c.nextReview)}</dd>
        <dt>Recorded</dt>
        <dd>
          {count(view.reports.length, 'report')}, {count(view.indicators.length, 'indicator')}, {count(view.analysis.length, 'analysis item')}, {count(view.actions.length, 'mitigation action')}
        </dd>
      </dl>
      <h3>Reports received</h3>
      {view.reports.length === 0 ? (
        <None />
      ) : (
        <PrintTable columns={[['Received', 'w-s'], ['How', 'w-m'], ['Reporter', 'w-m'], ['Narrative', '']]}>
          {view.reports.map((r) => (
            <tr key={r.id}>
              <td className="mono">{r.receivedOn}</td>
              <td>{howReceivedLabels[r.howReceived]}</td>
              {/* Paper leaves the vault: a confidential source is never printed, whoever prints. */}
              <td>{r.reporterConfidential || r.reporterHidden ? 'Confidential source' : text(r.reporter)}</td>
              <td className="pre">{r.narrative}</td>
            </tr>
          ))}
        </PrintTable>
      )}
    </>
  );
}

function Indicators({ view }: { view: CaseView }) {
  if (view.indicators.length === 0) return <None />;
  return (
    <>
      <PathwayChart view={view} print />
      {indicatorStages.map((stage) => {
        const list = view.indicators.filter((i) => i.stage === stage).sort((a, b) => a.observedOn.localeCompare(b.observedOn));
        return (
          <div key={stage} className="print-group">
            <h3>
              {stageLabels[stage]} ({list.length})
            </h3>
            {list.length === 0 ? (
              <None />
            ) : (
              <PrintTable columns={[['Observed', 'w-s'], ['Category', 'w-m'], ['Indicator', ''], ['Source', 'w-m'], ['Corroboration', 'w-m']]}>
                {list.map((i) => (
                  <tr key={i.id}>
                    <td className="mono">{i.observedOn}</td>
                    <td>{categoryLabels[i.category]}</td>
                    <td>
                      <strong>{i.summary}</strong>
                      {i.detail.trim() !== '' ? <span className="pre detail">{i.detail}</span> : null}
                    </td>
                    <td>
                      {i.source} ({i.basis})
                    </td>
                    <td>{corroborationLabels[i.corroboration]}</td>
                  </tr>
                ))}
              </PrintTable>
            )}
          </div>
        );
      })}
    </>
  );
}

function AnalysisList({ items, kind }: { items: AnalysisItem[]; kind: AnalysisItem['kind'] }) {
  const list = items.filter((i) => i.kind === kind);
  if (list.length === 0) return <None />;
  return (
    <ol className="print-list">
      {list.map((i) => (
        <li key={i.id}>
          <p className="pre item-text">{i.text}</p>
          {kind === 'question' ? (
            <p className="item-meta">
              {i.questionKind === null ? '' : `${questionKindLabels[i.questionKind] ?? i.questionKind} · `}
              {analysisStatusLabels[i.status]}
              {i.answer.trim() !== '' ? ` · Answer: ${i.answer}` : ''}
              {i.sources.trim() !== '' ? ` · Sources: ${i.sources}` : ''}
            </p>
          ) : null}
          {kind === 'assumption' ? (
            <p className="item-meta">
              {i.justified === null ? 'Justification not yet decided' : i.justified ? 'Justified' : 'Not justified'}
              {i.impact.trim() !== '' ? ` · Impact: ${i.impact}` : ''}
            </p>
          ) : null}
          {kind === 'viewpoint' && i.discipline !== null ? <p className="item-meta">{disciplineLabels[i.discipline]}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function Analysis({ view }: { view: CaseView }) {
  const groups: [AnalysisItem['kind'], string][] = [
    ['goal', 'Goal'],
    ['question', 'Questions'],
    ['assumption', 'Assumptions'],
    ['alternative', 'Alternative explanations'],
    ['viewpoint', 'Discipline viewpoints'],
  ];
  return (
    <>
      {groups.map(([kind, title]) => (
        <div key={kind} className="print-group">
          <h3>{title}</h3>
          <AnalysisList items={view.analysis} kind={kind} />
        </div>
      ))}
    </>
  );
}

function Assessment({ view }: { view: CaseView }) {
  const latest = view.assessments.at(-1);
  return (
    <>
      {latest === undefined ? (
        <None />
      ) : (
        <dl className="print-kv">
          <dt>Assessed</dt>
          <dd>
            {formatDate(latest.assessedAt)} by {latest.assessedBy}
            {latest.isFinal ? ' (final)' : ''}
          </dd>
          <dt>Risk · imminence</dt>
          <dd>
            {riskLabels[latest.risk]} · {latest.imminence}
          </dd>
          <dt>Interest</dt>
          <dd className="pre">{text(latest.interest)}</dd>
          <dt>Motive</dt>
          <dd className="pre">{text(latest.motive)}</dd>
          <dt>Ability</dt>
          <dd className="pre">{text(latest.ability)}</dd>
          <dt>Rationale</dt>
          <dd className="pre">{latest.rationale}</dd>
          <dt>Law enforcement criteria</dt>
          <dd>{latest.leCriteria.length === 0 ? 'None met' : latest.leCriteria.map((f) => factLabels[f]).join('; ')}</dd>
        </dl>
      )}
      {view.assessments.length > 1 ? (
        <PrintTable caption="Earlier assessments" columns={[['Assessed', 'w-s'], ['By', 'w-m'], ['Risk', 'w-s'], ['Rationale', '']]}>
          {view.assessments.slice(0, -1).map((a) => (
            <tr key={a.id}>
              <td className="mono">{formatDate(a.assessedAt)}</td>
              <td>{a.assessedBy}</td>
              <td>{riskLabels[a.risk]}</td>
              <td className="pre">{a.rationale}</td>
            </tr>
          ))}
        </PrintTable>
      ) : null}
      <h3>Determinations</h3>
      {view.determinations.length === 0 ? (
        <None />
      ) : (
        <PrintTable columns={[['Question', ''], ['Answer', 'w-s'], ['Note', 'w-l']]}>
          {view.determinations.map((d) => (
            <tr key={d.factId}>
              <td>{factLabels[d.factId]}</td>
              <td>{d.value}</td>
              <td className="pre">{text(d.note)}</td>
            </tr>
          ))}
        </PrintTable>
      )}
    </>
  );
}

/**
 * The hub's separation-of-duties setting, printed on every case summary: when a
 * program manager lets one person hold two steps of a decision, the printout
 * says so, who allowed it, when and why.
 */
export function SeparationOfDuties({ policy }: { policy: DualRolePolicy }) {
  return (
    <p className="print-meta print-separation">
      {policy.allowed ? (
        <>
          <strong>Separation of duties relaxed:</strong> this hub lets one person hold two steps of a decision (propose and sign off, sign off and approve, lead and
          approve closure). Allowed by {policy.setBy} on {formatDate(policy.setAt.slice(0, 10))}: “{policy.reason}”
        </>
      ) : (
        <>
          <strong>Separation of duties:</strong> no one signs off an action they proposed or approves one they signed off, and a case&apos;s lead does not approve its
          closure.
        </>
      )}
    </p>
  );
}

const bodies: Record<PrintSection, (props: { view: CaseView; realName: string | null }) => ReactNode> = {
  header: Header,
  overview: Overview,
  indicators: Indicators,
  analysis: Analysis,
  assessment: Assessment,
  mitigation: Mitigation,
  reporting: Reporting,
  reviews: Reviews,
  evidence: Evidence,
};

/** The chosen sections of a case, in their fixed order, each with its portion mark. Unchosen sections are not rendered at all. */
export function CaseSummarySections({ view, sections, realName, portion }: { view: CaseView; sections: readonly PrintSection[]; realName: string | null; portion: string }) {
  const chosen = printSections.filter((s) => sections.includes(s));
  return (
    <>
      {chosen.map((section, index) => {
        const Body = bodies[section];
        return (
          <MarkedSection key={section} id={`print-${section}`} portion={portion} heading={`${index + 1}. ${printSectionLabels[section]}`}>
            <Body view={view} realName={realName} />
          </MarkedSection>
        );
      })}
    </>
  );
}
