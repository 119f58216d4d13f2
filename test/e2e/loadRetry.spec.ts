import type { Backend } from '../../electron/backend/backend';
import { expect, screenshotPath, test } from './fixtures';
import { VaultPage } from './pages/vaultPage';

/**
 * The next `times` calls of `method` fail as the dispatcher reports an unexpected
 * failure; every other call reaches the real backend. Returns how often `method` was asked.
 */
function failNext(backend: Backend, method: string, times: number): () => number {
  const real = backend.invoke;
  let asked = 0;
  let left = times;
  (backend as { invoke: Backend['invoke'] }).invoke = (m, input) => {
    if (m !== method) return real(m, input);
    asked += 1;
    if (left === 0) return real(m, input);
    left -= 1;
    return Promise.resolve({ ok: false, error: { code: 'internal', message: `${method} failed unexpectedly. Nothing was changed.` } });
  };
  return () => asked;
}

test('a read that fails shows its error with Try again, and trying again shows the content', async ({ app }) => {
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  await expect(page.getByRole('heading', { name: 'Program dashboard' })).toBeVisible();

  const asked = failNext(app.backend, 'home.dashboard', 1);
  await page.getByRole('button', { name: /^Cases/ }).click();
  await page.getByRole('button', { name: /^Home/ }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'The program dashboard could not be read' });
  await expect(failure).toContainText('home.dashboard failed unexpectedly. Nothing was changed.');
  await expect(page.getByRole('heading', { name: 'Program dashboard' })).toHaveCount(0);
  // The rest of Home (the work queue) is read on its own and still shows.
  await expect(page.getByText('Loading your work queue…')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('load-retry-failed'), fullPage: true });

  await failure.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Program dashboard' })).toBeVisible();
  await expect(failure).toHaveCount(0);
  expect(asked()).toBe(2);
});
