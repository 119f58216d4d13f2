import { z } from 'zod';
import { AppError } from '../contract/envelope';
import type { CaseRecord } from '../model/caseRecord';
import type { PacketCase, PacketSubject } from './extract';
import { evidenceEntryName } from './names';
import {
  indicatorMatches,
  packetProfile,
  packetProfileIdSchema,
  packetRecipientSchema,
  packetSectionLabels,
  packetSections,
  packetSectionSchema,
  subjectFieldSchema,
  subjectFields,
  type PacketProfileId,
  type PacketSection,
  type SubjectField,
} from './profiles';

/**
 * What one packet holds beyond its profile's defaults. Everything left out here
 * follows the profile; the preview lists every difference.
 */
export const packetSelectionSchema = z
  .object({
    sections: z.object(Object.fromEntries(packetSections.map((s) => [s, z.boolean().optional()])) as Record<PacketSection, z.ZodOptional<z.ZodBoolean>>).strict().default({}),
    /** Replaces the profile's subject fields. */
    subjectFields: z.array(subjectFieldSchema).max(subjectFields.length).optional(),
    /** Replaces the profile's indicator rule with exactly these indicators. */
    indicatorIds: z.array(z.string().min(1).max(64)).max(10_000).optional(),
    /** Include reporters who asked for confidentiality (withheld by default). */
    includeConfidentialSources: z.boolean().default(false),
    /** Evidence items whose files go into the packet. */
    evidenceIds: z.array(z.string().min(1).max(64)).max(1_000).default([]),
  })
  .strict();
export type PacketSelection = z.output<typeof packetSelectionSchema>;
export type PacketSelectionInput = z.input<typeof packetSelectionSchema>;

const count = z.number().int().nonnegative();

