import { describe, expect, it } from 'vitest';
import { caseRecordSchema } from '../../shared/model/caseRecord';
import { EventQueue } from '../bench/auditWriter';
import { SYNTH_NOW } from '../bench/hub';
import { createRng } from '../bench/prng';
import { corpusWords, searchQueries } from '../bench/queries';
import { formatDuration } from '../bench/progress';
import { percentile, ratio, summarize } from '../bench/stats';
import { createCaseSynthesizer } from '../bench/synth';
import { wordCount } from '../bench/text';

describe('the seeded generator', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const first = Array.from({ length: 5 }, () => a.uuid());
    expect(Array.from({ length: 5 }, () => b.uuid())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.uuid())).not.toEqual(first);
    expect(first[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('makes valid, realistic cases in the order they were opened, with their history in time order', () => {
    const synth = createCaseSynthesizer(3, 200);
    let previousOpen = 0;
    const numbers = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const { record, events } = synth.next(i);
      expect(caseRecordSchema.safeParse(record).success).toBe(true);
      expect(record.indicators.length).toBeGreaterThanOrEqual(8);
      expect(record.indicators.length).toBeLessThanOrEqual(12);
      expect(record.analysis).toHaveLength(5);
      expect(record.actions).toHaveLength(5);
      expect(record.reviews).toHaveLength(3);
      expect(wordCount(record.reports[0]?.narrative ?? '')).toBeGreaterThanOrEqual(200);
      expect(record.obligations.some((o) => o.recipient === 'internal')).toBe(true);
      const opened = Date.parse(record.case.createdAt);
      expect(opened).toBeGreaterThan(previousOpen);
      previousOpen = opened;
      expect(numbers.has(record.case.number)).toBe(false);
      numbers.add(record.case.number);
      expect(events[0]).toMatchObject({ action: 'case.create', at: opened, caseId: record.case.id });
      for (let k = 1; k < events.length; k += 1) expect(events[k]?.at).toBeGreaterThanOrEqual(events[k - 1]?.at ?? 0);
      expect(events.every((e) => e.at < SYNTH_NOW.getTime())).toBe(true);
      // Audit details carry ids, names of fields and counts, never case text.
      for (const e of events) for (const v of Object.values(e.detail)) if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(40);
      if (record.case.status === 'closed') expect(record.case.closedAt).not.toBeNull();
    }
  });

  it('keeps equal times in arrival order and takes events up to a time', () => {
    const queue = new EventQueue();
    const ev = (at: number, action: string) => ({ at, action, actor: 'a', caseId: null, detail: {} });
    for (const [at, action] of [[5, 'e'], [1, 'a'], [3, 'c'], [1, 'b'], [4, 'd']] as const) queue.push(ev(at, action));
    expect(queue.takeUntil(3).map((e) => e.action)).toEqual(['a', 'b', 'c']);
    expect(queue.takeUntil(Infinity).map((e) => e.action)).toEqual(['d', 'e']);
    expect(queue.size).toBe(0);
  });

  it('draws search queries from the words the generator writes', () => {
    const vocabulary = new Set(corpusWords());
    expect(vocabulary.has('garnishment')).toBe(true);
    const queries = searchQueries(1, 100);
    expect(queries).toEqual(searchQueries(1, 100));
    for (const q of queries) for (const w of q.split(' ')) expect([...vocabulary].some((v) => v.startsWith(w))).toBe(true);
  });
});

describe('timing figures', () => {
  it('uses nearest-rank percentiles and medians for ratios', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile([...samples].sort((a, b) => a - b), 95)).toBe(95);
    expect(summarize(samples)).toMatchObject({ n: 100, p50: 50, p95: 95, max: 100, mean: 50.5 });
    expect(ratio(13, 10)).toBe(1.3);
    expect(ratio(1, 0)).toBeNull();
  });
});

describe('progress', () => {
  it('says how long in minutes and seconds, rounding once', () => {
    expect(formatDuration(59.6)).toBe('1 min 0 s');
    expect(formatDuration(1139.7)).toBe('19 min 0 s');
    expect(formatDuration(12.2)).toBe('12 s');
  });
});
