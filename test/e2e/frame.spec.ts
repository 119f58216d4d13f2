import { expect, screenshotPath, test } from './fixtures';
import { VaultPage } from './pages/vaultPage';

test('the app frame shows the product, lock state, navigation and status line', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('banner')).toContainText('Offramp');
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Offline by design');
  // The status line shows the version the backend reported through the bound invoke.
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Offramp 0.0.0-harness');
  await expect(page.getByRole('status').filter({ hasText: 'No vault yet' })).toBeVisible();

  await new VaultPage(page).createVault();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('button', { name: /Cases/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cases');
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('button', { name: /Home/ })).toHaveAttribute('aria-current', 'page');

  await page.screenshot({ path: screenshotPath('frame'), fullPage: true });
  expect(app.pageErrors).toEqual([]);
});

test('the backend answers an unknown method and bad input with error envelopes', async ({ app }) => {
  const results = await app.page.evaluate(async () => {
    const bridge = (window as unknown as { offramp: { invoke: (m: unknown, i: unknown) => Promise<unknown> } }).offramp;
    return [await bridge.invoke('no.such', {}), await bridge.invoke('app.info', { x: 1 }), await bridge.invoke('users.list', {})];
  });
  expect(results[0]).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  expect(results[1]).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(results[2]).toMatchObject({ ok: false, error: { code: 'locked' } });
});
