import type { Page } from '@playwright/test';
import type { Intake } from '../../shared/contract/cases';
import type { LaunchedApp } from '../harness/launchApp';
import { gamblingIntake } from '../helpers/vault';
import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { VaultPage } from './pages/vaultPage';

const SEEDED = 230;

async function create(app: LaunchedApp, intake: Intake): Promise<{ id: string; number: string }> {
  const result = await app.backend.invoke('cases.create', intake);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { id: string; number: string };
}

/** The cases of a busy hub, and one a search, a tag, a stage and a date will single out. */
async function seedHub(app: LaunchedApp): Promise<{ id: string; number: string }> {
  const subjects = ['Parking dispute escalated', 'Unreported foreign travel', 'Badge tailgating pattern', 'Late-night printing of project plans', 'Gambling debt and borrowing'];
  for (let i = 0; i < SEEDED; i += 1) await create(app, { ...gamblingIntake(), title: `${subjects[i % subjects.length] ?? ''} (${i + 1})` });
  const base = gamblingIntake();
  return create(app, {
    ...base,
    title: 'Contractor engineer resigning with company files',
    report: { ...base.report, narrative: 'Before resigning he copied 1,214 export-controlled files to a personal USB drive, the security office says.' },
    indicators: [...base.indicators, { category: 'technical', stage: 'concerning_behavior', observedOn: '2026-11-10', summary: 'Bulk copy to removable media', source: 'DLP alert', corroboration: 'corroborated', basis: 'fact' }],
  });
}

const grid = (page: Page) => page.getByRole('grid', { name: /Cases/ });
const total = (page: Page) => page.getByTestId('case-total');

test('the case list: title column, keyset scrolling to the last row, snippets, filters, tags, overdue marker and saved views', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  const special = await seedHub(app);
  // An assessment starts the review schedule; a review date long past: the list marks the case overdue.
  const assessed = await app.backend.invoke('assessment.record', { caseId: special.id, interest: '', motive: 'Leaving the company', ability: 'Access to export-controlled files', imminence: 'high', risk: 'high', rationale: 'Bulk copy to removable media before resigning.', leCriteria: [] });
  if (!assessed.ok) throw new Error(assessed.error.message);
  app.backend.context.session?.db.prepare("UPDATE cases SET next_review = '2026-01-15' WHERE id = ?").run(special.id);
  // A second analyst on the special case's team (not its lead).
  for (const [method, input] of [
    ['users.add', { name: 'Lee Okafor', role: 'analyst', passphrase: 'correct horse battery staple orbit' }],
    ['team.add', { caseId: special.id, user: 'Lee Okafor', caseRole: 'member', reason: 'Second reader on the file copy' }],
  ] as const) {
    const done = await app.backend.invoke(method, input);
    if (!done.ok) throw new Error(done.error.message);
  }

  await page.keyboard.press('Alt+2');
  await expect(total(page)).toHaveText(`${SEEDED + 1} cases`);
  await expect(page.getByRole('columnheader', { name: 'Title' })).toBeVisible();
  const first = grid(page).getByRole('row').nth(1);
  await expect(first).toContainText('Contractor engineer resigning with company files');
  await expect(first.getByText('Overdue')).toBeVisible();
  await checkScreen(page, 'case-list');

  // To the last row by keyboard: every page on the way is read by keyset, none repeats.
  await grid(page).focus();
  await page.keyboard.press('End');
  const last = grid(page).locator(`[aria-rowindex="${SEEDED + 2}"]`);
  await expect(last).toBeVisible();
  await expect(last).not.toContainText('Loading');
  await expect(last).toContainText('Parking dispute escalated (1)');
  const shown = await grid(page).locator('.vtable-rows [role="row"] .mono:first-child').allTextContents();
  expect(new Set(shown).size).toBe(shown.length);

  // A search says why each case matched, the words marked.
  await page.getByLabel('Search all case text').fill('usb export');
  await expect(total(page)).toHaveText('1 case matching “usb export”');
  const snippet = page.getByTestId('match-snippet');
  await expect(snippet).toContainText('Report:');
  await expect(snippet.locator('mark')).toHaveText(['export', 'USB']);
  await checkScreen(page, 'case-list-search');
  await page.getByLabel('Search all case text').fill('');
  await expect(total(page)).toHaveText(`${SEEDED + 1} cases`);

  // A tag, added on the case (audited), then used as a filter.
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(special.number);
  await page.getByRole('button', { name: 'Add a tag' }).click();
  await page.getByLabel('New tag').fill('#!');
  await page.getByLabel('New tag').press('Enter');
  await expect(page.getByRole('alert')).toContainText('a tag is letters, digits');
  await page.getByLabel('New tag').fill('Exfiltration');
  await page.getByLabel('New tag').press('Enter');
  await expect(page.locator('.case-tags .tag-chip')).toHaveText(['exfiltration×']);
  await expect(page.getByRole('button', { name: 'Add a tag' })).toBeFocused();

  await page.keyboard.press('Alt+2');
  await expect(total(page)).toHaveText(`${SEEDED + 1} cases`);
  await page.getByLabel('Tag', { exact: true }).selectOption('exfiltration');
  await expect(total(page)).toHaveText('1 case');
  await expect(grid(page).getByRole('row').nth(1).locator('.tag-chip')).toHaveText('exfiltration');
  await page.getByLabel('Tag', { exact: true }).selectOption('');
  await page.getByLabel('Furthest stage').selectOption('concerning_behavior');
  await expect(total(page)).toHaveText('1 case');
  await page.getByLabel('Assigned to').selectOption('Dana Whitfield');
  await expect(total(page)).toHaveText('1 case');
  await page.getByLabel('Furthest stage').selectOption('stressor');
  await expect(total(page)).toHaveText(`${SEEDED} cases`);
  await page.getByLabel('Furthest stage').selectOption('');
  await page.getByLabel('Assigned to').selectOption('');

  // By team: the cases a person is on, as member as well as lead.
  await page.getByLabel('On the team of').selectOption('Lee Okafor');
  await expect(total(page)).toHaveText('1 case');
  await expect(grid(page).getByRole('row').nth(1)).toContainText(special.number);
  await page.getByLabel('On the team of').selectOption('Dana Whitfield');
  await expect(total(page)).toHaveText(`${SEEDED + 1} cases`);
  await page.getByLabel('On the team of').selectOption('');

  // A saved view keeps the filters and sort under a name.
  await page.getByLabel('Furthest stage').selectOption('concerning_behavior');
  await page.getByRole('button', { name: 'Save view…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this view' });
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog.getByRole('alert')).toContainText('give the view a name');
  await dialog.getByLabel('View name').fill('Concerning behaviors, mine');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Saved view')).toBeFocused();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(total(page)).toHaveText(`${SEEDED + 1} cases`);
  await page.getByLabel('Saved view').selectOption({ label: 'Concerning behaviors, mine' });
  await expect(total(page)).toHaveText('1 case');
  await expect(page.getByLabel('Furthest stage')).toHaveValue('concerning_behavior');
  await checkScreen(page, 'case-list-saved-view');

  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.getByLabel('Search all case text').fill('usb');
    await expect(page.getByTestId('match-snippet')).toBeVisible();
    await checkScreen(page, `case-list-${width}x${height}`);
  }
});
