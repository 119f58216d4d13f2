import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';

test('the training vault: open it, practise on the gambling case, answer an exercise, reset', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  await page.getByRole('button', { name: 'Open training vault' }).click();
  await expect(page.getByText('TRAINING VAULT — FICTIONAL CASES ONLY')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();

  await page.keyboard.press('Alt+2');
  await expect(page.getByText(/^6 cases$/)).toBeVisible();
  await page.getByLabel('Search all case text').fill('gambling');
  await expect(page.getByText('1 case matching “gambling”')).toBeVisible();
  await page.getByRole('row').filter({ hasText: 'OR-' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Training: gambling debt');

  // The guide's review activity beside the case, with the answer key's feedback.
  const exercise = page.getByRole('region', { name: /Review activity 2\.2/ });
  await exercise.getByLabel(/support and resources/i).check();
  await exercise.getByRole('button', { name: 'Check answer' }).click();
  await expect(exercise.getByRole('status')).toContainText('Correct.');
  await checkScreen(page, 'training-case-overview');

  // A trainee's note, then a reset brings the vault back to its starting point.
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await page.getByRole('button', { name: 'Add to alternative explanations' }).click();
  await page.getByRole('form', { name: 'New alternative explanation' }).getByLabel('Alternative explanation').fill('Trainee practice note');
  await page.getByRole('button', { name: 'Add alternative explanation' }).click();
  await expect(page.getByText('Trainee practice note')).toBeVisible();

  await page.keyboard.press('Alt+5');
  await page.getByRole('button', { name: 'Reset training vault…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible({ timeout: 30_000 });
  expect(await app.backend.invoke('cases.list', { query: 'Trainee practice note' })).toMatchObject({ ok: true, value: { total: 0 } });
  expect(await app.backend.invoke('cases.list', {})).toMatchObject({ ok: true, value: { total: 6 } });
  await checkScreen(page, 'training-home');

  // Every screen of the training vault carries the banner; locking leaves it.
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Review activities', level: 1 })).toBeVisible();
  await expect(page.getByText('TRAINING VAULT — FICTIONAL CASES ONLY')).toBeVisible();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByText('TRAINING VAULT — FICTIONAL CASES ONLY')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Create the vault' })).toBeVisible();
});
