import { useState } from 'react';
import { useSession } from '../../stores/session';

/**
 * The recovery key, shown once. It is the vault's database key: with it an
 * administrator can open the data with standard SQLCipher 4 tools.
 */
export function RecoveryKey({ recoveryKey }: { recoveryKey: string }) {
  const confirm = useSession((s) => s.confirmRecoveryKeyStored);
  const [stored, setStored] = useState(false);
  return (
    <div className="center-screen">
      <section className="card auth-card stack recovery-sheet" aria-labelledby="recovery-title">
        <div>
          <h1 id="recovery-title">Store the recovery key</h1>
          <p>
            This key opens the vault if every passphrase is lost. It is shown <strong>only now</strong>. Print it or write it down, and keep it
            where your program keeps its most sensitive records.
          </p>
        </div>
        <div className="recovery-key" aria-label="Recovery key" data-testid="recovery-key">
          {recoveryKey}
        </div>
        <p className="muted">Anyone holding this key can read every case in the vault. Never store it on this workstation.</p>
        <div className="row no-print">
          <button type="button" className="btn" onClick={() => window.print()}>
            Print
          </button>
        </div>
        <label className="row no-print">
          <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />I have stored the recovery key safely
        </label>
        <div className="row no-print">
          <button type="button" className="btn btn-primary" disabled={!stored} onClick={confirm}>
            Continue
          </button>
        </div>
      </section>
    </div>
  );
}
