/**
 * Statistics collectors. {@link TimeWeighted} averages a level over time (queue length, stock); {@link Tally}
 * averages observations (waiting times). Both support `reset(now)` for warm-up deletion.
 *
 * Cost: O(1) per record.
 */

/** Time-weighted average of a piecewise-constant level. */
export class TimeWeighted {
  private area = 0;
  private level: number;
  private last: number;
  private start: number;
  /** Highest level seen since the last reset. */
  max: number;

  constructor(now = 0, initial = 0) {
    this.level = initial;
    this.last = now;
    this.start = now;
    this.max = initial;
  }

  /** The level changes to `value` at `now`. */
  record(now: number, value: number): void {
    if (now < this.last) throw new Error(`TimeWeighted.record: time ${now} before ${this.last}`);
    this.area += this.level * (now - this.last);
    this.level = value;
    this.last = now;
    if (value > this.max) this.max = value;
  }

  /** Current level. */
  get value(): number {
    return this.level;
  }

  /** Time average from the start (or last reset) to `now`. */
  mean(now: number): number {
    const span = now - this.start;
    return span > 0 ? (this.area + this.level * (now - this.last)) / span : this.level;
  }

  /** Forget the history; keep the current level. */
  reset(now: number): void {
    this.area = 0;
    this.last = now;
    this.start = now;
    this.max = this.level;
  }
}

/** Running mean and variance of observations (Welford). */
export class Tally {
  count = 0;
  private m = 0;
  private s = 0;

  add(x: number): void {
    this.count++;
    const d = x - this.m;
    this.m += d / this.count;
    this.s += d * (x - this.m);
  }

  get mean(): number {
    return this.count > 0 ? this.m : Number.NaN;
  }

  get variance(): number {
    return this.count > 1 ? this.s / (this.count - 1) : Number.NaN;
  }

  reset(): void {
    this.count = 0;
    this.m = 0;
    this.s = 0;
  }
}
