import { describe, expect, it } from 'vitest';
import { loadEvaluateFixture } from '../../test/helpers/fixtures';
import { catalog, optionById } from './catalog';
import { evaluate } from './evaluate/evaluate';
import { exerciseById, exercises, type ChoiceExercise, type ClassifyExercise } from './exercises';
import { programTypes, type ProgramType } from './ids';
import { reportingObligations } from './reporting/obligations';
import { ditmacThresholds } from './reporting/ditmacThresholds';

function choiceExercise(id: string): ChoiceExercise {
  const e = exerciseById(id);
  if (e === undefined || e.kind === 'classify') throw new Error(`no choice exercise ${id}`);
  return e;
}
function classifyExercise(id: string): ClassifyExercise {
  const e = exerciseById(id);
  if (e === undefined || e.kind !== 'classify') throw new Error(`no classify exercise ${id}`);
  return e;
}

describe('review activities (data)', () => {
  it('hold every review activity of the guide once, each with an answer', () => {
    expect(exercises.map((e) => `${e.lesson}.${e.activity}`)).toEqual(['2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '5.1', '5.2', '5.3']);
    for (const e of exercises) {
      if (e.kind === 'classify') {
        for (const item of e.items) expect(item.answers.length, item.id).toBeGreaterThan(0);
      } else {
        const correct = e.choices.filter((c) => c.correct).length;
        expect(correct, e.id).toBeGreaterThan(0);
        if (e.kind === 'single_choice') expect(correct, e.id).toBe(1);
      }
    }
  });
});

// Appendix A: Answer Key — the engine and the catalog agree with it.
describe('answer key, Lesson 2', () => {
  const ted = loadEvaluateFixture('gambling-debt.json');

  it("Review Activity 1: Ted's situation is on all stages of the critical pathway", () => {
    const correct = choiceExercise('l2_ra1_pathway_placement').choices.find((c) => c.correct);
    expect(correct?.id).toBe('all');
    expect(evaluate(ted).pathway.stages).toEqual(correct?.links?.stages);
  });

  it('Review Activity 2: support and resources for the addiction is the mitigation recommended; the wrong answers are not', () => {
    const recommended = evaluate(ted).recommendations.map((r) => r.option);
    for (const choice of choiceExercise('l2_ra2_best_mitigation').choices) {
      for (const option of choice.links?.options ?? []) {
        expect(recommended.includes(option), `${choice.text}: ${option}`).toBe(choice.correct);
      }
    }
  });

  it('Review Activity 3: every listed activity is a function of the program', () => {
    const functions = new Set(catalog.programFunctions.map((f) => f.id));
    for (const choice of choiceExercise('l2_ra3_program_functions').choices) {
      expect(choice.correct).toBe(true);
      for (const f of choice.links?.functions ?? []) expect(functions).toContain(f);
    }
  });
});

describe('answer key, Lesson 3', () => {
  it('Review Activity 1: the considerations are the tenets; notifying Toebbe is what the guardrails warn against', () => {
    const exercise = choiceExercise('l3_ra1_toebbe_considerations');
    const tenets = new Set(catalog.tenets.map((t) => t.id));
    for (const choice of exercise.choices) for (const t of choice.links?.tenets ?? []) expect(tenets).toContain(t);
    const notify = exercise.choices.find((c) => c.id === 'notify');
    expect(notify?.correct).toBe(false);
    const toebbe = loadEvaluateFixture('toebbe-dod.json');
    const out = evaluate({ ...toebbe, plan: [...toebbe.plan, ...(notify?.links?.options ?? [])] });
    expect(out.warnings.map((w) => w.code)).toContain('fbi_coordination_hold');
  });

  it('Review Activity 3: the wrong answer is the one that is not an area of unintended consequences', () => {
    const areas = new Set(catalog.consequenceAreas.map((a) => a.id));
    for (const choice of choiceExercise('l3_ra3_not_a_consequence').choices) {
      const linked = choice.links?.consequenceAreas ?? [];
      expect(linked.length === 0, choice.text).toBe(choice.correct);
      for (const a of linked) expect(areas).toContain(a);
    }
  });

  it('Review Activities 2 and 4: the correct answers are a tenet and the analysis method', () => {
    expect(choiceExercise('l3_ra2_planning').choices.find((c) => c.correct)?.links?.tenets).toEqual(['procedures_and_authorities']);
    expect(choiceExercise('l3_ra4_effective_approach').choices.find((c) => c.correct)?.text).toContain('smaller questions');
  });
});

describe('answer key, Lesson 4', () => {
  it('Review Activity 1: the catalog classifies the eight responses as organizational or individual like the answer key', () => {
    const exercise = classifyExercise('l4_ra1_response_types');
    expect(exercise.items).toHaveLength(8);
    for (const item of exercise.items) {
      for (const option of item.options ?? []) expect(optionById(option).type, `${item.text}: ${option}`).toBe(item.answers[0]);
    }
  });

  it('Review Activity 2: law enforcement and counterintelligence lead the Toebbe recommendations', () => {
    const correct = choiceExercise('l4_ra2_toebbe_disciplines').choices.filter((c) => c.correct).flatMap((c) => c.links?.disciplines ?? []);
    expect(correct.sort()).toEqual(['counterintelligence', 'law_enforcement']);
    const out = evaluate(loadEvaluateFixture('toebbe-dod.json'));
    expect(out.recommendations.slice(0, 2).map((r) => r.discipline).sort()).toEqual(correct);
  });
});

describe('answer key, Lesson 5', () => {
  it('Review Activity 1: each reporting requirement applies to exactly the program types of the answer key', () => {
    for (const item of classifyExercise('l5_ra1_requirements_by_program').items) {
      const reporting = item.reporting;
      if (reporting === undefined) throw new Error(`${item.id} has no reporting link`);
      for (const program of programTypes) {
        const obligation = reportingObligations(program, { facts: reporting.facts, indicators: [] }).find((o) => o.recipient === reporting.recipient);
        const applies = obligation !== undefined && (reporting.citation === undefined || obligation.citation.includes(reporting.citation));
        expect(applies, `${item.text} / ${program}`).toBe(item.answers.includes(program));
      }
    }
  });

  it('Review Activity 2: only the unauthorized disclosure of classified information to a foreign government is a Section 811 report', () => {
    for (const choice of choiceExercise('l5_ra2_section_811').choices) {
      for (const program of ['dod', 'federal'] as ProgramType[]) {
        const fbi = reportingObligations(program, { facts: choice.links?.facts ?? {}, indicators: [] }).find((o) => o.recipient === 'fbi');
        expect(fbi?.citation.includes('Section 811') ?? false, `${choice.text} / ${program}`).toBe(choice.correct);
      }
    }
  });

  it('Review Activity 3: all four thresholds meet DITMAC requirements and each leads to a DITMAC report', () => {
    for (const choice of choiceExercise('l5_ra3_ditmac_thresholds').choices) {
      expect(choice.correct).toBe(true);
      const threshold = ditmacThresholds.find((t) => t.id === choice.links?.ditmacThreshold);
      expect(threshold?.label).toBe(choice.text);
      for (const fact of threshold?.facts ?? []) {
        const recipients = reportingObligations('dod', { facts: { [fact]: true }, indicators: [] }).map((o) => o.recipient);
        expect(recipients, `${choice.text}: ${fact}`).toContain('ditmac');
      }
    }
  });
});
