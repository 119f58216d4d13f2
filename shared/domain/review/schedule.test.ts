import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { riskLevels, type RiskLevel } from '../ids';
import { dayNumber, isoDay } from './isoDate';
import { defaultReviewPolicy, reviewScheduleSchema, scheduleReview, type ReviewInput } from './schedule';

// CISA page, I. Management Strategies: strategies "require continual reassessment, adjustment, and follow-through";
// mitigation guide, Lesson 4 > Monitoring Response: "periodically re-evaluate the mitigation response".
describe('review scheduling', () => {
  it('schedules by risk level from the last review', () => {
    expect(scheduleReview({ today: '2025-03-01', riskLevel: 'critical', lastReview: '2025-03-01' }).nextReview).toBe('2025-03-08');
    expect(scheduleReview({ today: '2025-03-01', riskLevel: 'high', lastReview: '2025-03-01' }).nextReview).toBe('2025-03-15');
    expect(scheduleReview({ today: '2025-03-01', riskLevel: 'moderate', lastReview: '2025-03-01' }).nextReview).toBe('2025-03-31');
    expect(scheduleReview({ today: '2025-03-01', riskLevel: 'low', lastReview: '2025-03-01' }).nextReview).toBe('2025-05-30');
  });

  it('counts from today for a case never reviewed', () => {
    const s = scheduleReview({ today: '2024-02-20', riskLevel: 'high' });
    expect(s).toMatchObject({ nextReview: '2024-03-05', overdue: false, driver: 'risk_interval', intervalDays: 14 });
  });

  it('brings the review forward to the earliest open action due', () => {
    const s = scheduleReview({
      today: '2025-01-10',
      riskLevel: 'low',
      lastReview: '2025-01-01',
      openActions: [
        { id: 'a-2', due: '2025-02-20' },
        { id: 'a-1', due: '2025-01-25' },
        { id: 'a-3', due: null },
      ],
    });
    expect(s).toMatchObject({ nextReview: '2025-01-25', driver: 'open_action', actionId: 'a-1', overdue: false });
    expect(s.reasons.join(' ')).toContain('a-1');
  });

  it('is due today, and says so, when the review or an action is overdue', () => {
    expect(scheduleReview({ today: '2025-06-01', riskLevel: 'moderate', lastReview: '2025-01-01' })).toMatchObject({
      nextReview: '2025-06-01',
      overdue: true,
      driver: 'overdue_review',
    });
    expect(scheduleReview({ today: '2025-06-01', riskLevel: 'low', lastReview: '2025-05-30', openActions: [{ id: 'x', due: '2025-05-31' }] })).toMatchObject({
      nextReview: '2025-06-01',
      overdue: true,
      driver: 'overdue_action',
      actionId: 'x',
    });
  });

  // CISA page, II > Avoid concluding that a case is closed when the person of concern is fired, expelled, or otherwise removed.
  it('keeps following up a separated person: never closed, at least every 30 days by default', () => {
    const s = scheduleReview({ today: '2025-03-01', riskLevel: 'low', lastReview: '2025-03-01', subjectSeparated: true });
    expect(s.nextReview).toBe('2025-03-31');
    expect(s.reasons.join(' ')).toContain('not closed');
    expect(s.source).toContain('Avoid concluding that a case is closed');
  });

  it("takes a program's own intervals", () => {
    const policy = { intervalDays: { low: 180, moderate: 60, high: 21, critical: 3 }, postSeparationMaxDays: 45 };
    expect(scheduleReview({ today: '2025-03-01', riskLevel: 'critical', lastReview: '2025-03-01' }, policy).nextReview).toBe('2025-03-04');
  });

  it('accepts date-times and rejects impossible dates', () => {
    expect(scheduleReview({ today: '2025-03-01T23:30:00Z', riskLevel: 'critical' }).nextReview).toBe('2025-03-08');
    expect(() => scheduleReview({ today: '2025-02-30', riskLevel: 'low' })).toThrow();
    expect(() => scheduleReview({ today: 'yesterday', riskLevel: 'low' })).toThrow();
    expect(dayNumber('2024-02-29')).not.toBeNull();
    expect(dayNumber('2023-02-29')).toBeNull();
  });

  describe('properties', () => {
    const day = fc.integer({ min: dayNumber('2000-01-01') ?? 0, max: dayNumber('2060-12-31') ?? 0 });
    const input = fc.record({
      today: day,
      lastReview: fc.option(day, { nil: undefined }),
      riskLevel: fc.constantFrom(...riskLevels),
      dues: fc.array(fc.option(day, { nil: null }), { maxLength: 5 }),
      subjectSeparated: fc.boolean(),
    });
    interface Drawn {
      today: number;
      lastReview: number | undefined;
      riskLevel: RiskLevel;
      dues: (number | null)[];
      subjectSeparated: boolean;
    }
    const toInput = (v: Drawn): ReviewInput => ({
      today: isoDay(v.today),
      riskLevel: v.riskLevel,
      ...(v.lastReview !== undefined ? { lastReview: isoDay(v.lastReview) } : {}),
      openActions: v.dues.map((d, i) => ({ id: `a${i}`, due: d === null ? null : isoDay(d) })),
      subjectSeparated: v.subjectSeparated,
    });

    it('always gives a valid date, never before today, and no later than the interval after the last review (or today)', () => {
      fc.assert(
        fc.property(input, (v) => {
          const s = scheduleReview(toInput(v));
          reviewScheduleSchema.parse(s);
          const next = dayNumber(s.nextReview) ?? Number.NaN;
          expect(next).toBeGreaterThanOrEqual(v.today);
          expect(next).toBeLessThanOrEqual(Math.max(v.today, (v.lastReview ?? v.today) + defaultReviewPolicy.intervalDays[v.riskLevel]));
        }),
        { numRuns: 300 },
      );
    });

    it('a higher risk level, a separation or an extra open action never pushes the review later', () => {
      fc.assert(
        fc.property(input, day, (v, extraDue) => {
          const base = dayNumber(scheduleReview(toInput(v)).nextReview) ?? 0;
          const level = riskLevels.indexOf(v.riskLevel);
          const higher = riskLevels[Math.min(level + 1, riskLevels.length - 1)] ?? v.riskLevel;
          expect(dayNumber(scheduleReview(toInput({ ...v, riskLevel: higher })).nextReview)).toBeLessThanOrEqual(base);
          expect(dayNumber(scheduleReview(toInput({ ...v, subjectSeparated: true })).nextReview)).toBeLessThanOrEqual(base);
          expect(dayNumber(scheduleReview(toInput({ ...v, dues: [...v.dues, extraDue] })).nextReview)).toBeLessThanOrEqual(base);
        }),
        { numRuns: 300 },
      );
    });
  });
});
