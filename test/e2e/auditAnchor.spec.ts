import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchorSignatureValid, parseAnchor } from '../../electron/backend/vault/anchor';
import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { VaultPage } from './pages/vaultPage';

test('the home screen reminds a program manager that an audit anchor is due; Export audit anchor writes a signed one to removable media', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const medium = mkdtempSync(join(tmpdir(), 'offramp-e2e-anchor-'));
  try {
    await new VaultPage(page).createVault('Dana Whitfield');
    await page.keyboard.press('Alt+1');
    const reminder = page.getByRole('region', { name: 'Audit anchor due' });
    await expect(reminder).toContainText('No audit anchor has left this vault yet.');
    await checkScreen(page, 'anchor-home-reminder');

    // Keyboard: the reminder's button leads to Records, where the card is.
    await reminder.getByRole('button', { name: 'Go to Records' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Records', level: 1 })).toBeVisible();
    const card = page.getByRole('region', { name: 'Audit anchor' });
    await expect(card.getByTestId('last-anchor')).toHaveText('None yet');
    await expect(card.getByText('Anchor due')).toBeVisible();

    // A cancelled folder dialog writes nothing and says so.
    app.dialogAnswers.push(null);
    await card.getByRole('button', { name: 'Export audit anchor…' }).click();
    await expect(card.getByRole('alert')).toContainText('No folder was chosen. Nothing was written.');
    expect(readdirSync(medium)).toEqual([]);

    app.dialogAnswers.push(medium);
    await card.getByRole('button', { name: 'Export audit anchor…' }).click();
    const done = card.getByRole('status');
    await expect(done).toContainText('Audit anchor written.');
    const [name] = readdirSync(medium);
    expect(name).toMatch(/^offramp-audit-anchor-[0-9a-f]{8}-\d{8}T\d{6}Z-\d+\.json$/);
    await expect(done).toContainText(join(medium, name ?? ''));
    const anchor = parseAnchor(readFileSync(join(medium, name ?? ''), 'utf8'), 'the exported anchor');
    expect(anchorSignatureValid(anchor)).toBe(true);
    expect(anchor.madeBy).toBe('Dana Whitfield');
    expect(anchor.events).toBeGreaterThan(0);
    await expect(card.getByText('Up to date')).toBeVisible();
    await checkScreen(page, 'anchor-records-done');
    const audit = await app.backend.invoke('audit.list', { limit: 5 });
    expect(JSON.stringify(audit)).toContain('audit.anchor');

    // Home no longer reminds.
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Backup due' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Audit anchor due' })).toHaveCount(0);
  } finally {
    rmSync(medium, { recursive: true, force: true });
  }
});
