import { ratio, type Summary } from './stats';
import type { RendererResult } from './renderer';
import type { WorkerResult } from './worker';
import type { FairFigures } from './fair';
import type { ExportRssFigures } from './exportRss';

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
  indicatorWriteP95Ms: 6,
  indicatorWriteP50Ms: 3,
  encryptedPlainRatio: 1.3,
  unlockToListBackendMs: 60,
  unlockToCaseListMs: 1000,
  peakRssMb: 300,
  backupCpRatio: 2,
  exportAboveIdleMb: 30,
  scrollFrameMaxMs: 50,
  controlRatioLow: 0.9,
  controlRatioHigh: 1.1,
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
 * Each target against the encrypted vault (what analysts use). Times and the
 * ratio come from the fair comparison; the ratio target covers the uncached
 * query figures on their medians: the steady cost of decrypting pages.
 */
export function checkTargets(enc: WorkerResult, fair: FairFigures, renderer: RendererResult | null = null, exportMemory: ExportRssFigures | null = null): Target[] {
  const target = (what: string, limit: number, unit: Target['unit'], value: number): Target => ({ what, limit, unit, value, met: value <= limit });
  const lists = Object.entries(fair.cached).filter(([name]) => name.startsWith('case list'));
  const worstList = lists.reduce((worst, entry) => (entry[1].encrypted.p95 > worst[1].encrypted.p95 ? entry : worst));
  const [low, high] = fair.control.ratioRange;
  return [
    { what: 'control ratio, plain against plain (every figure within 0.9–1.1)', limit: targetLimits.controlRatioHigh, unit: 'x', value: high, met: fair.control.withinBounds && low >= targetLimits.controlRatioLow },
    target('full-text search p95 (cached)', targetLimits.searchP95Ms, 'ms', fair.cached['search']?.encrypted.p95 ?? Number.NaN),
    target(`case list page p95 (cached, slowest: ${worstList[0]})`, targetLimits.caseListP95Ms, 'ms', worstList[1].encrypted.p95),
    target('case list, last page of a keyset walk (p50 of 3 walks)', targetLimits.caseListP95Ms, 'ms', fair.deepList.lastPage.encrypted.p50),
    target('open a case (audited view) p95', targetLimits.caseOpenP95Ms, 'ms', enc.viewCase.p95),
    target('add an indicator p95 (fully durable)', targetLimits.indicatorWriteP95Ms, 'ms', fair.addIndicator.encrypted.p95),
    target('add an indicator p50 (fully durable)', targetLimits.indicatorWriteP50Ms, 'ms', fair.addIndicator.encrypted.p50),
    target('unlock to interactive list, backend, KDF excluded (p95)', targetLimits.unlockToListBackendMs, 'ms', fair.unlockToList.encrypted.p95),
    ...Object.entries(fair.uncached).map(([name, p]) => target(`encrypted/plain ratio, uncached, ${name}`, targetLimits.encryptedPlainRatio, 'x', p.ratio ?? Number.NaN)),
    // The slowest of the repetitions: each is one user unlocking.
    ...(renderer === null
      ? []
      : [
          target('unlock to an interactive case list in the renderer, KDF excluded (slowest run)', targetLimits.unlockToCaseListMs, 'ms', renderer.unlockToCaseListExcludingKdf.max),
          target('longest frame scrolling the case list to its last row', targetLimits.scrollFrameMaxMs, 'ms', renderer.scroll.frameMs.max),
        ]),
    target('backend RSS, both databases open (no KDF buffer)', targetLimits.peakRssMb, 'MB', fair.backendRssMb),
    target('verified backup against a plain copy of the vault file (backup ÷ cp)', targetLimits.backupCpRatio, 'x', enc.backup?.ratio ?? Number.NaN),
    ...(exportMemory === null ? [] : [target('packet export with 20 MiB of evidence, peak backend RSS above idle', targetLimits.exportAboveIdleMb, 'MB', exportMemory.aboveIdleMB)]),
  ];
}
