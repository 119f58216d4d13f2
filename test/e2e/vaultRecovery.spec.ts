import AxeBuilder from '@axe-core/playwright';
import { expect, screenshotPath, test } from './fixtures';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

const MIA = 'harbor pepper granite tulip';
const NEW = 'orchard compass lantern meadow';

test('Lock screen: a program manager sets a new passphrase with the recovery key, by keyboard, and every program manager is told', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  const vault = new VaultPage(page);
  const recoveryKey = await vault.createVault('Dana Whitfield');
  expect((await app.backend.invoke('users.add', { name: 'Mia Manager', role: 'program_manager', passphrase: MIA })) as unknown).toMatchObject({ ok: true });
  await vault.lock();

  // Keyboard: from the passphrase field, Tab past Unlock reaches the link.
  await page.getByLabel('Passphrase').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Use the recovery key' })).toBeFocused();
  await page.keyboard.press('Enter');
  const title = page.getByRole('heading', { name: 'Set a new passphrase with the recovery key' });
  await expect(title).toBeFocused();

  // Nothing typed: each field says what it needs.
  await page.getByRole('button', { name: 'Set the new passphrase and unlock' }).click();
  await expect(page.getByText('Enter the recovery key')).toBeVisible();
  await expect(page.getByText('Give a reason of at least 3 characters.')).toBeVisible();

  // A wrong key is refused beside its field; nothing changes.
  await page.getByLabel('Recovery key', { exact: true }).fill('ab'.repeat(32));
  await page.getByLabel("Program manager's user name").fill('Mia Manager');
  await page.getByLabel('New passphrase', { exact: true }).fill(NEW);
  await page.getByLabel('Repeat new passphrase').fill(NEW);
  await page.getByLabel('Reason', { exact: true }).fill('Mia forgot her passphrase');
  await page.getByRole('button', { name: 'Set the new passphrase and unlock' }).click();
  await expect(page.getByText('That recovery key does not open this vault. Nothing was changed.')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Recovery key', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // An analyst's or unknown name is refused beside the name.
  await page.getByLabel('Recovery key', { exact: true }).fill(recoveryKey);
  await page.getByLabel("Program manager's user name").fill('Eve Intruder');
  await page.getByRole('button', { name: 'Set the new passphrase and unlock' }).click();
  await expect(page.getByText('Eve Intruder is not a program manager of this vault')).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: screenshotPath('lock-recovery-form'), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByLabel("Program manager's user name").fill('Mia Manager');
  await page.getByRole('button', { name: 'Set the new passphrase and unlock' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Mia Manager · Program manager')).toBeVisible();
  const notice = page.getByRole('region', { name: 'Recovery key notice' });
  await expect(notice).toContainText('Mia Manager on');

  // The old passphrase no longer unlocks; the other manager is told.
  await vault.lock();
  await vault.unlock('Mia Manager', MIA);
  await expect(page.getByRole('alert')).toContainText('Wrong user name or passphrase');
  await vault.unlock('Dana Whitfield', TEST_PASSPHRASE);
  await expect(notice).toContainText('Passphrase reset with the recovery key: Mia Manager on');
  await page.screenshot({ path: screenshotPath('home-recovery-notice'), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await notice.getByRole('button', { name: 'Hide until next unlock' }).click();
  await expect(notice).toHaveCount(0);

  const audit = (await app.backend.invoke('audit.list', { limit: 50 })) as { ok: true; value: { action: string; detail: Record<string, unknown> }[] };
  expect(audit.value.find((e) => e.action === 'vault.recovered')?.detail).toEqual({ user: 'Mia Manager', reason: 'Mia forgot her passphrase' });
});
