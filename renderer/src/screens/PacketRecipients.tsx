import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { PacketRecipientEntry } from '../../../shared/contract/packets';
import { ageKeyProblem } from '../../../shared/packets/manifest';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { Alert } from '../components/Alert';

/** A fingerprint in groups of four, for reading aloud over the telephone. */
export const groupedFingerprint = (hex: string) => hex.match(/.{1,4}/g)?.join(' ') ?? hex;

/**
 * The address book of packet recipients, kept by the program manager: who
 * receives referral packets, at which agency, under which age public key. The
 * export dialog offers these entries so no one pastes a key at export time.
 */
export function PacketRecipients() {
  const [entries, setEntries] = useState<PacketRecipientEntry[]>([]);
  const [editing, setEditing] = useState<PacketRecipientEntry | null>(null);
  const [name, setName] = useState('');
  const [agency, setAgency] = useState('');
  const [ageKey, setAgeKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [removing, setRemoving] = useState<PacketRecipientEntry | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const formTitleRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      setEntries(await call('packets.recipients', {}));
    } catch (e) {
      setFailure(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (saved !== null) savedRef.current?.focus();
  }, [saved]);

  const reset = () => {
    setEditing(null);
    setName('');
    setAgency('');
    setAgeKey('');
    setErrors({});
  };
  const edit = (entry: PacketRecipientEntry) => {
    setEditing(entry);
    setName(entry.name);
    setAgency(entry.agency);
    setAgeKey(entry.ageKey);
    setErrors({});
    setSaved(null);
    // The form is below the table: take the keyboard there, to the entry being edited.
    requestAnimationFrame(() => formTitleRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (name.trim() === '') next['name'] = 'Give the recipient’s name.';
    if (agency.trim() === '') next['agency'] = 'Give the recipient’s agency.';
    const keyProblem = ageKeyProblem(ageKey);
    if (keyProblem !== null) next['ageKey'] = keyProblem;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      const entry = await call('packets.saveRecipient', { ...(editing === null ? {} : { id: editing.id }), name: name.trim(), agency: agency.trim(), ageKey: ageKey.trim() });
      setFailure(null);
      setSaved(`${editing === null ? 'Added' : 'Saved'} ${entry.name} (${entry.agency}). Read this fingerprint back with them: ${groupedFingerprint(entry.fingerprint)}`);
      reset();
      await load();
    } catch (e) {
      setFailure(errorMessage(e));
    }
  };

  const remove = async (entry: PacketRecipientEntry) => {
    try {
      await call('packets.removeRecipient', { id: entry.id });
      setRemoving(null);
      setSaved(`Removed ${entry.name} (${entry.agency}) from the address book.`);
      if (editing?.id === entry.id) reset();
      await load();
    } catch (e) {
      setRemoving(null);
      setFailure(errorMessage(e));
    }
  };

  return (
    <section className="card stack" aria-labelledby="recipients-title">
      <h2 id="recipients-title">Packet recipients</h2>
      <p className="muted">The agencies that receive referral packets and their age public keys. Confirm each fingerprint with the recipient by telephone or in person before relying on it.</p>
      {failure !== null ? (
        <Alert kind="error">
          {failure}
        </Alert>
      ) : null}
      {saved !== null ? (
        <Alert kind="ok" tabIndex={-1} ref={savedRef}>
          {saved}
        </Alert>
      ) : null}
      {entries.length === 0 ? (
        <p className="muted">No recipients yet.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Agency</th>
              <th scope="col">Key fingerprint</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.name}</td>
                <td>{entry.agency}</td>
                <td className="mono wrap" title={entry.ageKey}>
                  {groupedFingerprint(entry.fingerprint.slice(0, 32))} …
                </td>
                <td className="row">
                  <button type="button" className="btn-link" onClick={() => edit(entry)} aria-label={`Edit ${entry.name}`}>
                    Edit
                  </button>
                  <button type="button" className="btn-link" onClick={() => setRemoving(entry)} aria-label={`Remove ${entry.name}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="recipient-form-title">
        <h3 id="recipient-form-title" tabIndex={-1} ref={formTitleRef}>{editing === null ? 'Add a recipient' : `Edit ${editing.name}`}</h3>
        <div className="grid-2">
          <Field label="Recipient name" required error={errors['name']}>
            {(p) => <input {...p} type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Agency" required error={errors['agency']}>
            {(p) => <input {...p} type="text" maxLength={200} value={agency} onChange={(e) => setAgency(e.target.value)} />}
          </Field>
        </div>
        <Field label="Age public key" required error={errors['ageKey']} hint="As the recipient gave it: age1 followed by 58 characters.">
          {(p) => <input {...p} type="text" className="mono" placeholder="age1…" maxLength={500} value={ageKey} onChange={(e) => setAgeKey(e.target.value)} />}
        </Field>
        <div className="row">
          <button type="submit" className="btn btn-primary">
            {editing === null ? 'Add recipient' : 'Save recipient'}
          </button>
          {editing !== null ? (
            <button type="button" className="btn" onClick={reset}>
              Cancel editing
            </button>
          ) : null}
        </div>
      </form>
      {removing !== null ? (
        <Dialog
          title={`Remove ${removing.name}?`}
          onClose={() => setRemoving(null)}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setRemoving(null)}>
                Cancel
              </button>
              <button type="button" className="btn btn-danger" onClick={() => void remove(removing)}>
                Remove recipient
              </button>
            </>
          }
        >
          <p>
            {removing.name} ({removing.agency}) will no longer be offered when a packet is exported. Packets already sent are not affected; the removal is recorded in the audit log.
          </p>
        </Dialog>
      ) : null}
    </section>
  );
}
