import { ratio, type Summary } from './stats';
import type { RendererResult } from './renderer';
import type { WorkerResult } from './worker';

/**
 * The figures of one run side by side, encrypted against plain, and the targets
 * Offramp sets for a hub of 100,000 cases on a 2-core workstation.
 */
export interface Figure {
  encrypted: Summary | number | null;
  plain: Summary | number | null;
  /** Encrypted / plain of the medians (of the value, for single measurements). */
  ratio: number | null;
  /** Encrypted / plain of the 95th percentiles. */
  ratioP95?: number | null;
}

export interface Target {
  what: string;
  limit: number;
  unit: 'ms' | 'MB' | 'x';
  value: number;
  met: boolean;
}

export const targetLimits = {
  searchP95Ms: 50,
  caseListP95Ms: 30,
  caseOpenP95Ms: 50,
  indicatorWriteP95Ms: 5,
  encryptedPlainRatio: 1.3,
  unlockToCaseListMs: 1000,
  peakRssMb: 300,
} as const;

const summaryFigure = (e: Summary | null, p: Summary | null): Figure => ({
  encrypted: e,
  plain: p,
  ratio: e === null || p === null ? null : ratio(e.p50, p.p50),
  ratioP95: e === null || p === null ? null : ratio(e.p95, p.p95),
});

export function compare(enc: WorkerResult, plain: WorkerResult): Record<string, Figure | Record<string, Figure>> {
  const list: Record<string, Figure> = {};
  for (const shape of enc.caseList) {
    const other = plain.caseList.find((s) => s.name === shape.name);
    list[`${shape.name} (${shape.total} cases)`] = summaryFigure(shape.ms, other?.ms ?? null);
  }
  return {
    // Plain SQLite has no keyslot to unwrap: its figure is the plain open.
    unlockWithKdf: summaryFigure(enc.unlockWithKdf, plain.openDatabase),
    openDatabase: summaryFigure(enc.openDatabase, plain.openDatabase),
    caseList: list,
    homeSummary: summaryFigure(enc.homeSummary, plain.homeSummary),
    search: summaryFigure(enc.search.ms, plain.search.ms),
    readCase: summaryFigure(enc.readCase, plain.readCase),
    viewCase: summaryFigure(enc.viewCase, plain.viewCase),
    indicatorWrite: summaryFigure(enc.indicatorWrite.ms, plain.indicatorWrite.ms),
    indicatorWriteNoFlush: summaryFigure(enc.indicatorWriteNoFlush, plain.indicatorWriteNoFlush),
    indicatorWritesPerSecond: { encrypted: enc.indicatorWrite.writesPerSecond, plain: plain.indicatorWrite.writesPerSecond, ratio: ratio(plain.indicatorWrite.writesPerSecond, enc.indicatorWrite.writesPerSecond) },
    auditVerify: { encrypted: enc.auditVerify.ms, plain: plain.auditVerify.ms, ratio: ratio(enc.auditVerify.ms, plain.auditVerify.ms) },
    peakRssMb: { encrypted: enc.peakRssMb, plain: plain.peakRssMb, ratio: ratio(enc.peakRssMb, plain.peakRssMb) },
  };
}

/**
 * Each target against the encrypted vault (what analysts use). The ratio target
 * covers the query figures — case list, search, opening a case — on their
 * medians: the steady cost of encryption, not the noise of single slow samples.
 */
export function checkTargets(enc: WorkerResult, plain: WorkerResult, renderer: RendererResult | null = null): Target[] {
  const worstList = enc.caseList.reduce((worst, s) => (s.ms.p95 > worst.ms.p95 ? s : worst));
  const target = (what: string, limit: number, unit: Target['unit'], value: number): Target => ({ what, limit, unit, value, met: value <= limit });
  const ratios: { name: string; value: number }[] = [
    ...enc.caseList.map((s) => ({ name: `case list: ${s.name}`, value: ratio(s.ms.p50, plain.caseList.find((p) => p.name === s.name)?.ms.p50 ?? 0) ?? 0 })),
    { name: 'search', value: ratio(enc.search.ms.p50, plain.search.ms.p50) ?? 0 },
    { name: 'open a case (read)', value: ratio(enc.readCase.p50, plain.readCase.p50) ?? 0 },
    { name: 'open a case (audited view)', value: ratio(enc.viewCase.p50, plain.viewCase.p50) ?? 0 },
  ];
  return [
    target('full-text search p95', targetLimits.searchP95Ms, 'ms', enc.search.ms.p95),
    target(`case list first page p95 (slowest view: ${worstList.name})`, targetLimits.caseListP95Ms, 'ms', worstList.ms.p95),
    target('open a case (audited view) p95', targetLimits.caseOpenP95Ms, 'ms', enc.viewCase.p95),
    target('add an indicator p95', targetLimits.indicatorWriteP95Ms, 'ms', enc.indicatorWrite.ms.p95),
    ...ratios.map((r) => target(`encrypted/plain ratio, ${r.name}`, targetLimits.encryptedPlainRatio, 'x', r.value)),
    // The slowest of the repetitions: each is one user unlocking.
    ...(renderer === null ? [] : [target('unlock to an interactive case list, KDF excluded (slowest run)', targetLimits.unlockToCaseListMs, 'ms', renderer.unlockToCaseListExcludingKdf.max)]),
    target('backend peak RSS', targetLimits.peakRssMb, 'MB', enc.peakRssMb),
  ];
}
