import AxeBuilder from '@axe-core/playwright';
import { expect, screenshotPath, test } from './fixtures';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

// The strength estimator (zxcvbn-ts with its English dictionaries, loaded on
// first use) explains why a passphrase that passes simple rules is still weak,
// on the first-run screen and on the change-passphrase form; nothing is created
// or changed until it is strong.
test('first run and change passphrase refuse guessable passphrases with the estimator’s feedback', async ({ app }) => {
  const { page } = app;
  const vault = new VaultPage(page);

  await expect(page.getByRole('heading', { name: 'Create the vault' })).toBeVisible();
  await page.getByLabel('Your user name').fill('Dana Whitfield');
  await page.getByLabel('Passphrase', { exact: true }).fill('Summer2026!!!');
  await page.getByLabel('Repeat passphrase').fill('Summer2026!!!');
  // Live feedback before submitting, then the refusal.
  await expect(page.getByText(/password-guessing tools|commonly used/).first()).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Passphrase strength' })).toHaveAttribute('aria-valuetext', /weak/i);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.locator('.field .error').first()).toContainText(/guessing tools|commonly used/);
  expect((await app.backend.invoke('vault.status', {})) as unknown).toMatchObject({ ok: true, value: { state: 'none' } });
  await page.screenshot({ path: screenshotPath('passphrase-first-run-estimator'), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByLabel('Passphrase', { exact: true }).fill('');
  await page.getByLabel('Repeat passphrase').fill('');
  await vault.createVault('Dana Whitfield');

  await page.getByRole('button', { name: /Administration/ }).click();
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Change your passphrase' }) });
  await form.getByLabel('Current passphrase').fill(TEST_PASSPHRASE);
  await form.getByLabel('New passphrase', { exact: true }).fill('1q2w3e4r5t6y!');
  await form.getByLabel('Repeat new passphrase').fill('1q2w3e4r5t6y!');
  await form.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(form.locator('.field .error').first()).toContainText(/commonly used|guessing tools/);
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('passphrase-change-estimator'), fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // The old passphrase still opens the vault: nothing was changed.
  await vault.lock();
  await vault.unlock('Dana Whitfield', TEST_PASSPHRASE);
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
});
