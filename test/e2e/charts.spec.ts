import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { Backend } from '../../electron/backend/backend';
import { pdfPageLines, renderPages } from '../helpers/pdf';
import { gamblingIntake } from '../helpers/vault';
import { expect, screenshotPath, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { PrintPages } from './pages/printPages';
import { TEST_PASSPHRASE } from './pages/vaultPage';

const printDir = resolve(import.meta.dirname, '..', '..', 'test-results', 'print');
mkdirSync(printDir, { recursive: true });

const USER = 'Dana Whitfield';

async function ok<T>(backend: Backend, method: string, input: unknown): Promise<T> {
  const envelope = (await backend.invoke(method, input)) as { ok: true; value: unknown } | { ok: false; error: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value as T;
}

/**
 * Records every Content-Security-Policy violation the page reports, from the first
 * script on: the `securitypolicyviolation` event fires for blocked <style> elements
 * and style attributes as well as scripts.
 */
async function watchCsp(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
}
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

/** A case with one indicator on each pathway stage, an assessment, an action due and a review. */
async function seedPathwayCase(backend: Backend): Promise<{ id: string; number: string }> {
  const created = await ok<{ id: string; number: string }>(backend, 'cases.create', gamblingIntake('pathway'));
  await ok(backend, 'indicators.add', {
    caseId: created.id,
    indicator: { category: 'professional', stage: 'concerning_behavior', observedOn: '2026-11-10', summary: 'Asked about access to the petty-cash safe', source: 'Co-workers', corroboration: 'corroborated', basis: 'fact' },
  });
  await ok(backend, 'assessment.record', { caseId: created.id, interest: '', motive: 'Debt', ability: 'Access to petty cash', imminence: 'low', risk: 'moderate', rationale: 'A stressor with a concerning behavior; no criminal nexus.', leCriteria: [] });
  await ok(backend, 'mitigation.addAction', { caseId: created.id, optionId: 'refer_professional_evaluation', ownerDiscipline: 'hr', dueOn: '2026-12-20' });
  await ok(backend, 'monitoring.recordReview', { caseId: created.id, heldOn: '2026-11-25', whatChanged: 'Repayment plan agreed with the colleagues' });
  return created;
}

test('the case shows a critical-pathway timeline with a table alternative, under the strict CSP, and prints it', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await watchCsp(page);
  expect(await app.backend.invoke('vault.create', { userName: USER, role: 'program_manager', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  const seeded = await seedPathwayCase(app.backend);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();

  const print = new PrintPages(page);
  await print.openCase(seeded.number);
  const pathway = page.getByRole('region', { name: 'Critical pathway' });
  const caption = 'Critical-pathway timeline: 3 indicators by date and pathway stage, with 1 assessment, 1 action due and 1 review.';
  await expect(pathway.getByText(caption)).toBeVisible();
  // The picture is an SVG drawn by recharts: one mark per indicator, one each for the assessment, the action and the review.
  const chart = pathway.getByRole('img', { name: caption });
  await expect(chart).toBeVisible();
  await expect(chart.locator('.recharts-scatter-symbol')).toHaveCount(6);
  for (const lane of ['Personal predispositions', 'Stressors', 'Concerning behaviors', 'Casework']) await expect(chart.locator('.recharts-cartesian-axis-tick-value', { hasText: lane })).toHaveCount(1);
  for (const kind of ['Indicator', 'Assessment', 'Action due', 'Review']) await expect(chart.locator('.recharts-legend-item-text', { hasText: kind })).toBeVisible();

  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await page.getByRole('heading', { name: 'Critical pathway' }).scrollIntoViewIfNeeded();
    await expect(chart.locator('.recharts-scatter-symbol')).toHaveCount(6);
    await checkScreen(page, `charts-pathway-${size.width}x${size.height}`);
  }

  // The table alternative lists every mark in words, oldest first.
  await pathway.getByRole('button', { name: 'Show as table' }).click();
  await expect(pathway.getByRole('button', { name: 'Show as chart' })).toHaveAttribute('aria-pressed', 'true');
  const table = pathway.getByRole('table', { name: caption });
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(7);
  await expect(rows.nth(1)).toContainText('Personal predispositions');
  await expect(rows.nth(1)).toContainText('Substance abuse and addictive behaviors: Long-standing gambling habit');
  await expect(rows.nth(2)).toContainText('Stressors');
  await expect(rows.nth(2)).toContainText('Financial considerations: Large gambling debt');
  await expect(rows.nth(3)).toContainText('Concerning behaviors');
  await expect(rows.nth(3)).toContainText('Professional lifecycle and performance: Asked about access to the petty-cash safe');
  await expect(rows.nth(4)).toContainText('Case review: Repayment plan agreed with the colleagues');
  await expect(rows.nth(5)).toContainText('Assessment: Moderate risk');
  await expect(rows.nth(6)).toContainText('Action due');
  await checkScreen(page, 'charts-pathway-table');
  await pathway.getByRole('button', { name: 'Show as chart' }).click();
  await expect(chart).toBeVisible();

  // The printed summary carries the chart and its caption.
  await print.choose({ paper: 'A4', only: ['Indicators by pathway stage'] });
  const pdf = join(printDir, 'charts-pathway.pdf');
  app.dialogAnswers.push(pdf);
  await print.run('Save as PDF…');
  expect(await print.outcome()).toContain('saved as PDF');
  const text = pdfPageLines(pdf).flat().join(' ').replace(/\s+/g, ' ');
  expect(text).toContain(caption);
  for (const lane of ['Personal predispositions', 'Casework']) expect(text).toContain(lane);
  renderPages(pdf, join(printDir, 'charts-pathway'), 100);

  expect(await cspViolations(page)).toEqual([]);
  expect(app.pageErrors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
  // The listener is live: markup with a style attribute, as a chart library that wrote
  // styles into its HTML would produce, is refused and reported.
  await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.innerHTML = '<span style="color: red">probe</span>';
    document.body.append(probe);
  });
  await expect.poll(async () => (await cspViolations(page)).length).toBeGreaterThan(0);
  for (const violation of await cspViolations(page)) expect(violation).toMatch(/^style-src/);
  await page.screenshot({ path: screenshotPath('charts-after-print') });
});

test('Home shows the program dashboard with known counts, each chart with a table alternative, under the strict CSP', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await watchCsp(page);
  expect(await app.backend.invoke('vault.create', { userName: USER, role: 'program_manager', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  // Three cases opened today: one up to a concerning behavior and assessed moderate, one on the stressor stage, one with no indicators.
  await seedPathwayCase(app.backend);
  await ok(app.backend, 'cases.create', gamblingIntake('second'));
  await ok(app.backend, 'cases.create', { ...gamblingIntake('bare'), indicators: [] });
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();

  const dashboard = page.getByRole('region', { name: 'Program dashboard' });
  const stage = dashboard.getByRole('region', { name: 'Caseload by furthest pathway stage' });
  await expect(stage.getByRole('img', { name: /3 cases being worked, by the furthest pathway stage of their indicators: Personal predispositions 0, Stressors 1, Concerning behaviors 1, No indicators yet 1\./ })).toBeVisible();
  await expect(stage.locator('.recharts-bar-rectangle')).toHaveCount(3); // one bar per stage with cases; a zero draws none
  const risk = dashboard.getByRole('region', { name: 'Caseload by risk' });
  await expect(risk.getByText('3 cases being worked, by assessed risk: Not assessed 2, Low 0, Moderate 1, High 0, Critical 0.')).toBeVisible();
  await expect(dashboard.getByRole('region', { name: 'Case age' }).getByText(/Under 30 days 3, 30–89 days 0, 90–179 days 0, 180 days or more 0\./)).toBeVisible();
  await expect(dashboard.getByRole('region', { name: 'Overdue reviews and actions' }).getByText(/Reviews overdue 0, Actions overdue 0\./)).toBeVisible();
  await expect(dashboard.getByRole('region', { name: 'Reporting obligations' }).getByText(/Reported on time 0, Reported late 0, Not yet due 0, Overdue, not reported 0\./)).toBeVisible();

  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await dashboard.scrollIntoViewIfNeeded();
    await expect(stage.locator('.recharts-bar-rectangle')).toHaveCount(3); // one bar per stage with cases; a zero draws none
    await checkScreen(page, `charts-dashboard-${size.width}x${size.height}`);
  }

  // The table alternative holds the same figures as the bars.
  await risk.getByRole('button', { name: 'Show as table' }).click();
  const table = risk.getByRole('table');
  await expect(table.getByRole('row', { name: 'Not assessed 2' })).toBeVisible();
  await expect(table.getByRole('row', { name: 'Moderate 1' })).toBeVisible();
  await expect(table.getByRole('row', { name: 'High 0' })).toBeVisible();
  await checkScreen(page, 'charts-dashboard-table');

  expect(await cspViolations(page)).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});
