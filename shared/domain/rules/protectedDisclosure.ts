import type { Facts } from './condition';

/**
 * A disclosure made through a channel the law protects (an Inspector General, the
 * congressional intelligence committees, a designated official) is not an
 * unauthorized disclosure: it creates no reporting obligation for one and is no
 * ground for action against the person (50 U.S.C. 3234; PPD-19). The guides are
 * silent on it, so the statute governs. A disclosure to a foreign power is never
 * protected, so a foreign recipient keeps the disclosure reportable.
 *
 * Returns the facts the reporting, recommendation and guardrail rules read: the
 * same facts, with `classified_disclosure` treated as not established when the
 * disclosure was protected.
 */
export function factsForRules(facts: Facts): Facts {
  if (facts.protected_disclosure !== true || facts.foreign_recipient === true) return facts;
  if (facts.classified_disclosure !== true) return facts;
  const rest: Facts = { ...facts };
  delete rest.classified_disclosure;
  return rest;
}
