import { describe, expect, it } from 'vitest';
import { collectCitations, missingHeading, seedText } from '../../test/helpers/seeds';
import { catalog } from './catalog';
import { cite, citationsText, citationText, seedIds } from './citation';
import { exercises } from './exercises';
import { recommendationRules } from './recommend/rules';
import { reportingRules } from './reporting/rules';

describe('seed citations', () => {
  it('both seed documents are readable', () => {
    for (const seed of seedIds) expect(seedText(seed).length).toBeGreaterThan(1000);
  });

  it('every named passage is a heading path that exists, in order, in its seed', () => {
    for (const [name, citation] of Object.entries(cite)) {
      expect(missingHeading(citation), `${name}: ${citation.section}`).toBeNull();
    }
  });

  it('the check rejects a heading that does not exist or sits outside its parent', () => {
    expect(missingHeading({ seed: '001_125ae4b7b39543f2', section: 'Lesson 9: Nothing Here' })).toBe('Lesson 9: Nothing Here');
    // "First, Do No Harm" is in Lesson 3, so it cannot be found after Lesson 5's heading.
    expect(missingHeading({ seed: '001_125ae4b7b39543f2', section: 'Lesson 5: Reporting Requirements > First, Do No Harm' })).toBe('First, Do No Harm');
  });

  it('every citation of the catalog, the rules and the exercises resolves in its seed', () => {
    const all = collectCitations([catalog, reportingRules, recommendationRules, exercises]);
    expect(all.length).toBeGreaterThan(200);
    for (const citation of all) expect(missingHeading(citation), citation.section).toBeNull();
  });

  it('renders one citation with its document title and several grouped by document', () => {
    expect(citationText(cite.hr)).toBe(
      'CDSE, Insider Threat Mitigation Responses (April 2024), Lesson 4: Multidisciplinary Mitigation Responses > Tailored Multidisciplinary Mitigation Responses > Human Resources (HR)',
    );
    const text = citationsText([cite.victim, cite.legal, cite.environment, cite.legal]);
    expect(text).toBe(
      'CISA, Managing Insider Threats, II. Intervention and Prevention Considerations > Consider the victim or potential target; II. Intervention and Prevention Considerations > Consider the organizational setting and/or environment | CDSE, Insider Threat Mitigation Responses (April 2024), Lesson 4: Multidisciplinary Mitigation Responses > Tailored Multidisciplinary Mitigation Responses > Legal',
    );
  });
});
