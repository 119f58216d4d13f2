import { z } from 'zod';
import { optionById } from '../catalog/options';
import { cite, citationsText } from '../citation';
import { optionIdSchema, warningCodeSchema, type FactId, type OptionId, type ProgramType, type Recipient } from '../ids';
import type { Obligation } from '../reporting/obligations';
import { section811RuleIds } from '../reporting/rules';
import { isTrue, type Facts, type ObservedIndicator } from '../rules/condition';

export const warningSchema = z
  .object({
    code: warningCodeSchema,
    message: z.string().min(1),
    /** The seed passage the warning enforces. */
    source: z.string().min(1),
    /** The plan's options the warning is about, if any. */
    options: z.array(optionIdSchema).optional(),
  })
  .strict();
export type Warning = z.infer<typeof warningSchema>;

export interface GuardrailInput {
  readonly program: ProgramType;
  readonly facts: Facts;
  /** The observed indicators (the proportionality check reads their stages). */
  readonly indicators?: readonly ObservedIndicator[];
  readonly plan: readonly OptionId[];
  readonly obligations: readonly Obligation[];
}

type Check = (input: GuardrailInput) => Warning | null;

const recipientNames: Readonly<Record<Recipient, string>> = {
  fbi: 'the FBI',
  ditmac: 'the DITMAC',
  mildep_ci: 'the cognizant MILDEP CI office',
  dcsa: 'DCSA',
  diss: 'DISS',
  law_enforcement: 'law enforcement',
  internal: 'internal procedures',
};

const list = (ids: readonly string[]): string => ids.join(', ');

/** Options that tell the person they have been identified. */
const alerting = (plan: readonly OptionId[]): OptionId[] => plan.filter((id) => optionById(id).subjectAwareness === 'alerts');

/** Options the person would notice: alerting ones and visible actions aimed at them. */
const noticeable = (plan: readonly OptionId[]): OptionId[] =>
  plan.filter((id) => {
    const option = optionById(id);
    return option.subjectAwareness === 'alerts' || (option.subjectAwareness === 'visible' && option.target === 'person');
  });

const section811Applies = (obligations: readonly Obligation[]): boolean =>
  obligations.some((o) => o.rules.some((r) => (section811RuleIds as readonly string[]).includes(r)));

/** Facts that give a referral to law enforcement a criminal nexus. */
const criminalNexusFacts: readonly FactId[] = ['criminal_conduct', 'violence_threat', 'violence_imminent', 'espionage', 'sabotage', 'terrorism', 'subversion'];

const reportingDue: Check = ({ obligations }) => {
  const due = obligations.filter((o) => o.timing === 'immediately');
  if (due.length === 0) return null;
  const what = due.map((o) => `${recipientNames[o.recipient]} (${o.citation})`).join('; ');
  return {
    code: 'reporting_due',
    message: `Report immediately to ${what}. See the obligations for the basis of each report.`,
    source: due.map((o) => o.source ?? o.citation).join('; '),
  };
};

const dismissalNotAStrategy: Check = ({ facts, plan }) => {
  const dismissing = plan.includes('terminate_employment') || isTrue(facts, 'subject_separated');
  if (!dismissing || plan.includes('post_separation_safety_plan')) return null;
  return {
    code: 'dismissal_not_a_strategy',
    message:
      'Dismissal from the setting is not a threat management strategy in itself, and the case is not closed when the person is removed: add a post-separation safety plan (post_separation_safety_plan).',
    source: citationsText([cite.caseNotClosed, cite.domingoResponses]),
    ...(plan.includes('terminate_employment') ? { options: ['terminate_employment' as const] } : {}),
  };
};

const avoidAlerting: Check = ({ facts, plan }) => {
  const offending = alerting(plan);
  if (offending.length === 0) return null;
  // Only imminent violence is an exception. Active transmission is not: the answer
  // key for the Toebbe case marks notifying him as wrong while he was transmitting.
  if (isTrue(facts, 'violence_imminent')) return null;
  const transmitting = isTrue(facts, 'active_transmission')
    ? ' Active transmission is no exception: in the Toebbe case the answer key marks notifying him as wrong ("Although you should avoid alerting the individual…"); coordinate with counterintelligence and law enforcement instead.'
    : '';
  return {
    code: 'avoid_alerting',
    message: `The plan includes ${list(offending)}, which alerts the person that they have been identified. In general avoid alerting the individual: it leaves time to determine a response, protects their privacy and preserves evidence.${transmitting}`,
    source: citationsText([cite.avoidAlerting, cite.answerKeyLesson3]),
    options: offending,
  };
};