export const packetPreviewSchema = z.object({
  profile: packetProfileIdSchema,
  label: z.string(),
  recipient: packetRecipientSchema,
  subject: z.object({ displayId: z.string(), fields: z.array(subjectFieldSchema), identified: z.boolean() }),
  sections: z.array(z.object({ id: packetSectionSchema, label: z.string(), included: z.boolean(), count, total: count })),
  indicators: z.object({ included: count, total: count, ids: z.array(z.string()), explicit: z.boolean() }),
  confidentialSources: z.object({ total: count, included: count }),
  evidence: z.array(z.object({ id: z.string(), name: z.string(), file: z.string(), mediaType: z.string(), size: count, sha256: z.string() })),
  evidenceBytes: count,
  overrides: z.array(z.string()),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type PacketPreview = z.infer<typeof packetPreviewSchema>;

export interface Minimized {
  preview: PacketPreview;
  extract: PacketCase;
  /** Evidence ids in the packet, each with the file name it has there. */
  evidenceFiles: { id: string; file: string }[];
}

const sameSet = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Computes exactly what a packet for this case, profile and selection holds: the
 * minimized extract that goes into `case.json` and the preview the export dialog
 * shows. Pure: the same inputs give the same packet content.
 */
export function minimizeCase(record: CaseRecord, profileId: PacketProfileId, rawSelection: PacketSelectionInput = {}): Minimized {
  const selection = packetSelectionSchema.parse(rawSelection);
  const profile = packetProfile(profileId);
  const overrides: string[] = [];
  const included = {} as Record<PacketSection, boolean>;
  for (const s of packetSections) {
    const chosen = selection.sections[s];
    included[s] = chosen ?? profile.sections[s];
    if (chosen !== undefined && chosen !== profile.sections[s]) overrides.push(`section ${s} ${chosen ? 'included' : 'left out'}`);
  }

  const indicatorIds = selection.indicatorIds === undefined ? null : [...new Set(selection.indicatorIds)];
  if (indicatorIds !== null) {
    if (selection.sections.indicators === false && indicatorIds.length > 0) {
      throw new AppError('invalid_input', 'Indicators were chosen but the indicators section is left out.');
    }
    for (const id of indicatorIds) {
      if (!record.indicators.some((i) => i.id === id)) throw new AppError('invalid_input', `The case has no indicator ${id}.`);
    }
    if (selection.sections.indicators === undefined) included.indicators = true;
    overrides.push('indicators chosen one by one');
  }
  const indicators = !included.indicators
    ? []
    : record.indicators.filter((i) => (indicatorIds === null ? indicatorMatches(profile.indicators, i) : indicatorIds.includes(i.id)));

  const fields = selection.subjectFields === undefined ? [...profile.subjectFields] : subjectFields.filter((f) => selection.subjectFields?.includes(f));
  if (!sameSet(fields, profile.subjectFields)) overrides.push('subject fields changed');
  const subject: PacketSubject = { displayId: record.subject.displayId, fields };
  for (const f of fields) setSubjectField(subject, f, record.subject[f]);

  const confidential = record.reports.filter((r) => r.reporterConfidential).length;
  if (selection.includeConfidentialSources && confidential > 0) overrides.push('confidential sources included');
  const reports = !included.reports
    ? []
    : record.reports.map((r) => {
        const withheld = r.reporterConfidential && !selection.includeConfidentialSources;
        return { ...r, reporter: withheld ? '' : r.reporter, reporterWithheld: withheld };
      });

  const chosenEvidence = [...new Set(selection.evidenceIds)];
  for (const id of chosenEvidence) {
    if (!record.evidence.some((e) => e.id === id)) throw new AppError('invalid_input', `The case has no evidence item ${id}.`);
  }
  const taken = new Set<string>();
  const evidenceFiles = record.evidence.filter((e) => chosenEvidence.includes(e.id)).map((e) => ({ id: e.id, file: evidenceEntryName(e.name, taken) }));
  const fileOf = (id: string) => evidenceFiles.find((f) => f.id === id)?.file ?? null;
  const evidence = record.evidence.filter((e) => included.evidenceList || fileOf(e.id) !== null).map((e) => ({ ...e, file: fileOf(e.id) }));

  const extract: PacketCase = {
    format: 'offramp-packet-case',
    version: 1,
    profile: profileId,
    sections: packetSections.filter((s) => included[s]),
    case: {
      id: record.case.id,
      number: record.case.number,
      title: record.case.title,
      program: record.case.program,
      status: record.case.status,
      risk: record.case.risk,
      furthestStage: record.case.furthestStage,
      createdAt: record.case.createdAt,
      updatedAt: record.case.updatedAt,
      nextReview: record.case.nextReview,
      closedAt: record.case.closedAt,
      closureReason: record.case.closureReason,
    },
    subject,
    reports,
    indicators,
    analysis: included.analysis ? record.analysis : [],
    checklist: included.analysis ? record.checklist : [],
    assessments: included.assessments ? record.assessments : [],
    determinations: included.determinations ? record.determinations : [],
    strategies: included.actions ? record.strategies : [],
    actions: included.actions ? record.actions : [],
    obligations: included.reporting ? record.obligations : [],
    reportingRecords: included.reporting ? record.reportingRecords : [],
    reviews: included.reviews ? record.reviews : [],
    evidence,
    withheld: {
      indicators: record.indicators.length - indicators.length,
      confidentialSources: included.reports ? reports.filter((r) => r.reporterWithheld).length : 0,
      evidenceFiles: record.evidence.length - evidenceFiles.length,
    },
  };

  const totals: Record<PacketSection, number> = {
    reports: record.reports.length,
    indicators: record.indicators.length,
    analysis: record.analysis.length + record.checklist.length,
    assessments: record.assessments.length,
    determinations: record.determinations.length,
    actions: record.strategies.length + record.actions.length,
    reporting: record.obligations.length + record.reportingRecords.length,
    reviews: record.reviews.length,
    evidenceList: record.evidence.length,
  };
  const counts: Record<PacketSection, number> = {
    reports: reports.length,
    indicators: indicators.length,
    analysis: extract.analysis.length + extract.checklist.length,
    assessments: extract.assessments.length,
    determinations: extract.determinations.length,
    actions: extract.strategies.length + extract.actions.length,
    reporting: extract.obligations.length + extract.reportingRecords.length,
    reviews: extract.reviews.length,
    evidenceList: included.evidenceList ? evidence.length : 0,
  };

  const warnings: PacketPreview['warnings'] = [];
  const identified = fields.includes('realName');
  if (!identified && (reports.length > 0 || indicators.length > 0 || extract.analysis.length > 0 || extract.actions.length > 0)) {
    warnings.push({
      code: 'free_text_may_identify',
      message: 'The subject’s name is left out, but narratives, notes and the title are not rewritten: read them for names before sending.',
    });
  }
  if (selection.includeConfidentialSources && confidential > 0 && included.reports) {
    warnings.push({ code: 'confidential_sources_included', message: `${confidential} confidential reporter(s) will be named in the packet.` });
  }
  const obligation = profile.obligationRecipient;
  if (obligation !== null && obligation !== 'internal' && !record.obligations.some((o) => o.recipient === obligation)) {
    warnings.push({ code: 'no_recorded_obligation', message: `No reporting obligation to this recipient is recorded for the case; check that the referral is warranted.` });
  }

  const evidencePreview = evidenceFiles.map((f) => {
    const e = record.evidence.find((x) => x.id === f.id);
    return { id: f.id, name: e?.name ?? '', file: f.file, mediaType: e?.mediaType ?? '', size: e?.size ?? 0, sha256: e?.sha256 ?? '' };
  });
  const preview: PacketPreview = {
    profile: profileId,
    label: profile.label,
    recipient: profile.recipient,
    subject: { displayId: record.subject.displayId, fields, identified },
    sections: packetSections.map((s) => ({ id: s, label: packetSectionLabels[s], included: included[s], count: counts[s], total: totals[s] })),
    indicators: { included: indicators.length, total: record.indicators.length, ids: indicators.map((i) => i.id), explicit: indicatorIds !== null },
    confidentialSources: { total: confidential, included: included.reports && selection.includeConfidentialSources ? confidential : 0 },
    evidence: evidencePreview,
    evidenceBytes: evidencePreview.reduce((n, e) => n + e.size, 0),
    overrides,
    warnings,
  };
  return { preview, extract, evidenceFiles };
}

function setSubjectField(subject: PacketSubject, field: SubjectField, value: string): void {
  // realName is required to be non-empty in the schema; the others may be empty.
  if (field === 'realName' && value === '') return;
  subject[field] = value;
}
