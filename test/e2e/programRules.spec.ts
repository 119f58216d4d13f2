import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programRulesDocumentSchema } from '../../shared/domain/programRules/schema';
import { expect, test } from './fixtures';
import { CasePages, checkScreen } from './pages/casePages';
import { PlanPages } from './pages/planPages';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

const MANAGER = 'Dana Whitfield';
const ANALYST = 'Ana Ruiz';

test("a program manager adds a program rule; a case shows the obligation it adds with its source; others do not see the rules and are refused", async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  const vault = new VaultPage(page);
  await vault.createVault(MANAGER);
  expect(await app.backend.invoke('users.add', { name: ANALYST, role: 'analyst', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });

  await page.getByRole('button', { name: /Administration/ }).click();
  const section = page.getByRole('region', { name: 'Program rules' });
  await expect(section.getByText('The program has no rules of its own.')).toBeVisible();
  await section.locator('summary').filter({ hasText: 'Shipped rules' }).click();
  await expect(section.getByRole('table', { name: 'Shipped reporting rules' })).toContainText('DITMAC');

  // An incomplete rule: the problems are named beside the fields, nothing is saved.
  await section.getByRole('button', { name: 'Add a rule' }).click();
  const rule = section.getByRole('group', { name: 'Program rule 1' });
  await section.getByRole('button', { name: 'Save program rules…' }).click();
  await expect(section.getByRole('alert').filter({ hasText: 'Some rules are not complete yet' })).toBeVisible();
  await expect(rule.getByText('Give the rule a short name.')).toBeVisible();
  await expect(rule.getByText('Choose at least one fact that makes the report due.')).toBeVisible();
  await expect(rule.getByLabel('Short name')).toHaveAttribute('aria-invalid', 'true');
  await rule.getByLabel('Short name').fill('Hub Self Harm');
  await expect(rule.getByText('Use lower-case letters, digits and underscores only.')).toBeVisible();

  await rule.getByLabel('Short name').fill('hub_self_harm');
  await rule.getByLabel('Report to').selectOption({ label: 'Internal procedures' });
  await rule.getByLabel('How soon').selectOption({ label: 'Immediately' });
  await rule.getByLabel('Risk of self-harm').check();
  await rule.getByLabel('Basis (why the report is due)').fill('Program threshold 2026-3: a risk of self-harm goes to the hub chief the same day.');
  await rule.getByLabel('Citation (the procedure or threshold)').fill('Hub procedure 2026-3');
  await expect(rule.getByRole('alert')).toHaveCount(0);
  await section.getByRole('button', { name: 'Save program rules…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save the program rules' });
  await expect(dialog.getByRole('button', { name: 'Save version 1' })).toBeDisabled();
  await dialog.getByLabel('Reason for the change').fill('New hub threshold for self-harm');
  await dialog.getByRole('button', { name: 'Save version 1' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Saved as version 1' })).toBeVisible();
  const history = section.getByRole('table', { name: 'Program rules versions' });
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history).toContainText('New hub threshold for self-harm');
  await expect(history).toContainText(MANAGER);
  await rule.scrollIntoViewIfNeeded();
  await checkScreen(page, 'program-rules-admin-1366');
  await history.scrollIntoViewIfNeeded();
  await checkScreen(page, 'program-rules-history-1366');

  // Export through the save dialog: the file offramp evaluate --rules reads.
  const dir = mkdtempSync(join(tmpdir(), 'offramp-e2e-rules-'));
  try {
    const target = join(dir, 'program-rules.json');
    app.dialogAnswers.push(target);
    await section.getByRole('button', { name: 'Export rules file…' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Exported version 1' })).toBeVisible();
    expect(existsSync(target)).toBe(true);
    const doc = programRulesDocumentSchema.parse(JSON.parse(readFileSync(target, 'utf8')));
    expect(doc).toMatchObject({ revision: 1, savedBy: MANAGER, rules: [{ id: 'program_hub_self_harm', recipient: 'internal', timing: 'immediately' }] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // A case with a risk of self-harm: the internal obligation is due immediately, naming the program rule.
  const cases = new CasePages(page);
  await cases.openIntake();
  await cases.fillIntake({ title: 'Statements about ending his life', name: 'Carl Benton', narrative: 'A co-worker heard statements about ending his life.', program: 'DOD', orgUnit: 'Engineering', receivedOn: '2026-11-02', reporter: 'Co-worker', confidential: false });
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Statements about ending his life');
  await cases.tab('Assessment');
  await new PlanPages(page).determine({ 'Risk of self-harm': 'Yes' });
  await cases.tab('Reporting');
  const internal = page.getByRole('article', { name: 'Obligation: Internal procedures' });
  await expect(internal).toContainText('Immediately');
  await expect(internal).toContainText('Program threshold 2026-3');
  await expect(internal).toContainText(`Hub procedure 2026-3 (Program rule, version 1, by ${MANAGER})`);
  await internal.scrollIntoViewIfNeeded();
  await checkScreen(page, 'program-rules-case-obligation-1366');

  // An analyst: no program rules section, and the backend refuses a save.
  await vault.lock();
  await vault.unlock(ANALYST, TEST_PASSPHRASE);
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
  await page.getByRole('button', { name: /Administration/ }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Program rules' })).toHaveCount(0);
  const refused = await app.backend.invoke('programRules.save', { rules: [], reason: 'Clear the rules' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const malformed = await app.backend.invoke('programRules.save', { rules: [{ id: 'dod_internal_procedures' }], reason: 'Replace a shipped rule' });
  expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  const still = await app.backend.invoke('programRules.get', {});
  expect(still).toMatchObject({ ok: true, value: { current: { version: 1 } } });
  expect(app.pageErrors).toEqual([]);
});