const fbiCoordinationHold: Check = ({ plan, obligations }) => {
  if (!section811Applies(obligations)) return null;
  const offending = noticeable(plan);
  if (offending.length === 0) return null;
  return {
    code: 'fbi_coordination_hold',
    message: `A Section 811 referral to the FBI applies. Coordinate with the FBI and general counsel before ${list(offending)}: alerting, interviewing or polygraphing the person may compromise the FBI's inquiry, and the program may need to cease its own activities.`,
    source: citationsText([cite.reportingOverview, cite.chainOfCustody, cite.fbiReporting]),
    options: offending,
  };
};

const investigativeRecipients: readonly Recipient[] = ['fbi', 'mildep_ci', 'law_enforcement'];

const coordinateWithReferralAgency: Check = ({ plan, obligations }) => {
  if (section811Applies(obligations)) return null;
  const agencies = obligations.filter((o) => investigativeRecipients.includes(o.recipient)).map((o) => recipientNames[o.recipient]);
  const offending = noticeable(plan);
  if (agencies.length === 0 || offending.length === 0) return null;
  return {
    code: 'coordinate_with_referral_agency',
    message: `The program must report to ${agencies.join(' and ')}. Coordinate with the referral agency and general counsel before ${list(offending)}, which the person would notice: early actions must not interfere with an inquiry, investigation or prosecution.`,
    source: citationsText([cite.reportingOverview, cite.chainOfCustody]),
    options: offending,
  };
};

const noCriminalNexus: Check = ({ facts, plan }) => {
  if (!plan.includes('refer_law_enforcement')) return null;
  if (criminalNexusFacts.some((f) => isTrue(facts, f))) return null;
  return {
    code: 'no_criminal_nexus',
    message:
      'The plan refers the person to law enforcement, but no criminal conduct, threat of violence, espionage, sabotage, terrorism or subversion is established. Not every incident meets a reporting threshold; a gambling debt, for example, calls for support rather than a law enforcement referral.',
    source: citationsText([cite.intervention, cite.answerKeyLesson2]),
    options: ['refer_law_enforcement'],
  };
};

const legalReviewMissing: Check = ({ plan }) => {
  if (plan.length === 0 || plan.includes('legal_review')) return null;
  return {
    code: 'legal_review_missing',
    message: 'Include legal in developing the response (a legal review of the response) so it aligns with privacy protection requirements and other policies.',
    source: citationsText([cite.legal, cite.privacy]),
  };
};

const victimsNotConsidered: Check = ({ facts, plan }) => {
  const danger = isTrue(facts, 'violence_threat') || isTrue(facts, 'violence_imminent') || isTrue(facts, 'domestic_violence_spillover');
  if (!danger || plan.length === 0) return null;
  if (plan.some((id) => optionById(id).target === 'victim')) return null;
  return {
    code: 'victims_not_considered',
    message:
      'There is a threat of violence but the plan has no option for potential victims or targets. Effective strategies are holistic: consider the person of concern, potential victims and the organizational setting.',
    source: citationsText([cite.managementStrategies, cite.victim]),
  };
};

const section811Undetermined: Check = ({ program, facts }) => {
  if (program === 'industry') return null;
  if (!isTrue(facts, 'classified_disclosure') || facts.foreign_recipient !== undefined) return null;
  return {
    code: 'section_811_undetermined',
    message:
      'Classified information may have been disclosed, but whether the recipient is or may be a foreign power or its agent is unknown. Determine it: if so, Section 811 requires advising the FBI immediately.',
    source: citationsText([cite.fbiReporting]),
  };
};

/**
 * Industry: a disclosure to a foreign power is at least possible espionage and is
 * reported to the FBI and DCSA by the rules themselves. What the engine cannot
 * decide is whether the recipient is a foreign power; while that is unknown, the
 * analyst is asked to decide and record it.
 */
const considerEspionageReport: Check = ({ program, facts }) => {
  if (program !== 'industry') return null;
  if (!isTrue(facts, 'classified_disclosure') || facts.foreign_recipient !== undefined) return null;
  if ((['espionage', 'sabotage', 'terrorism', 'subversion'] as const).some((f) => isTrue(facts, f))) return null;
  return {
    code: 'consider_espionage_report',
    message:
      'Classified information may have been disclosed, but whether the recipient is or may be a foreign power or its agent is unknown. Decide it and record it: a disclosure to a foreign power is at least possible espionage, which 32 CFR 117.8(b) requires reporting to both the FBI and DCSA.',
    source: citationsText([cite.industryRequirements, cite.answerKeyLesson5]),
  };
};

/**
 * Whether criminal conduct is adverse information under the adjudicative
 * guidelines is a judgement the engine cannot make; DOD and industry programs
 * report adverse information (to DISS, or DCSA through DISS).
 */
const adverseInformationUndetermined: Check = ({ program, facts }) => {
  if (program === 'federal') return null;
  if (!isTrue(facts, 'criminal_conduct') || facts.adverse_information !== undefined) return null;
  const where = program === 'dod' ? 'DISS' : 'DCSA (entered through DISS, 32 CFR 117.8(c)(1))';
  return {
    code: 'adverse_information_undetermined',
    message: `Criminal conduct is established, but whether it is adverse information about a cleared employee under the adjudicative guidelines is not recorded. Decide it and record the determination: if it is, report it to ${where}.`,
    source: citationsText([program === 'dod' ? cite.dodRequirements : cite.industryRequirements]),
  };
};

