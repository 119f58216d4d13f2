import { warningLabel } from '../../shared/labels';
import type { LaunchedApp } from '../harness/launchApp';
import { expect, test } from './fixtures';
import { CasePages, checkScreen } from './pages/casePages';
import { LEGAL_USER, PlanPages } from './pages/planPages';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

const MANAGER = 'Dana Whitfield';
/** A second program manager: the case's lead (its creator) cannot approve closing it alone. */
const CLOSER = 'Ray Castillo';

/** A fresh vault with its program manager signed in, a legal user added, and one case opened through intake. */
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

test('gambling debt: support resources planned, legal signs off, the law-enforcement referral draws no_criminal_nexus', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const cases = new CasePages(page);
  const plan = new PlanPages(page);
  const number = await openCase(app, { title: 'Gambling debt and borrowing from colleagues', name: 'Ted Marlow', narrative: 'Ted borrows money from co-workers and mentioned heavy losses at an online casino.' });
  await cases.tab('Reports & indicators');
  await cases.addIndicator({ summary: 'Large gambling debt', category: 'Financial considerations', stage: 'Stressors', observedOn: '2026-10-20', source: 'Co-workers' });
  await cases.addIndicator({ summary: 'Asks colleagues for loans', category: 'Financial considerations', stage: 'Concerning behaviors', observedOn: '2026-11-01', source: 'Co-workers' });
  await cases.tab('Assessment');
  await plan.recordAssessment('Moderate', 'A stressor with a concerning behavior and no criminal nexus; support first.');
  await plan.determine({ 'Criminal conduct': 'No', 'Threat of violence': 'No' });

  // Plan: recommendations first, with their reasons; support resources in one strategy.
  await cases.tab('Mitigation plan');
  await expect(page.getByRole('heading', { name: 'Recommended by the rules engine' })).toBeVisible();
  await plan.addStrategy('Support resources');
  await page.getByRole('button', { name: 'Propose: Employee Assistance Program (EAP)' }).click();
  await plan.propose('Employee Assistance Program (EAP)', { preselected: true, strategy: 'Support resources', owner: 'HR business partner', due: '2026-12-15' });
  await plan.propose('Referral to financial counseling', { discipline: 'Human resources', strategy: 'Support resources' });
  await plan.propose('Legal review of the response', { discipline: 'Legal' });
  await expect(page.getByText('The rules engine raises no warning for this plan.')).toBeVisible();

  // The referral to law enforcement: the warning shows before and after proposing it, with its source.
  await plan.choose('Referral to law enforcement', 'Law enforcement');
  await expect(plan.proposeForm.getByRole('status').filter({ hasText: 'Proposing this draws' })).toContainText(warningLabel('no_criminal_nexus'));
  await plan.propose('Referral to law enforcement', { preselected: true });
  await expect(plan.guardrail('no_criminal_nexus')).toContainText('a gambling debt, for example, calls for support');
  await expect(plan.guardrail('no_criminal_nexus')).toContainText('Source: CDSE, Insider Threat Mitigation Responses');
  await expect(plan.row('Referral to law enforcement').getByText(warningLabel('no_criminal_nexus'))).toBeVisible();
  await plan.step('Send to legal review', 'Employee Assistance Program (EAP)');
  await plan.step('Send to legal review', 'Referral to law enforcement');
  await plan.expectStatus('Employee Assistance Program (EAP)', 'Legal review');
  // Only legal signs off: the program manager sees no sign-off and no approval yet.
  await expect(page.getByRole('button', { name: 'Sign off: Employee Assistance Program (EAP)' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Approve: Employee Assistance Program (EAP)' })).toHaveCount(0);
  await expect(plan.row('Employee Assistance Program (EAP)')).toContainText('Awaiting legal');
  await checkScreen(page, 'plan-gambling');

  await plan.switchUser(LEGAL_USER, number, 'Mitigation plan');
  await page.getByRole('button', { name: 'Sign off: Employee Assistance Program (EAP)' }).click();
  await expect(plan.row('Employee Assistance Program (EAP)')).toContainText(LEGAL_USER);
  await page.getByRole('button', { name: 'Sign off: Referral to law enforcement' }).click();
  await expect(plan.row('Referral to law enforcement')).toContainText(LEGAL_USER);
  await checkScreen(page, 'plan-legal-signoff');

  await plan.switchUser(MANAGER, number, 'Mitigation plan');
  await plan.step('Approve', 'Employee Assistance Program (EAP)');
  await plan.expectStatus('Employee Assistance Program (EAP)', 'Approved');
  // Approving the referral over the warning asks for a justification; the team discontinues it instead.
  await plan.step('Approve', 'Referral to law enforcement');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(warningLabel('no_criminal_nexus'));
  await dialog.getByRole('button', { name: 'Approve with justification' }).click();
  await expect(dialog.getByText('Write a justification of at least 20 characters.')).toBeVisible();
  await checkScreen(page, 'plan-justification-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await plan.step('Discontinue', 'Referral to law enforcement');
  await dialog.getByLabel('Reason').fill('No criminal nexus: a gambling debt calls for support, not a referral.');
  await dialog.getByRole('button', { name: 'Discontinue action' }).click();
  await plan.expectStatus('Referral to law enforcement', 'Discontinued');
  await expect(plan.guardrail('no_criminal_nexus')).toHaveCount(0);
  await plan.step('Start', 'Employee Assistance Program (EAP)');
  await plan.expectStatus('Employee Assistance Program (EAP)', 'In progress');

  // Monitoring: the schedule, a review that rates the response, and the way back to re-assessment.
  await cases.tab('Monitoring');
  await expect(page.getByRole('heading', { name: 'Review schedule' })).toBeVisible();
  await expect(page.getByText('Risk level moderate: re-evaluate at least every 30 days after the last review or assessment.')).toBeVisible();
  await page.getByLabel('What changed since the last review').fill('Ted started with the EAP and repaid one colleague.');
  await page.getByLabel('Effectiveness: Employee Assistance Program (EAP)').selectOption({ label: 'Not effective' });
  await page.getByLabel('Partner coordination').fill('EAP confirmed attendance only; details cannot be shared.');
  await page.getByRole('button', { name: 'Record review' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Review recorded' })).toContainText('re-assess the case');
  await checkScreen(page, 'monitoring-gambling');
  await page.getByRole('button', { name: 'Re-assess now' }).click();
  await expect(page.getByRole('tab', { name: 'Assessment' })).toHaveAttribute('aria-selected', 'true');

  await cases.tab('Timeline');
  for (const title of ['Large gambling debt', 'Determinations answered', 'Proposed: Employee Assistance Program (EAP)', 'Legal sign-off: Employee Assistance Program (EAP)', 'Approved: Employee Assistance Program (EAP)', 'Discontinued: Referral to law enforcement', 'Review held']) {
    await expect(page.getByRole('listitem').filter({ hasText: title }).first()).toBeVisible();
  }
  await checkScreen(page, 'timeline-gambling');
  expect(app.pageErrors).toEqual([]);
});

test('Toebbe-style disclosure in a DOD program: FBI immediately under Section 811, DITMAC, fbi_coordination_hold, evidence preserved', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const cases = new CasePages(page);
  const plan = new PlanPages(page);
  const number = await openCase(app, { title: 'Naval reactor data offered to a foreign government', name: 'Jon Tabor', narrative: 'A package offering restricted reactor data was intercepted on its way to a foreign government.' });
  await cases.tab('Assessment');
  await plan.recordAssessment('Critical', 'Disclosure of classified information to a foreign power.');
  await plan.determine({ 'Unauthorized disclosure of classified information': 'Yes', 'Foreign recipient': 'Yes', Espionage: 'Yes' });
  await expect(page.getByRole('status').filter({ hasText: 'Determinations saved' })).toContainText(/now owed to .*FBI.*DITMAC/);

  // The FBI report stands at the top of the case and of the home screen until recorded.
  const banner = page.getByRole('alert').filter({ hasText: 'Report immediately' });
  await expect(banner).toContainText('FBI (Section 811');
  await cases.tab('Reporting');
  await expect(page.getByRole('article', { name: 'Obligation: FBI' })).toContainText('Immediately');
  await expect(page.getByRole('article', { name: 'Obligation: FBI' })).toContainText('Section 811');
  await expect(page.getByRole('article', { name: 'Obligation: DITMAC' })).toBeVisible();
  await checkScreen(page, 'reporting-toebbe');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('alert').filter({ hasText: 'Report immediately' })).toContainText(`${number} — FBI`);
  await checkScreen(page, 'home-immediate');
  await page.getByRole('alert').filter({ hasText: 'Report immediately' }).getByRole('button', { name: number }).click();

  // Planning: interviewing the subject draws the FBI coordination hold; evidence is preserved.
  await cases.tab('Mitigation plan');
  await expect(plan.guardrail('reporting_due')).toBeVisible();
  await page.getByRole('button', { name: 'Propose: Preserve evidence and chain of custody' }).click();
  await plan.propose('Preserve evidence and chain of custody', { preselected: true, owner: 'General counsel' });
  await plan.propose('Legal review of the response', { discipline: 'Legal' });
  await plan.choose('Interview the person of concern', 'Security');
  await expect(plan.proposeForm.getByRole('status').filter({ hasText: 'Proposing this draws' })).toContainText(warningLabel('fbi_coordination_hold'));
  await plan.propose('Interview the person of concern', { preselected: true });
  await expect(plan.guardrail('fbi_coordination_hold')).toContainText('Section 811 referral to the FBI applies');
  await expect(plan.row('Interview the person of concern').getByText(warningLabel('fbi_coordination_hold'))).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Preserve evidence and chain of custody' }).getByText('In the plan')).toBeVisible();
  await plan.step('Send to legal review', 'Interview the person of concern');
  await plan.step('Send to legal review', 'Preserve evidence and chain of custody');
  await checkScreen(page, 'plan-toebbe');

  await plan.switchUser(LEGAL_USER, number, 'Mitigation plan');
  await page.getByRole('button', { name: 'Sign off: Interview the person of concern' }).click();
  await page.getByRole('button', { name: 'Sign off: Preserve evidence and chain of custody' }).click();
  await expect(plan.row('Preserve evidence and chain of custody')).toContainText(LEGAL_USER);

  await plan.switchUser(MANAGER, number, 'Mitigation plan');
  await plan.step('Approve', 'Preserve evidence and chain of custody');
  await plan.expectStatus('Preserve evidence and chain of custody', 'Approved');
  // Approving the interview over the hold needs a written justification, kept on the action.
  await plan.step('Approve', 'Interview the person of concern');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(warningLabel('fbi_coordination_hold'));
  await dialog.getByLabel('Justification').fill('The FBI case agent asked us to hold the interview until they say go.');
  await dialog.getByRole('button', { name: 'Approve with justification' }).click();
  await plan.expectStatus('Interview the person of concern', 'Approved');
  await expect(plan.row('Interview the person of concern')).toContainText('Approved over warnings: “The FBI case agent asked us');

  // Recording the FBI report clears the alert on the case and on the home screen.
  await cases.tab('Reporting');
  await plan.recordReported('FBI', { date: '2026-11-03', method: 'Phone to the field office, then secure fax', reference: 'FBI-2026-0118', by: MANAGER });
  await expect(page.getByRole('alert').filter({ hasText: 'Report immediately' })).toHaveCount(0);
  await expect(page.getByRole('article', { name: 'Obligation: DITMAC' }).getByText('Not yet recorded.')).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Report immediately' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: number }).filter({ hasText: 'DITMAC' })).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

test('Domingo-style case after separation: closure refused until a post-separation safety plan exists, then closed and reopened', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const cases = new CasePages(page);
  const plan = new PlanPages(page);
  const number = await openCase(app, { title: 'Posts advocating violence; employment terminated', name: 'Mark Dorn', narrative: 'Forum posts advocating violence against religious groups; employment was terminated last week.' });
  await cases.tab('Assessment');
  await plan.recordAssessment('High', 'Terrorism advocacy and a threat of violence; the person has been separated.');
  await plan.determine({ 'Person of concern separated': 'Yes', Terrorism: 'Yes', 'Threat of violence': 'Yes', 'Criminal conduct': 'Yes' });

  // Every obligation recorded and a final assessment: closure is still refused.
  await cases.tab('Reporting');
  await plan.recordReported('DITMAC', { date: '2026-11-04', method: 'DITMAC referral', reference: 'DIT-77', by: MANAGER });
  // Domestic terrorism is a law enforcement matter; no MILDEP CI office report is owed.
  await expect(page.getByRole('article', { name: 'Obligation: MILDEP counterintelligence' })).toHaveCount(0);
  await plan.recordReported('Law enforcement', { date: '2026-11-04', method: 'Police report', reference: 'PD-9981', by: MANAGER });
  await plan.recordNotRequired('Internal procedures', 'Covered by the referrals already made under the program plan.');
  await cases.tab('Closure');
  await page.getByRole('button', { name: 'Mark as final assessment' }).click();
  await expect(page.getByText(/^Final:/)).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Not met:' })).toHaveCount(1);
  await expect(page.getByRole('listitem').filter({ hasText: 'Not met:' })).toHaveText(/post-separation safety plan must be approved/);
  // Separation of duties: another program manager than the case's lead approves closing it.
  expect(await app.backend.invoke('users.add', { name: CLOSER, role: 'program_manager', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  await plan.switchUser(CLOSER, number, 'Closure');
  await expect(page.getByRole('listitem').filter({ hasText: 'Not met:' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Approve and close case' }).click();
  const closeDialog = page.getByRole('dialog');
  await closeDialog.getByLabel('Closure reason', { exact: true }).fill('The person has been separated and referred to law enforcement.');
  await closeDialog.getByRole('button', { name: 'Approve and close', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be closed yet' })).toContainText('post-separation safety plan must be approved');
  await checkScreen(page, 'closure-refused');
  await closeDialog.getByRole('button', { name: 'Cancel' }).click();
  await plan.switchUser(MANAGER, number, 'Mitigation plan');

  // The plan: a post-separation safety plan and safety planning for potential victims, through legal.
  await cases.tab('Mitigation plan');
  await expect(plan.guardrail('dismissal_not_a_strategy')).toBeVisible();
  await plan.propose('Post-separation safety plan', { discipline: 'Security', owner: 'Facility security officer' });
  await plan.propose('Personal safety planning', { discipline: 'Security' });
  await plan.propose('Legal review of the response', { discipline: 'Legal' });
  await expect(plan.guardrail('dismissal_not_a_strategy')).toHaveCount(0);
  await plan.step('Send to legal review', 'Post-separation safety plan');
  await plan.switchUser(LEGAL_USER, number, 'Mitigation plan');
  await page.getByRole('button', { name: 'Sign off: Post-separation safety plan' }).click();
  await expect(plan.row('Post-separation safety plan')).toContainText(LEGAL_USER);
  // Legal cannot close a case.
  await cases.tab('Closure');
  await expect(page.getByText('A program manager approves closing a case.')).toBeVisible();
  await plan.switchUser(MANAGER, number, 'Mitigation plan');
  await plan.step('Approve', 'Post-separation safety plan');
  await plan.expectStatus('Post-separation safety plan', 'Approved');
  await checkScreen(page, 'plan-domingo');

  await plan.switchUser(CLOSER, number, 'Closure');
  await expect(page.getByRole('listitem').filter({ hasText: 'Not met:' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Approve and close case' }).click();
  // Two actions are still open (personal safety planning, legal review): the closure discontinues them.
  await expect(closeDialog.getByRole('radio', { name: /Discontinue them/ })).toBeChecked();
  await closeDialog.getByLabel('Closure reason', { exact: true }).fill('Separated; post-separation safety plan in force with local police.');
  await closeDialog.getByRole('button', { name: 'Approve and close', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Case closed' })).toBeVisible();
  await expect(page.locator('.case-meta')).toContainText('Closed');
  // Closing clears the review schedule: the header shows no next review.
  await expect(page.locator('.case-meta [data-review-state]')).toHaveText('No review scheduled (case closed)');
  await checkScreen(page, 'closure-closed');
  await page.getByRole('button', { name: 'Reopen case' }).click();
  const reopenDialog = page.getByRole('dialog');
  await reopenDialog.getByLabel('Kind of reason').selectOption({ label: 'Post-separation follow-up' });
  await reopenDialog.getByLabel('Why reopen').fill('Follow-up on the post-separation safety plan with local police.');
  await reopenDialog.getByRole('button', { name: 'Reopen case', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Close the case' })).toBeVisible();
  await cases.tab('Timeline');
  await expect(page.getByRole('listitem').filter({ hasText: 'Case closed' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Case reopened' })).toContainText('Post-separation follow-up');
  await cases.tab('Audit log');
  for (const step of ['Closed the case', 'Reopened the case', 'Signed off an action (legal)', 'Marked the final assessment']) {
    await expect(page.getByRole('cell', { name: step }).first()).toBeVisible();
  }
  expect(app.pageErrors).toEqual([]);
});
