import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { HostServices } from '../../electron/backend/context';
import { createCase } from '../../electron/backend/services/cases';
import { disposeCase, setRules } from '../../electron/backend/services/retention';
import { listAudit, verifyAudit } from '../../electron/backend/vault/audit';
import { setSetting } from '../../electron/backend/vault/settings';
import { addUser, unlockVault } from '../../electron/backend/vault/vault';
import { defaultMarkings } from '../../shared/model/markings';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

// A host that behaves like the Electron one from the backend's side: a print dialog
// that the user confirms or cancels, a save dialog with a scripted answer, and PDF
// bytes. The real rendering is covered end to end in test/e2e/printing.spec.ts.
function recordingHost(answers: { savePath?: string | null; printed?: boolean; pdf?: Uint8Array }) {
  const calls: string[] = [];
  const host: HostServices = {
    print: ({ pageSize }) => {
      calls.push(`print ${pageSize}`);
      return Promise.resolve(answers.printed ?? true);
    },
    printToPdf: ({ pageSize }) => {
      calls.push(`pdf ${pageSize}`);
      return Promise.resolve(answers.pdf ?? new TextEncoder().encode('%PDF-1.7\n% a rendered summary\n%%EOF\n'));
    },
    chooseSavePath: ({ defaultName }) => {
      calls.push(`save ${defaultName}`);
      return Promise.resolve(answers.savePath ?? null);
    },
    chooseFolder: () => Promise.resolve(null),
    chooseOpenPath: () => Promise.resolve(null),
  };
  return { host, calls };
}

let vault: TestVault;
let backend: Backend | undefined;
afterEach(() => {
  backend?.context.session?.close();
  backend = undefined;
  vault.cleanup();
});

function backendWith(host: HostServices | undefined): Backend {
  const b = createBackend({ dataDir: dirname(vault.dir), transport: 'harness', version: 'test', now: vault.now, log: () => undefined, kdf: 'fast-insecure-for-tests', ...(host === undefined ? {} : { host }) });
  b.context.session = vault.session;
  backend = b;
  return b;
}

const sections = ['header', 'indicators', 'analysis'] as const;

