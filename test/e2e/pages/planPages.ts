import { warningLabel } from '../../../shared/labels';
import { expect, type Locator, type Page } from '@playwright/test';
import { TEST_PASSPHRASE, VaultPage } from './vaultPage';

export const LEGAL_USER = 'Lee Okafor';

/** Page object for the mitigation plan, reporting, monitoring, timeline and closure tabs. */
export class PlanPages {
  private readonly vault: VaultPage;

  constructor(private readonly page: Page) {
    this.vault = new VaultPage(page);
  }

  /** Answers determination questions on the Assessment tab and saves them. */
  async determine(answers: Record<string, 'Yes' | 'No'>): Promise<void> {
    for (const [question, answer] of Object.entries(answers)) {
      await this.page.getByRole('radiogroup', { name: question, exact: true }).getByLabel(answer, { exact: true }).check();
    }
    await this.page.getByRole('button', { name: 'Save determinations' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Determinations saved' })).toBeVisible();
  }

  async recordAssessment(risk: string, rationale: string): Promise<void> {
    await this.page.getByLabel('Risk level').selectOption({ label: risk });
    await this.page.getByLabel('Rationale', { exact: true }).fill(rationale);
    await this.page.getByRole('button', { name: 'Record assessment' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Assessment recorded' })).toBeVisible();
  }

  get proposeForm(): Locator {
    return this.page.getByRole('form', { name: 'Propose an action' });
  }

  /** Chooses an option in the proposal form (optionally narrowing by discipline first). */
  async choose(option: string, discipline?: string): Promise<void> {
    const form = this.proposeForm;
    if (discipline !== undefined) await form.getByLabel('Discipline', { exact: true }).selectOption({ label: discipline });
    await form.getByLabel('Response option').selectOption({ label: option });
  }

  /** Proposes an option; `preselected` when a recommendation's Propose button already chose it. */
  async propose(option: string, extra: { strategy?: string; owner?: string; due?: string; discipline?: string; preselected?: boolean } = {}): Promise<void> {
    const form = this.proposeForm;
    if (extra.preselected === true) await expect(form.getByLabel('Response option').locator('option:checked')).toHaveText(option);
    else await this.choose(option, extra.discipline);
    if (extra.strategy !== undefined) await form.getByLabel('Strategy').selectOption({ label: extra.strategy });
    if (extra.owner !== undefined) await form.getByLabel('Owner', { exact: true }).fill(extra.owner);
    if (extra.due !== undefined) await form.getByLabel('Due date').fill(extra.due);
    await form.getByRole('button', { name: 'Propose action' }).click();
    await expect(form.getByRole('status').filter({ hasText: `Proposed: ${option}` })).toBeVisible();
  }

  async addStrategy(title: string): Promise<void> {
    await this.page.getByLabel('New strategy').fill(title);
    await this.page.getByRole('button', { name: 'Add strategy' }).click();
    await expect(this.page.getByRole('heading', { name: `Strategy: ${title}` })).toBeVisible();
  }

  async step(step: string, option: string): Promise<void> {
    await this.page.getByRole('button', { name: `${step}: ${option}`, exact: true }).click();
  }

  row(option: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader').filter({ hasText: option }) });
  }

  async expectStatus(option: string, status: string): Promise<void> {
    await expect(this.row(option).getByRole('cell').nth(1)).toHaveText(status);
  }

  /** The guardrail of a warning, found by the words the screen shows for its code. */
  guardrail(code: string): Locator {
    return this.page.getByRole('complementary', { name: 'Guardrails of the plan' }).getByRole('listitem').filter({ hasText: warningLabel(code) });
  }

  /** Locks the vault and unlocks it as another user, then opens the case from the case list. */
  async switchUser(userName: string, caseNumber: string, tab: string): Promise<void> {
    await this.vault.lock();
    await this.vault.unlock(userName, TEST_PASSPHRASE);
    await expect(this.page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
    await this.page.keyboard.press('Alt+2');
    await this.page.getByRole('row').filter({ hasText: caseNumber }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(caseNumber);
    await this.page.getByRole('tab', { name: tab }).click();
  }

  /** Records an obligation on the Reporting tab. */
  async recordReported(recipient: string, input: { date: string; method: string; reference: string; by: string }): Promise<void> {
    const card = this.page.getByRole('article', { name: `Obligation: ${recipient}` });
    await card.getByRole('button', { name: `Record: ${recipient}` }).click();
    const form = card.getByRole('form', { name: `Record the report to ${recipient}` });
    await form.getByLabel('Date reported').fill(input.date);
    await form.getByLabel('Method').fill(input.method);
    await form.getByLabel('Reference number').fill(input.reference);
    await form.getByLabel('Reported by').fill(input.by);
    await form.getByRole('button', { name: 'Save record' }).click();
    await expect(card.getByRole('status')).toContainText('Reported');
  }

  async recordNotRequired(recipient: string, justification: string): Promise<void> {
    const card = this.page.getByRole('article', { name: `Obligation: ${recipient}` });
    await card.getByRole('button', { name: `Record: ${recipient}` }).click();
    const form = card.getByRole('form', { name: `Record the report to ${recipient}` });
    await form.getByLabel('Not required').check();
    await form.getByLabel('Justification').fill(justification);
    await form.getByRole('button', { name: 'Save record' }).click();
    await expect(card.getByRole('status')).toContainText('Not required');
  }
}
