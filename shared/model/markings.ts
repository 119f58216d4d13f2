import { z } from 'zod';

/**
 * Markings applied to every printed page, configured once by the program manager.
 * Modelled on CUI marking practice: a banner line at the top and bottom of every
 * page, a designation indicator block on the first page, portion marks on sections.
 */
export const markingsSchema = z
  .object({
    /** The banner's control marking, e.g. "CUI" or "UNCLASSIFIED". */
    banner: z.string().trim().min(1, 'the banner marking is required').max(40),
    /** CUI categories, e.g. "PRVCY" (joined to the banner with //). */
    categories: z.array(z.string().trim().regex(/^[A-Z][A-Z0-9-]{1,20}$/, 'categories are upper-case abbreviations, e.g. PRVCY')).max(8),
    /** Limited dissemination controls, e.g. "NOFORN", "FED ONLY". */
    disseminationControls: z.array(z.string().trim().regex(/^[A-Z][A-Z0-9 -]{1,30}$/, 'controls are upper case, e.g. FED ONLY')).max(6),
    designation: z.object({
      controlledBy: z.string().trim().min(1, 'say who controls the information').max(120),
      category: z.string().trim().max(120),
      dissemination: z.string().trim().max(160),
      poc: z.string().trim().min(1, 'name a point of contact').max(120),
    }),
    /** The portion mark of each section, e.g. "CUI" → "(CUI)". */
    portionMark: z.string().trim().min(1).max(20),
    watermarkWithUserName: z.boolean(),
  })
  .strict();

export type Markings = z.infer<typeof markingsSchema>;

export const defaultMarkings: Markings = {
  banner: 'CUI',
  categories: ['PRVCY'],
  disseminationControls: [],
  designation: {
    controlledBy: 'Insider Threat Program Hub',
    category: 'Privacy (PRVCY)',
    dissemination: 'Authorized insider threat program personnel with a need to know',
    poc: 'Insider Threat Program Manager',
  },
  portionMark: 'CUI',
  watermarkWithUserName: true,
};

/** The banner line printed at the top and bottom of every page, e.g. "CUI//PRVCY//FED ONLY". */
export function bannerLine(markings: Markings): string {
  const parts = [markings.banner.toUpperCase()];
  if (markings.categories.length > 0) parts.push(markings.categories.join('/'));
  if (markings.disseminationControls.length > 0) parts.push(markings.disseminationControls.join('/'));
  return parts.join('//');
}

/** The marking that stands above the banner on every page printed from a training vault. */
export const TRAINING_PRINT_MARK = 'TRAINING — FICTIONAL CASE DATA';

/**
 * The banner as printed at the top and bottom of every page, line by line. Every
 * printout goes through here, so a training vault's prints are marked whatever
 * their kind: the training marking stands on its own line above the configured
 * banner ("TRAINING — FICTIONAL CASE DATA" over "CUI//PRVCY"), so the other text
 * in the page margins can never squeeze it into a broken line.
 */
export function printedBanner(markings: Markings, vault: { training: boolean }): string[] {
  const banner = bannerLine(markings);
  return vault.training ? [TRAINING_PRINT_MARK, banner] : [banner];
}

/** The portion mark put before each section, e.g. "(CUI)". */
export function portionMark(markings: Markings): string {
  return `(${markings.portionMark.toUpperCase()})`;
}
