import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { PacketVerification } from '../../../shared/contract/packets';
import { call, errorMessage } from '../api/client';
import { Field } from '../components/Field';
import { packetProfile } from '../../../shared/packets/profiles';
import { useNavigation } from '../stores/navigation';
import { Alert } from '../components/Alert';

type History = MethodOutput<'packets.history'>;

/** Referral packets: this workstation's signing key, packets sent, and opening a packet received. */
export function Packets() {
  const go = useNavigation((s) => s.go);
  const [key, setKey] = useState<MethodOutput<'packets.publicKey'> | null>(null);
  const [history, setHistory] = useState<History>([]);
  const [keyKind, setKeyKind] = useState<'identity' | 'passphrase'>('identity');
  const [identity, setIdentity] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [verified, setVerified] = useState<{ path: string; verification: PacketVerification } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('packets.publicKey', {}).then(setKey, (e: unknown) => setError(errorMessage(e)));
    call('packets.history', {}).then(setHistory, (e: unknown) => setError(errorMessage(e)));
  }, []);

  const secret = () => (keyKind === 'identity' ? { identity: identity.trim() } : { passphrase });
  const verify = async () => {
    if (keyKind === 'identity' ? identity.trim() === '' : passphrase === '') {
      setError(keyKind === 'identity' ? 'Paste the age identity (AGE-SECRET-KEY-1…) the packet was encrypted to.' : 'Enter the packet passphrase.');
      return;
    }
    setBusy(true);
    setError(null);
    setVerified(null);
    try {
      const result = await call('packets.verify', secret());
      if (result.status === 'verified') setVerified({ path: result.path, verification: result.verification });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const importCase = async () => {
    if (verified === null) return;
    setBusy(true);
    try {
      const result = await call('packets.import', { path: verified.path, ...secret() });
      if (result.status === 'imported') go({ name: 'case', caseId: result.caseId });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const v = verified?.verification;
  return (
    <section className="screen stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Referral packets</h1>
          <p className="muted">Packets leave on removable media, encrypted to the recipient and signed by this workstation. Export one from a case.</p>
        </div>
      </div>
      {error !== null ? (
        <Alert kind="error">
          {error}
        </Alert>
      ) : null}
      <section className="card stack" aria-labelledby="open-title">
        <h2 id="open-title">Open a received packet</h2>
        <fieldset className="fieldset">
          <legend>Decrypt with</legend>
          <label className="check">
            <input type="radio" name="open-key" checked={keyKind === 'identity'} onChange={() => setKeyKind('identity')} /> Our age identity
          </label>
          <label className="check">
            <input type="radio" name="open-key" checked={keyKind === 'passphrase'} onChange={() => setKeyKind('passphrase')} /> The agreed passphrase
          </label>
          {keyKind === 'identity' ? (
            <Field label="Age identity" hint="Used in memory for this packet only; never stored.">
              {(p) => <textarea {...p} className="mono" rows={2} value={identity} onChange={(e) => setIdentity(e.target.value)} />}
            </Field>
          ) : (
            <Field label="Packet passphrase">
              {(p) => <input {...p} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
            </Field>
          )}
        </fieldset>
        <div className="row">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void verify()}>
            {busy ? 'Verifying…' : 'Choose packet file and verify'}
          </button>
        </div>
        {v !== undefined ? (
          <div className="stack" aria-label="Verified packet">
            <Alert kind={v.signature.pinned ? 'ok' : 'warn'} role="status">
              Signature valid and every file’s SHA-256 matches.{' '}
              {v.signature.pinned ? `Signed by ${v.signature.pinLabel ?? 'a pinned key'}.` : 'The signer’s key is not pinned in this vault: confirm its fingerprint with the sender before importing.'}
            </Alert>
            <dl className="kv">
              <dt>Case</dt>
              <dd className="mono">{v.manifest.case.number}</dd>
              <dt>Profile</dt>
              <dd>{packetProfile(v.manifest.profile).label}</dd>
              <dt>Purpose</dt>
              <dd>{v.manifest.purpose}</dd>
              <dt>Created</dt>
              <dd>
                {v.manifest.createdAt.slice(0, 16).replace('T', ' ')} by {v.manifest.createdBy}
              </dd>
              <dt>Signer fingerprint</dt>
              <dd className="mono wrap">{v.signature.fingerprint}</dd>
              <dt>Manifest SHA-256</dt>
              <dd className="mono wrap">{v.manifestSha256}</dd>
            </dl>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Size</th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {v.files.map((f) => (
                  <tr key={f.name}>
                    <td className="mono">{f.name}</td>
                    <td>{f.size.toLocaleString('en-US')} bytes</td>
                    <td className="mono cite wrap">{f.sha256}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="row">
              <button type="button" className="btn" disabled={busy} onClick={() => void importCase()}>
                Import as a new case
              </button>
            </div>
          </div>
        ) : null}
      </section>
      <div className="grid-2">
        <section className="card stack" aria-labelledby="key-title">
          <h2 id="key-title">This workstation’s signing key</h2>
          <p className="muted">Give recipients this fingerprint (on paper, not on the packet’s medium) so they can pin the key.</p>
          <p className="mono wrap" data-testid="own-fingerprint">
            {key?.fingerprint ?? '…'}
          </p>
        </section>
        <section className="card stack" aria-labelledby="history-title">
          <h2 id="history-title">Packets sent and received</h2>
          {history.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Case</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Profile</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={`${h.packetId}-${h.direction}`}>
                    <td>{h.at.slice(0, 10)}</td>
                    <td className="mono">{h.caseNumber}</td>
                    <td>{h.direction === 'export' ? 'Sent' : 'Received'}</td>
                    <td>{packetProfile(h.profile).label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </section>
  );
}
