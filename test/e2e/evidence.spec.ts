import { generateIdentity, identityToRecipient } from 'age-encryption';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { expect, test } from './fixtures';
import { checkScreen } from './pages/casePages';
import { VaultPage } from './pages/vaultPage';

/** A real PNG of width × height (RGB stripes), so the preview has something to decode. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set(y < height / 2 ? [200, 40, 40] : [40, 40, 200], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('evidence: add by dialog and by drop, preview an image and a text file, record a hand-over, send a chosen file in a packet', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const files = mkdtempSync(join(tmpdir(), 'offramp-e2e-files-'));
  const medium = join(files, 'usb');
  mkdirSync(medium);
  const photo = png(48, 32);
  const notes = Buffer.from('Badge log, building 4\n02:14 entry, no exit recorded\n<b>not markup</b>\n');
  writeFileSync(join(files, 'badge-photo.png'), photo);
  writeFileSync(join(files, 'badge-log.txt'), notes);
  // A two-page PDF with a title and a line of text: its facts are read by the backend.
  const stream = deflateSync(Buffer.from('BT /F1 12 Tf (Quarterly export log) Tj ET'));
  const report = Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count 2 >> endobj\n3 0 obj << /Type /Page >> endobj\n4 0 obj << /Type /Page >> endobj\n'),
    Buffer.from(`5 0 obj << /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
    stream,
    Buffer.from('\nendstream endobj\n6 0 obj << /Title (DLP export report) >> endobj\n%%EOF\n'),
  ]);
  writeFileSync(join(files, 'dlp-report.pdf'), report);
  try {
    await new VaultPage(page).createVault('Dana Whitfield');
    const created = (await app.backend.invoke('cases.create', {
      title: 'Export-controlled files copied to USB',
      program: 'industry',
      subject: { realName: 'Jordan Reyes', orgUnit: 'Propulsion', position: 'Engineer', clearance: 'Secret' },
      report: { receivedOn: '2026-11-02', howReceived: 'records_check', reporter: 'Security office', reporterConfidential: false, narrative: '1,214 export-controlled files were copied to a USB drive before resignation.' },
      indicators: [],
    })) as { ok: true; value: { id: string; number: string } };
    await page.keyboard.press('Alt+2');
    await page.getByRole('row').filter({ hasText: created.value.number }).click();
    await page.getByRole('tab', { name: 'Evidence' }).click();
    await expect(page.getByText('No evidence recorded yet.')).toBeVisible();

    // Cancelling the system dialog takes nothing in.
    app.dialogAnswers.push(null);
    await page.getByRole('button', { name: 'Add file…' }).click();
    await expect(page.getByText('No evidence recorded yet.')).toBeVisible();

    // A future receipt date is refused beside the field.
    await page.getByLabel('Received on').fill('2099-01-01');
    await page.getByRole('button', { name: 'Add file…' }).click();
    await expect(page.getByText('The date received cannot be in the future.')).toBeVisible();
    await page.getByLabel('Received on').fill('2026-11-03');
    await page.getByRole('textbox', { name: 'Received from' }).fill('Security office');

    // Through the system's open dialog (answered by the harness).
    app.dialogAnswers.push(join(files, 'badge-photo.png'));
    await page.getByRole('button', { name: 'Add file…' }).click();
    await expect(page.getByRole('status').filter({ hasText: '“badge-photo.png” was taken into the vault' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Evidence items' });
    await expect(table).toContainText(sha(photo));
    await expect(table).toContainText('PNG image');
    await expect(table).toContainText('Dana Whitfield');
    // The image is decoded into a canvas inside the app, at its real size.
    const canvas = page.getByRole('img', { name: 'Image: badge-photo.png' });
    await expect(canvas).toHaveAttribute('data-width', '48');
    await expect(canvas).toHaveAttribute('data-height', '32');
    await checkScreen(page, 'evidence-image-preview');

    // By drag and drop: the page hands over the dropped File, the backend reads its path.
    app.dropPaths.set('badge-log.txt', join(files, 'badge-log.txt'));
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'badge-log.txt', { type: 'text/plain' }));
      return dt;
    }, notes.toString('utf8'));
    await page.getByTestId('evidence-drop').dispatchEvent('drop', { dataTransfer: transfer });
    await expect(page.getByRole('status').filter({ hasText: '“badge-log.txt” was taken into the vault' })).toBeVisible();
    await expect(table).toContainText(sha(notes));
    const text = page.getByLabel('Text of badge-log.txt');
    await expect(text).toContainText('02:14 entry, no exit recorded');
    // Shown as text, never interpreted as markup.
    await expect(text).toContainText('<b>not markup</b>');

    // A hand-over, with its messages first.
    await page.getByRole('button', { name: 'Record hand-over' }).click();
    await expect(page.getByText('Name the person or office the item went to.')).toBeVisible();
    await expect(page.getByText('Say why the item changed hands.')).toBeVisible();
    await page.getByRole('textbox', { name: 'Transferred to' }).fill('Legal counsel (M. Ortiz)');
    await page.getByRole('textbox', { name: 'Purpose' }).fill('Review before referral');
    await page.getByRole('button', { name: 'Record hand-over' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Hand-over recorded in the chain of custody.' })).toBeVisible();
    const custody = page.getByRole('table', { name: 'Chain of custody of badge-log.txt' });
    await expect(custody).toContainText('Taken into the vault');
    await expect(custody).toContainText('Transferred to');
    await expect(custody).toContainText('Transferred toLegal counsel (M. Ortiz); on ');
    await checkScreen(page, 'evidence-text-preview');

    // A PDF: its facts and a text excerpt, inside the app, with its hash at intake.
    app.dialogAnswers.push(join(files, 'dlp-report.pdf'));
    await page.getByRole('button', { name: 'Add file…' }).click();
    await expect(page.getByRole('status').filter({ hasText: '“dlp-report.pdf” was taken into the vault' })).toBeVisible();
    await expect(table).toContainText(sha(report));
    await expect(table).toContainText('PDF document');
    await page.getByRole('button', { name: 'Open dlp-report.pdf' }).click();
    // (Drawing a PDF's pages is the next test's; this bare file has no cross-reference table.)
    await expect(page.getByRole('region', { name: 'Preview of dlp-report.pdf' })).toBeVisible();
    await expect(page.getByText('Quarterly export log')).toBeVisible();

    // The packet carries only the file chosen for it; the export adds to its custody log.
    const identity = await generateIdentity();
    await page.getByRole('button', { name: 'Export referral packet…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a referral packet' });
    await dialog.getByRole('checkbox', { name: /badge-log\.txt/ }).check();
    await expect(dialog.getByText(/1 chosen/)).toBeVisible();
    await dialog.getByLabel('Recipient public key').fill(await identityToRecipient(identity));
    await dialog.getByLabel('Purpose').fill('Consultation with counsel');
    app.dialogAnswers.push(medium);
    await dialog.getByRole('button', { name: 'Choose medium and export' }).click();
    const done = page.getByRole('dialog', { name: 'Packet written and verified' });
    await expect(done).toBeVisible({ timeout: 30_000 });
    expect(readdirSync(medium)).toHaveLength(1);
    await done.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Open badge-log.txt' }).click();
    await expect(page.getByRole('table', { name: 'Chain of custody of badge-log.txt' })).toContainText('Copied into a referral packet');
    await page.getByRole('button', { name: 'Open badge-photo.png' }).click();
    await expect(page.getByRole('table', { name: 'Chain of custody of badge-photo.png' })).not.toContainText('Copied into a referral packet');
    expect(app.pageErrors).toEqual([]);
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
});

/** A real two-page PDF (cross-reference table and all): page 1 a dark block, page 2 a red one, each with a line of text. */
function twoPagePdf(): Buffer {
  const page = (colour: string, text: string) => `${colour} rg 72 500 300 200 re f BT /F1 24 Tf 72 450 Td (${text}) Tj ET`;
  const contents = [page('0.1 0.1 0.3', 'Export log, page one'), page('0.8 0.1 0.1', 'Export log, page two')];
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...contents.map((c) => `<< /Length ${c.length} >>\nstream\n${c}\nendstream`),
    '<< /Title (Quarterly export log) >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

test('evidence: a PDF is drawn page by page inside the app, beside its facts; a damaged one says so in words', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const files = mkdtempSync(join(tmpdir(), 'offramp-e2e-pdf-'));
  writeFileSync(join(files, 'export-log.pdf'), twoPagePdf());
  writeFileSync(join(files, 'damaged.pdf'), Buffer.from('%PDF-1.7\nthis file was cut short in transit\n'));
  try {
    await new VaultPage(page).createVault('Dana Whitfield');
    const created = (await app.backend.invoke('cases.create', {
      title: 'Export-controlled files copied to USB',
      program: 'industry',
      subject: { realName: 'Jordan Reyes', orgUnit: 'Propulsion', position: 'Engineer', clearance: 'Secret' },
      report: { receivedOn: '2026-11-02', howReceived: 'records_check', reporter: 'Security office', reporterConfidential: false, narrative: 'Files copied to a USB drive.' },
      indicators: [],
    })) as { ok: true; value: { id: string; number: string } };
    await page.keyboard.press('Alt+2');
    await page.getByRole('row').filter({ hasText: created.value.number }).click();
    await page.getByRole('tab', { name: 'Evidence' }).click();
    await page.getByRole('textbox', { name: 'Received from' }).fill('Security office');

    app.dialogAnswers.push(join(files, 'export-log.pdf'));
    await page.getByRole('button', { name: 'Add file…' }).click();
    await expect(page.getByRole('status').filter({ hasText: '“export-log.pdf” was taken into the vault' })).toBeVisible();
    const preview = page.getByRole('region', { name: 'Preview of export-log.pdf' });
    // The facts stay beside the drawing.
    await expect(preview).toContainText('Quarterly export log');
    await expect(preview.getByText('Page 1 of 2')).toBeVisible();
    const canvas = preview.getByRole('img', { name: 'Page 1 of export-log.pdf' });
    await expect(canvas).toHaveAttribute('data-page', '1');
    // Ink on the page: the dark block is drawn (pixels read back from the canvas).
    const ink = (name: string) =>
      preview.getByRole('img', { name }).evaluate((el) => {
        const c = el as HTMLCanvasElement;
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let dark = 0;
        let red = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r = 255, g = 255, b = 255] = [data[i], data[i + 1], data[i + 2]];
          if (r < 80 && g < 80 && b < 120) dark++;
          if (r > 150 && g < 60 && b < 60) red++;
        }
        return { dark, red, width: c.width };
      });
    const first = await ink('Page 1 of export-log.pdf');
    expect(first.dark).toBeGreaterThan(10_000);
    expect(first.red).toBe(0);
    expect(first.width).toBeGreaterThanOrEqual(600);
    await expect(preview.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await checkScreen(page, 'evidence-pdf-preview');

    // Keyboard to the next page: the red block replaces the dark one.
    await preview.getByRole('button', { name: 'Next page' }).focus();
    await page.keyboard.press('Enter');
    await expect(preview.getByText('Page 2 of 2')).toBeVisible();
    await expect(preview.getByRole('img', { name: 'Page 2 of export-log.pdf' })).toHaveAttribute('data-page', '2');
    const second = await ink('Page 2 of export-log.pdf');
    expect(second.red).toBeGreaterThan(10_000);
    await expect(preview.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await preview.getByRole('button', { name: 'Previous page' }).click();
    await expect(preview.getByText('Page 1 of 2')).toBeVisible();

    // A damaged PDF: a message in words, and the facts that could be read.
    app.dialogAnswers.push(join(files, 'damaged.pdf'));
    await page.getByRole('button', { name: 'Add file…' }).click();
    await expect(page.getByRole('status').filter({ hasText: '“damaged.pdf” was taken into the vault' })).toBeVisible();
    await page.getByRole('button', { name: 'Open damaged.pdf' }).click();
    const broken = page.getByRole('region', { name: 'Preview of damaged.pdf' });
    await expect(broken.getByText(/pages cannot be drawn|could not be drawn/)).toBeVisible();
    await expect(broken).toContainText('PDF version');
    await expect(broken.getByRole('img')).toHaveCount(0);
    await checkScreen(page, 'evidence-pdf-damaged');
    expect(app.pageErrors).toEqual([]);
    expect(app.blockedRequests).toEqual([]);
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
});
