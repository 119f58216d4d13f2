import { expect, test } from './fixtures';
import { CasePages, checkScreen } from './pages/casePages';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

// A new analyst works the gambling-debt case of the mitigation guide from intake to
// assessment, then finds it again by a word of its narrative.
test('the gambling-debt case: intake, indicators, analysis, assessment, search, reload', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const vault = new VaultPage(page);
  const cases = new CasePages(page);
  await vault.createVault('Dana Whitfield');
  await checkScreen(page, 'case-home-empty');

  // Intake, first with bad input: nothing is saved and each field says why.
  await cases.openIntake();
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('alert').first()).toContainText('nothing was saved');
  await expect(page.getByText('Title is required.')).toBeVisible();
  await expect(page.getByText('Name is required.')).toBeVisible();
  await expect(page.getByText('Narrative is required.')).toBeVisible();
  await page.getByLabel('Date received').fill('2099-01-01');
  await page.getByLabel('Case title').fill('x'.repeat(201));
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByText('The date received cannot be in the future.')).toBeVisible();
  await expect(page.getByText('Title: at most 200 characters.')).toBeVisible();
  expect(await app.backend.invoke('cases.list', {})).toMatchObject({ ok: true, value: { total: 0 } });
  await checkScreen(page, 'case-intake-errors');

  await cases.fillIntake({
    title: 'Gambling debt and borrowing from colleagues',
    program: 'DOD',
    name: 'Ted Marlow',
    orgUnit: 'Logistics',
    receivedOn: '2026-11-02',
    reporter: 'Supervisor, Logistics',
    confidential: true,
    narrative: 'Ted has been borrowing money from several co-workers and told one of them about heavy losses at an online casino.',
  });
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Gambling debt and borrowing from colleagues');
  const number = ((await page.locator('h1 .mono').textContent()) ?? '').trim();
  expect(number).toMatch(/^OR-\d{4}-0001$/);
  await checkScreen(page, 'case-overview');

  // Three indicators on three stages.
  await cases.tab('Reports & indicators');
  await cases.addIndicator({ summary: 'Long-standing gambling habit', category: 'Substance abuse and addictive behaviors', stage: 'Personal predispositions', observedOn: '2026-09-15', source: 'Supervisor', basis: 'Opinion' });
  await cases.addIndicator({ summary: 'Large gambling debt', category: 'Financial considerations', stage: 'Stressors', observedOn: '2026-10-20', source: 'Co-workers' });
  await cases.addIndicator({ summary: 'Borrowing money from several colleagues', category: 'Financial considerations', stage: 'Concerning behaviors', observedOn: '2026-11-01', source: 'Co-workers' });
  // An edit keeps the earlier version.
  await page.getByRole('button', { name: 'Edit indicator: Large gambling debt' }).click();
  await page.getByRole('form', { name: 'Edit indicator' }).getByLabel('Summary').fill('Large gambling debt, about $40,000');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Edit history: Large gambling debt, about $40,000' }).click();
  // The earlier version shows as what changed: the summary before and after.
  const summaryRow = page.getByRole('table', { name: /^Changed / }).getByRole('row', { name: /Summary/ });
  await expect(summaryRow.getByRole('cell').nth(0)).toHaveText('Large gambling debt');
  await expect(summaryRow.getByRole('cell').nth(1)).toHaveText('Large gambling debt, about $40,000');
  await checkScreen(page, 'case-indicators');

  // Analysis: two questions of different kinds and an assumption.
  await cases.tab('Analysis');
  await page.getByRole('button', { name: 'Add to questions' }).click();
  let form = page.getByRole('form', { name: 'New question' });
  await form.getByRole('button', { name: 'Add question' }).click();
  await expect(form.getByText('Text is required.')).toBeVisible();
  await form.getByLabel('Question', { exact: true }).fill('Did Ted have access to the petty-cash safe?');
  await form.getByLabel('Kind of question').selectOption({ label: 'Definitive answer' });
  await form.getByRole('button', { name: 'Add question' }).click();
  await page.getByRole('button', { name: 'Add to questions' }).click();
  form = page.getByRole('form', { name: 'New question' });
  await form.getByLabel('Question', { exact: true }).fill('Is Ted upset with the organization?');
  await form.getByLabel('Kind of question').selectOption({ label: 'Matter of opinion' });
  await form.getByRole('button', { name: 'Add question' }).click();
  await page.getByRole('button', { name: 'Add to assumptions' }).click();
  form = page.getByRole('form', { name: 'New assumption' });
  await form.getByLabel('Assumption', { exact: true }).fill('The debt, not disgruntlement, drives the borrowing.');
  await form.getByLabel('Justified?').selectOption({ label: 'Yes, justified' });
  await form.getByRole('button', { name: 'Add assumption' }).click();
  await expect(page.getByText('Did Ted have access to the petty-cash safe?')).toBeVisible();
  await expect(page.getByText('Is Ted upset with the organization?')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Incomplete: 0 of \d+ addressed/ })).toBeVisible();
  await page.getByRole('checkbox', { name: /State the goal of the analysis/ }).check();
  await expect(page.getByRole('status').filter({ hasText: /Incomplete: 1 of/ })).toBeVisible();
  await checkScreen(page, 'case-analysis');

  // Assessment and determinations.
  await cases.tab('Assessment');
  await page.getByRole('button', { name: 'Record assessment' }).click();
  await expect(page.getByText('Rationale is required.')).toBeVisible();
  await page.getByLabel('Motive', { exact: true }).fill('Mounting gambling debt.');
  await page.getByLabel('Ability', { exact: true }).fill('Routine access to the petty-cash safe.');
  await page.getByLabel('Risk level').selectOption({ label: 'Moderate' });
  await page.getByLabel('Rationale', { exact: true }).fill('A stressor with a concerning behavior, no criminal nexus; support resources are the right first response.');
  await page.getByRole('button', { name: 'Record assessment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Assessment recorded. Risk is moderate' })).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Adverse information', exact: true }).getByLabel('Yes', { exact: true }).check();
  await page.getByRole('radiogroup', { name: 'Criminal conduct', exact: true }).getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Save determinations' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Determinations saved\. Reporting obligations now owed to .*DISS/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Critical pathway/ })).toBeVisible();
  await checkScreen(page, 'case-assessment');

  // Find it again by a word of its narrative.
  await page.keyboard.press('Alt+2');
  await page.getByLabel('Search all case text').fill('casino');
  await expect(page.getByText('1 case matching “casino”')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: number })).toBeVisible();
  await page.getByLabel('Search all case text').press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  await page.keyboard.press('Alt+2');
  await page.getByLabel('Search all case text').fill('espionage');
  await expect(page.getByText('0 cases matching “espionage”')).toBeVisible();
  await page.getByLabel('Search all case text').fill('');
  await expect(page.getByText(/^1 case$/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: number })).toBeVisible();
  await checkScreen(page, 'case-list');

  // Reload and unlock: everything is still there, and the audit log shows each step.
  await app.reload();
  await vault.unlock('Dana Whitfield', TEST_PASSPHRASE);
  await checkScreen(page, 'case-home');
  await page.getByRole('button', { name: number }).first().click();
  await cases.tab('Reports & indicators');
  await expect(page.getByRole('heading', { name: 'Borrowing money from several colleagues', level: 3 })).toBeVisible();
  await cases.tab('Audit log');
  for (const step of ['Opened the case', 'Added an indicator', 'Changed an indicator', 'Added an analysis item', 'Recorded an assessment', 'Answered determination questions']) {
    await expect(page.getByRole('cell', { name: step }).first()).toBeVisible();
  }
  await checkScreen(page, 'case-audit');
  expect(app.pageErrors).toEqual([]);
});
