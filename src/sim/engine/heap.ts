/**
 * The event list: a binary min-heap keyed by `(time, priority, sequence)`. The sequence number is assigned at
 * insertion, so two events at the same time and priority leave in the order they were scheduled — runs are
 * deterministic without relying on sort stability. Keys live in parallel typed arrays (no object per event).
 *
 * Cost: O(log n) per push and pop, O(1) peek; memory grows by doubling.
 */

/** A scheduled action; `arg` lets one function serve many entities without a closure per event. */
export type EventFn = (arg: number) => void;

export class EventHeap {
  private time: Float64Array;
  private prio: Int32Array;
  private seq: Float64Array;
  private arg: Float64Array;
  private fns: (EventFn | undefined)[];
  private n = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.time = new Float64Array(c);
    this.prio = new Int32Array(c);
    this.seq = new Float64Array(c);
    this.arg = new Float64Array(c);
    this.fns = new Array<EventFn | undefined>(c);
  }

  /** Number of pending events. */
  get size(): number {
    return this.n;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.n === 0 ? Infinity : this.time[0]!;
  }

  /** Insert an event. Lower `priority` runs first among events at the same time. */
  push(time: number, priority: number, fn: EventFn, arg: number): void {
    if (this.n === this.time.length) this.grow();
    const s = this.nextSeq++;
    let i = this.n++;
    // sift up, moving parents down into the hole
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(time, priority, s, this.time[p]!, this.prio[p]!, this.seq[p]!)) break;
      this.move(p, i);
      i = p;
    }
    this.set(i, time, priority, s, fn, arg);
  }

  /**
   * Remove the earliest event; its time, function and argument are left in `popped*` fields (no allocation).
   * Returns false when empty.
   */
  pop(): boolean {
    if (this.n === 0) return false;
    this.poppedTime = this.time[0]!;
    this.poppedFn = this.fns[0]!;
    this.poppedArg = this.arg[0]!;
    const last = --this.n;
    if (last > 0) {
      const t = this.time[last]!, pr = this.prio[last]!, s = this.seq[last]!, f = this.fns[last]!, a = this.arg[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        const c = r < last && less(this.time[r]!, this.prio[r]!, this.seq[r]!, this.time[l]!, this.prio[l]!, this.seq[l]!) ? r : l;
        if (!less(this.time[c]!, this.prio[c]!, this.seq[c]!, t, pr, s)) break;
        this.move(c, i);
        i = c;
      }
      this.set(i, t, pr, s, f, a);
    }
    this.fns[last] = undefined;
    return true;
  }

  poppedTime = 0;
  poppedFn: EventFn = () => {};
  poppedArg = 0;

  /** Drop every pending event (the sequence counter keeps counting). */
  clear(): void {
    this.fns.fill(undefined, 0, this.n);
    this.n = 0;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.prio[to] = this.prio[from]!;
    this.seq[to] = this.seq[from]!;
    this.arg[to] = this.arg[from]!;
    this.fns[to] = this.fns[from];
  }

  private set(i: number, t: number, p: number, s: number, f: EventFn, a: number): void {
    this.time[i] = t;
    this.prio[i] = p;
    this.seq[i] = s;
    this.arg[i] = a;
    this.fns[i] = f;
  }

  private grow(): void {
    const c = this.time.length * 2;
    const t = new Float64Array(c); t.set(this.time); this.time = t;
    const p = new Int32Array(c); p.set(this.prio); this.prio = p;
    const s = new Float64Array(c); s.set(this.seq); this.seq = s;
    const a = new Float64Array(c); a.set(this.arg); this.arg = a;
    this.fns.length = c;
  }
}

function less(t1: number, p1: number, s1: number, t2: number, p2: number, s2: number): boolean {
  return t1 < t2 || (t1 === t2 && (p1 < p2 || (p1 === p2 && s1 < s2)));
}
