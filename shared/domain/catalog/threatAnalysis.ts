import { cite } from '../citation';
import type { AnalysisQuestion, ChecklistItem, QuestionKind } from './schema';

/** The three kinds of question the guide asks analysts to tell apart. */
export const questionKinds: readonly QuestionKind[] = [
  {
    id: 'definitive',
    label: 'Definitive answer',
    description: 'A question with a definitive, checkable answer.',
    example: "Were the individual's credentials used to log onto the system on a specific date?",
    source: cite.analysisGoal,
  },
  {
    id: 'opinion',
    label: 'Matter of opinion',
    description: 'A subjective question; the opinions of several people can be aggregated, but the answer stays subjective.',
    example: 'Was the individual upset?',
    source: cite.analysisGoal,
  },
  {
    id: 'multiple_viewpoints',
    label: 'Needs multiple viewpoints',
    description: 'A question where another discipline may reveal a plausible explanation for an indicator.',
    example: 'Is late-night activity on an information system suspicious, or scheduled batch patching and updates?',
    source: cite.analysisGoal,
  },
];

/** The large questions programs work to resolve, to be broken into smaller ones. */
export const analysisGoalQuestions: readonly AnalysisQuestion[] = [
  { id: 'currently_harming', text: "Is the individual currently harming the organization's resources?", source: cite.analysisGoal },
  { id: 'harm_intentional', text: 'If so, is the harm intentional?', source: cite.analysisGoal },
  { id: 'future_risk', text: 'Is there a risk that the individual will do so in the future?', source: cite.analysisGoal },
];

/**
 * Steps toward a goal-directed, fair and balanced assessment, as items a reviewer
 * can tick one by one; ids are stable so a case can record which were done.
 */
export const fairAndBalancedChecklist: readonly ChecklistItem[] = [
  {
    id: 'state_goal',
    label: 'State the goal of the analysis',
    detail: 'State the purpose clearly and in multiple ways to clarify meaning and scope.',
    source: cite.analysisGoal,
  },
  {
    id: 'break_down_questions',
    label: 'Break the problem into smaller questions',
    detail: 'Make questions clear, precise, significant, answerable and relevant.',
    source: cite.analysisGoal,
  },
  {
    id: 'classify_questions',
    label: 'Differentiate the kinds of questions',
    detail: 'Separate questions with a definitive answer, matters of opinion, and questions needing multiple viewpoints.',
    source: cite.analysisGoal,
  },
  {
    id: 'acknowledge_assumptions',
    label: 'Identify and acknowledge assumptions',
    detail: 'Consider whether they are justifiable and how they shape your point of view.',
    source: cite.fairAndBalanced,
  },
  {
    id: 'seek_other_views',
    label: 'Seek other points of view',
    detail: 'Seek other points of view and evaluate their merits, including plausible explanations from other disciplines.',
    source: cite.fairAndBalanced,
  },
  {
    id: 'ground_claims',
    label: 'Ground all claims in the information available',
    detail: 'Make sure the position is supported by the evidence and based on relevant information.',
    source: cite.fairAndBalanced,
  },
  {
    id: 'all_information_considered',
    label: 'Check that all relevant information was considered',
    detail: 'Critically evaluate whether all of the relevant information has been considered.',
    source: cite.fairAndBalanced,
  },
  {
    id: 'within_evidence',
    label: 'Check the conclusion does not go beyond the evidence',
    detail: 'Critically evaluate whether the conclusion goes beyond the evidence available.',
    source: cite.fairAndBalanced,
  },
  {
    id: 'counter_argument',
    label: 'Consider the argument against your position',
    detail: 'Critically evaluate whether there is an argument to be made against your position.',
    source: cite.fairAndBalanced,
  },
];
