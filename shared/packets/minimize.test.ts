import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectCitations, missingHeading } from '../../test/helpers/seeds';
import { caseRecordSchema, type CaseRecord } from '../model/caseRecord';
import { packetCaseSchema } from './extract';
import { minimizeCase } from './minimize';
import { packetProfileIds, packetProfiles, packetSections, subjectFields, type PacketProfileId } from './profiles';

const at = '2026-11-20T10:00:00.000Z';
const indicator = (id: string, category: CaseRecord['indicators'][number]['category'], stage: CaseRecord['indicators'][number]['stage']) => ({
  id,
  reportId: 'r1',
  category,
  stage,
  observedOn: '2026-11-01',
  summary: `${category} at ${stage}`,
  detail: '',
  source: 'Security office',
  corroboration: 'corroborated' as const,
  basis: 'fact' as const,
  version: 1,
  createdBy: 'Dana',
  createdAt: at,
  updatedAt: at,
});

/** Every identifying value is unique, so its presence in a packet is easy to test. */
const subject = {
  displayId: 'S-7F3K2',
  realName: 'Zqxname Realperson',
  employeeId: 'EMPID-884411',
  orgUnit: 'ORGUNIT-Logistics',
  position: 'POSITION-Supply',
  clearance: 'CLEARANCE-TS',
  facilityAccess: 'FACILITY-Bldg4',
  systemAccess: 'SYSTEM-ERP',
};

const record: CaseRecord = caseRecordSchema.parse({
  format: 'offramp-case',
  version: 1,
  case: {
    id: 'c1',
    number: 'OR-2026-0001',
    title: 'Gambling debt',
    program: 'dod',
    status: 'open',
    risk: 'moderate',
    furthestStage: 'concerning_behavior',
    assignedTo: 'Dana',
    members: ['Dana'],
    createdBy: 'Dana',
    createdAt: at,
    updatedAt: at,
    lastActivityAt: at,
    nextReview: null,
    legalHold: false,
    closedAt: null,
    closureReason: null,
    sourcePacketId: null,
  },
  subject,
  reports: [
    { id: 'r1', receivedOn: '2026-11-02', howReceived: 'hotline', reporter: 'REPORTER-Confidential', reporterConfidential: true, narrative: 'Borrowing money.', createdBy: 'Dana', createdAt: at },
    { id: 'r2', receivedOn: '2026-11-03', howReceived: 'email', reporter: 'REPORTER-Open', reporterConfidential: false, narrative: 'Casino losses.', createdBy: 'Dana', createdAt: at },
  ],
  indicators: [
    indicator('i-sub', 'substance', 'predisposition'),
    indicator('i-fin', 'financial', 'stressor'),
    indicator('i-for', 'foreign', 'concerning_behavior'),
    indicator('i-cri', 'criminal_violent', 'stressor'),
    indicator('i-psy', 'judgment_psychological', 'predisposition'),
    indicator('i-tec', 'technical', 'concerning_behavior'),
  ],
  analysis: [{ id: 'a1', kind: 'question', text: 'Is there a foreign nexus?', questionKind: 'definitive', answer: '', sources: '', status: 'open', justified: null, impact: '', discipline: 'counterintelligence', createdBy: 'Dana', createdAt: at, updatedAt: at }],
  checklist: [{ itemId: 'goal', addressed: true, note: '' }],
  assessments: [{ id: 's1', interest: '', motive: 'debt', ability: '', imminence: 'low', risk: 'moderate', rationale: 'Debt and foreign contact.', leCriteria: [], isFinal: true, assessedBy: 'Dana', assessedAt: at }],
  determinations: [{ factId: 'classified_disclosure', value: 'unknown', note: '' }],
  strategies: [{ id: 'st1', title: 'Support' }],
  actions: [{ id: 'ac1', strategyId: 'st1', optionId: 'financial_counseling_referral', ownerDiscipline: 'hr', ownerPerson: '', status: 'proposed', dueOn: null, notes: '', legalSignoffBy: null, legalSignoffAt: null, warningJustification: '' }],
  obligations: [{ recipient: 'ditmac', basis: 'threshold', citation: 'x', timing: 'promptly' }],
  reportingRecords: [],
  reviews: [],
  evidence: [
    { id: 'e1', name: 'Statement (Oct).pdf', mediaType: 'application/pdf', size: 10, sha256: 'a'.repeat(64), receivedOn: '2026-11-05', source: 'Bank' },
    { id: 'e2', name: 'statement_oct.PDF', mediaType: 'application/pdf', size: 20, sha256: 'b'.repeat(64), receivedOn: '2026-11-05', source: 'Bank' },
    { id: 'e3', name: 'photo.jpg', mediaType: 'image/jpeg', size: 30, sha256: 'c'.repeat(64), receivedOn: '2026-11-05', source: 'Security' },
  ],
  custody: [],
});

