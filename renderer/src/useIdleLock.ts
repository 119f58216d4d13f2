import { useEffect } from 'react';
import { useSession } from './stores/session';

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'focus'] as const;

/**
 * Locks the vault after the configured idle time without keyboard or pointer
 * activity. The backend enforces the same limit on its side.
 */
export function useIdleLock(): void {
  const status = useSession((s) => s.status);
  const lock = useSession((s) => s.lock);
  const unlocked = status?.state === 'unlocked';
  const minutes = status?.idleLockMinutes ?? 15;
  useEffect(() => {
    if (!unlocked) return undefined;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const name of activityEvents) window.addEventListener(name, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) void lock('idle');
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      for (const name of activityEvents) window.removeEventListener(name, touch, { capture: true });
    };
  }, [unlocked, minutes, lock]);
}
