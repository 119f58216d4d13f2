import { gamblingIntake } from '../helpers/vault';
import { expect, test } from './fixtures';
import { TEST_PASSPHRASE } from './pages/vaultPage';

// One truth for dates and states, as the analyst sees it: a new case reads "Not
// assessed" (no default risk, no review date) in its header and the list, and an
// open action past its due date is flagged on Home, in the list and on the plan.
test('a new case is "Not assessed" everywhere; a past-due action is flagged on Home, the list and the plan', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const user = 'Dana Whitfield';
  expect(await app.backend.invoke('vault.create', { userName: user, role: 'program_manager', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  const created = await app.backend.invoke('cases.create', gamblingIntake());
  if (!created.ok) throw new Error(created.error.message);
  const { id: caseId, number } = created.value as { id: string; number: string };
  expect(await app.backend.invoke('mitigation.addAction', { caseId, optionId: 'employee_assistance_program', ownerDiscipline: 'hr', dueOn: '2020-01-15' })).toMatchObject({ ok: true });
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();

  // Home: the action in the past-due queue, in words.
  await page.keyboard.press('Alt+1');
  const queue = page.locator(':has(> #queue-pastdue)');
  await expect(queue).toContainText('Employee Assistance Program (EAP)');
  await expect(queue).toContainText(/Past due by \d+ days/);

  // The list: not assessed, no review date before an assessment, the past-due action flagged.
  await page.keyboard.press('Alt+2');
  const row = page.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText('Not assessed');
  await expect(row).toContainText('After assessment');
  await expect(row).toContainText('1 past due');
  await expect(row).not.toContainText(/\bLow\b/);

  // The case: the header says "Not assessed" and no review date; the plan flags the action.
  await row.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  const meta = page.locator('.case-meta');
  await expect(meta).toContainText('Not assessed');
  await expect(meta).toContainText('Next review after the first assessment');
  await page.getByRole('tab', { name: 'Mitigation plan' }).click();
  await expect(page.locator('[data-past-due]')).toHaveText(/Past due by \d+ days/);
});