describe('markings settings', () => {
  it('starts from the defaults, lets the program manager change them, and audits the changed fields', async () => {
    vault = await createTestVault();
    const b = backendWith(undefined);
    expect(await b.invoke('settings.markings', {})).toEqual({ ok: true, value: defaultMarkings });
    const next = { ...defaultMarkings, disseminationControls: ['FED ONLY'], designation: { ...defaultMarkings.designation, poc: 'J. Ortiz, 555-0100' } };
    expect(await b.invoke('settings.setMarkings', next)).toEqual({ ok: true, value: next });
    expect(await b.invoke('settings.markings', {})).toEqual({ ok: true, value: next });
    const [event] = listAudit(vault.session.db, { limit: 1 });
    expect(event).toMatchObject({ action: 'settings.markings', actor: 'Dana Whitfield', detail: { changed: ['disseminationControls', 'designation'] } });
    expect(verifyAudit(vault.session.db).ok).toBe(true);
  });

  it('refuses invalid markings and changes by anyone but a program manager', async () => {
    vault = await createTestVault();
    const b = backendWith(undefined);
    const bad = await b.invoke('settings.setMarkings', { ...defaultMarkings, categories: ['prvcy'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await addUser(vault.session, { name: 'Alex Analyst', role: 'analyst', passphrase: TEST_PASSPHRASE }, { now: vault.now, kdf: 'fast-insecure-for-tests' });
    const analyst = await unlockVault(vault.dir, 'Alex Analyst', TEST_PASSPHRASE, { now: vault.now, kdf: 'fast-insecure-for-tests' });
    b.context.session = analyst;
    try {
      expect(await b.invoke('settings.markings', {})).toMatchObject({ ok: true });
      expect(await b.invoke('settings.setMarkings', defaultMarkings)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      analyst.close();
      b.context.session = vault.session;
    }
  });

  it('prints with the defaults rather than unmarked when the stored value is damaged', async () => {
    vault = await createTestVault();
    setSetting(vault.session.db, 'markings', '{"banner":');
    expect(await backendWith(undefined).invoke('settings.markings', {})).toEqual({ ok: true, value: defaultMarkings });
  });
});

describe('print.case', () => {
  it('saves the PDF atomically where the user chose and records the sections, paper and hash', async () => {
    vault = await createTestVault();
    const { id, number } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const out = join(dirname(vault.dir), 'media');
    mkdirSync(out);
    const target = join(out, 'summary.pdf');
    const { host, calls } = recordingHost({ savePath: target });
    const result = await backendWith(host).invoke('print.case', { caseId: id, sections: [...sections], pageSize: 'Letter', mode: 'pdf', revealed: false });
    const bytes = readFileSync(target);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(result).toEqual({ ok: true, value: { done: true, path: target, sha256 } });
    expect(calls).toEqual([`save ${number} case summary.pdf`, 'pdf Letter']);
    expect(readdirSync(out)).toEqual(['summary.pdf']);
    const [event] = listAudit(vault.session.db, { limit: 1 });
    expect(event).toMatchObject({ action: 'case.print_pdf', caseId: id, detail: { number, sections: [...sections], pageSize: 'Letter', revealed: false, training: false, bytes: bytes.length, sha256 } });
    expect(verifyAudit(vault.session.db).ok).toBe(true);
  });

  it('suggests a file name starting with TRAINING in a training vault and records the print as a training one', async () => {
    vault = await createTestVault({ training: true });
    const { id, number } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const target = join(dirname(vault.dir), 'training summary.pdf');
    const { host, calls } = recordingHost({ savePath: target });
    expect(await backendWith(host).invoke('print.case', { caseId: id, sections: ['overview'], pageSize: 'A4', mode: 'pdf', revealed: false })).toMatchObject({ ok: true, value: { done: true } });
    expect(calls).toEqual([`save TRAINING ${number} case summary.pdf`, 'pdf A4']);
    expect(listAudit(vault.session.db, { limit: 1 })[0]).toMatchObject({ action: 'case.print_pdf', detail: { number, training: true } });
    const packet = { caseNumber: number, recipient: 'DITMAC', packetId: 'PKT-7Q2M', manifestSha256: 'a'.repeat(64), createdAt: '2026-11-20T09:00:00Z', createdBy: 'Dana Whitfield' };
    const printed = recordingHost({ printed: true });
    expect(await backendWith(printed.host).invoke('print.coverSheet', { packet, pageSize: 'A4', mode: 'print' })).toMatchObject({ ok: true, value: { done: true } });
    expect(listAudit(vault.session.db, { limit: 1 })[0]).toMatchObject({ action: 'packet.cover_sheet_print', detail: { packetId: 'PKT-7Q2M', training: true } });
  });

  it('prints through the system dialog and records it; a cancelled dialog records nothing', async () => {
    vault = await createTestVault();
    const { id } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const printed = recordingHost({ printed: true });
    expect(await backendWith(printed.host).invoke('print.case', { caseId: id, sections: ['overview'], pageSize: 'A4', mode: 'print', revealed: true })).toEqual({
      ok: true,
      value: { done: true, path: null, sha256: null },
    });
    expect(printed.calls).toEqual(['print A4']);
    expect(listAudit(vault.session.db, { limit: 1 })[0]).toMatchObject({ action: 'case.print', detail: { sections: ['overview'], pageSize: 'A4', revealed: true } });
    const before = listAudit(vault.session.db, { limit: 500 }).length;
    const cancelled = recordingHost({ printed: false, savePath: null });
    const b = backendWith(cancelled.host);
    expect(await b.invoke('print.case', { caseId: id, sections: ['overview'], pageSize: 'A4', mode: 'print', revealed: false })).toMatchObject({ ok: true, value: { done: false } });
    expect(await b.invoke('print.case', { caseId: id, sections: ['overview'], pageSize: 'A4', mode: 'pdf', revealed: false })).toMatchObject({ ok: true, value: { done: false, path: null } });
    expect(cancelled.calls).toEqual(['print A4', `save ${'OR-2026-0001'} case summary.pdf`]);
    expect(listAudit(vault.session.db, { limit: 500 })).toHaveLength(before);
  });

  it('leaves nothing behind and records nothing when the folder cannot be written', async () => {
    vault = await createTestVault();
    const { id } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const target = join(dirname(vault.dir), 'no-such-volume', 'summary.pdf');
    const before = listAudit(vault.session.db, { limit: 500 }).length;
    const result = await backendWith(recordingHost({ savePath: target }).host).invoke('print.case', { caseId: id, sections: ['overview'], pageSize: 'A4', mode: 'pdf', revealed: false });
    expect(result).toEqual({ ok: false, error: { code: 'io', message: 'The PDF could not be written there (ENOENT). Nothing was saved.' } });
    expect(existsSync(target)).toBe(false);
    expect(listAudit(vault.session.db, { limit: 500 })).toHaveLength(before);
  });

  it('refuses bytes that are not a PDF, unknown cases, bad section lists, and a backend without a window', async () => {
    vault = await createTestVault();
    const { id } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const target = join(dirname(vault.dir), 'x.pdf');
    const notPdf = backendWith(recordingHost({ savePath: target, pdf: new Uint8Array([1, 2, 3, 4, 5, 6]) }).host);
    expect(await notPdf.invoke('print.case', { caseId: id, sections: ['overview'], pageSize: 'A4', mode: 'pdf', revealed: false })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(existsSync(target)).toBe(false);
    expect(await notPdf.invoke('print.case', { caseId: 'nope', sections: ['overview'], pageSize: 'A4', mode: 'pdf', revealed: false })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await notPdf.invoke('print.case', { caseId: id, sections: [], pageSize: 'A4', mode: 'pdf', revealed: false })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await notPdf.invoke('print.case', { caseId: id, sections: ['overview', 'overview'], pageSize: 'A4', mode: 'pdf', revealed: false })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await notPdf.invoke('print.case', { caseId: id, sections: ['overview'], pageSize: 'A3', mode: 'pdf', revealed: false })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const windowless = backendWith(undefined);
    expect(await windowless.invoke('print.case', { caseId: id, sections: ['overview'], pageSize: 'A4', mode: 'print', revealed: false })).toMatchObject({ ok: false, error: { code: 'io' } });
  });
});

describe('print.coverSheet', () => {
  it('saves the cover sheet and records the packet id and manifest hash against the case', async () => {
    vault = await createTestVault();
    const { id, number } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const target = join(dirname(vault.dir), 'cover.pdf');
    const packet = { caseNumber: number, recipient: 'DITMAC', packetId: 'PKT-7Q2M', manifestSha256: 'a'.repeat(64), createdAt: '2026-11-20T09:00:00Z', createdBy: 'Dana Whitfield' };
    const result = await backendWith(recordingHost({ savePath: target }).host).invoke('print.coverSheet', { packet, pageSize: 'A4', mode: 'pdf' });
    expect(result).toMatchObject({ ok: true, value: { done: true, path: target } });
    expect(listAudit(vault.session.db, { limit: 1 })[0]).toMatchObject({ action: 'packet.cover_sheet_pdf', caseId: id, detail: { packetId: 'PKT-7Q2M', manifestSha256: 'a'.repeat(64) } });
    const bad = await backendWith(recordingHost({}).host).invoke('print.coverSheet', { packet: { ...packet, manifestSha256: 'xyz' }, pageSize: 'A4', mode: 'print' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('print.dispositionCertificate', () => {
  it('prints the certificate of a disposed case and records it against the disposition; a case not disposed of has none', async () => {
    vault = await createTestVault();
    const db = vault.session.db;
    const { id, number } = createCase(db, vault.session.user, gamblingIntake(), vault.now());
    const kept = createCase(db, vault.session.user, gamblingIntake('kept'), vault.now());
    db.prepare("UPDATE cases SET status = 'closed', closed_at = '2015-03-02T09:00:00Z' WHERE id = ?").run(id);
    await setRules(db, vault.session.user, [{ status: 'closed', program: 'any', years: 5, measuredFrom: 'closure', authority: 'Records schedule 5.6, item 230' }], vault.now());
    const { certificate } = await disposeCase(db, vault.session.user, id, number, 'Retention period over under schedule 5.6', vault.now());

    const target = join(dirname(vault.dir), 'certificate.pdf');
    const { host, calls } = recordingHost({ savePath: target });
    const saved = await backendWith(host).invoke('print.dispositionCertificate', { caseId: id, pageSize: 'Letter', mode: 'pdf' });
    expect(saved).toMatchObject({ ok: true, value: { done: true, path: target } });
    expect(calls).toEqual([`save ${number} disposition certificate.pdf`, 'pdf Letter']);
    expect(listAudit(db, { limit: 1 })[0]).toMatchObject({
      action: 'retention.certificate_pdf',
      caseId: id,
      detail: { number, dispositionSeq: certificate.audit.seq, pageSize: 'Letter' },
    });
    expect(await backendWith(recordingHost({}).host).invoke('print.dispositionCertificate', { caseId: id, pageSize: 'A4', mode: 'print' })).toMatchObject({ ok: true, value: { done: true } });
    expect(listAudit(db, { limit: 1 })[0]).toMatchObject({ action: 'retention.certificate_print', caseId: id });

    const before = listAudit(db, { limit: 500 }).length;
    const none = await backendWith(recordingHost({ savePath: target }).host).invoke('print.dispositionCertificate', { caseId: kept.id, pageSize: 'A4', mode: 'pdf' });
    expect(none).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(listAudit(db, { limit: 500 })).toHaveLength(before);
    expect(verifyAudit(db).ok).toBe(true);
  });
});
