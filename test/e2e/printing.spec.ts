import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pdfInfo, pdfLargeText, pdfLayoutProblems, pdfPageLines, renderPages } from '../helpers/pdf';
import { seedPrintableCase } from '../helpers/printCase';
import { gamblingIntake } from '../helpers/vault';
import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { PrintPages } from './pages/printPages';
import { TEST_PASSPHRASE } from './pages/vaultPage';

// Page images are written here to be looked at: a printout must read as a professional document.
const printDir = resolve(import.meta.dirname, '..', '..', 'test-results', 'print');
mkdirSync(printDir, { recursive: true });

const BANNER = 'CUI//PRVCY//FED ONLY';
const USER = 'Dana Whitfield';

/** Every page: the banner on its first and last line, page x of y and who printed it at the foot. */
// The page margins of print.css: 15 mm left and right.
const SIDE_MARGIN_PT = (15 / 25.4) * 72;

function expectMarkedPages(pages: string[][], withAuditHead = false): void {
  expect(pages.length).toBeGreaterThan(0);
  pages.forEach((lines, index) => {
    const where = `page ${index + 1}`;
    expect(lines[0]?.trim(), where).toContain(BANNER);
    const foot = lines.at(-1) ?? '';
    expect(foot, where).toContain(BANNER);
    expect(foot, where).toContain(`Page ${index + 1} of ${pages.length}`);
    // The left margin box: who printed it and when; for a case summary a second line with the audit
    // head it was made at (event count, first 12 hex digits of the last event's hash).
    const left = withAuditHead ? lines.slice(-3, -1).join('\n') : foot;
    expect(left, where).toMatch(new RegExp(`Printed by ${USER} on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`));
    if (withAuditHead) expect(left, where).toMatch(/^audit \d+:[0-9a-f]{12}$/m);
  });
  const first = pages[0]?.join('\n') ?? '';
  for (const label of ['Controlled by:', 'CUI category:', 'Dissemination / distribution:', 'POC:']) expect(first).toContain(label);
  expect(first).toContain('Hub security office');
  for (const later of pages.slice(1)) expect(later.join('\n')).not.toContain('Controlled by:');
}