/** Options the program may keep running while an investigating agency works the case. */
const deconflictedOptions: readonly OptionId[] = ['legal_review', 'preserve_evidence', 'refer_counterintelligence', 'refer_law_enforcement', 'watch_and_wait', 'no_action'];

const investigationDeconfliction: Check = ({ facts, plan }) => {
  if (!isTrue(facts, 'referral_agency_investigating')) return null;
  const offending = plan.filter((id) => !deconflictedOptions.includes(id));
  if (offending.length === 0) return null;
  return {
    code: 'investigation_deconfliction',
    message: `The agency the case was referred to has opened its own investigation or operation. Before ${list(offending)}, coordinate with that agency and general counsel: the program may need to cease its own activities, and early actions must not interfere with an inquiry, investigation or prosecution.`,
    source: citationsText([cite.reportingOverview, cite.chainOfCustody]),
    options: offending,
  };
};

const noActionWhileImminent: Check = ({ facts, plan }) => {
  if (!isTrue(facts, 'violence_imminent')) return null;
  const offending = plan.filter((id) => id === 'no_action' || id === 'watch_and_wait');
  if (offending.length === 0) return null;
  return {
    code: 'no_action_while_imminent',
    message: `Violence is imminent or taking place, yet the plan includes ${list(offending)}. Immediate intervention may be required: request law enforcement assistance and protect potential victims now.`,
    source: citationsText([cite.lawEnforcementUse, cite.avoidAlerting, cite.doNoHarm]),
    options: offending,
  };
};

const severeOptions: readonly OptionId[] = ['terminate_employment', 'revoke_access', 'administrative_action', 'legal_action'];
const seriousFacts: readonly FactId[] = [...criminalNexusFacts, 'classified_disclosure', 'classified_loss'];

const disproportionateResponse: Check = ({ facts, indicators = [], plan }) => {
  const offending = plan.filter((id) => severeOptions.includes(id));
  if (offending.length === 0) return null;
  if (indicators.some((i) => i.stage === 'concerning_behavior')) return null;
  if (seriousFacts.some((f) => isTrue(facts, f))) return null;
  return {
    code: 'disproportionate_response',
    message: `The plan includes ${list(offending)}, but no concerning behavior has been observed and no serious fact (criminal conduct, a threat of violence, espionage, a disclosure or loss of classified information, …) is established. First, do no harm: a response out of proportion to predispositions or stressors can escalate the risk and harm the person, morale and the mission; prefer support such as the EAP or counseling.`,
    source: citationsText([cite.doNoHarm, cite.consequences, cite.consequencesIndividuals, cite.answerKeyLesson2]),
    options: offending,
  };
};

const reprisalOptions: readonly OptionId[] = ['terminate_employment', 'revoke_access', 'administrative_action'];

const whistleblowerProtection: Check = ({ facts, plan }) => {
  if (!isTrue(facts, 'protected_disclosure')) return null;
  const offending = plan.filter((id) => reprisalOptions.includes(id));
  const foreign = isTrue(facts, 'foreign_recipient')
    ? ' A disclosure to a foreign power is not protected, though: confirm the recipient, since the facts say it may be one.'
    : '';
  const against = offending.length > 0 ? ` Remove ${list(offending)} if it rests on the disclosure.` : '';
  return {
    code: 'whistleblower_protection',
    message: `The disclosure was made through a protected channel (an Inspector General, the congressional intelligence committees or a designated official): it is not an unauthorized disclosure to report, and taking, withholding or threatening a personnel or security-clearance action in reprisal for it is prohibited.${against}${foreign}`,
    source: '50 U.S.C. 3234 (intelligence community whistleblower protections); Presidential Policy Directive 19 (PPD-19). The guides are silent on protected disclosures, so the statute governs.',
    options: offending,
  };
};

/** In this order: a report due now comes first so the analyst sees it first. */
const checks: readonly Check[] = [
  reportingDue,
  noActionWhileImminent,
  whistleblowerProtection,
  investigationDeconfliction,
  dismissalNotAStrategy,
  avoidAlerting,
  fbiCoordinationHold,
  coordinateWithReferralAgency,
  noCriminalNexus,
  legalReviewMissing,
  victimsNotConsidered,
  section811Undetermined,
  considerEspionageReport,
  adverseInformationUndetermined,
  disproportionateResponse,
];

/** Problems with the facts or the proposed plan against the response tenets. */
export function guardrailWarnings(input: GuardrailInput): Warning[] {
  return checks.map((check) => check(input)).filter((w): w is Warning => w !== null);
}

