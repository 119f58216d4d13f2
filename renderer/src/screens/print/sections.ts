import type { PrintSection } from '../../../../shared/contract/printing';

/** The section titles as printed and as offered in the print dialog. */
export const printSectionLabels: Record<PrintSection, string> = {
  header: 'Case header and person of concern',
  overview: 'Overview and reports received',
  indicators: 'Indicators by pathway stage',
  analysis: 'Analysis: questions, assumptions, alternative explanations',
  assessment: 'Assessment and determinations',
  mitigation: 'Mitigation plan',
  reporting: 'Reporting obligations and records',
  reviews: 'Review history',
  evidence: 'Evidence and chain of custody',
};

/** The text printed where a chosen section has nothing in it, so a blank never looks like an omission. */
export const NONE_RECORDED = 'None recorded.';
