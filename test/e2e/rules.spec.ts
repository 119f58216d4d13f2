import type { Page } from '@playwright/test';
import { warningLabel } from '../../shared/labels';
import type { LaunchedApp } from '../harness/launchApp';
import { expect, test } from './fixtures';
import { CasePages, checkScreen } from './pages/casePages';
import { LEGAL_USER, PlanPages } from './pages/planPages';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

const MANAGER = 'Dana Whitfield';
/** A second program manager: the case's lead (its creator) cannot approve closing it alone. */
const CLOSER = 'Ray Castillo';

/** A fresh vault with its program manager signed in, a legal user added, and one DOD case opened through intake. */
async function openCase(app: LaunchedApp, intake: { title: string; name: string; narrative: string }): Promise<string> {
  const { page } = app;
  await new VaultPage(page).createVault(MANAGER);
  expect(await app.backend.invoke('users.add', { name: LEGAL_USER, role: 'legal', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  const cases = new CasePages(page);
  await cases.openIntake();
  await cases.fillIntake({ ...intake, program: 'DOD', orgUnit: 'Engineering', receivedOn: '2026-11-02', reporter: 'Supervisor', confidential: false });
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(intake.title);
  const number = ((await page.locator('h1 .mono').textContent()) ?? '').trim();
  // Need-to-know: legal sees and signs off only on cases whose team they are on.
  const listed = await app.backend.invoke('cases.list', {});
  const row = listed.ok ? (listed.value as { rows: { id: string; number: string }[] }).rows.find((r) => r.number === number) : undefined;
  expect(await app.backend.invoke('team.add', { caseId: row?.id ?? '', user: LEGAL_USER, caseRole: 'legal', reason: 'Legal review of the plan' })).toMatchObject({ ok: true });
  return number;
}

const obligation = (page: Page, recipient: string) => page.getByRole('article', { name: `Obligation: ${recipient}` });

test('domestic terrorism goes to law enforcement, not a MILDEP CI office; an investigation under way asks the program to deconflict', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const cases = new CasePages(page);
  const plan = new PlanPages(page);
  await openCase(app, { title: 'Forum posts urging attacks on a local church', name: 'Roy Keller', narrative: 'Posts on a domestic extremist forum urging attacks on a local church.' });
  await cases.tab('Assessment');
  // The new questions are in the determinations form, in words.
  for (const question of ['Risk of self-harm', 'Suspicious contact', 'Referral agency investigating', 'Protected disclosure (whistleblower)']) {
    await expect(page.getByRole('radiogroup', { name: question, exact: true })).toBeVisible();
  }
  await plan.determine({ Terrorism: 'Yes', 'Foreign intelligence entity contact': 'No', 'Criminal conduct': 'No' });

  // Point 4: law enforcement, with its basis; no MILDEP CI obligation.
  await cases.tab('Reporting');
  await expect(obligation(page, 'Law enforcement')).toContainText('possible terrorism is criminal activity');
  await expect(obligation(page, 'DITMAC')).toBeVisible();
  await expect(obligation(page, 'MILDEP counterintelligence')).toHaveCount(0);
  await checkScreen(page, 'rules-reporting-domestic-terrorism');

  // Point 5: the FBI has opened its own case; counseling the person now draws investigation_deconfliction.
  await cases.tab('Assessment');
  await plan.determine({ 'Referral agency investigating': 'Yes' });
  await cases.tab('Mitigation plan');
  await plan.propose('Preserve evidence and chain of custody', { discipline: 'Legal' });
  await plan.propose('Legal review of the response', { discipline: 'Legal' });
  await expect(plan.guardrail('investigation_deconfliction')).toHaveCount(0);
  await plan.propose('Security counseling', { discipline: 'Security' });
  const deconflict = plan.guardrail('investigation_deconfliction');
  await expect(deconflict).toContainText('Investigation under way: deconflict first');
  await expect(deconflict).toContainText('the program may need to cease its own activities');
  await expect(deconflict).toContainText('Source: CDSE, Insider Threat Mitigation Responses (April 2024), Lesson 5: Reporting Requirements > Reporting > Overview');
  await expect(plan.row('Security counseling').getByText(warningLabel('investigation_deconfliction'))).toBeVisible();
  await checkScreen(page, 'rules-plan-deconfliction');
  // Discontinuing the counseling answers the warning.
  await plan.step('Discontinue', 'Security counseling');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('The FBI has its own case open; we deconflict before counseling.');
  await dialog.getByRole('button', { name: 'Discontinue action' }).click();
  await plan.expectStatus('Security counseling', 'Discontinued');
  await expect(plan.guardrail('investigation_deconfliction')).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('a termination that is done keeps the case open until a post-separation safety plan is in force', async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  const cases = new CasePages(page);
  const plan = new PlanPages(page);
  const number = await openCase(app, { title: 'Repeated policy violations; employment terminated', name: 'Lena Ortiz', narrative: 'Repeated badge-sharing and policy violations; HR terminated employment.' });
  await cases.tab('Reports & indicators');
  await cases.addIndicator({ summary: 'Shared her badge with a visitor', category: 'Security compliance and incidents', stage: 'Concerning behaviors', observedOn: '2026-10-20', source: 'Guard force' });
  await cases.tab('Assessment');
  await plan.recordAssessment('Moderate', 'Repeated violations; employment terminated; nobody has marked the separation yet.');
  await plan.determine({ 'Person of concern separated': 'No', 'Threat of violence': 'No', 'Criminal conduct': 'No' });

  // The termination goes through legal and is carried out.
  await cases.tab('Mitigation plan');
  await plan.propose('Terminate employment', { discipline: 'Human resources' });
  await plan.propose('Legal review of the response', { discipline: 'Legal' });
  await expect(plan.guardrail('dismissal_not_a_strategy')).toContainText('Dismissal is not a strategy');
  await plan.step('Send to legal review', 'Terminate employment');
  await plan.switchUser(LEGAL_USER, number, 'Mitigation plan');
  await page.getByRole('button', { name: 'Sign off: Terminate employment' }).click();
  await expect(plan.row('Terminate employment')).toContainText(LEGAL_USER);
  await plan.switchUser(MANAGER, number, 'Mitigation plan');
  await plan.step('Approve', 'Terminate employment');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Dismissal is not a strategy');
  await dialog.getByLabel('Justification').fill('HR terminated her for repeated violations under the union agreement.');
  await dialog.getByRole('button', { name: 'Approve with justification' }).click();
  await plan.expectStatus('Terminate employment', 'Approved');
  await plan.step('Start', 'Terminate employment');
  await plan.step('Mark done', 'Terminate employment');
  await plan.expectStatus('Terminate employment', 'Done');

  // Every other closure rule met: still refused, naming the termination.
  await cases.tab('Reporting');
  await plan.recordNotRequired('Internal procedures', 'Handled by HR under the program plan; nothing to report outside.');
  await cases.tab('Closure');
  await page.getByRole('button', { name: 'Mark as final assessment' }).click();
  await expect(page.getByText(/^Final:/)).toBeVisible();
  const notMet = page.getByRole('listitem').filter({ hasText: 'Not met:' });
  await expect(notMet).toHaveCount(1);
  await expect(notMet).toHaveText(/termination action is done.*post-separation safety plan must be approved/);
  // Separation of duties: another program manager than the case's lead approves closing it.
  expect(await app.backend.invoke('users.add', { name: CLOSER, role: 'program_manager', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  await plan.switchUser(CLOSER, number, 'Closure');
  await expect(notMet).toHaveCount(1);
  await page.getByRole('button', { name: 'Approve and close case' }).click();
  await page.getByRole('dialog').getByLabel('Closure reason', { exact: true }).fill('Employment terminated.');
  await page.getByRole('dialog').getByRole('button', { name: 'Approve and close', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be closed yet' })).toContainText('termination action is done');
  await checkScreen(page, 'rules-closure-termination-done');
  expect(app.pageErrors).toEqual([]);
});

test('training: Lesson 5 Review Activity 1 takes several programs per requirement and marks "DOD" alone wrong', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  await page.getByRole('button', { name: 'Open training vault' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Review activities', level: 1 })).toBeVisible();
  const activity = page.getByRole('region', { name: 'Review activity 5.1' });
  const fbiItem = /Report to the FBI when classified information is disclosed/;
  const fbi = activity.getByRole('group', { name: fbiItem });
  await fbi.getByLabel('DOD', { exact: true }).check();
  await activity.getByRole('button', { name: 'Check answers' }).click();
  const verdict = activity.getByRole('listitem').filter({ has: page.getByRole('group', { name: fbiItem }) }).getByRole('status');
  await expect(verdict).toContainText('Not quite.');
  // The full answer can be entered, and it is right.
  await fbi.getByLabel('Federal', { exact: true }).check();
  await expect(verdict).toContainText('Correct.');
  await fbi.getByLabel('Industry', { exact: true }).check();
  await expect(verdict).toContainText('Not quite.');
  await fbi.getByLabel('Industry', { exact: true }).uncheck();
  await expect(verdict).toContainText('Correct.');
  await activity.scrollIntoViewIfNeeded();
  await checkScreen(page, 'rules-training-l5-ra1');
  expect(app.pageErrors).toEqual([]);
});
