import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';
import { gamblingIntake } from '../helpers/vault';

const MANAGER = 'Dana Whitfield';
const ANA = 'Ana Ruiz';
const BEN = 'Ben Cho';

test('need-to-know: a member sees only their team’s case; subject lookup finds it and is audited without what was typed', async ({ app }) => {
  const { page } = app;
  const vault = new VaultPage(page);
  await vault.createVault(MANAGER);
  for (const name of [ANA, BEN]) expect(await app.backend.invoke('users.add', { name, role: 'analyst', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  const anaCase = await app.backend.invoke('cases.create', { ...gamblingIntake('ledger'), title: 'Casino debt (Ana)', assignedTo: ANA });
  const benCase = await app.backend.invoke('cases.create', { ...gamblingIntake('payroll'), title: 'Payroll access (Ben)', assignedTo: BEN, subject: { ...gamblingIntake().subject, realName: 'Mona Patel', employeeId: 'E-20001' } });
  if (!anaCase.ok || !benCase.ok) throw new Error('cases not created');
  const anaNumber = (anaCase.value as { number: string }).number;
  const benNumber = (benCase.value as { number: string }).number;

  await vault.lock();
  await vault.unlock(ANA, TEST_PASSPHRASE);
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('row').filter({ hasText: anaNumber })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: benNumber })).toHaveCount(0);
  await expect(page.getByText('1 case', { exact: true })).toBeVisible();
  // The audit log is the program manager's: an analyst has no way to it in the navigation, nor by its shortcut.
  await expect(page.getByRole('navigation').getByText('Audit log')).toHaveCount(0);
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toHaveCount(0);
  // Another team's case is refused even when asked for directly.
  expect(await app.backend.invoke('cases.get', { id: (benCase.value as { id: string }).id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

  await page.getByRole('button', { name: 'Find subject…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Find subject' });
  await dialog.getByLabel('Real name or employee id').fill('Mona Patel');
  await dialog.getByRole('button', { name: 'Find' }).click();
  await expect(dialog.getByRole('status')).toHaveText('No case you may see concerns that person.');
  await dialog.getByLabel('Real name or employee id').fill('marlow ted');
  await dialog.getByRole('button', { name: 'Find' }).click();
  await expect(dialog.getByRole('list', { name: 'Cases found' })).toContainText(anaNumber);
  await checkScreen(page, 'team-find-subject');
  await dialog.getByRole('button', { name: new RegExp(anaNumber) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(anaNumber);
  await page.getByRole('tab', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { name: 'Case team' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: ANA })).toContainText('Lead');
  await checkScreen(page, 'team-tab-lead');

  await vault.lock();
  await vault.unlock(MANAGER, TEST_PASSPHRASE);
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
  const log = await app.backend.invoke('audit.list', { limit: 200 });
  if (!log.ok) throw new Error(log.error.message);
  const events = log.value as { actor: string; action: string; caseId: string | null; detail: Record<string, unknown> }[];
  expect(events.filter((e) => e.action === 'subject.find').map((e) => [e.actor, e.detail['found']])).toEqual([
    [ANA, 1],
    [ANA, 0],
  ]);
  expect(events.some((e) => e.action === 'access.denied' && e.actor === ANA && e.detail['operation'] === 'case.view')).toBe(true);
  expect(JSON.stringify(events)).not.toMatch(/Mona|Patel|Marlow/);

  // The program manager reads the lookups in words on the Audit log screen: who looked up, never what they typed.
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByLabel('User').selectOption(ANA);
  await page.getByLabel('Kind of event').selectOption({ label: 'Subject look-ups and reveals' });
  const rows = page.getByRole('row').filter({ hasText: 'looked a subject up' });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`${ANA}looked a subject up by name or employee id (1 found)`);
  await expect(page.getByRole('main')).not.toContainText(/Mona|Patel|Marlow/);
  await checkScreen(page, 'team-audit-log');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await checkScreen(page, 'team-audit-log-1920');
});

test("a legal user's queue on Home: only actions on their teams' cases, signed off together, each recorded on its own", async ({ app }) => {
  const { page } = app;
  const vault = new VaultPage(page);
  await vault.createVault(MANAGER);
  const LEGAL = 'Lee Okafor';
  for (const [name, role] of [[ANA, 'analyst'], [BEN, 'analyst'], [LEGAL, 'legal']] as const) {
    expect(await app.backend.invoke('users.add', { name, role, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  }
  const created = [];
  for (const [marker, lead] of [['ledger', ANA], ['payroll', BEN]] as const) {
    const c = await app.backend.invoke('cases.create', { ...gamblingIntake(marker), title: `Case led by ${lead}`, assignedTo: lead });
    if (!c.ok) throw new Error(c.error.message);
    created.push(c.value);
  }
  const [ours, theirs] = created as [{ id: string; number: string }, { id: string; number: string }];
  expect(await app.backend.invoke('team.add', { caseId: ours.id, user: LEGAL, caseRole: 'legal', reason: 'Legal reviews this case' })).toMatchObject({ ok: true });
  // Two actions on Lee's team's case and one on a case Lee is not on, all sent to legal review.
  const items = [];
  for (const [caseId, optionId] of [[ours.id, 'employee_assistance_program'], [ours.id, 'financial_counseling_referral'], [theirs.id, 'employee_assistance_program']] as const) {
    const action = await app.backend.invoke('mitigation.addAction', { caseId, optionId, ownerDiscipline: 'hr', dueOn: null });
    if (!action.ok) throw new Error(action.error.message);
    items.push({ caseId, actionId: (action.value as { id: string }).id });
  }
  expect(await app.backend.invoke('mitigation.bulkSendToLegal', { items })).toMatchObject({ ok: true, value: { sent: 3 } });

  await vault.lock();
  await vault.unlock(LEGAL, TEST_PASSPHRASE);
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await expect(page.getByText('1 open case on your case teams.')).toBeVisible();
  // Backups are the program manager's: legal is not reminded.
  await expect(page.getByRole('region', { name: 'Backup due' })).toHaveCount(0);
  const card = page.getByRole('region', { name: /Actions awaiting your legal sign-off/ });
  await expect(card.getByRole('heading')).toContainText('2');
  await expect(card.getByRole('checkbox')).toHaveCount(3); // select all + the two actions on Lee's case
  await expect(card).toContainText(ours.number);
  await expect(card).not.toContainText(theirs.number);
  await expect(page.getByRole('main')).not.toContainText(theirs.number);
  await checkScreen(page, 'team-legal-queue');
  await card.getByRole('checkbox', { name: /Select all/ }).check();
  await card.getByRole('button', { name: 'Sign off selected' }).click();
  await expect(card.getByText('No action is waiting for legal sign-off.')).toBeVisible();

  await vault.lock();
  await vault.unlock(MANAGER, TEST_PASSPHRASE);
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
  await expect(page.getByText('2 open cases in the hub.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Backup due' })).toBeVisible();
  const log = await app.backend.invoke('audit.list', { limit: 200 });
  if (!log.ok) throw new Error(log.error.message);
  const signoffs = (log.value as { actor: string; action: string; caseId: string | null }[]).filter((e) => e.action === 'action.signoff');
  expect(signoffs.map((e) => [e.actor, e.caseId])).toEqual([
    [LEGAL, ours.id],
    [LEGAL, ours.id],
  ]);
  expect(app.pageErrors).toEqual([]);
});
