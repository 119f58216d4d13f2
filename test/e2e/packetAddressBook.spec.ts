import { generateIdentity, identityToRecipient } from 'age-encryption';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/backend/backend';
import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

const intake = {
  title: 'Export-controlled files copied before resigning',
  program: 'dod',
  subject: { realName: 'Ross Keller', orgUnit: 'Propulsion', position: 'Engineer', clearance: 'Secret' },
  report: { receivedOn: '2026-10-05', howReceived: 'records_check', reporter: 'Data loss prevention', reporterConfidential: false, narrative: 'USB copy of 1,214 export-controlled files in the week before resignation.' },
  indicators: [{ category: 'technical', stage: 'concerning_behavior', observedOn: '2026-10-01', summary: 'Bulk copy to removable media', source: 'DLP alert', corroboration: 'corroborated', basis: 'fact' }],
};

test('the program manager keeps an address book of recipients; the export offers it and the cover sheet is filled in from the packet', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  const created = (await app.backend.invoke('cases.create', intake)) as { ok: true; value: { id: string; number: string } };
  const recipient = await identityToRecipient(await generateIdentity());
  const other = await identityToRecipient(await generateIdentity());

  await page.keyboard.press('Alt+5');
  const book = page.getByRole('region', { name: 'Packet recipients' });
  await book.getByLabel('Recipient name').fill('Duty agent');
  await book.getByLabel('Agency').fill('FBI Field Office');
  // A bad key: the message beside the field says what is wrong, and nothing is saved.
  await book.getByLabel('Age public key').fill(`${recipient.slice(0, 40)}`);
  await book.getByRole('button', { name: 'Add recipient' }).click();
  await expect(book.getByText('it has 40 characters, not 62')).toBeVisible();
  expect(((await app.backend.invoke('packets.recipients', {})) as { value: unknown[] }).value).toEqual([]);
  await book.getByLabel('Age public key').fill(other);
  await book.getByRole('button', { name: 'Add recipient' }).click();
  await expect(book.getByRole('status')).toContainText('Added Duty agent (FBI Field Office)');
  await expect(book.getByRole('status')).toBeFocused();
  // Edit: the key is replaced by the right one.
  await book.getByRole('button', { name: 'Edit Duty agent' }).click();
  await expect(book.getByRole('heading', { name: 'Edit Duty agent' })).toBeFocused();
  await book.getByLabel('Age public key').fill(recipient);
  await book.getByRole('button', { name: 'Save recipient' }).click();
  await expect(book.getByRole('status')).toContainText('Saved Duty agent');
  // A second entry, removed after a confirmation (cancel first: nothing changes).
  await book.getByLabel('Recipient name').fill('Old contact');
  await book.getByLabel('Agency').fill('DCSA');
  await book.getByLabel('Age public key').fill(other);
  await book.getByRole('button', { name: 'Add recipient' }).click();
  await expect(book.getByRole('row')).toHaveCount(3);
  await book.getByRole('button', { name: 'Remove Old contact' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Old contact?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(book.getByRole('row')).toHaveCount(3);
  await book.getByRole('button', { name: 'Remove Old contact' }).click();
  await confirm.getByRole('button', { name: 'Remove recipient' }).click();
  await expect(book.getByRole('row')).toHaveCount(2);
  await book.scrollIntoViewIfNeeded();
  await checkScreen(page, 'admin-packet-recipients');

  // Export: the recipient comes from the address book, no key pasted.
  await page.keyboard.press('Alt+2');
  await page.getByRole('row').filter({ hasText: created.value.number }).click();
  await page.getByRole('button', { name: 'Export referral packet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export a referral packet' });
  await dialog.getByLabel('Recipient from the address book').selectOption({ label: 'Duty agent, FBI Field Office' });
  await expect(dialog.getByLabel('Recipient public key')).toHaveCount(0);
  await dialog.getByLabel('Purpose').fill('Consultation on the USB copy');
  const medium = mkdtempSync(join(tmpdir(), 'offramp-usb-'));
  app.dialogAnswers.push(medium);
  await dialog.getByRole('button', { name: 'Choose medium and export' }).click();
  const done = page.getByRole('dialog', { name: 'Packet written and verified' });
  await expect(done).toBeVisible({ timeout: 30_000 });
  expect(readdirSync(medium)).toHaveLength(1);
  const history = ((await app.backend.invoke('packets.history', { caseId: created.value.id })) as { value: { packetId: string; manifestSha256: string }[] }).value;
  expect(history).toHaveLength(1);
  const sent = history[0]!;

  // The cover sheet from the packet just written: nothing to retype.
  await done.getByRole('button', { name: 'Print its cover sheet…' }).click();
  const cover = page.getByRole('dialog', { name: 'Print a referral cover sheet' });
  await expect(cover.getByLabel('Recipient')).toHaveValue('Duty agent, FBI Field Office');
  await expect(cover.getByLabel('Packet id')).toHaveValue(sent.packetId);
  await expect(cover.getByLabel('Manifest SHA-256')).toHaveValue(sent.manifestSha256);
  await checkScreen(page, 'cover-sheet-prefilled');
  await cover.getByRole('button', { name: 'Cancel' }).click();

  // Later, from the case: the packet is picked from the case's packet history.
  await page.getByRole('button', { name: 'Cover sheet…' }).click();
  await expect(cover.getByLabel('Packet', { exact: true })).toHaveValue(sent.packetId);
  await expect(cover.getByLabel('Packet', { exact: true }).locator('option:checked')).toContainText('Pseudonymous consultation');
  await expect(cover.getByLabel('Packet id')).toHaveValue(sent.packetId);
  await expect(cover.getByLabel('Manifest SHA-256')).toHaveValue(sent.manifestSha256);
  await cover.getByLabel('Packet', { exact: true }).selectOption({ label: 'Another packet (type its id and hash)' });
  await cover.getByLabel('Manifest SHA-256').fill('not a hash');
  await cover.getByRole('button', { name: 'Print…' }).click();
  await expect(cover.getByText('The manifest hash is 64 lower-case hexadecimal digits.')).toBeVisible();
  rmSync(medium, { recursive: true, force: true });
  expect(app.pageErrors).toEqual([]);
});

test('a case imported from another hub shows where it came from, when, and the packet', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await new VaultPage(page).createVault('Dana Whitfield');
  const root = mkdtempSync(join(tmpdir(), 'offramp-sender-'));
  const identity = await generateIdentity();
  const medium = join(root, 'medium');
  const folders: string[] = [medium];
  const sender = createBackend({
    dataDir: join(root, 'hub'),
    transport: 'harness',
    version: '0.0.0-test',
    log: () => undefined,
    kdf: 'fast-insecure-for-tests',
    host: { print: () => Promise.resolve(false), printToPdf: () => Promise.resolve(new Uint8Array()), chooseSavePath: () => Promise.resolve(null), chooseOpenPath: () => Promise.resolve(null), chooseFolder: () => Promise.resolve(folders.shift() ?? null) },
  });
  try {
    const ok = async <T>(p: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> => {
      const r = await p;
      if (!r.ok) throw new Error(r.error?.message);
      return r.value as T;
    };
    await ok(sender.invoke('vault.create', { userName: 'Sam Ortiz', role: 'program_manager', passphrase: TEST_PASSPHRASE }));
    const theirs = await ok<{ id: string; number: string }>(sender.invoke('cases.create', intake));
    mkdirSync(medium);
    const written = await ok<{ packetId: string; path: string }>(sender.invoke('packets.export', { caseId: theirs.id, profile: 'consultation', recipientKey: await identityToRecipient(identity), purpose: 'Consultation on the USB copy', targetDir: medium }));
    const key = await ok<{ publicKeyPem: string }>(sender.invoke('packets.publicKey', {}));
    await ok(app.backend.invoke('packets.pinKey', { label: 'Northern Yard hub', publicKeyPem: key.publicKeyPem }));

    await page.keyboard.press('Alt+4');
    await page.getByRole('textbox', { name: 'Age identity' }).fill(identity);
    app.dialogAnswers.push(written.path);
    await page.getByRole('button', { name: 'Choose packet file and verify' }).click();
    const verified = page.getByLabel('Verified packet');
    await expect(verified.getByRole('status')).toContainText('Signature valid');
    // The profile in words, not its code.
    await expect(verified).toContainText('Pseudonymous consultation');
    await expect(verified).not.toContainText('consultant');
    await verified.getByRole('button', { name: 'Import as a new case' }).click();
    const provenance = page.getByTestId('case-provenance');
    await expect(provenance).toContainText('Imported from a referral packet sent by Northern Yard hub');
    await expect(provenance).toContainText(`their case ${theirs.number}`);
    await expect(provenance).toContainText('Consultation on the USB copy');
    await expect(provenance).toContainText('by Dana Whitfield');
    await expect(provenance).toContainText(written.packetId);
    await checkScreen(page, 'case-imported-provenance');
    expect(app.pageErrors).toEqual([]);
  } finally {
    sender.close();
    rmSync(root, { recursive: true, force: true });
  }
});
