import { fieldLabel } from '../../../../shared/labels';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import type { PacketExportResult, PacketRecipientEntry } from '../../../../shared/contract/packets';
import { ageKeyProblem } from '../../../../shared/packets/manifest';
import type { PacketPreview, PacketSelectionInput } from '../../../../shared/packets/minimize';
import type { PacketProfileId } from '../../../../shared/packets/profiles';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { groupedFingerprint } from '../PacketRecipients';
import { Alert } from '../../components/Alert';

/** What the cover sheet needs of a packet just written. */
export interface WrittenPacket {
  recipient: string;
  packetId: string;
  manifestSha256: string;
  createdAt: string;
}

type Profiles = MethodOutput<'packets.profiles'>;

const kib = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`);

/**
 * Export a referral packet: choose the recipient's profile, see exactly what will
 * leave the hub, adjust, encrypt to the recipient, and write to removable media.
 */
export function ExportPacketDialog({ caseId, onClose, onCoverSheet }: { caseId: string; onClose: () => void; onCoverSheet?: (packet: WrittenPacket) => void }) {
  const [profiles, setProfiles] = useState<Profiles>([]);
  const [profile, setProfile] = useState<PacketProfileId>('consultation');
  const [sections, setSections] = useState<Record<string, boolean>>({});
  const [confidential, setConfidential] = useState(false);
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const [evidence, setEvidence] = useState<MethodOutput<'evidence.list'>>([]);
  const [preview, setPreview] = useState<PacketPreview | null>(null);
  const [keyKind, setKeyKind] = useState<'recipient' | 'passphrase'>('recipient');
  const [recipientKey, setRecipientKey] = useState('');
  const [addressBook, setAddressBook] = useState<PacketRecipientEntry[]>([]);
  const [recipientId, setRecipientId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PacketExportResult | null>(null);

  /** A field's message goes as soon as the field is changed; the next export checks again. */
  const edited = (field: string) =>
    setErrors((current) => {
      if (!(field in current)) return current;
      const { [field]: _gone, ...rest } = current;
      return rest;
    });

  const selection: PacketSelectionInput = { sections, includeConfidentialSources: confidential, evidenceIds };
  useEffect(() => {
    call('packets.profiles', {}).then(setProfiles, (e: unknown) => setFailure(errorMessage(e)));
  }, []);
  useEffect(() => {
    call('packets.recipients', {}).then(setAddressBook, (e: unknown) => setFailure(errorMessage(e)));
  }, []);
  const chosen = addressBook.find((r) => r.id === recipientId) ?? null;
  useEffect(() => {
    call('evidence.list', { caseId }).then(setEvidence, (e: unknown) => setFailure(errorMessage(e)));
  }, [caseId]);
  useEffect(() => {
    call('packets.preview', { caseId, profile, selection: { sections, includeConfidentialSources: confidential, evidenceIds } }).then(setPreview, (e: unknown) => setFailure(errorMessage(e)));
  }, [caseId, profile, sections, confidential, evidenceIds]);

  const exportPacket = async () => {
    const next: Record<string, string> = {};
    if (purpose.trim() === '') next['purpose'] = 'Say what the packet is for.';
    const keyProblem = keyKind === 'recipient' && chosen === null ? ageKeyProblem(recipientKey) : null;
    if (keyProblem !== null) next['recipientKey'] = keyProblem;
    if (keyKind === 'passphrase' && passphrase.length < 12) next['passphrase'] = 'Use a passphrase of at least 12 characters agreed with the recipient.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const written = await call('packets.export', {
        caseId,
        profile,
        selection,
        purpose: purpose.trim(),
        ...(keyKind === 'recipient' ? { recipientKey: chosen?.ageKey ?? recipientKey.trim() } : { passphrase }),
      });
      if (written.status === 'written') setResult(written);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (result !== null) {
    return (
      <Dialog
        title="Packet written and verified"
        onClose={onClose}
        actions={
          <>
            {onCoverSheet !== undefined ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  const profileLabel = profiles.find((x) => x.id === profile)?.label ?? profile;
                  onCoverSheet({
                    recipient: chosen === null ? profileLabel : `${chosen.name}, ${chosen.agency}`,
                    packetId: result.packetId,
                    manifestSha256: result.manifestSha256,
                    createdAt: result.createdAt,
                  });
                }}
              >
                Print its cover sheet…
              </button>
            ) : null}
            <button type="button" className="btn btn-primary" onClick={onClose}>
              Done
            </button>
          </>
        }
      >
        <Alert kind="ok">
          The packet was read back from the medium and every hash matched.
        </Alert>
        <dl className="kv">
          <dt>File</dt>
          <dd className="mono wrap">{result.path}</dd>
          <dt>Size</dt>
          <dd>{kib(result.bytes)}</dd>
          <dt>Packet SHA-256</dt>
          <dd className="mono wrap">{result.sha256}</dd>
          <dt>Manifest SHA-256</dt>
          <dd className="mono wrap">{result.manifestSha256}</dd>
        </dl>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Export a referral packet"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" data-dialog-close onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || preview === null} onClick={() => void exportPacket()}>
            {busy ? 'Writing and verifying…' : 'Choose medium and export'}
          </button>
        </>
      }
    >
      <div className="stack packet-dialog">
        {failure !== null ? (
          <Alert kind="error">
            {failure}
          </Alert>
        ) : null}
        <Field label="Recipient profile" hint="Preselects what this recipient needs; everything else stays in the hub.">
          {(p) => (
            <select
              {...p}
              value={profile}
              onChange={(e) => {
                setProfile(e.target.value as PacketProfileId);
                setSections({});
              }}
            >
              {profiles.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {preview !== null ? (
          <section aria-labelledby="preview-title" className="stack">
            <h3 id="preview-title">What the packet will hold</h3>
            <p>
              Subject:{' '}
              {preview.subject.identified ? (
                <strong>identified ({preview.subject.fields.map((f) => fieldLabel(f).toLowerCase()).join(', ')})</strong>
              ) : (
                <span>
                  pseudonymous only (<span className="mono">{preview.subject.displayId}</span>)
                </span>
              )}
            </p>
            <fieldset className="fieldset">
              <legend>Sections</legend>
              {preview.sections.map((s) => (
                <label key={s.id} className="check">
                  <input type="checkbox" checked={s.included} onChange={(e) => setSections((m) => ({ ...m, [s.id]: e.target.checked }))} />
                  {s.label} <span className="muted">({s.included ? `${s.count} of ${s.total}` : `0 of ${s.total}`})</span>
                </label>
              ))}
            </fieldset>
            {preview.confidentialSources.total > 0 ? (
              <label className="check">
                <input type="checkbox" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} />
                Include {preview.confidentialSources.total} confidential source{preview.confidentialSources.total === 1 ? '' : 's'} (withheld by default)
              </label>
            ) : null}
            {preview.warnings.map((w) => (
              <Alert kind="warn" role={null} key={w.code}>
                {w.message}
              </Alert>
            ))}
            {evidence.length === 0 ? (
              <p className="muted">Evidence files: the case has none.</p>
            ) : (
              <fieldset className="fieldset">
                <legend>Evidence files to send</legend>
                {evidence.map((e) => (
                  <label key={e.id} className="check">
                    <input
                      type="checkbox"
                      checked={evidenceIds.includes(e.id)}
                      onChange={(event) => setEvidenceIds((ids) => (event.target.checked ? [...ids, e.id] : ids.filter((id) => id !== e.id)))}
                    />
                    {e.name} <span className="muted">({kib(e.size)}, SHA-256 {e.sha256.slice(0, 12)}…)</span>
                  </label>
                ))}
                <p className="muted">
                  {preview.evidence.length === 0 ? 'None chosen: the packet lists the evidence (if its profile includes the list) but carries no files.' : `${preview.evidence.length} chosen (${kib(preview.evidenceBytes)}).`}
                </p>
              </fieldset>
            )}
          </section>
        ) : (
          <p className="muted">Computing what the packet will hold…</p>
        )}
        <fieldset className="fieldset">
          <legend>Encrypt for</legend>
          <label className="check">
            <input type="radio" name="packet-key" checked={keyKind === 'recipient'} onChange={() => setKeyKind('recipient')} /> The recipient’s age public key
          </label>
          <label className="check">
            <input type="radio" name="packet-key" checked={keyKind === 'passphrase'} onChange={() => setKeyKind('passphrase')} /> A passphrase agreed with the recipient
          </label>
          {keyKind === 'recipient' && addressBook.length > 0 ? (
            <Field label="Recipient from the address book" hint={chosen === null ? 'Or paste a key below.' : `Key fingerprint ${groupedFingerprint(chosen.fingerprint)}`}>
              {(p) => (
                <select {...p} value={recipientId} onChange={(e) => { setRecipientId(e.target.value); edited('recipientKey'); }}>
                  <option value="">Not in the address book (paste the key)</option>
                  {addressBook.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}, {r.agency}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          {keyKind === 'recipient' && chosen === null ? (
            <Field label="Recipient public key" required error={errors['recipientKey']}>
              {(p) => <input {...p} type="text" className="mono" placeholder="age1…" value={recipientKey} onChange={(e) => { setRecipientKey(e.target.value); edited('recipientKey'); }} />}
            </Field>
          ) : keyKind === 'recipient' ? null : (
            <Field label="Packet passphrase" required error={errors['passphrase']}>
              {(p) => <input {...p} type="password" value={passphrase} onChange={(e) => { setPassphrase(e.target.value); edited('passphrase'); }} />}
            </Field>
          )}
        </fieldset>
        <Field label="Purpose" required error={errors['purpose']}>
          {(p) => <input {...p} type="text" value={purpose} onChange={(e) => { setPurpose(e.target.value); edited('purpose'); }} />}
        </Field>
      </div>
    </Dialog>
  );
}
