import { useEffect } from 'react';
import { Frame, type NavItem } from './components/Frame';
import { useAppInfo } from './stores/app';
import { useNavigation } from './stores/navigation';
import { useShortcuts } from './useShortcuts';

const nav: readonly NavItem[] = [
  { route: { name: 'home' }, label: 'Home', shortcut: 'Alt+1' },
  { route: { name: 'cases' }, label: 'Cases', shortcut: 'Alt+2' },
  { route: { name: 'intake' }, label: 'New case', shortcut: 'Alt+3' },
  { route: { name: 'packets' }, label: 'Referral packets', shortcut: 'Alt+4' },
  { route: { name: 'admin' }, label: 'Administration', shortcut: 'Alt+5' },
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

function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{title}</h1>
      <p className="muted">{text}</p>
    </section>
  );
}

function Screen() {
  const route = useNavigation((s) => s.route);
  switch (route.name) {
    case 'home':
      return <Placeholder title="Home" text="Your cases, reviews that are due and reporting obligations appear here." />;
    case 'cases':
    case 'case':
      return <Placeholder title="Cases" text="The hub's cases, searchable and sortable." />;
    case 'intake':
      return <Placeholder title="New case" text="Open a case on a person of concern." />;
    case 'packets':
      return <Placeholder title="Referral packets" text="Export referral packets to removable media and open packets received." />;
    case 'admin':
      return <Placeholder title="Administration" text="Users, roles, markings, backups and retention." />;
  }
}

export function App() {
  const load = useAppInfo((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  useShortcuts(nav);
  return (
    <Frame
      nav={nav}
      lockState={
        <span className="lock-pill lock-pill-locked" role="status">
          No vault open
        </span>
      }
      status={<StatusLine />}
    >
      <Screen />
    </Frame>
  );
}
