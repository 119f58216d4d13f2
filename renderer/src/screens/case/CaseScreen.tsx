import { ReviewDue, viewDates } from '../../components/ReviewDue';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { RiskBadge } from '../../components/RiskBadge';
import { programLabels, recipientLabels, statusLabels } from '../../labels';
import { useCaseQuery } from '../../stores/currentCase';
import { useNavigation } from '../../stores/navigation';
import { usePrint } from '../../stores/print';
import { AnalysisTab } from './AnalysisTab';
import { AssessmentTab } from './AssessmentTab';
import { AuditTab } from './AuditTab';
import { ExportPacketDialog, type WrittenPacket } from './ExportPacketDialog';
import { ClosureTab } from './ClosureTab';
import { EvidenceTab } from './EvidenceTab';
import { IndicatorsTab } from './IndicatorsTab';
import { MonitoringTab } from './MonitoringTab';
import { OverviewTab } from './OverviewTab';
import { CoverSheetDialog, PrintDialog } from './PrintDialog';
import { PlanTab } from './PlanTab';
import { ReportingTab } from './ReportingTab';
import { TimelineTab } from './TimelineTab';
import { TeamTab } from '../../team/TeamTab';
import { CaseTags } from './CaseTags';
import { CaseDetailsDialog, type SavedEdit } from './EditDialogs';
import { HistoryTab } from './HistoryTab';
import { FocusedStatus } from '../../components/FocusedStatus';
import { CaseProvenance } from './CaseProvenance';
import { Alert } from '../../components/Alert';

const tabs = [
  { id: 'overview', label: 'Overview' },
  { id: 'indicators', label: 'Reports & indicators' },
  { id: 'analysis', label: 'Analysis' },
  { id: 'assessment', label: 'Assessment' },
  { id: 'plan', label: 'Mitigation plan' },
  { id: 'reporting', label: 'Reporting' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'monitoring', label: 'Monitoring' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'history', label: 'History' },
  { id: 'closure', label: 'Closure' },
  { id: 'team', label: 'Team' },
  { id: 'audit', label: 'Audit log' },
] as const;
type TabId = (typeof tabs)[number]['id'];

