import { useEffect } from 'react';
import type { NavItem } from './components/Frame';
import { useNavigation } from './stores/navigation';

/** Alt+1…9 jump to the navigation entries, from anywhere. */
export function useShortcuts(nav: readonly NavItem[]): void {
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number.parseInt(event.key, 10) - 1;
      const item = Number.isInteger(index) ? nav[index] : undefined;
      if (item === undefined) return;
      event.preventDefault();
      go(item.route);
      document.getElementById('main')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nav, go]);
}
