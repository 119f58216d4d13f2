import { expect, type Page } from '@playwright/test';

export interface PrintChoice {
  /** Section labels to untick (all are ticked when the dialog opens). */
  without?: string[];
  /** Only these section labels stay ticked. */
  only?: string[];
  paper: 'A4' | 'US Letter';
  revealReason?: string;
}

/** Page object for the case screen's print dialog and the print view. */
export class PrintPages {
  constructor(private readonly page: Page) {}

  async openCase(number: string): Promise<void> {
    await this.page.keyboard.press('Alt+2');
    await this.page.getByLabel('Search all case text').fill('');
    await this.page.getByRole('row').filter({ hasText: number }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(number);
  }

  async choose(choice: PrintChoice): Promise<void> {
    const p = this.page;
    await p.getByRole('button', { name: 'Print…' }).first().click();
    const dialog = p.getByRole('dialog', { name: 'Print the case summary' });
    const boxes = dialog.getByRole('group', { name: 'Sections to print' }).getByRole('checkbox');
    if (choice.only !== undefined) {
      for (const box of await boxes.all()) {
        const label = ((await box.locator('xpath=..').textContent()) ?? '').trim();
        if (!choice.only.includes(label)) await box.uncheck();
      }
    }
    for (const label of choice.without ?? []) await dialog.getByRole('checkbox', { name: label, exact: true }).uncheck();
    await dialog.getByRole('radio', { name: choice.paper }).check();
    if (choice.revealReason !== undefined) {
      await dialog.getByRole('checkbox', { name: /Print the subject's real name/ }).check();
      await dialog.getByLabel('Reason for printing the name').fill(choice.revealReason);
    }
  }

  async run(mode: 'Save as PDF…' | 'Print…'): Promise<void> {
    await this.page.getByRole('dialog', { name: 'Print the case summary' }).getByRole('button', { name: mode, exact: true }).click();
  }

  /** Waits until the print view has done its work and the case screen reports the outcome. */
  async outcome(): Promise<string> {
    const status = this.page.getByRole('status').filter({ hasText: /saved as PDF|sent to the printer|cancelled|Nothing was printed/ });
    await expect(status).toBeVisible({ timeout: 30_000 });
    return (await status.textContent()) ?? '';
  }
}
