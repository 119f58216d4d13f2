import { expect, test } from './fixtures';
import { CasePages, checkScreen } from './pages/casePages';
import { PlanPages } from './pages/planPages';
import { VaultPage } from './pages/vaultPage';

// The Mitigation plan tab: the form first, recommendations grouped by target and
// discipline, each citation behind a "Source" toggle, focus following each step.
test('mitigation tab: form reachable first, recommendations grouped, sources collapsed, focus follows', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  const cases = new CasePages(page);
  const plan = new PlanPages(page);
  await cases.openIntake();
  await cases.fillIntake({ title: 'Gambling debt and threats', name: 'Ted Marlow', narrative: 'Heavy losses, borrowing, and a threat to a co-worker.', program: 'DOD', orgUnit: 'Engineering', receivedOn: '2026-11-02', reporter: 'Supervisor', confidential: false });
  await page.getByRole('button', { name: 'Open case' }).click();
  await cases.tab('Reports & indicators');
  await cases.addIndicator({ summary: 'Large gambling debt', category: 'Financial considerations', stage: 'Stressors', observedOn: '2026-10-20', source: 'Co-workers' });
  await cases.addIndicator({ summary: 'Asks colleagues for loans', category: 'Financial considerations', stage: 'Concerning behaviors', observedOn: '2026-11-01', source: 'Co-workers' });
  await cases.tab('Assessment');
  await plan.recordAssessment('High', 'A stressor with concerning behavior and a stated threat.');
  // After each submit focus is on its result, never the page body.
  await expect(page.getByRole('status').filter({ hasText: 'Assessment recorded' })).toBeFocused();
  await plan.determine({ 'Criminal conduct': 'No', 'Threat of violence': 'Yes' });
  await expect(page.getByRole('status').filter({ hasText: 'Determinations saved' })).toBeFocused();
  await cases.tab('Mitigation plan');

  const panel = page.getByRole('tabpanel');
  const recommended = page.getByRole('region', { name: 'Recommended by the rules engine' });
  await expect(recommended).toBeVisible();

  // The form comes before the recommendations, in reading and in Tab order.
  const formFirst = await page.evaluate(() => {
    const form = document.getElementById('propose-action');
    const recs = document.getElementById('recommended-title');
    return form !== null && recs !== null && (form.compareDocumentPosition(recs) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  });
  expect(formFirst).toBe(true);
  await page.getByRole('tab', { name: 'Mitigation plan' }).focus();
  await page.keyboard.press('Tab');
  await expect(plan.proposeForm.getByLabel('Discipline', { exact: true })).toBeFocused();

  // Grouped: one heading per target, then per discipline; the recommendations under them.
  const targetHeadings = await recommended.getByRole('heading', { level: 3 }).allTextContents();
  expect(targetHeadings.length).toBeGreaterThan(0);
  for (const heading of targetHeadings) expect(['Person of concern', 'Potential victims', 'Organizational environment']).toContain(heading);
  expect(targetHeadings).toContain('Person of concern');
  const personGroup = recommended.getByRole('region', { name: 'Person of concern' });
  await expect(personGroup.getByRole('heading', { level: 4 }).first()).toBeVisible();
  const eap = personGroup.getByRole('listitem').filter({ hasText: 'Employee Assistance Program (EAP)' });
  await expect(eap).toBeVisible();

  // Citations are collapsed behind "Source" until asked for.
  const toggle = eap.getByText('Source', { exact: true });
  await expect(eap.locator('details')).not.toHaveAttribute('open', /.*/);
  await expect(eap.locator('details .cite')).toBeHidden();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(eap.locator('details .cite')).toBeVisible();
  await expect(eap.locator('details .cite')).toContainText('CDSE');
  await checkScreen(page, 'plan-grouped');

  // "Propose…" fills the form and focus follows the option there.
  await eap.getByRole('button', { name: 'Propose: Employee Assistance Program (EAP)' }).click();
  await expect(plan.proposeForm.getByLabel('Response option')).toBeFocused();
  await expect(plan.proposeForm.getByLabel('Response option').locator('option:checked')).toHaveText('Employee Assistance Program (EAP)');
  await plan.proposeForm.getByRole('button', { name: 'Propose action' }).click();
  // After the submit focus is on the saved message, never the page body.
  const saved = plan.proposeForm.getByRole('status').filter({ hasText: 'Proposed: Employee Assistance Program (EAP)' });
  await expect(saved).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  await expect(panel.getByRole('row').filter({ hasText: 'Employee Assistance Program (EAP)' }).first()).toBeVisible();

  // A review: focus on its result too.
  await cases.tab('Monitoring');
  await page.getByLabel('What changed since the last review').fill('Ted started with the EAP.');
  await page.getByRole('button', { name: 'Record review' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Review recorded' })).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});
