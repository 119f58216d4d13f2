import { eventHash, GENESIS_HASH } from '../../electron/backend/vault/audit';
import type { Db } from '../../electron/backend/vault/database';
import type { TimedEvent } from './synth';

/**
 * Appends synthetic history to the audit log with the same hash chain as
 * appendAudit, but keeps the chain's head in memory and one prepared statement,
 * so millions of events go in at bulk speed. Use inside the caller's transaction.
 */
export interface AuditWriter {
  append(event: TimedEvent): void;
  readonly count: number;
}

export function createAuditWriter(db: Db): AuditWriter {
  const last = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  let count = 0;
  const insert = db.prepare('INSERT INTO audit_events (seq, at, actor, action, case_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  return {
    append(event) {
      seq += 1;
      const e = { seq, at: new Date(event.at).toISOString(), actor: event.actor, action: event.action, caseId: event.caseId, detail: JSON.stringify(event.detail) };
      const hash = eventHash(prevHash, e);
      insert.run(seq, e.at, e.actor, e.action, e.caseId, e.detail, prevHash, hash);
      prevHash = hash;
      count += 1;
    },
    get count() {
      return count;
    },
  };
}

/** A min-heap of pending events by time; equal times keep their arrival order. */
export class EventQueue {
  private readonly items: { event: TimedEvent; order: number }[] = [];
  private arrivals = 0;

  get size(): number {
    return this.items.length;
  }

  push(event: TimedEvent): void {
    const items = this.items;
    items.push({ event, order: this.arrivals++ });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns, in order, every event at or before `time`. */
  takeUntil(time: number): TimedEvent[] {
    const out: TimedEvent[] = [];
    while (this.items.length > 0 && (this.items[0]?.event.at ?? Infinity) <= time) out.push(this.pop());
    return out;
  }

  private pop(): TimedEvent {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined) throw new Error('pop from an empty queue');
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && this.before(l, best)) best = l;
        if (r < items.length && this.before(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top.event;
  }

  private before(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    if (x === undefined || y === undefined) return false;
    return x.event.at < y.event.at || (x.event.at === y.event.at && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    if (x === undefined || y === undefined) return;
    this.items[a] = y;
    this.items[b] = x;
  }
}
