import { useEffect, type ReactNode } from 'react';
import { Frame, type NavItem } from './components/Frame';
import { inPreview, PreviewBanner } from './components/PreviewBanner';
import { RecoveryNotice } from './components/RecoveryNotice';
import { roleLabels } from './labels';
import { Admin } from './screens/Admin';
import { AuditLog } from './screens/AuditLog';
import { Exercises } from './screens/Exercises';
import { CaseList } from './screens/CaseList';
import { CaseScreen } from './screens/case/CaseScreen';
import { Home } from './screens/Home';
import { Intake } from './screens/Intake';
import { Packets } from './screens/Packets';
import { PrintView } from './screens/print/PrintView';
import { Records } from './screens/records/Records';
import { FirstRun } from './screens/vault/FirstRun';
import { RecoveryKey } from './screens/vault/RecoveryKey';
import { Unlock } from './screens/vault/Unlock';
import { useAppInfo } from './stores/app';
import { useNavigation } from './stores/navigation';
import { useSession } from './stores/session';
import { useFocusKeeper } from './focusResult';
import { useIdleLock } from './useIdleLock';
import { useShortcuts } from './useShortcuts';
import { useCan } from './team/usePermission';

const nav: readonly NavItem[] = [
  { route: { name: 'home' }, label: 'Home', shortcut: 'Alt+1' },
  { route: { name: 'cases' }, label: 'Cases', shortcut: 'Alt+2' },
  { route: { name: 'intake' }, label: 'New case', shortcut: 'Alt+3' },
  { route: { name: 'packets' }, label: 'Referral packets', shortcut: 'Alt+4' },
  { route: { name: 'admin' }, label: 'Administration', shortcut: 'Alt+5' },
  { route: { name: 'records' }, label: 'Records', shortcut: 'Alt+6' },
];

function StatusLine() {
  const info = useAppInfo((s) => s.info);
  const error = useAppInfo((s) => s.error);
  return (
    <>
      <span className="status-item">
        <span className="dot dot-ok" aria-hidden="true" /> Offline by design: no network connections
      </span>
      <span className="status-item">Data encrypted at rest (SQLCipher 4)</span>
      <span className="status-spacer" />
      {error !== null ? <span className="status-item status-error">{error}</span> : null}
      <span className="status-item">{info === null ? 'Connecting…' : `Offramp ${info.version}`}</span>
    </>
  );
}

function Screen() {
  const route = useNavigation((s) => s.route);
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'cases':
      return <CaseList />;
    case 'case':
      return <CaseScreen caseId={route.caseId} tab={route.tab} />;
    case 'intake':
      return <Intake />;
    case 'packets':
      return <Packets />;
    case 'admin':
      return <Admin />;
    case 'records':
      return <Records />;
    case 'exercises':
      return <Exercises />;
    case 'auditLog':
      return <AuditLog />;
    case 'print':
      return null;
  }
}

/** The header's lock state and lock button. */
function LockState() {
  const status = useSession((s) => s.status);
  const lock = useSession((s) => s.lock);
  if (status?.state !== 'unlocked' || status.user === null) {
    return (
      <span className="lock-pill lock-pill-locked" role="status">
        {status?.state === 'none' ? 'No vault yet' : 'Locked'}
      </span>
    );
  }
  return (
    <>
      <span className="header-user">
        {status.user.name} · {roleLabels[status.user.role]}
      </span>
      <span className="lock-pill lock-pill-unlocked" role="status">
        Unlocked
      </span>
      <button type="button" className="btn" onClick={() => void lock('user')} title="Lock the vault (Ctrl+L)">
        Lock
      </button>
    </>
  );
}

const trainingNav: readonly NavItem[] = [...nav, { route: { name: 'exercises' }, label: 'Review activities', shortcut: 'Alt+7' }];
/** The audit log is the program manager's (audit.log in the permission map); no one else sees it in the navigation. */
const auditLogNav = (base: readonly NavItem[]): NavItem => ({ route: { name: 'auditLog' }, label: 'Audit log', shortcut: `Alt+${String(base.length + 1)}` });

/** The navigation of the signed-in user. */
function useNav(): readonly NavItem[] {
  const training = useSession((s) => s.status?.training === true);
  const base = training ? trainingNav : nav;
  return useCan('audit.log') ? [...base, auditLogNav(base)] : base;
}

function Shell({ children, withNav }: { children: ReactNode; withNav: boolean }) {
  const training = useSession((s) => s.status?.training === true);
  const recovered = useSession((s) => withNav && s.recoveries.length > 0);
  const userNav = useNav();
  return (
    <Frame
      nav={withNav ? userNav : []}
      lockState={<LockState />}
      status={<StatusLine />}
      banner={
        training || inPreview() || recovered ? (
          <div className="frame-banners">
            {inPreview() ? <PreviewBanner /> : null}
            {training ? <div className="training-banner" role="region" aria-label="Training notice">TRAINING VAULT — FICTIONAL CASES ONLY</div> : null}
            {recovered ? <RecoveryNotice /> : null}
          </div>
        ) : undefined
      }
    >
      {children}
    </Frame>
  );
}

export function App() {
  const loadInfo = useAppInfo((s) => s.load);
  const refresh = useSession((s) => s.refresh);
  const status = useSession((s) => s.status);
  const recoveryKey = useSession((s) => s.pendingRecoveryKey);
  const lock = useSession((s) => s.lock);
  const route = useNavigation((s) => s.route);
  useEffect(() => {
    void loadInfo();
    void refresh();
  }, [loadInfo, refresh]);
  const userNav = useNav();
  useShortcuts(status?.state === 'unlocked' ? userNav : []);
  useIdleLock();
  useFocusKeeper();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'l' && useSession.getState().status?.state === 'unlocked') {
        event.preventDefault();
        void lock('user');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);

  if (recoveryKey !== null) {
    return (
      <Shell withNav={false}>
        <RecoveryKey recoveryKey={recoveryKey} />
      </Shell>
    );
  }
  if (status === null) {
    return (
      <Shell withNav={false}>
        <p className="muted">Opening Offramp…</p>
      </Shell>
    );
  }
  if (status.state === 'none') {
    return (
      <Shell withNav={false}>
        <FirstRun />
      </Shell>
    );
  }
  if (status.state === 'locked') {
    return (
      <Shell withNav={false}>
        <Unlock />
      </Shell>
    );
  }
  // The window prints what it shows, so a printout takes the whole window, without the app's frame.
  if (route.name === 'print') return <PrintView />;
  return (
    <Shell withNav>
      <Screen />
    </Shell>
  );
}
