import { expect, type Page } from '@playwright/test';

export const TEST_PASSPHRASE = 'correct horse battery staple orbit';

/** Page object for the first-run, recovery-key and unlock screens. */
export class VaultPage {
  constructor(private readonly page: Page) {}

  async createVault(userName = 'Dana Whitfield', passphrase = TEST_PASSPHRASE): Promise<string> {
    const page = this.page;
    await expect(page.getByRole('heading', { name: 'Create the vault' })).toBeVisible();
    await page.getByLabel('Your user name').fill(userName);
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByLabel('Repeat passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('heading', { name: 'Store the recovery key' })).toBeVisible({ timeout: 20_000 });
    const key = (await page.getByTestId('recovery-key').textContent()) ?? '';
    await page.getByLabel('I have stored the recovery key safely').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
    return key.trim();
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  }

  async unlock(userName: string, passphrase: string): Promise<void> {
    await this.page.getByLabel('User name').fill(userName);
    await this.page.getByLabel('Passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
  }
}
