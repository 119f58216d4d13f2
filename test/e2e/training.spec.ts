import { warningLabel } from '../../shared/labels';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { pdfLayoutProblems, pdfPageLines, renderPages } from '../helpers/pdf';
import { expect, test } from './fixtures';
import { CasePages, checkScreen } from './pages/casePages';
import { PlanPages } from './pages/planPages';
import { PrintPages } from './pages/printPages';

const TRAINING_BANNER = 'TRAINING VAULT — FICTIONAL CASES ONLY';
const GAMBLING_CASE = 'Training: gambling debt';

// Page images of the training prints are written here to be looked at.
const printDir = resolve(import.meta.dirname, '..', '..', 'test-results', 'print');
mkdirSync(printDir, { recursive: true });

/** Opens the training vault from the start screen, as a trainee would. */
async function openTrainingVault(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open training vault' }).click();
  await expect(page.getByText(TRAINING_BANNER)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
}

/** Finds the gambling-debt case through the case list's full-text search and opens it. */
async function openGamblingCase(page: Page): Promise<void> {
  await page.getByLabel('Search all case text').fill('gambling');
  await expect(page.getByText('1 case matching “gambling”')).toBeVisible();
  await page.getByRole('row').filter({ hasText: 'OR-' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(GAMBLING_CASE);
}

test('the training vault: open it, plan the gambling case and meet its guardrails, answer an exercise, reset', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const cases = new CasePages(page);
  const plan = new PlanPages(page);
  await openTrainingVault(page);

  await page.keyboard.press('Alt+2');
  await expect(page.getByText(/^6 cases$/)).toBeVisible();
  await openGamblingCase(page);

  // The mitigation plan the guide expects: support resources first, with the rules engine's recommendations.
  await cases.tab('Mitigation plan');
  await expect(page.getByRole('heading', { name: 'Recommended by the rules engine' })).toBeVisible();
  await plan.addStrategy('Support resources');
  await page.getByRole('button', { name: 'Propose: Employee Assistance Program (EAP)' }).click();
  await plan.propose('Employee Assistance Program (EAP)', { preselected: true, strategy: 'Support resources', owner: 'HR business partner', due: '2026-12-15' });
  await plan.propose('Referral to financial counseling', { discipline: 'Human resources', strategy: 'Support resources' });
  // Without legal in the plan, the guardrails say so; adding the legal review answers them.
  await expect(plan.guardrail('legal_review_missing')).toContainText('Include legal in developing the response');
  await plan.propose('Legal review of the response', { discipline: 'Legal' });
  await expect(plan.guardrail('legal_review_missing')).toHaveCount(0);
  await expect(page.getByText('The rules engine raises no warning for this plan.')).toBeVisible();

  // The trainee tries a law-enforcement referral: no_criminal_nexus warns before and after proposing it.
  await plan.choose('Referral to law enforcement', 'Law enforcement');
  await expect(plan.proposeForm.getByRole('status').filter({ hasText: 'Proposing this draws' })).toContainText(warningLabel('no_criminal_nexus'));
  await plan.propose('Referral to law enforcement', { preselected: true });
  await expect(plan.guardrail('no_criminal_nexus')).toContainText('a gambling debt, for example, calls for support rather than a law enforcement referral');
  await expect(plan.guardrail('no_criminal_nexus')).toContainText('Source: CDSE, Insider Threat Mitigation Responses');
  await expect(plan.row('Referral to law enforcement').getByText(warningLabel('no_criminal_nexus'))).toBeVisible();
  await expect(page.getByText(TRAINING_BANNER)).toBeVisible();
  await checkScreen(page, 'training-plan-gambling');
  // …and takes the lesson: the referral is discontinued and the warning goes; the support responses go to legal review.
  await plan.step('Discontinue', 'Referral to law enforcement');
  const discontinue = page.getByRole('dialog', { name: 'Discontinue: Referral to law enforcement' });
  await discontinue.getByLabel('Reason').fill('No criminal nexus: a gambling debt calls for support, not a law enforcement referral');
  await discontinue.getByRole('button', { name: 'Discontinue action' }).click();
  await expect(discontinue).toHaveCount(0);
  await plan.expectStatus('Referral to law enforcement', 'Discontinued');
  await expect(plan.guardrail('no_criminal_nexus')).toHaveCount(0);
  await plan.step('Send to legal review', 'Employee Assistance Program (EAP)');
  await plan.step('Send to legal review', 'Referral to financial counseling');
  await plan.expectStatus('Employee Assistance Program (EAP)', 'Legal review');
  await plan.expectStatus('Referral to financial counseling', 'Legal review');

  // The guide's review activity beside the case, with the answer key's feedback.
  await cases.tab('Overview');
  const exercise = page.getByRole('region', { name: /Review activity 2\.2/ });
  await exercise.getByLabel(/support and resources/i).check();
  await exercise.getByRole('button', { name: 'Check answer' }).click();
  await expect(exercise.getByRole('status')).toContainText('Correct.');
  await checkScreen(page, 'training-case-overview');

  // A trainee's note, then a reset brings the vault back to its starting point, plan and all.
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await page.getByRole('button', { name: 'Add to alternative explanations' }).click();
  await page.getByRole('form', { name: 'New alternative explanation' }).getByLabel('Alternative explanation').fill('Trainee practice note');
  await page.getByRole('button', { name: 'Add alternative explanation' }).click();
  // The saved item in the list (the form's own field may still show the text while it closes).
  await expect(page.getByRole('paragraph').filter({ hasText: 'Trainee practice note' })).toBeVisible();

  await page.keyboard.press('Alt+5');
  await page.getByRole('button', { name: 'Reset training vault…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible({ timeout: 30_000 });
  expect(await app.backend.invoke('cases.list', { query: 'Trainee practice note' })).toMatchObject({ ok: true, value: { total: 0 } });
  expect(await app.backend.invoke('cases.list', {})).toMatchObject({ ok: true, value: { total: 6 } });
  await page.keyboard.press('Alt+2');
  await openGamblingCase(page);
  await cases.tab('Mitigation plan');
  await expect(plan.row('Employee Assistance Program (EAP)')).toHaveCount(0);
  await page.keyboard.press('Alt+1');
  await checkScreen(page, 'training-home');

  // Every screen of the training vault carries the banner; locking leaves it.
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Review activities', level: 1 })).toBeVisible();
  await expect(page.getByText(TRAINING_BANNER)).toBeVisible();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByText(TRAINING_BANNER)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Create the vault' })).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

const TRAINING_MARK = 'TRAINING — FICTIONAL CASE DATA';
const BANNER = 'CUI//PRVCY';
// The page margins of print.css: 15 mm left and right.
const SIDE_MARGIN_PT = (15 / 25.4) * 72;

/** Every page of a training printout: the training marking over the banner at its top, and again at its foot. */
function expectTrainingOnEveryPage(pages: string[][]): void {
  expect(pages.length).toBeGreaterThan(0);
  pages.forEach((lines, index) => {
    const where = `page ${index + 1} of ${pages.length}`;
    const [first, second] = lines.slice(0, 2).map((line) => line.trim());
    expect(first, `${where}, first line`).toMatch(/^TRAINING — FICTIONAL CASE DATA\b/);
    expect(second, `${where}, second line`).toMatch(/^CUI\/\/PRVCY\b/);
    const [aboveLast, last] = lines.slice(-2);
    expect(aboveLast, `${where}, foot`).toContain(TRAINING_MARK);
    expect(last?.trim(), `${where}, last line`).toBe(BANNER);
    expect(lines.slice(-2).join('\n'), where).toContain(`Page ${index + 1} of ${pages.length}`);
  });
  expect(pages[0]?.join('\n')).toContain('Printed from the Offramp training vault for practice');
}

test('every page printed from the training vault carries the TRAINING marking', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await openTrainingVault(page);

  // The trainee's working notes make the gambling case run over several pages.
  const listed = await app.backend.invoke('cases.list', { query: 'gambling' });
  if (!listed.ok) throw new Error(listed.error.message);
  const gambling = (listed.value as { rows: { id: string; number: string }[] }).rows[0];
  if (gambling === undefined) throw new Error('The training vault has no gambling case.');
  for (let i = 1; i <= 12; i += 1) {
    const note = `Alternative ${i}: the borrowing may answer a family emergency rather than the debt; the trainee would ask the supervisor, check the payroll advances and talk with the colleagues who lent money before reading more into it.`;
    expect(await app.backend.invoke('analysis.save', { caseId: gambling.id, kind: 'alternative', text: note })).toMatchObject({ ok: true });
  }

  const print = new PrintPages(page);
  await print.openCase(gambling.number);
  await print.choose({ paper: 'A4' });
  const summary = join(printDir, 'training-summary.pdf');
  app.dialogAnswers.push(summary);
  await print.run('Save as PDF…');
  expect(await print.outcome()).toContain(`saved as PDF to ${summary}`);
  const pages = pdfPageLines(summary);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expectTrainingOnEveryPage(pages);
  const text = pages.flat().join('\n');
  expect(text).toContain('Training: gambling debt');
  expect(text).toContain('Alternative 12:');
  expect(pdfLayoutProblems(summary, SIDE_MARGIN_PT)).toEqual([]);
  renderPages(summary, join(printDir, 'training-summary'));
  // Back on the case screen, the training banner is there as on every screen.
  await expect(page.getByText(TRAINING_BANNER)).toBeVisible();

  // Another print kind, the referral cover sheet, is marked the same way.
  await page.getByRole('button', { name: 'Cover sheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Print a referral cover sheet' });
  await dialog.getByLabel('Recipient').fill('DITMAC, Quantico');
  await dialog.getByLabel('Packet id').fill('PKT-TR41N');
  await dialog.getByLabel('Manifest SHA-256').fill('5e'.repeat(32));
  await dialog.getByRole('radio', { name: 'US Letter' }).check();
  const cover = join(printDir, 'training-cover-sheet.pdf');
  app.dialogAnswers.push(cover);
  await dialog.getByRole('button', { name: 'Save as PDF…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'referral cover sheet was saved as PDF' })).toBeVisible({ timeout: 30_000 });
  const coverPages = pdfPageLines(cover);
  expect(coverPages).toHaveLength(1);
  expectTrainingOnEveryPage(coverPages);
  expect(pdfLayoutProblems(cover, SIDE_MARGIN_PT)).toEqual([]);
  renderPages(cover, join(printDir, 'training-cover-sheet'));

  // The audit log records both as prints from the training vault.
  const audit = await app.backend.invoke('audit.list', { limit: 20 });
  if (!audit.ok) throw new Error(audit.error.message);
  const printed = (audit.value as { action: string; detail: Record<string, unknown> }[]).filter((e) => e.action === 'case.print_pdf' || e.action === 'packet.cover_sheet_pdf');
  expect(printed.map((e) => [e.action, e.detail['training']])).toEqual([
    ['packet.cover_sheet_pdf', true],
    ['case.print_pdf', true],
  ]);
  expect(app.pageErrors).toEqual([]);
});