const ids = (profile: PacketProfileId) => minimizeCase(record, profile).extract.indicators.map((i) => i.id);

describe('packet profiles', () => {
  it('cite passages that exist in the seeds', () => {
    for (const citation of collectCitations(packetProfiles)) expect(missingHeading(citation), citation.section).toBeNull();
    expect(packetProfiles.map((p) => p.id)).toEqual([...packetProfileIds]);
  });

  it('name the subject only where the recipient acts on an identified person', () => {
    const named = packetProfiles.filter((p) => p.subjectFields.includes('realName')).map((p) => p.id);
    expect(named).toEqual(['fbi_referral', 'ditmac_report', 'mildep_ci_referral', 'dcsa_report', 'law_enforcement_referral', 'internal_hr_referral']);
    expect(minimizeCase(record, 'law_enforcement_referral').extract.subject).toEqual({
      displayId: 'S-7F3K2',
      fields: ['realName', 'orgUnit', 'position', 'facilityAccess'],
      realName: subject.realName,
      orgUnit: subject.orgUnit,
      position: subject.position,
      facilityAccess: subject.facilityAccess,
    });
    expect(minimizeCase(record, 'consultation').extract.subject).toEqual({ displayId: 'S-7F3K2', fields: [] });
  });

  it('include only the indicators related to the recipient’s task', () => {
    expect(ids('fbi_referral')).toEqual(['i-fin', 'i-for', 'i-cri', 'i-tec']);
    expect(ids('ditmac_report')).toHaveLength(6);
    expect(ids('mildep_ci_referral')).toEqual(['i-for', 'i-tec']);
    expect(ids('law_enforcement_referral')).toEqual(['i-for', 'i-cri', 'i-tec']);
    expect(ids('internal_hr_referral')).toEqual(['i-sub', 'i-fin', 'i-cri', 'i-psy']);
    expect(minimizeCase(record, 'fbi_referral').extract.withheld.indicators).toBe(2);
  });
});

