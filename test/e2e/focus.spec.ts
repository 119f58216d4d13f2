import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CasePages } from './pages/casePages';
import { PlanPages } from './pages/planPages';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

// Keyboard and focus: every form is submitted from the keyboard, and focus then rests
// on its result (the new row, the saved message), never on the page body; a form that
// closes or a dialog that ends leaves focus somewhere that is still on screen.

async function submitByKeyboard(button: Locator): Promise<void> {
  await button.focus();
  await button.page().keyboard.press('Enter');
}

async function expectFocusNotLost(page: Page): Promise<void> {
  // Give a removed element's focus a frame to land somewhere.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect(await page.evaluate(() => document.activeElement === null || document.activeElement === document.body), 'focus is on the page body').toBe(false);
}

async function expectFocused(page: Page, result: Locator): Promise<void> {
  await expect(result).toBeFocused();
  await expectFocusNotLost(page);
}

test('after each keyboard submit focus rests on its result, never on the page body', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  const cases = new CasePages(page);
  const plan = new PlanPages(page);

  // Intake: the new case's title.
  await cases.openIntake();
  await cases.fillIntake({ title: 'Threats after a demotion', name: 'Ted Marlow', narrative: 'Said he would make them pay.', program: 'DOD', orgUnit: 'Engineering', receivedOn: '2026-11-02', reporter: 'Supervisor', confidential: false });
  await submitByKeyboard(page.getByRole('button', { name: 'Open case' }));
  await expectFocused(page, page.getByRole('heading', { level: 1 }).filter({ hasText: 'Threats after a demotion' }));

  // Reports & indicators: the new indicator and the new report, each in the timeline.
  await cases.tab('Reports & indicators');
  await submitByKeyboard(page.getByRole('button', { name: 'Add indicator' }).first());
  const indicatorForm = page.getByRole('form', { name: 'New indicator' });
  await indicatorForm.getByLabel('Summary').fill('Threat to a co-worker');
  await indicatorForm.getByLabel('PRI category').selectOption({ index: 1 });
  await indicatorForm.getByLabel('Pathway stage').selectOption({ index: 1 });
  await indicatorForm.getByLabel('Date observed').fill('2026-11-01');
  await indicatorForm.getByLabel('Source').fill('Supervisor');
  await submitByKeyboard(indicatorForm.getByRole('button', { name: 'Add indicator' }));
  await expectFocused(page, page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Threat to a co-worker', level: 3 }) }));

  // Editing the indicator: the changed row.
  await submitByKeyboard(page.getByRole('button', { name: 'Edit indicator: Threat to a co-worker' }));
  const editForm = page.getByRole('form', { name: 'Edit indicator' });
  await editForm.getByLabel('Summary').fill('Threat to a named co-worker');
  await submitByKeyboard(editForm.getByRole('button', { name: 'Save changes' }));
  await expectFocused(page, page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Threat to a named co-worker', level: 3 }) }));

  // A form closed with Cancel leaves focus on the tab's content, not the body.
  await submitByKeyboard(page.getByRole('button', { name: 'Add report' }));
  await submitByKeyboard(page.getByRole('form', { name: 'New report' }).getByRole('button', { name: 'Cancel' }));
  await expect(page.getByRole('form', { name: 'New report' })).toHaveCount(0);
  await expectFocusNotLost(page);

  await submitByKeyboard(page.getByRole('button', { name: 'Add report' }));
  const reportForm = page.getByRole('form', { name: 'New report' });
  await reportForm.getByLabel('Date received').fill('2026-11-03');
  await reportForm.getByLabel('Reporter', { exact: true }).fill('Team lead');
  await reportForm.getByLabel('Narrative').fill('Repeated the threat in a meeting.');
  await submitByKeyboard(reportForm.getByRole('button', { name: 'Add report' }));
  await expectFocused(page, page.getByRole('listitem').filter({ hasText: 'Repeated the threat in a meeting.' }).last());

  // Analysis: the new goal.
  await cases.tab('Analysis');
  await submitByKeyboard(page.getByRole('button', { name: 'Add to analysis goal' }));
  const goalForm = page.getByRole('form', { name: 'New goal' });
  await goalForm.getByLabel('Goal').fill('Is the co-worker at risk of harm?');
  await submitByKeyboard(goalForm.getByRole('button', { name: /^Save|^Add/ }).first());
  await expectFocused(page, page.getByRole('listitem').filter({ hasText: 'Is the co-worker at risk of harm?' }));

  // Assessment and determinations: their saved messages.
  await cases.tab('Assessment');
  await page.getByLabel('Risk level').selectOption({ label: 'High' });
  await page.getByLabel('Rationale', { exact: true }).fill('A stated threat against a named person.');
  await submitByKeyboard(page.getByRole('button', { name: 'Record assessment' }));
  await expectFocused(page, page.getByRole('status').filter({ hasText: 'Assessment recorded' }));
  await page.getByRole('radiogroup', { name: 'Threat of violence', exact: true }).getByLabel('Yes', { exact: true }).check();
  await submitByKeyboard(page.getByRole('button', { name: 'Save determinations' }));
  await expectFocused(page, page.getByRole('status').filter({ hasText: 'Determinations saved' }));

  // Reporting: the record of the first obligation.
  await cases.tab('Reporting');
  const card = page.getByRole('article', { name: /^Obligation: / }).first();
  await submitByKeyboard(card.getByRole('button', { name: /^Record: / }));
  const recordForm = card.getByRole('form');
  await recordForm.getByLabel('Not required').check();
  await recordForm.getByLabel('Justification').fill('Reported by the security office the same day.');
  await submitByKeyboard(recordForm.getByRole('button', { name: 'Save record' }));
  await expectFocused(page, card.getByRole('status').filter({ hasText: 'Not required' }));

  // Mitigation plan: the proposal's message.
  await cases.tab('Mitigation plan');
  await plan.proposeForm.getByLabel('Response option').selectOption({ index: 1 });
  await submitByKeyboard(plan.proposeForm.getByRole('button', { name: 'Propose action' }));
  await expectFocused(page, plan.proposeForm.getByRole('status').filter({ hasText: 'Proposed:' }));
});

test('Administration and Records: keyboard submits land on their result; dialogs keep and return focus', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();

  // Adding a user: the new row in the users table.
  const addForm = page.getByRole('form', { name: 'Add a user' });
  await addForm.getByLabel('User name').fill('Lee Okafor');
  await addForm.getByLabel('Role').selectOption({ label: 'Legal' });
  await addForm.getByLabel('Initial passphrase', { exact: true }).fill(TEST_PASSPHRASE);
  await addForm.getByLabel('Repeat initial passphrase').fill(TEST_PASSPHRASE);
  await submitByKeyboard(addForm.getByRole('button', { name: 'Add user' }));
  await expectFocused(page, page.getByRole('row').filter({ hasText: 'Lee Okafor' }));

  // The idle lock: its saved message; a bad value: the message naming the problem.
  await page.getByLabel('Lock after idle minutes').fill('0');
  await submitByKeyboard(page.getByRole('button', { name: 'Save', exact: true }));
  await expectFocused(page, page.getByRole('status').filter({ hasText: 'whole number of minutes' }));
  await page.getByLabel('Lock after idle minutes').fill('20');
  await submitByKeyboard(page.getByRole('button', { name: 'Save', exact: true }));
  await expectFocused(page, page.getByRole('status').filter({ hasText: 'locks after 20 idle minutes' }));

  // A dialog keeps focus inside while it is open, and gives it back when it closes.
  const removeButton = page.getByRole('button', { name: 'Remove Lee Okafor' });
  await submitByKeyboard(removeButton);
  const dialog = page.getByRole('dialog', { name: 'Remove Lee Okafor?' });
  await expect(dialog.getByLabel('Reason (kept in the audit log)')).toBeFocused();
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press(i % 2 === 0 ? 'Tab' : 'Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement)), 'focus left the open dialog').toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(removeButton).toBeFocused();

  // Records: the backup reminder's saved message.
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Records', level: 1 })).toBeVisible();
  await page.getByLabel('Remind after this many days without a backup').fill('14');
  await submitByKeyboard(page.getByRole('button', { name: 'Save reminder' }));
  await expect(page.getByRole('status').filter({ hasText: /14/ })).toBeFocused();
  await expectFocusNotLost(page);
});