test('case summaries print with markings on every page, only the chosen sections, and are audited', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  expect(await app.backend.invoke('vault.create', { userName: USER, role: 'program_manager', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  const rich = await seedPrintableCase(app.backend, USER);
  const bare = await app.backend.invoke('cases.create', { ...gamblingIntake('bare'), indicators: [] });
  if (!bare.ok) throw new Error(bare.error.message);
  const bareNumber = (bare.value as { number: string }).number;
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();

  // The program manager sets the markings once.
  await page.keyboard.press('Alt+5');
  const markings = page.getByRole('form', { name: 'Markings on printouts' });
  await markings.getByLabel('Limited dissemination controls').fill('fed only');
  await markings.getByRole('button', { name: 'Save markings' }).click();
  await expect(markings.getByText(/controls are upper case/)).toBeVisible();
  await markings.getByLabel('Limited dissemination controls').fill('FED ONLY');
  await markings.getByLabel('Point of contact (POC)').fill('Hub security office, ext. 4410');
  await expect(markings.getByText(BANNER, { exact: true })).toBeVisible();
  await markings.getByRole('button', { name: 'Save markings' }).click();
  await expect(markings.getByRole('status')).toContainText('Markings saved');
  await checkScreen(page, 'print-markings-settings');

  // A4, everything but evidence, pseudonymous.
  const print = new PrintPages(page);
  await print.openCase(rich.number);
  await print.choose({ paper: 'A4', without: ['Evidence and chain of custody'] });
  await checkScreen(page, 'print-dialog');
  const a4 = join(printDir, 'summary-a4.pdf');
  app.dialogAnswers.push(a4);
  await print.run('Save as PDF…');
  expect(await print.outcome()).toContain(`saved as PDF to ${a4}`);
  const a4Info = pdfInfo(a4);
  expect(a4Info.width).toBeCloseTo(595.3, 0);
  expect(a4Info.height).toBeCloseTo(841.9, 0);
  expect(a4Info.pages).toBeGreaterThanOrEqual(4);
  const a4Pages = pdfPageLines(a4);
  expectMarkedPages(a4Pages, true);
  const a4Text = a4Pages.flat().join('\n');
  for (const heading of ['(CUI) 1. Case header and person of concern', '(CUI) 3. Indicators by pathway stage', '(CUI) 8. Review history']) expect(a4Text).toContain(heading);
  expect(a4Text).not.toContain('Evidence and chain of custody');
  expect(a4Text).not.toContain('badge-log-october.csv');
  expect(a4Text).toContain(`${rich.subjectId} (pseudonymous; name withheld)`);
  // The hub's separation-of-duties setting is on every case summary.
  expect(a4Text).toContain('Separation of duties: no one signs off an action they proposed');
  expect(a4Text).not.toContain('Ted Marlow');
  expect(a4Text).not.toContain('Supervisor, Logistics');
  expect(a4Text).toContain('Indicator 24:');
  // A real vault's printout carries no training marking.
  expect(a4Text).not.toContain('TRAINING');
  // The watermark with the name of the person printing is on every page.
  expect(pdfLargeText(a4)).toEqual(a4Pages.map(() => 'DanaWhitfield'));
  expect(pdfLayoutProblems(a4, SIDE_MARGIN_PT)).toEqual([]);
  renderPages(a4, join(printDir, 'summary-a4'));

  // A small hub lets one person hold two steps: the next printout says so, who allowed it and why.
  expect(await app.backend.invoke('settings.setDualRoles', { allowed: true, reason: 'Two-person hub until the new legal advisor starts' })).toMatchObject({ ok: true });
  // US Letter with the name revealed for this printout: the reveal is audited with its reason.
  await print.choose({ paper: 'US Letter', only: ['Case header and person of concern', 'Evidence and chain of custody'], revealReason: 'Briefing the security director on this case' });
  const letter = join(printDir, 'summary-letter.pdf');
  app.dialogAnswers.push(letter);
  await print.run('Save as PDF…');
  expect(await print.outcome()).toContain('saved as PDF');
  const letterInfo = pdfInfo(letter);
  expect([letterInfo.width, letterInfo.height]).toEqual([612, 792]);
  const letterPages = pdfPageLines(letter);
  expectMarkedPages(letterPages, true);
  const letterText = letterPages.flat().join('\n');
  expect(letterText).toContain('Ted Marlow');
  expect(letterText).toContain('Separation of duties relaxed:');
  expect(letterText).toContain('Two-person hub until the new legal advisor starts');
  expect(letterText).toContain('(CUI) 2. Evidence and chain of custody');
  expect(letterText).toContain('badge-log-october.csv');
  expect(letterText).not.toContain('Indicators by pathway stage');
  expect(pdfLayoutProblems(letter, SIDE_MARGIN_PT)).toEqual([]);
  renderPages(letter, join(printDir, 'summary-letter'));

  // A case with nothing recorded in the chosen sections says so (and, with the watermark switched off, has none).
  const current = await app.backend.invoke('settings.markings', {});
  if (!current.ok) throw new Error(current.error.message);
  expect(await app.backend.invoke('settings.setMarkings', { ...(current.value as object), watermarkWithUserName: false })).toMatchObject({ ok: true });
  await print.openCase(bareNumber);
  await print.choose({ paper: 'US Letter', only: ['Indicators by pathway stage', 'Mitigation plan', 'Review history', 'Evidence and chain of custody'] });
  const empty = join(printDir, 'summary-empty.pdf');
  app.dialogAnswers.push(empty);
  await print.run('Save as PDF…');
  await print.outcome();
  const emptyPages = pdfPageLines(empty);
  expectMarkedPages(emptyPages, true);
  const emptyText = emptyPages.flat().join('\n');
  expect(emptyText.match(/None recorded\./g)?.length).toBe(5);
  expect(pdfLargeText(empty)).toEqual(emptyPages.map(() => ''));
  renderPages(empty, join(printDir, 'summary-empty'));

  // The system print dialog, and a cancelled save that leaves nothing and records nothing.
  await print.choose({ paper: 'A4', only: ['Overview and reports received'] });
  await print.run('Print…');
  expect(await print.outcome()).toContain('sent to the printer');
  expect(app.printRequests).toBe(1);
  await print.choose({ paper: 'A4', only: ['Overview and reports received'] });
  app.dialogAnswers.push(null);
  await print.run('Save as PDF…');
  expect(await print.outcome()).toContain('Printing cancelled');

  const audit = await app.backend.invoke('audit.list', { limit: 50 });
  if (!audit.ok) throw new Error(audit.error.message);
  const events = audit.value as { action: string; caseId: string | null; detail: Record<string, unknown> }[];
  const printed = events.filter((e) => e.action.startsWith('case.print')).reverse();
  expect(printed.map((e) => [e.action, e.detail['pageSize'], e.detail['sections'], e.detail['revealed']])).toEqual([
    ['case.print_pdf', 'A4', ['header', 'overview', 'indicators', 'analysis', 'assessment', 'mitigation', 'reporting', 'reviews'], false],
    ['case.print_pdf', 'Letter', ['header', 'evidence'], true],
    ['case.print_pdf', 'Letter', ['indicators', 'mitigation', 'reviews', 'evidence'], false],
    ['case.print', 'A4', ['overview'], false],
  ]);
  expect(events.some((e) => e.action === 'case.reveal_subject' && e.caseId === rich.id)).toBe(true);
  expect(app.pageErrors).toEqual([]);
});

test('a referral cover sheet is one marked page with the packet, its hash and custody lines', async ({ app }) => {
  const { page } = app;
  expect(await app.backend.invoke('vault.create', { userName: USER, role: 'program_manager', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  const created = await app.backend.invoke('cases.create', gamblingIntake('cover'));
  if (!created.ok) throw new Error(created.error.message);
  const number = (created.value as { number: string }).number;
  expect(await app.backend.invoke('settings.setMarkings', { banner: 'CUI', categories: ['PRVCY'], disseminationControls: ['FED ONLY'], designation: { controlledBy: 'Insider Threat Program Hub', category: 'Privacy (PRVCY)', dissemination: 'FED ONLY', poc: 'Hub security office, ext. 4410' }, portionMark: 'CUI', watermarkWithUserName: true })).toMatchObject({ ok: true });
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
  await new PrintPages(page).openCase(number);
  await page.getByRole('button', { name: 'Cover sheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Print a referral cover sheet' });
  await dialog.getByLabel('Recipient').fill('DITMAC, Quantico');
  await dialog.getByLabel('Packet id').fill('PKT-7Q2M9');
  await dialog.getByLabel('Manifest SHA-256').fill('zz');
  await dialog.getByRole('button', { name: 'Save as PDF…' }).click();
  await expect(dialog.getByText('The manifest hash is 64 lower-case hexadecimal digits.')).toBeVisible();
  const hash = '3f'.repeat(32);
  await dialog.getByLabel('Manifest SHA-256').fill(hash.toUpperCase());
  await dialog.getByRole('radio', { name: 'A4' }).check();
  await checkScreen(page, 'print-cover-dialog');
  const path = join(printDir, 'cover-sheet.pdf');
  app.dialogAnswers.push(path);
  await dialog.getByRole('button', { name: 'Save as PDF…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'referral cover sheet was saved as PDF' })).toBeVisible({ timeout: 30_000 });
  const pages = pdfPageLines(path);
  expect(pages).toHaveLength(1);
  expectMarkedPages(pages);
  const text = pages.flat().join('\n');
  for (const expected of ['DITMAC, Quantico', 'PKT-7Q2M9', hash.slice(0, 16), number, 'Released by', 'Received by']) expect(text).toContain(expected);
  expect(pdfLargeText(path)).toEqual(['DanaWhitfield']);
  expect(pdfLayoutProblems(path, SIDE_MARGIN_PT)).toEqual([]);
  renderPages(path, join(printDir, 'cover-sheet'));
  const audit = await app.backend.invoke('audit.list', { limit: 10 });
  if (!audit.ok) throw new Error(audit.error.message);
  const events = (audit.value as { action: string; detail: Record<string, unknown> }[]).filter((e) => e.action.startsWith('packet.'));
  expect(events).toMatchObject([{ action: 'packet.cover_sheet_pdf', detail: { packetId: 'PKT-7Q2M9', manifestSha256: hash, pageSize: 'A4' } }]);
});
