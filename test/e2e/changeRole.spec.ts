import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { VaultPage } from './pages/vaultPage';

test('a program manager changes a user’s role on the Administration screen, after confirming; the role holds and is audited', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  const added = await app.backend.invoke('users.add', { name: 'Ana Lyst', role: 'analyst', passphrase: 'lantern quarry velvet mosaic' });
  expect(added.ok).toBe(true);
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Change a role' });

  // Nothing chosen: a clear message, nothing changed.
  await form.getByRole('button', { name: 'Change role…' }).click();
  await expect(form.getByRole('alert')).toHaveText('User: choose whose role to change.');

  await form.getByLabel('User').selectOption('Ana Lyst');
  await form.getByLabel('New role').selectOption('legal');
  await form.getByRole('button', { name: 'Change role…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Change Ana Lyst\'s role?' });
  await expect(dialog).toContainText('signed with your own key');
  await checkScreen(page, 'change-role-confirm');
  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('row', { name: /Ana Lyst/ })).toContainText('Analyst');

  await form.getByRole('button', { name: 'Change role…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Change to / }).click();
  await expect(form.getByRole('status')).toContainText('Ana Lyst is now');
  await expect(page.getByRole('row', { name: /Ana Lyst/ })).not.toContainText('Analyst');
  await checkScreen(page, 'change-role-done');
  const audit = (await app.backend.invoke('audit.list', { limit: 5 })) as { ok: true; value: { action: string; detail: Record<string, unknown> }[] };
  expect(audit.value.find((e) => e.action === 'user.role_changed')?.detail).toEqual({ user: 'Ana Lyst', from: 'analyst', to: 'legal' });
  expect(audit.value.some((e) => e.action === 'grants.signed')).toBe(true);
});
