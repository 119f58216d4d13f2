import { expect, test } from './fixtures';
import { CasePages, checkScreen } from './pages/casePages';
import { VaultPage } from './pages/vaultPage';

// An analyst corrects a case after intake — its title, the subject's position and
// a report's narrative — each with a reason, by keyboard, and reads the changes
// back in the case's History tab.
test('edits with reasons: title, subject and report corrected by keyboard, each shown in the history', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  const cases = new CasePages(page);
  await cases.openIntake();
  await cases.fillIntake({
    title: 'Gambling debt',
    program: 'DOD',
    name: 'Ted Marlow',
    orgUnit: 'Logistics',
    receivedOn: '2026-11-02',
    reporter: 'Supervisor, Logistics',
    confidential: false,
    narrative: 'Ted has been borrowing money from several co-workers.',
  });
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Gambling debt');
  const caseId = ((await app.backend.invoke('cases.list', {})) as { ok: true; value: { rows: { id: string }[] } }).value.rows[0]?.id ?? '';

  // The title, by keyboard: the dialog opens on its first field; no reason, then an empty title, are refused beside the field.
  await page.getByRole('button', { name: 'Edit title and program…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: "Edit the case's title and program" });
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Gambling debt and borrowing from colleagues');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog.getByText('Give a reason for the change.')).toBeVisible();
  await dialog.getByLabel('Title').fill('   ');
  await dialog.getByLabel('Reason for the change').fill('The first report was about borrowing too');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog.getByText('Title is required.')).toBeVisible();
  expect(await app.backend.invoke('cases.get', { id: caseId, refresh: true })).toMatchObject({ ok: true, value: { case: { title: 'Gambling debt' } } });
  await checkScreen(page, 'case-edit-dialog');
  await dialog.getByLabel('Title').fill('Gambling debt and borrowing from colleagues');
  await dialog.getByLabel('Reason for the change').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Save changes' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const saved = page.getByRole('status').filter({ hasText: 'Saved: title changed.' });
  await expect(saved).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Gambling debt and borrowing from colleagues');

  // The subject's position.
  await page.getByRole('button', { name: 'Edit subject details…' }).click();
  const subject = page.getByRole('dialog', { name: "Edit the subject's details" });
  await subject.getByLabel('Position').fill('Senior supply specialist');
  await subject.getByLabel('Reason for the change').fill('HR record shows the promotion in October');
  await checkScreen(page, 'case-edit-subject');
  await subject.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: position changed.' })).toBeFocused();
  await expect(page.getByText('Senior supply specialist')).toBeVisible();

  // A report's narrative.
  await cases.tab('Reports & indicators');
  await page.getByRole('button', { name: /^Edit report received/ }).click();
  const report = page.getByRole('dialog', { name: 'Edit the report' });
  await report.getByLabel('Narrative').fill('Ted has been borrowing money from five co-workers.');
  await report.getByLabel('Reason for the change').fill('The supervisor corrected the count');
  await report.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: narrative changed.' })).toBeFocused();
  await expect(page.getByText('Ted has been borrowing money from five co-workers.')).toBeVisible();
  await checkScreen(page, 'case-report-edited');

  // The history: what, by whom, when, why, before and after, in words.
  await cases.tab('History');
  const entries = page.getByRole('list', { name: 'Edits, newest first' }).getByRole('listitem');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText('Report received 2026-11-02');
  await expect(entries.nth(0)).toContainText('Reason: The supervisor corrected the count');
  await expect(entries.nth(0).getByRole('row', { name: /Narrative/ })).toContainText('several co-workers');
  await expect(entries.nth(1)).toContainText('Subject details');
  await expect(entries.nth(1).getByRole('row', { name: /Position/ })).toContainText('Senior supply specialist');
  await expect(entries.nth(2)).toContainText('Case details');
  await expect(entries.nth(2)).toContainText('Dana Whitfield');
  await expect(entries.nth(2)).toContainText('Reason: The first report was about borrowing too');
  const titleRow = entries.nth(2).getByRole('row', { name: /Title/ });
  await expect(titleRow.getByRole('cell').nth(0)).toHaveText('Gambling debt');
  await expect(titleRow.getByRole('cell').nth(1)).toHaveText('Gambling debt and borrowing from colleagues');
  await checkScreen(page, 'case-history');
});