/** One case, in tabs that follow the guide's workflow: detect and identify → analyse → assess. */
export function CaseScreen({ caseId, tab }: { caseId: string; tab: string | undefined }) {
  const go = useNavigation((s) => s.go);
  const { view, error, refetch } = useCaseQuery(caseId);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const [exporting, setExporting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [savedEdit, setSavedEdit] = useState<SavedEdit | null>(null);
  const printOutcome = usePrint((s) => s.outcome);
  const dismissPrintOutcome = usePrint((s) => s.dismiss);
  const [printing, setPrinting] = useState<'summary' | 'cover' | null>(null);
  const [coverFor, setCoverFor] = useState<WrittenPacket | undefined>(undefined);
  const openPrint = (what: 'summary' | 'cover', packet?: WrittenPacket) => {
    dismissPrintOutcome();
    setCoverFor(packet);
    setPrinting(what);
  };
  const active: TabId = tabs.some((t) => t.id === tab) ? (tab as TabId) : 'overview';
  // The outcome of a printout belongs to its case: it does not follow the user to another.
  const otherCaseOutcome = printOutcome !== null && printOutcome.caseId !== undefined && printOutcome.caseId !== caseId;
  useEffect(() => {
    if (otherCaseOutcome) dismissPrintOutcome();
  }, [otherCaseOutcome, dismissPrintOutcome]);

  useEffect(() => {
    setSavedEdit(null);
  }, [caseId]);

  const select = (id: TabId) => {
    // The saved message of an edit belongs to the moment after it, not to every tab after.
    setSavedEdit(null);
    go({ name: 'case', caseId, tab: id });
  };
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = (index + delta + tabs.length) % tabs.length;
    const target = tabs[next];
    if (target === undefined) return;
    select(target.id);
    tabRefs.current[next]?.focus();
  };

  if (error !== null) {
    return (
      <Alert kind="error">
        {error}
      </Alert>
    );
  }
  if (view === null || view.case.id !== caseId) return <p className="muted">Opening the case…</p>;
  const c = view.case;
  const recorded = new Set(view.reportingRecords.map((r) => r.recipient));
  const immediate = view.obligations.filter((o) => o.timing === 'immediately' && !recorded.has(o.recipient));

  return (
    <section className="screen stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <div className="breadcrumb">
            <button type="button" className="btn-link" onClick={() => go({ name: 'cases' })}>
              Cases
            </button>{' '}
            / <span className="mono">{c.number}</span>
          </div>
          <h1 id="screen-title">
            <span className="mono">{c.number}</span> · {c.title}
          </h1>
          <p className="case-meta">
            <span>Subject <span className="mono">{view.subject.displayId}</span></span>
            <span>{programLabels[c.program]} program</span>
            <span>{statusLabels[c.status]}</span>
            <RiskBadge risk={c.risk} />
            <span>Lead {c.assignedTo ?? '—'}</span>
            <ReviewDue dates={viewDates(view)} />
            {c.status !== 'closed' ? (
              <button type="button" className="btn-link" onClick={() => setEditing(true)}>
                Edit title and program…
              </button>
            ) : null}
          </p>
          <CaseTags caseId={caseId} closed={c.status === 'closed'} />
          <CaseProvenance caseId={caseId} sourcePacketId={c.sourcePacketId} />
        </div>
        <div className="row case-actions">
          <button type="button" className="btn" onClick={() => setExporting(true)}>
            Export referral packet…
          </button>
          <button type="button" className="btn" onClick={() => openPrint('summary')}>
            Print…
          </button>
          <button type="button" className="btn" onClick={() => openPrint('cover')}>
            Cover sheet…
          </button>
        </div>
      </div>
      {exporting ? (
        <ExportPacketDialog
          caseId={caseId}
          onClose={() => {
            setExporting(false);
            // An export adds to the custody log: show it.
            void refetch();
          }}
          onCoverSheet={(packet) => {
            setExporting(false);
            void refetch();
            openPrint('cover', packet);
          }}
        />
      ) : null}
      {editing ? (
        <CaseDetailsDialog
          view={view}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setSavedEdit(saved);
          }}
        />
      ) : null}
      {savedEdit !== null ? (
        <FocusedStatus kind="ok" token={savedEdit}>
          {savedEdit.text}
        </FocusedStatus>
      ) : null}
      {printOutcome !== null && !otherCaseOutcome ? (
        <Alert kind={printOutcome.kind} role="status">
          {printOutcome.text}
        </Alert>
      ) : null}
      {printing === 'summary' ? <PrintDialog caseId={caseId} returnTo={{ name: 'case', caseId, tab: active }} onClose={() => setPrinting(null)} /> : null}
      {printing === 'cover' ? <CoverSheetDialog caseId={caseId} caseNumber={c.number} initial={coverFor} returnTo={{ name: 'case', caseId, tab: active }} onClose={() => setPrinting(null)} /> : null}
      {immediate.length > 0 ? (
        <Alert kind="error">
          <strong>Report immediately: </strong>
          {immediate.map((o) => `${recipientLabels[o.recipient]} (${o.citation})`).join('; ')}. Record each report once made.
        </Alert>
      ) : null}
      <div className="tabs" role="tablist" aria-label="Case sections">
        {tabs.map((t, index) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            className="tab"
            onClick={() => select(t.id)}
            onKeyDown={(e) => onTabKey(e, index)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`}>
        {active === 'overview' ? <OverviewTab view={view} /> : null}
        {active === 'indicators' ? <IndicatorsTab view={view} /> : null}
        {active === 'analysis' ? <AnalysisTab view={view} /> : null}
        {active === 'assessment' ? <AssessmentTab view={view} /> : null}
        {active === 'plan' ? <PlanTab view={view} /> : null}
        {active === 'reporting' ? <ReportingTab view={view} /> : null}
        {active === 'evidence' ? <EvidenceTab view={view} /> : null}
        {active === 'monitoring' ? <MonitoringTab view={view} /> : null}
        {active === 'timeline' ? <TimelineTab view={view} /> : null}
        {active === 'history' ? <HistoryTab view={view} /> : null}
        {active === 'closure' ? <ClosureTab view={view} /> : null}
        {active === 'team' ? <TeamTab caseId={caseId} /> : null}
        {active === 'audit' ? <AuditTab caseId={caseId} view={view} /> : null}
      </div>
    </section>
  );
}
