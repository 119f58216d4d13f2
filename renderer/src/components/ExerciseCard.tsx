import { useId, useState } from 'react';
import { citationText, exerciseById, type Exercise } from '../../../shared/domain';
import { classifyAnswerIsRight } from '../../../shared/domain/exerciseGrading';
import { Alert } from './Alert';

/**
 * A review activity of the mitigation guide as a short interactive check, with the
 * answer key's feedback once answered. Shown in the training vault only.
 */
export function ExerciseCard({ exerciseId }: { exerciseId: string }) {
  const exercise = exerciseById(exerciseId);
  if (exercise === undefined) return null;
  return exercise.kind === 'classify' ? <ClassifyCard exercise={exercise} /> : <ChoiceCard exercise={exercise} />;
}

function ChoiceCard({ exercise }: { exercise: Extract<Exercise, { kind: 'single_choice' | 'multiple_choice' }> }) {
  const id = useId();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [checked, setChecked] = useState(false);
  const single = exercise.kind === 'single_choice';
  const correct = exercise.choices.every((c) => c.correct === picked.has(c.id));
  const toggle = (choice: string, on: boolean) =>
    setPicked((p) => {
      const next = single ? new Set<string>() : new Set(p);
      if (on) next.add(choice);
      else next.delete(choice);
      return next;
    });
  return (
    <section className="card exercise stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Review activity {exercise.lesson}.{exercise.activity}</h2>
      <p>{exercise.prompt}</p>
      <fieldset className="fieldset">
        <legend>{single ? 'Choose one' : 'Choose all that apply'}</legend>
        {exercise.choices.map((c) => (
          <label key={c.id} className="check">
            <input type={single ? 'radio' : 'checkbox'} name={id} checked={picked.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} /> {c.text}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="button" className="btn" disabled={picked.size === 0} onClick={() => setChecked(true)}>
          Check answer
        </button>
      </div>
      {checked ? (
        <Alert kind={correct ? 'ok' : 'warn'} role="status">
          <strong>{correct ? 'Correct.' : 'Not quite.'}</strong> {exercise.feedback}
          <div className="cite">{citationText(exercise.answerSource)}</div>
        </Alert>
      ) : null}
    </section>
  );
}

function ClassifyCard({ exercise }: { exercise: Extract<Exercise, { kind: 'classify' }> }) {
  const id = useId();
  const [answers, setAnswers] = useState<Map<string, readonly string[]>>(new Map());
  const [checked, setChecked] = useState(false);
  const pick = (itemId: string, picked: readonly string[]) => setAnswers((m) => new Map(m).set(itemId, picked));
  const toggle = (itemId: string, category: string, on: boolean) => {
    const before = answers.get(itemId) ?? [];
    // Keep the categories in the exercise's order, whatever order they were ticked in.
    const next = exercise.categories.map((c) => c.id).filter((c) => (c === category ? on : before.includes(c)));
    pick(itemId, next);
  };
  const answered = [...answers.values()].some((a) => a.length > 0);
  return (
    <section className="card exercise stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Review activity {exercise.lesson}.{exercise.activity}</h2>
      <p>{exercise.prompt}</p>
      {exercise.multiple ? <p className="muted">An item may apply to several; tick every one that applies.</p> : null}
      <ul className="classify">
        {exercise.items.map((item) => {
          const picked = answers.get(item.id) ?? [];
          const right = classifyAnswerIsRight(exercise, item, picked);
          return (
            <li key={item.id}>
              {exercise.multiple ? (
                <fieldset className="fieldset classify-multiple">
                  <legend>{item.text}</legend>
                  {exercise.categories.map((c) => (
                    <label key={c.id} className="check">
                      <input type="checkbox" checked={picked.includes(c.id)} onChange={(e) => toggle(item.id, c.id, e.target.checked)} /> {c.label}
                    </label>
                  ))}
                </fieldset>
              ) : (
                <>
                  <span>{item.text}</span>
                  <select aria-label={`Classify: ${item.text}`} value={picked[0] ?? ''} onChange={(e) => pick(item.id, e.target.value === '' ? [] : [e.target.value])}>
                    <option value="">Choose…</option>
                    {exercise.categories.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                </>
              )}
              {checked ? (
                <span className={right ? 'ok-text' : 'warn-text'} role="status">
                  {right ? 'Correct.' : 'Not quite.'} {item.feedback}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div className="row">
        <button type="button" className="btn" disabled={!answered} onClick={() => setChecked(true)}>
          Check answers
        </button>
      </div>
      {checked ? <div className="cite">{citationText(exercise.answerSource)}</div> : null}
    </section>
  );
}
