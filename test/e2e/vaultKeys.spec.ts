import AxeBuilder from '@axe-core/playwright';
import { expect, screenshotPath, test } from './fixtures';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

const ANALYST_PASSPHRASE = 'lantern quarry velvet mosaic';

test('Administration: remove a user and replace the keys, each with a reason, each showing the new recovery key once', async ({ app }) => {
  const { page } = app;
  const vault = new VaultPage(page);
  const firstKey = await vault.createVault('Dana Whitfield');
  expect((await app.backend.invoke('users.add', { name: 'Ana Lyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE })) as unknown).toMatchObject({ ok: true });

  await page.getByRole('button', { name: /Administration/ }).click();
  await page.getByRole('button', { name: 'Remove Ana Lyst' }).click();
  const removeDialog = page.getByRole('dialog', { name: 'Remove Ana Lyst?' });
  await expect(removeDialog).toBeVisible();
  // No removal without a reason.
  await expect(removeDialog.getByRole('button', { name: 'Remove user' })).toBeDisabled();
  await removeDialog.getByLabel('Reason (kept in the audit log)').fill('Left the program on 30 November');
  await page.screenshot({ path: screenshotPath('admin-remove-user'), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await removeDialog.getByRole('button', { name: 'Remove user' }).click();

  await expect(page.getByRole('heading', { name: 'Store the recovery key' })).toBeVisible({ timeout: 20_000 });
  const afterRemoval = ((await page.getByTestId('recovery-key').textContent()) ?? '').trim();
  expect(afterRemoval).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){15}$/);
  expect(afterRemoval).not.toBe(firstKey);
  await page.getByLabel('I have stored the recovery key safely').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('cell', { name: 'Ana Lyst' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Replace the vault keys…' }).click();
  const rekeyDialog = page.getByRole('dialog', { name: 'Replace the vault keys' });
  await rekeyDialog.getByLabel('Your passphrase').fill(TEST_PASSPHRASE);
  await expect(rekeyDialog.getByRole('button', { name: 'Replace keys' })).toBeDisabled();
  await rekeyDialog.getByLabel('Reason (kept in the audit log)').fill('Routine rotation');
  await page.screenshot({ path: screenshotPath('admin-replace-keys'), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await rekeyDialog.getByRole('button', { name: 'Replace keys' }).click();
  await expect(page.getByRole('heading', { name: 'Store the recovery key' })).toBeVisible({ timeout: 20_000 });
  const afterRekey = ((await page.getByTestId('recovery-key').textContent()) ?? '').trim();
  expect(afterRekey).not.toBe(afterRemoval);
  await page.getByLabel('I have stored the recovery key safely').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  const audit = (await app.backend.invoke('audit.list', { limit: 50 })) as { ok: true; value: { action: string; detail: Record<string, unknown> }[] };
  expect(audit.value.find((e) => e.action === 'user.remove')?.detail).toMatchObject({ user: 'Ana Lyst', reason: 'Left the program on 30 November' });
  expect(audit.value.find((e) => e.action === 'vault.rekey')?.detail).toEqual({ reason: 'Routine rotation' });
  // The removed analyst cannot unlock.
  await vault.lock();
  await vault.unlock('Ana Lyst', ANALYST_PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('Wrong user name or passphrase');
});
