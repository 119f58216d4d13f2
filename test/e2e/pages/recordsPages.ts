import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the Records screen: backup, restore, retention rules and disposition. */
export class RecordsPages {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+6');
    await expect(this.page.getByRole('heading', { name: 'Records', level: 1 })).toBeVisible();
  }

  get backup(): Locator {
    return this.page.getByRole('region', { name: 'Backup', exact: true });
  }

  get restore(): Locator {
    return this.page.getByRole('region', { name: 'Restore', exact: true });
  }

  get rules(): Locator {
    return this.page.getByRole('form', { name: 'Retention rules' });
  }

  get due(): Locator {
    return this.page.getByRole('region', { name: 'Disposition due' });
  }

  /** Backs up; the folder dialog's answer must already be queued. Returns the success text. */
  async backUp(): Promise<string> {
    await this.backup.getByRole('button', { name: 'Back up now…' }).click();
    const done = this.backup.getByRole('status').filter({ hasText: /Backup written and verified/ });
    await expect(done).toBeVisible({ timeout: 30_000 });
    return (await done.textContent()) ?? '';
  }

  /** Restores with a user's passphrase; the folder dialogs' answers must already be queued. */
  async restoreInto(mode: 'new' | 'replace', userName: string, passphrase: string): Promise<void> {
    const r = this.restore;
    await r.getByRole('radio', { name: mode === 'new' ? /A new folder/ : /This workstation’s vault/ }).check();
    await r.getByRole('radio', { name: 'A user’s passphrase' }).check();
    await r.getByLabel('User name in the backup').fill(userName);
    await r.getByLabel('Passphrase for the backup').fill(passphrase);
    await r.getByRole('button', { name: mode === 'new' ? 'Restore into a new folder…' : 'Restore over this vault…' }).click();
  }

  async addRule(rule: { status: string; program: string; years: number; measuredFrom: string; authority: string }): Promise<void> {
    const form = this.rules;
    await form.getByRole('button', { name: 'Add rule' }).click();
    const n = await form.getByRole('row').count() - 1;
    await form.getByLabel(`Case status, rule ${n}`).selectOption({ label: rule.status });
    await form.getByLabel(`Program, rule ${n}`).selectOption({ label: rule.program });
    await form.getByLabel(`Years kept, rule ${n}`).fill(String(rule.years));
    await form.getByLabel(`Measured from, rule ${n}`).selectOption({ label: rule.measuredFrom });
    await form.getByLabel(`Authority, rule ${n}`).fill(rule.authority);
  }
}
