import { useEffect, useState } from 'react';
import type { PassphraseAssessment } from '../../../shared/security/passphrase';
import { Field } from './Field';

type Assess = (passphrase: string, context: { userName?: string }) => PassphraseAssessment;

/**
 * The strength estimator carries a few megabytes of dictionaries, so it is
 * loaded on first use as its own chunk, not with the app.
 */
let loading: Promise<Assess> | null = null;
function loadAssessor(): Promise<Assess> {
  loading ??= import('../../../shared/security/passphrase').then((m) => m.assessPassphrase);
  return loading;
}

function useAssessor(): Assess | null {
  const [assess, setAssess] = useState<Assess | null>(null);
  useEffect(() => {
    let live = true;
    void loadAssessor().then((fn) => {
      if (live) setAssess(() => fn);
    });
    return () => {
      live = false;
    };
  }, []);
  return assess;
}

interface PassphraseFieldsProps {
  passphrase: string;
  confirm: string;
  userName: string;
  onPassphrase: (value: string) => void;
  onConfirm: (value: string) => void;
  errors: { passphrase?: string | undefined; confirm?: string | undefined };
  label?: string;
}

const strengthWords = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];
const strengthColours = ['#b3261e', '#c2571a', '#9a6200', '#2e7d4f', '#1d5535'];

/** A new passphrase, typed twice, with live strength feedback that explains itself. */
export function PassphraseFields({ passphrase, confirm, userName, onPassphrase, onConfirm, errors, label = 'Passphrase' }: PassphraseFieldsProps) {
  const assess = useAssessor();
  const assessment = assess === null || passphrase.length === 0 ? null : assess(passphrase, { userName });
  const score = assessment === null ? 0 : assessment.score;
  // Once a submit has shown an error, the hint carries only the suggestions, so the
  // same sentence is not read out twice.
  const feedback =
    passphrase.length === 0
      ? 'Use at least 12 characters; several unrelated words are easy to remember and hard to guess.'
      : assessment === null
        ? 'Checking strength…'
        : [...(errors.passphrase === undefined ? assessment.problems : []), ...assessment.suggestions].join(' ') || 'Good passphrase.';
  return (
    <>
      <Field label={label} required error={errors.passphrase} hint={<span aria-live="polite">{feedback}</span>}>
        {(props) => (
          <input {...props} type="password" autoComplete="new-password" value={passphrase} onChange={(e) => onPassphrase(e.target.value)} />
        )}
      </Field>
      <div className="meter" role="meter" aria-label="Passphrase strength" aria-valuemin={0} aria-valuemax={4} aria-valuenow={score} aria-valuetext={assessment === null ? 'Not rated yet' : strengthWords[score]}>
        <span style={{ width: assessment === null ? '0%' : `${((score + 1) / 5) * 100}%`, background: strengthColours[score] }} />
      </div>
      <div className="hint">Strength: {assessment === null ? '—' : strengthWords[score]}</div>
      <Field label={`Repeat ${label.toLowerCase()}`} required error={errors.confirm}>
        {(props) => <input {...props} type="password" autoComplete="new-password" value={confirm} onChange={(e) => onConfirm(e.target.value)} />}
      </Field>
    </>
  );
}

/** Checks a new passphrase pair; resolves to the inline errors to show (empty when fine). */
export async function passphraseErrors(passphrase: string, confirm: string, userName: string): Promise<{ passphrase?: string; confirm?: string }> {
  const assessment = (await loadAssessor())(passphrase, { userName });
  const errors: { passphrase?: string; confirm?: string } = {};
  if (!assessment.ok) errors.passphrase = assessment.problems.join(' ') || 'This passphrase is too weak.';
  if (confirm !== passphrase) errors.confirm = 'The two passphrases differ.';
  return errors;
}
