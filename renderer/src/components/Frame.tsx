import type { ReactNode } from 'react';
import type { Route } from '../stores/navigation';
import { useNavigation } from '../stores/navigation';

export interface NavItem {
  route: Route;
  label: string;
  shortcut: string;
}

interface FrameProps {
  lockState: ReactNode;
  actions?: ReactNode;
  nav: readonly NavItem[];
  status: ReactNode;
  banner?: ReactNode;
  children: ReactNode;
}

/** Header with product name and lock state, navigation, the screen, a status line. */
export function Frame({ lockState, actions, nav, status, banner, children }: FrameProps) {
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  return (
    <div className={nav.length === 0 ? 'frame frame-no-nav' : 'frame'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {banner}
      <header className="frame-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Offramp</span>
          <span className="brand-sub">Insider Threat Program casework</span>
        </div>
        <div className="header-right">
          {lockState}
          {actions}
        </div>
      </header>
      {nav.length > 0 ? (
      <nav className="frame-nav" aria-label="Main">
        <ul>
          {nav.map((item) => {
            const current = item.route.name === route.name || (item.route.name === 'cases' && route.name === 'case');
            return (
              <li key={item.route.name}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={current ? 'page' : undefined}
                  onClick={() => go(item.route)}
                  title={`${item.label} (${item.shortcut})`}
                >
                  <span>{item.label}</span>
                  <kbd aria-hidden="true">{item.shortcut}</kbd>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      ) : null}
      <main id="main" className="frame-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="frame-status" aria-label="Status">
        {status}
      </footer>
    </div>
  );
}
