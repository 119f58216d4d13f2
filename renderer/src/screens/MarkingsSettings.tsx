import { useEffect, useState, type FormEvent } from 'react';
import { bannerLine, markingsSchema, type Markings } from '../../../shared/model/markings';
import { call, errorMessage } from '../api/client';
import { Field } from '../components/Field';
import { fieldErrors } from '../forms';
import { Alert } from '../components/Alert';

interface Draft {
  banner: string;
  categories: string;
  disseminationControls: string;
  controlledBy: string;
  category: string;
  dissemination: string;
  poc: string;
  portionMark: string;
  watermarkWithUserName: boolean;
}

const toDraft = (m: Markings): Draft => ({
  banner: m.banner,
  categories: m.categories.join(', '),
  disseminationControls: m.disseminationControls.join(', '),
  controlledBy: m.designation.controlledBy,
  category: m.designation.category,
  dissemination: m.designation.dissemination,
  poc: m.designation.poc,
  portionMark: m.portionMark,
  watermarkWithUserName: m.watermarkWithUserName,
});

const list = (text: string) =>
  text
    .split(/[,/]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');

const fromDraft = (d: Draft) => ({
  banner: d.banner,
  categories: list(d.categories),
  disseminationControls: list(d.disseminationControls),
  designation: { controlledBy: d.controlledBy, category: d.category, dissemination: d.dissemination, poc: d.poc },
  portionMark: d.portionMark,
  watermarkWithUserName: d.watermarkWithUserName,
});

/** Markings on every printed page, set once by the program manager. */
export function MarkingsSettings() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    call('settings.markings', {})
      .then((m) => setDraft(toDraft(m)))
      .catch((error: unknown) => setMessage({ kind: 'error', text: errorMessage(error) }));
  }, []);

  if (draft === null) return <section className="card" aria-label="Markings">{message?.text ?? 'Loading the markings…'}</section>;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const parsed = markingsSchema.safeParse(fromDraft(draft));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setMessage({ kind: 'error', text: 'The markings were not saved: correct the fields marked below.' });
      return;
    }
    setErrors({});
    try {
      setDraft(toDraft(await call('settings.setMarkings', parsed.data)));
      setMessage({ kind: 'ok', text: 'Markings saved. Every printout from now on carries them; the change is recorded in the audit log.' });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  const err = (key: string) => errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];
  return (
    <form className="card stack span-2" onSubmit={(e) => void save(e)} noValidate aria-labelledby="markings-title">
      <h2 id="markings-title">Markings on printouts</h2>
      <p className="hint">
        Printed on every page of every case summary and cover sheet: the banner line at the top and bottom, the designation indicator on the first page, a portion mark on each
        section, and optionally a watermark with the name of the person printing.
      </p>
      {message !== null ? (
        <Alert kind={message.kind} role="status">
          {message.text}
        </Alert>
      ) : null}
      <div className="grid-3">
        <Field label="Banner marking" required error={err('banner')} hint="For example CUI">
          {(p) => <input {...p} type="text" value={draft.banner} onChange={(e) => set({ banner: e.target.value })} />}
        </Field>
        <Field label="CUI categories" error={err('categories')} hint="Upper-case abbreviations, separated by commas, e.g. PRVCY">
          {(p) => <input {...p} type="text" value={draft.categories} onChange={(e) => set({ categories: e.target.value })} />}
        </Field>
        <Field label="Limited dissemination controls" error={err('disseminationControls')} hint="E.g. FED ONLY, NOFORN">
          {(p) => <input {...p} type="text" value={draft.disseminationControls} onChange={(e) => set({ disseminationControls: e.target.value })} />}
        </Field>
      </div>
      <p>
        Banner line: <strong className="mono">{parsed.success ? bannerLine(parsed.data) : '—'}</strong>
      </p>
      <div className="grid-2">
        <Field label="Controlled by" required error={err('designation.controlledBy')}>
          {(p) => <input {...p} type="text" value={draft.controlledBy} onChange={(e) => set({ controlledBy: e.target.value })} />}
        </Field>
        <Field label="CUI category (designation block)" error={err('designation.category')}>
          {(p) => <input {...p} type="text" value={draft.category} onChange={(e) => set({ category: e.target.value })} />}
        </Field>
        <Field label="Dissemination / distribution" error={err('designation.dissemination')}>
          {(p) => <input {...p} type="text" value={draft.dissemination} onChange={(e) => set({ dissemination: e.target.value })} />}
        </Field>
        <Field label="Point of contact (POC)" required error={err('designation.poc')}>
          {(p) => <input {...p} type="text" value={draft.poc} onChange={(e) => set({ poc: e.target.value })} />}
        </Field>
        <Field label="Portion mark" required error={err('portionMark')} hint="Printed in parentheses before each section, e.g. CUI → (CUI)">
          {(p) => <input {...p} type="text" value={draft.portionMark} onChange={(e) => set({ portionMark: e.target.value })} />}
        </Field>
        <label className="check">
          <input type="checkbox" checked={draft.watermarkWithUserName} onChange={(e) => set({ watermarkWithUserName: e.target.checked })} /> Watermark every page with the name of the
          person printing
        </label>
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Save markings
        </button>
      </div>
    </form>
  );
}
