import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { screenshotPath } from '../fixtures';

/** Runs axe on the current screen and takes a screenshot to look at. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  // The app frame fills the window and only its panes scroll: nothing may make the
  // window itself scroll and carry the header and navigation out of view.
  const overflow = await page.evaluate(() => (document.querySelector('.frame') === null ? 0 : document.documentElement.scrollHeight - window.innerHeight));
  expect(overflow, `${name}: the window scrolls by ${overflow}px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), name).toEqual([]);
}

export interface IndicatorInput {
  summary: string;
  category: string;
  stage: string;
  observedOn: string;
  source: string;
  basis?: 'Fact' | 'Opinion';
}

/** Page object for the intake form and the case tabs. */
export class CasePages {
  constructor(private readonly page: Page) {}

  async openIntake(): Promise<void> {
    await this.page.keyboard.press('Alt+3');
    await expect(this.page.getByRole('heading', { name: 'New case', level: 1 })).toBeVisible();
  }

  async fillIntake(input: { title: string; program: string; name: string; orgUnit: string; narrative: string; receivedOn: string; reporter: string; confidential: boolean }): Promise<void> {
    const p = this.page;
    await p.getByLabel('Case title').fill(input.title);
    await p.getByLabel('Program type').selectOption({ label: input.program });
    await p.getByLabel('Full name').fill(input.name);
    await p.getByLabel('Organization unit').fill(input.orgUnit);
    await p.getByLabel('Date received').fill(input.receivedOn);
    await p.getByLabel('Reporter', { exact: true }).fill(input.reporter);
    if (input.confidential) await p.getByLabel(/Confidential source/).check();
    await p.getByLabel('Narrative').fill(input.narrative);
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  async addIndicator(i: IndicatorInput): Promise<void> {
    const p = this.page;
    await p.getByRole('button', { name: 'Add indicator' }).first().click();
    const form = p.getByRole('form', { name: 'New indicator' });
    await form.getByLabel('Summary').fill(i.summary);
    await form.getByLabel('PRI category').selectOption({ label: i.category });
    await form.getByLabel('Pathway stage').selectOption({ label: i.stage });
    await form.getByLabel('Date observed').fill(i.observedOn);
    await form.getByLabel('Source').fill(i.source);
    await form.getByLabel('Fact or opinion').selectOption({ label: i.basis ?? 'Fact' });
    await form.getByRole('button', { name: 'Add indicator' }).click();
    await expect(p.getByRole('heading', { name: i.summary, level: 3 })).toBeVisible();
  }
}
