import AxeBuilder from '@axe-core/playwright';
import { expect, screenshotPath, test } from './fixtures';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

test('create a vault, lock, unlock with a wrong then the right passphrase', async ({ app }) => {
  const { page } = app;
  const vault = new VaultPage(page);

  // A weak passphrase is explained and refused before anything is created.
  await page.getByLabel('Your user name').fill('Dana Whitfield');
  await page.getByLabel('Passphrase', { exact: true }).fill('password');
  await page.getByLabel('Repeat passphrase').fill('password');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.locator('.field .error').first()).toBeVisible();
  expect((await app.backend.invoke('vault.status', {})) as unknown).toMatchObject({ ok: true, value: { state: 'none' } });
  await page.screenshot({ path: screenshotPath('vault-first-run-weak'), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByLabel('Passphrase', { exact: true }).fill('');
  await page.getByLabel('Repeat passphrase').fill('');
  const key = await vault.createVault('Dana Whitfield');
  expect(key).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){15}$/);

  await page.getByRole('button', { name: /Administration/ }).click();
  await expect(page.getByRole('cell', { name: 'Dana Whitfield' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('vault-admin'), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await vault.lock();
  await page.screenshot({ path: screenshotPath('vault-unlock'), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await vault.unlock('Dana Whitfield', 'not the passphrase at all');
  await expect(page.getByRole('alert')).toContainText('Wrong user name or passphrase');
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();

  await vault.unlock('Dana Whitfield', TEST_PASSPHRASE);
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();

  // Both unlocks and the failed attempt are in the audit log.
  const audit = (await app.backend.invoke('audit.list', { limit: 50 })) as { ok: true; value: { action: string }[] };
  const actions = audit.value.map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['vault.unlock', 'vault.unlock_failed']));
});