describe('minimizeCase', () => {
  it('withholds confidential reporters unless chosen, and warns when they are named', () => {
    const plain = minimizeCase(record, 'fbi_referral');
    expect(plain.extract.reports.map((r) => [r.reporter, r.reporterWithheld])).toEqual([
      ['', true],
      ['REPORTER-Open', false],
    ]);
    expect(plain.preview.confidentialSources).toEqual({ total: 1, included: 0 });
    const chosen = minimizeCase(record, 'fbi_referral', { includeConfidentialSources: true });
    expect(chosen.extract.reports[0]?.reporter).toBe('REPORTER-Confidential');
    expect(chosen.preview.warnings.map((w) => w.code)).toContain('confidential_sources_included');
    expect(chosen.preview.overrides).toEqual(['confidential sources included']);
  });

  it('takes explicit indicators and sections over the profile, and lists every difference', () => {
    const m = minimizeCase(record, 'internal_hr_referral', { indicatorIds: ['i-for'], sections: { assessments: true, actions: false }, subjectFields: ['realName'] });
    expect(m.extract.indicators.map((i) => i.id)).toEqual(['i-for']);
    expect(m.extract.assessments).toHaveLength(1);
    expect(m.extract.actions).toEqual([]);
    expect(m.extract.sections).toEqual(['reports', 'indicators', 'assessments']);
    expect(m.preview.overrides).toEqual(['section assessments included', 'section actions left out', 'indicators chosen one by one', 'subject fields changed']);
    expect(() => minimizeCase(record, 'fbi_referral', { indicatorIds: ['nope'] })).toThrow(/no indicator nope/);
    expect(() => minimizeCase(record, 'fbi_referral', { indicatorIds: ['i-fin'], sections: { indicators: false } })).toThrow(/left out/);
    expect(() => minimizeCase(record, 'fbi_referral', { evidenceIds: ['e9'] })).toThrow(/no evidence item e9/);
  });

  it('gives chosen evidence safe unique file names and lists the rest only with the evidence list', () => {
    const fbi = minimizeCase(record, 'fbi_referral', { evidenceIds: ['e2', 'e1'] });
    expect(fbi.evidenceFiles).toEqual([
      { id: 'e1', file: 'evidence/Statement_Oct.pdf' },
      { id: 'e2', file: 'evidence/statement_oct-2.PDF' },
    ]);
    expect(fbi.extract.evidence.map((e) => e.file)).toEqual(['evidence/Statement_Oct.pdf', 'evidence/statement_oct-2.PDF', null]);
    expect(fbi.preview.evidenceBytes).toBe(30);
    const hr = minimizeCase(record, 'internal_hr_referral', { evidenceIds: ['e3'] });
    expect(hr.extract.evidence.map((e) => e.id)).toEqual(['e3']);
    expect(hr.extract.withheld.evidenceFiles).toBe(2);
  });

  it('previews sections with counts, identity, and the warnings the analyst must read', () => {
    const { preview } = minimizeCase(record, 'consultation');
    expect(preview.subject).toEqual({ displayId: 'S-7F3K2', fields: [], identified: false });
    expect(preview.sections.find((s) => s.id === 'indicators')).toMatchObject({ included: true, count: 6, total: 6 });
    expect(preview.sections.find((s) => s.id === 'reporting')).toMatchObject({ included: false, count: 0, total: 1 });
    expect(preview.warnings.map((w) => w.code)).toEqual(['free_text_may_identify']);
    expect(minimizeCase(record, 'fbi_referral').preview.warnings.map((w) => w.code)).toEqual(['no_recorded_obligation']);
    expect(minimizeCase(record, 'ditmac_report').preview.warnings).toEqual([]);
  });

  it('never lets an identifying field or withheld part into the extract (property)', () => {
    const selection = fc.record(
      {
        sections: fc.dictionary(fc.constantFrom(...packetSections), fc.boolean()),
        subjectFields: fc.subarray([...subjectFields]),
        includeConfidentialSources: fc.boolean(),
        evidenceIds: fc.subarray(['e1', 'e2', 'e3']),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...packetProfileIds), selection, (profile, sel) => {
        const { extract, preview } = minimizeCase(record, profile, sel);
        expect(packetCaseSchema.safeParse(extract).success).toBe(true);
        const text = JSON.stringify(extract);
        for (const f of subjectFields) expect(text.includes(subject[f])).toBe(extract.subject.fields.includes(f));
        expect(text.includes('REPORTER-Confidential')).toBe(sel.includeConfidentialSources === true && extract.sections.includes('reports'));
        for (const s of packetSections) expect(preview.sections.find((p) => p.id === s)?.included).toBe(extract.sections.includes(s));
        if (!extract.sections.includes('analysis')) expect(text.includes('foreign nexus')).toBe(false);
        if (!extract.sections.includes('reporting')) expect(extract.obligations).toEqual([]);
        expect(extract.evidence.filter((e) => e.file !== null).map((e) => e.id).sort()).toEqual([...(sel.evidenceIds ?? [])].sort());
      }),
      { numRuns: 400 },
    );
  });
});
