import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useSession } from '../stores/session';
import { Alert } from './Alert';

/** The way into the training vault, from the first-run and unlock screens. */
export function TrainingEntry() {
  const openTraining = useSession((s) => s.openTraining);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="training-entry stack">
      <p className="muted">New to the hub? Practise the whole workflow on the guides’ fictional cases, in a separate training vault that never touches real case data.</p>
      {error !== null ? (
        <Alert kind="error">
          {error}
        </Alert>
      ) : null}
      <div className="row">
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            openTraining().catch((e: unknown) => {
              setError(errorMessage(e));
              setBusy(false);
            });
          }}
        >
          {busy ? 'Opening the training vault…' : 'Open training vault'}
        </button>
      </div>
    </div>
  );
}
