import { generateIdentity, identityToRecipient } from 'age-encryption';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { VaultPage } from './pages/vaultPage';

test('export a packet for a Toebbe-style case with the FBI profile, then open it on the receiving screen', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  const created = (await app.backend.invoke('cases.create', {
    title: 'Suspected disclosure of reactor data',
    program: 'dod',
    subject: { realName: 'Jonah Tabor', orgUnit: 'Naval reactors', position: 'Engineer', clearance: 'Top Secret' },
    report: { receivedOn: '2026-10-05', howReceived: 'records_check', reporter: 'Liaison officer', reporterConfidential: true, narrative: 'An intercepted package offered reactor data to a foreign government.' },
    indicators: [{ category: 'foreign', stage: 'concerning_behavior', observedOn: '2026-09-20', summary: 'Package offering classified data to a foreign government', source: 'Intercepted package', corroboration: 'corroborated', basis: 'fact' }],
  })) as { ok: true; value: { id: string; number: string } };
  await app.backend.invoke('determinations.set', { caseId: created.value.id, values: [{ factId: 'classified_disclosure', value: 'yes' }, { factId: 'foreign_recipient', value: 'yes' }] });

  await page.keyboard.press('Alt+2');
  await page.getByRole('row').filter({ hasText: created.value.number }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Report immediately' })).toContainText('FBI');

  const identity = await generateIdentity();
  const recipient = await identityToRecipient(identity);
  const medium = mkdtempSync(join(tmpdir(), 'offramp-usb-'));
  await page.getByRole('button', { name: 'Export referral packet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export a referral packet' });
  await dialog.getByLabel('Recipient profile').selectOption({ label: 'FBI referral (Section 811)' });
  await expect(dialog.getByText(/Subject: identified/)).toBeVisible();
  await expect(dialog.getByText(/Include 1 confidential source/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Choose medium and export' }).click();
  await expect(dialog.getByText('Say what the packet is for.')).toBeVisible();
  await dialog.getByLabel('Recipient public key').fill(recipient);
  await dialog.getByLabel('Purpose').fill('Section 811 referral');
  // Each message goes once its field is filled in.
  await expect(dialog.getByText('Say what the packet is for.')).toHaveCount(0);
  await checkScreen(page, 'packet-export-dialog');
  app.dialogAnswers.push(medium);
  await dialog.getByRole('button', { name: 'Choose medium and export' }).click();
  const done = page.getByRole('dialog', { name: 'Packet written and verified' });
  await expect(done).toBeVisible({ timeout: 30_000 });
  const files = readdirSync(medium);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/\.offramp-packet$/);
  await done.getByRole('button', { name: 'Done' }).click();

  // The receiving side: verify, see the manifest and signer, import as a new case.
  await page.keyboard.press('Alt+4');
  await page.getByRole('textbox', { name: 'Age identity' }).fill(identity);
  app.dialogAnswers.push(join(medium, files[0]!));
  await page.getByRole('button', { name: 'Choose packet file and verify' }).click();
  const verifiedPacket = page.getByLabel('Verified packet');
  await expect(verifiedPacket.getByRole('status')).toContainText('Signature valid and every file’s SHA-256 matches');
  await expect(verifiedPacket).toContainText(created.value.number);
  await expect(verifiedPacket).toContainText('case.json');
  await expect(verifiedPacket).toContainText('custody.json');
  await checkScreen(page, 'packet-receive');
  // This vault exported the packet itself: it is recognized, not imported as a duplicate case.
  await verifiedPacket.getByRole('button', { name: 'Import as a new case' }).click();
  await expect(page.getByRole('alert').filter({ hasText: `exported by this vault from case ${created.value.number}` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Referral packets');
  const list = (await app.backend.invoke('cases.list', {})) as { ok: true; value: unknown };
  expect(JSON.stringify(list.value).split('Suspected disclosure of reactor data').length - 1).toBe(1);
  expect(app.pageErrors).toEqual([]);
});
