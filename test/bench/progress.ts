import type { CliIo } from '../../electron/backend/cli/types';

/** Progress of a long run on standard error: at most one line a second, and the last. */
export function progressReporter(io: CliIo, label: string): (done: number, total: number) => void {
  const started = performance.now();
  let lastShown = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - lastShown < 1000) return;
    lastShown = now;
    const seconds = (now - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const eta = done < total ? `, about ${formatDuration((total - done) / rate)} left` : `, done in ${formatDuration(seconds)}`;
    io.stderr(`${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} cases (${((100 * done) / total).toFixed(1)}%), ${Math.round(rate)} cases/s${eta}\n`);
  };
}

export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
