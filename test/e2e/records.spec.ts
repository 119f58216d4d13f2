import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bannerLine, defaultMarkings } from '../../shared/model/markings';
import { launchApp } from '../harness/launchApp';
import { pdfInfo, pdfPageLines, renderPages } from '../helpers/pdf';
import { gamblingIntake } from '../helpers/vault';
import { expect, test } from './fixtures';
import { CasePages, checkScreen } from './pages/casePages';
import { RecordsPages } from './pages/recordsPages';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

const USER = 'Dana Whitfield';
const printDir = resolve(import.meta.dirname, '..', '..', 'test-results', 'print');
mkdirSync(printDir, { recursive: true });

test('back up from the Records screen, restore into a new folder, and unlock the restored vault', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const medium = mkdtempSync(join(tmpdir(), 'offramp-e2e-medium-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'offramp-e2e-restored-'));
  try {
    await new VaultPage(page).createVault(USER);
    const cases = new CasePages(page);
    await cases.openIntake();
    await cases.fillIntake({
      title: 'Unexplained wealth and foreign travel',
      program: 'Federal',
      name: 'Mara Quinlan',
      orgUnit: 'Procurement',
      receivedOn: '2026-11-10',
      reporter: 'Supervisor, Procurement',
      confidential: false,
      narrative: 'A new car and two unreported trips abroad within a month, after complaints about debts.',
    });
    await page.getByRole('button', { name: 'Open case' }).click();
    const number = ((await page.locator('h1 .mono').textContent()) ?? '').trim();
    expect(number).toMatch(/^OR-\d{4}-0001$/);

    // Never backed up: the home screen says so and leads to Records.
    await page.keyboard.press('Alt+1');
    const reminder = page.getByRole('region', { name: 'Backup due' });
    await expect(reminder).toContainText('This vault has never been backed up.');
    await checkScreen(page, 'records-home-reminder');
    await reminder.getByRole('button', { name: 'Go to Records' }).click();
    const records = new RecordsPages(page);
    await expect(page.getByRole('heading', { name: 'Records', level: 1 })).toBeVisible();
    await expect(records.backup.getByTestId('last-backup')).toHaveText('None yet');
    await checkScreen(page, 'records-screen');

    // A cancelled folder dialog writes nothing and says so.
    app.dialogAnswers.push(null);
    await records.backup.getByRole('button', { name: 'Back up now…' }).click();
    await expect(records.backup.getByRole('alert')).toContainText('No folder was chosen. Nothing was written.');
    expect(readdirSync(medium)).toEqual([]);

    // Back up to the medium: written, read back and verified.
    app.dialogAnswers.push(medium);
    const done = await records.backUp();
    const [backupName] = readdirSync(medium);
    expect(backupName).toMatch(/^offramp-backup-[0-9a-f]{8}-\d{8}T\d{6}Z$/);
    const backupPath = join(medium, backupName ?? '');
    expect(done).toContain(backupPath);
    expect(done).toContain('1 case');
    expect(done).toMatch(/SHA-256 of every file, database integrity check and audit chain all passed/);
    await expect(records.backup.getByTestId('last-backup')).toContainText('(today)');
    await expect(records.backup.getByText('Up to date')).toBeVisible();
    await checkScreen(page, 'records-backup-done');
    const audit = await app.backend.invoke('audit.list', { limit: 5 });
    expect(JSON.stringify(audit)).toContain('vault.backup');

    // The reminder is gone.
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Backup due' })).toHaveCount(0);

    // A wrong passphrase and a damaged copy are refused with a clear message; nothing is written.
    await records.open();
    const target = join(elsewhere, 'vault');
    app.dialogAnswers.push(backupPath, target);
    await records.restoreInto('new', USER, 'not the passphrase at all');
    await expect(records.restore.getByRole('alert')).toContainText('The passphrase or recovery key does not open this backup.');
    const damaged = join(medium, 'damaged-copy');
    cpSync(backupPath, damaged, { recursive: true });
    appendFileSync(join(damaged, 'offramp.db'), Buffer.alloc(4096, 7));
    app.dialogAnswers.push(damaged, target);
    await records.restoreInto('new', USER, TEST_PASSPHRASE);
    await expect(records.restore.getByRole('alert')).toContainText('The backup is damaged or incomplete.');
    await records.restore.getByRole('alert').scrollIntoViewIfNeeded();
    await checkScreen(page, 'records-restore-damaged');
    expect(readdirSync(elsewhere)).toEqual([]);

    // Restore into a new folder: this vault stays as it is; the screen says how to open the copy.
    app.dialogAnswers.push(backupPath, target);
    await records.restoreInto('new', USER, TEST_PASSPHRASE);
    const restored = records.restore.getByRole('status').filter({ hasText: 'Backup restored into a new folder.' });
    await expect(restored).toBeVisible({ timeout: 30_000 });
    await expect(restored).toContainText(target);
    await expect(restored).toContainText(`offramp vault check --vault "${target}"`);
    await restored.scrollIntoViewIfNeeded();
    await checkScreen(page, 'records-restored');
    expect(await app.backend.invoke('vault.status', {})).toMatchObject({ ok: true, value: { state: 'unlocked' } });

    // The restored vault opens in Offramp on its own data folder, with the passphrase of the backup.
    const second = await launchApp({ dataDir: elsewhere, backend: { kdf: 'fast-insecure-for-tests' } });
    try {
      const p2 = second.page;
      await expect(p2.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
      await new VaultPage(p2).unlock(USER, TEST_PASSPHRASE);
      await expect(p2.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
      await p2.keyboard.press('Alt+2');
      await p2.getByRole('row').filter({ hasText: number }).click();
      await expect(p2.getByRole('heading', { level: 1 })).toContainText('Unexplained wealth and foreign travel');
      await checkScreen(p2, 'records-restored-unlocked');
      expect(await second.backend.invoke('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    } finally {
      await second.close();
    }
    expect(app.pageErrors).toEqual([]);
  } finally {
    rmSync(medium, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('retention rules, the disposition due list, a legal hold that blocks disposal, and the printed certificate', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  expect(await app.backend.invoke('vault.create', { userName: USER, role: 'program_manager', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  const old = await app.backend.invoke('cases.create', gamblingIntake('closed long ago'));
  const current = await app.backend.invoke('cases.create', gamblingIntake('still open'));
  if (!old.ok || !current.ok) throw new Error('seeding failed');
  const { id: oldId, number: oldNumber } = old.value as { id: string; number: string };
  // Closing a case is the Closure tab's work (covered by the casework walks); here the row is closed years ago directly.
  app.backend.context.requireSession().db.prepare("UPDATE cases SET status = 'closed', created_at = '2015-09-14T08:30:00Z', closed_at = '2017-04-03T09:00:00Z', closure_reason = 'Debts repaid under a counselling plan; no further concerns.' WHERE id = ?").run(oldId);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();

  const records = new RecordsPages(page);
  await records.open();
  await expect(records.due).toContainText('No case is due for disposition.');

  // A rule needs its authority; closed cases of any program are kept seven years after closure.
  await records.addRule({ status: 'Closed', program: 'Any program', years: 7, measuredFrom: 'Closure', authority: '' });
  await records.rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(records.rules.getByRole('alert').first()).toContainText('The rules were not saved');
  await expect(records.rules.getByText('Rule 1: Name the records schedule or authority.')).toBeVisible();
  await records.rules.getByLabel('Authority, rule 1').fill('GRS 5.6 item 230');
  await records.rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(records.rules.getByRole('status')).toContainText('Retention rules saved (1)');
  const row = records.due.getByRole('row').filter({ hasText: oldNumber });
  await expect(row).toContainText('2024-04-03');
  await expect(records.due.getByRole('row')).toHaveCount(2);

  // A legal hold on the case keeps it: listed, flagged, and the dispose action is blocked.
  await row.getByRole('button', { name: oldNumber, exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Closure' })).toHaveAttribute('aria-selected', 'true');
  const hold = page.getByRole('region', { name: 'Legal hold' });
  await hold.getByRole('button', { name: 'Place legal hold' }).click();
  await expect(hold.getByRole('alert')).toContainText('Reference: name the matter');
  await hold.getByLabel('Hold reference').fill('Matter 2026-114');
  await hold.getByRole('button', { name: 'Place legal hold' }).click();
  await expect(hold.getByRole('status')).toContainText('Legal hold placed');
  await expect(hold).toContainText('Matter 2026-114');
  await hold.scrollIntoViewIfNeeded();
  await checkScreen(page, 'records-legal-hold');

  await records.open();
  await expect(row.getByText('On legal hold')).toBeVisible();
  await expect(row.getByRole('button', { name: `Dispose of ${oldNumber}…` })).toBeDisabled();
  await records.due.scrollIntoViewIfNeeded();
  await checkScreen(page, 'records-due-held');
  expect(await app.backend.invoke('retention.dispose', { caseId: oldId, confirmNumber: oldNumber, reason: 'Retention period over under the schedule' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

  // Cleared (after confirming), the case can be disposed of, with the program manager typing its number.
  await row.getByRole('button', { name: oldNumber, exact: true }).click();
  await hold.getByRole('button', { name: 'Clear legal hold…' }).click();
  await page.getByRole('dialog', { name: 'Clear the legal hold?' }).getByRole('button', { name: 'Clear hold' }).click();
  await expect(hold.getByRole('status')).toContainText('Legal hold cleared');
  await records.open();
  await expect(row.getByText('None')).toBeVisible();
  await row.getByRole('button', { name: `Dispose of ${oldNumber}…` }).click();
  const dialog = page.getByRole('dialog', { name: `Dispose of case ${oldNumber}?` });
  const confirm = dialog.getByRole('button', { name: 'Dispose of the case' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type the case number to approve').fill('OR-0000-0000');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type the case number to approve').fill(oldNumber);
  // A reason is asked for and kept: without one, nothing is deleted.
  await confirm.click();
  await expect(dialog.getByText('Reason: write at least 10 characters saying why.')).toBeVisible();
  await dialog.getByLabel('Reason').fill('Retention period over; no hold or open matter');
  await expect(dialog.getByText('Reason: write at least 10 characters saying why.')).toHaveCount(0);
  await checkScreen(page, 'records-dispose-dialog');
  await confirm.click();
  await expect(records.due.getByRole('status')).toContainText(`Case ${oldNumber} was disposed of.`);
  await expect(records.due).toContainText('No case is due for disposition.');
  expect(await app.backend.invoke('cases.get', { id: oldId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  await records.due.scrollIntoViewIfNeeded();
  await checkScreen(page, 'records-disposed');

  // The certificate prints with the markings frame, and the print is audited.
  await records.due.getByRole('button', { name: `Print the certificate of ${oldNumber}…` }).click();
  const printDialog = page.getByRole('dialog', { name: 'Print the disposition certificate' });
  await printDialog.getByRole('radio', { name: 'A4' }).check();
  const pdf = join(printDir, 'disposition-certificate.pdf');
  app.dialogAnswers.push(pdf);
  await printDialog.getByRole('button', { name: 'Save as PDF…', exact: true }).click();
  const outcome = page.getByRole('status').filter({ hasText: /disposition certificate was saved as PDF/ });
  await expect(outcome).toBeVisible({ timeout: 30_000 });
  await expect(outcome).toContainText(pdf);
  await expect(page.getByRole('heading', { name: 'Records', level: 1 })).toBeVisible();

  const info = pdfInfo(pdf);
  expect(info.pages).toBe(1);
  expect(info.width).toBeCloseTo(595.3, 0);
  const [lines = []] = pdfPageLines(pdf);
  const banner = bannerLine(defaultMarkings);
  expect(lines[0]?.trim()).toContain(banner);
  expect(lines.at(-1)).toContain('Page 1 of 1');
  expect(lines.at(-1)).toContain(`Printed by ${USER}`);
  const text = lines.join('\n');
  for (const expected of ['Certificate of disposition', oldNumber, 'GRS 5.6 item 230', 'Approved by', `${USER} (program manager)`, 'Reason given', 'Retention period over; no hold or open matter', '2015-09-14', '2017-04-03', '2024-04-03', 'Verified: every event up to this one is intact.']) {
    expect(text).toContain(expected);
  }
  expect(text).not.toContain('closed long ago');
  renderPages(pdf, join(printDir, 'disposition-certificate'), 80);

  const events = await app.backend.invoke('audit.list', { limit: 3 });
  expect(JSON.stringify(events)).toContain('retention.certificate_pdf');
  expect(await app.backend.invoke('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  expect(app.pageErrors).toEqual([]);
});

test("restore over this workstation's vault asks for confirmation and a reason, kept on the restore's audit event", async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const medium = mkdtempSync(join(tmpdir(), 'offramp-e2e-medium-'));
  try {
    const vault = new VaultPage(page);
    await vault.createVault(USER);
    const kept = await app.backend.invoke('cases.create', gamblingIntake('kept'));
    const backup = await app.backend.invoke('backup.run', { targetDir: medium });
    if (!kept.ok || !backup.ok) throw new Error('setup failed');
    const lost = await app.backend.invoke('cases.create', gamblingIntake('made after the backup'));
    if (!lost.ok) throw new Error(lost.error.message);

    const records = new RecordsPages(page);
    await records.open();
    app.dialogAnswers.push((backup.value as { path: string }).path);
    await records.restoreInto('replace', USER, TEST_PASSPHRASE);
    const dialog = page.getByRole('dialog', { name: 'Replace this workstation’s vault?' });
    const replace = dialog.getByRole('button', { name: 'Replace the vault' });
    await expect(replace).toBeDisabled();
    await dialog.getByLabel('Type REPLACE to confirm').fill('REPLACE');
    await replace.click();
    await expect(dialog.getByText('Reason: write at least 10 characters saying why.')).toBeVisible();
    expect(await app.backend.invoke('cases.get', { id: (lost.value as { id: string }).id })).toMatchObject({ ok: true });
    await dialog.getByLabel('Reason').fill('The workstation disk failed; back to last night');
    await expect(dialog.getByText('Reason: write at least 10 characters saying why.')).toHaveCount(0);
    await checkScreen(page, 'records-restore-replace-dialog');
    await replace.click();

    // The vault locks; signed in again, the case made after the backup is gone and the reason is on record.
    await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible({ timeout: 30_000 });
    await vault.unlock(USER, TEST_PASSPHRASE);
    await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
    expect(await app.backend.invoke('cases.get', { id: (lost.value as { id: string }).id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const log = await app.backend.invoke('audit.list', { limit: 20 });
    if (!log.ok) throw new Error(log.error.message);
    const restore = (log.value as { action: string; actor: string; detail: Record<string, unknown> }[]).find((e) => e.action === 'vault.restore');
    expect(restore).toMatchObject({ actor: USER, detail: { replaced: true, reason: 'The workstation disk failed; back to last night' } });
    expect(app.pageErrors).toEqual([]);
  } finally {
    rmSync(medium, { recursive: true, force: true });
  }
});
