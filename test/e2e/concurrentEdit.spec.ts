import { gamblingIntake } from '../helpers/vault';
import { expect, test } from './fixtures';
import { CasePages, checkScreen } from './pages/casePages';
import { PrintPages } from './pages/printPages';
import { VaultPage } from './pages/vaultPage';

// An analyst edits an indicator while the same indicator is changed elsewhere (a
// colleague, or another window): the save is refused with who changed it and
// when, what was typed stays in the form, and after reloading it saves on top of
// the other change, which stays in the history.
test('saving an indicator someone else changed meanwhile: told who and when, nothing lost', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  const created = await app.backend.invoke('cases.create', gamblingIntake());
  if (!created.ok) throw new Error(created.error.message);
  const { id: caseId, number } = created.value as { id: string; number: string };
  await new PrintPages(page).openCase(number);
  await new CasePages(page).tab('Reports & indicators');

  await page.getByRole('button', { name: 'Edit indicator: Large gambling debt' }).click();
  const form = page.getByRole('form', { name: 'Edit indicator' });
  await form.getByLabel('Summary').fill('Large gambling debt, about $40,000');

  // Meanwhile the indicator is changed from another window.
  const opened = await app.backend.invoke('cases.get', { id: caseId });
  if (!opened.ok) throw new Error(opened.error.message);
  const theirs = (opened.value as { indicators: { id: string; summary: string; category: string; stage: string; observedOn: string; detail: string; source: string; corroboration: string; basis: string; version: number }[] }).indicators.find((i) => i.summary === 'Large gambling debt');
  if (theirs === undefined) throw new Error('the case has no gambling-debt indicator');
  const { id, version, category, stage, observedOn, detail, source, corroboration, basis } = theirs;
  const indicator = { category, stage, observedOn, detail, source, corroboration, basis, summary: 'Large gambling debt (HR confirmed)' };
  expect(await app.backend.invoke('indicators.update', { caseId, id, indicator, expectedVersion: version })).toEqual({ ok: true, value: { version: 2 } });

  await form.getByRole('button', { name: 'Save changes' }).click();
  const conflict = form.getByRole('alert');
  await expect(conflict).toContainText(/This indicator was changed by Dana Whitfield at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC after you opened it\. Nothing of yours was saved/);
  // What was typed is still there.
  await expect(form.getByLabel('Summary')).toHaveValue('Large gambling debt, about $40,000');
  await checkScreen(page, 'indicator-changed-meanwhile');

  await form.getByRole('button', { name: 'Reload the case' }).click();
  await expect(form.getByRole('status')).toContainText('Your edit is still in this form');
  await expect(form.getByLabel('Summary')).toHaveValue('Large gambling debt, about $40,000');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('Large gambling debt, about $40,000')).toBeVisible();
  // The other change is kept as the version before this one.
  await page.getByRole('button', { name: 'Edit history: Large gambling debt, about $40,000' }).click();
  const changes = page.getByRole('table', { name: /^Changed / });
  await expect(changes.first().getByRole('row', { name: /Summary/ }).getByRole('cell').nth(0)).toHaveText('Large gambling debt (HR confirmed)');
  const saved = await app.backend.invoke('cases.get', { id: caseId });
  expect(saved.ok && (saved.value as { indicators: { id: string; version: number }[] }).indicators.find((i) => i.id === id)?.version).toBe(3);
});
