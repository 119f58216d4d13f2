import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SNAKE_CODE_PATTERN, UUID_PATTERN } from '../../shared/labels';
import { pdfPageLines } from '../helpers/pdf';
import { seedPrintableCase } from '../helpers/printCase';
import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { PrintPages } from './pages/printPages';
import { TEST_PASSPHRASE } from './pages/vaultPage';

// Words, not codes: every case tab, Home, the case list and the printed summary read without snake_case
// codes or UUIDs (codes stay only in a collapsed "Details for support" line).
const USER = 'Dana Whitfield';
const caseTabs = ['Overview', 'Reports & indicators', 'Analysis', 'Assessment', 'Mitigation plan', 'Reporting', 'Evidence', 'Monitoring', 'Timeline', 'History', 'Closure', 'Team', 'Audit log'];

/** Codes and UUIDs in what the screen shows (innerText: collapsed details are not shown). */
function codesIn(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const code = new RegExp(SNAKE_CODE_PATTERN.source, 'g');
    for (const m of line.matchAll(code)) found.push(`${m[0]}  ← ${line.trim().slice(0, 120)}`);
    const uuid = new RegExp(UUID_PATTERN.source, 'gi');
    for (const m of line.matchAll(uuid)) found.push(`${m[0]}  ← ${line.trim().slice(0, 120)}`);
  }
  return found;
}

async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText);
}

test('no internal codes or UUIDs on any case tab, on Home, in the case list or in the printed summary', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  expect(await app.backend.invoke('vault.create', { userName: USER, role: 'program_manager', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  const rich = await seedPrintableCase(app.backend, USER);
  // A review recorded through the app: effectiveness is keyed by action id, rated with codes.
  const got = await app.backend.invoke('cases.get', { id: rich.id });
  if (!got.ok) throw new Error(got.error.message);
  const actions = (got.value as { actions: { id: string }[] }).actions;
  const reviewed = await app.backend.invoke('monitoring.recordReview', {
    caseId: rich.id,
    heldOn: '2026-11-25',
    whatChanged: 'Attending counseling; borrowing stopped.',
    effectiveness: [
      { actionId: actions[0]?.id ?? '', rating: 'partly_effective', note: 'fewer requests for loans' },
      { actionId: actions[1]?.id ?? '', rating: 'too_early', note: '' },
    ],
  });
  expect(reviewed).toMatchObject({ ok: true });
  // Edits with reasons: the History tab names fields and values in words (program, how received, flags, an indicator's category).
  const opened = got.value as { reports: { id: string }[]; indicators: { id: string; category: string; stage: string; observedOn: string; summary: string; detail: string; source: string; corroboration: string; basis: string }[] };
  const edits = [
    await app.backend.invoke('cases.edit', { caseId: rich.id, changes: { program: 'federal' }, reason: 'Transferred to the agency program' }),
    await app.backend.invoke('subjects.edit', { caseId: rich.id, changes: { realName: 'Corrected Name', facilityAccess: 'Building 4, annex' }, reason: 'HR record' }),
    await app.backend.invoke('reports.edit', { caseId: rich.id, id: opened.reports[0]?.id ?? '', changes: { howReceived: 'in_person', reporterConfidential: false }, reason: 'Intake form misread' }),
  ];
  for (const edited of edits) expect(edited).toMatchObject({ ok: true });
  const first = opened.indicators[0];
  if (first === undefined) throw new Error('the printable case has no indicator');
  const { id: indicatorId, ...indicator } = first;
  expect(
    await app.backend.invoke('indicators.update', {
      caseId: rich.id,
      id: indicatorId,
      indicator: { category: 'foreign', stage: 'concerning_behavior', observedOn: indicator.observedOn, summary: indicator.summary, detail: indicator.detail, source: indicator.source, corroboration: 'partially_corroborated', basis: indicator.basis === 'fact' ? 'opinion' : 'fact' },
    }),
  ).toMatchObject({ ok: true });
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
  const print = new PrintPages(page);
  await print.openCase(rich.number);

  const problems: string[] = [];
  for (const tab of caseTabs) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
    await page.waitForLoadState('networkidle');
    if (tab === 'Audit log') await expect(page.getByRole('heading', { name: `Audit log of case ${rich.number}` })).toBeVisible();
    if (tab === 'History') {
      await expect(page.getByRole('row', { name: /Program/ })).toContainText('Federal');
      await expect(page.getByRole('row', { name: /How received/ })).toContainText('In person');
      await expect(page.getByRole('row', { name: /Corroboration/ })).toContainText('Partially corroborated');
    }
    for (const found of codesIn(await shownText(page))) problems.push(`${tab}: ${found}`);
  }
  await page.getByRole('tab', { name: 'Audit log', exact: true }).click();
  await checkScreen(page, 'audit-words');
  // Home and the case list read in words too.
  for (const [key, heading] of [['Alt+1', 'Home'], ['Alt+2', 'Cases']] as const) {
    await page.keyboard.press(key);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await page.waitForLoadState('networkidle');
    for (const found of codesIn(await shownText(page))) problems.push(`${heading}: ${found}`);
  }
  await print.openCase(rich.number);
  expect(problems).toEqual([]);

  // The printed summary, all sections: the review history names each action and its effectiveness in words.
  await print.choose({ paper: 'A4' });
  const pdf = join(mkdtempSync(join(tmpdir(), 'offramp-words-')), 'summary.pdf');
  app.dialogAnswers.push(pdf);
  await print.run('Save as PDF…');
  expect(await print.outcome()).toContain('saved as PDF');
  // pdftotext in reading order, table cells' wrapped lines joined.
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  const flowing = text.replace(/\s+/g, ' ');
  expect(flowing).toContain('Employee Assistance Program (EAP): Partly effective — fewer requests for loans');
  expect(flowing).toMatch(/: Too early to tell/);
  expect(codesIn(text)).toEqual([]);
  expect(pdfPageLines(pdf).length).toBeGreaterThan(1);
});
