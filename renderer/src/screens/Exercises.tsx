import { exercises } from '../../../shared/domain';
import { ExerciseCard } from '../components/ExerciseCard';

/** The review activities of the mitigation guide, for practice in the training vault. */
export function Exercises() {
  return (
    <section className="screen stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Review activities</h1>
          <p className="muted">The mitigation guide’s review activities, with its answer key’s feedback after each answer.</p>
        </div>
      </div>
      {exercises.map((e) => (
        <ExerciseCard key={e.id} exerciseId={e.id} />
      ))}
    </section>
  );
}
