/**
 * One blood group's units in the bank, counted by day of birth: every unit is born on the service event's
 * day grid (delivered at t = d + 0.5 with a whole-day age, or returned with its own birth time), so a count
 * per day replaces a sorted list. Oldest first out, expiry from the oldest day on.
 *
 * Cost: O(1) per put (of any count); O(days spanned) per take or expiry, amortised O(1) per unit. Memory O(horizon).
 */

/** Births up to this many days before day 0 (release ages are at most 60 days, scenario limit). */
const BEFORE = 64;

export class UnitStock {
  private readonly counts: Int32Array;
  /** Birth time of the units in each day's bucket (all units of a day share it). */
  private readonly bornAt: Float64Array;
  /** No bucket below this index holds a unit. */
  private oldest: number;
  count = 0;

  constructor(horizonDays: number) {
    this.counts = new Int32Array(horizonDays + BEFORE + 2);
    this.bornAt = new Float64Array(this.counts.length);
    this.oldest = this.counts.length;
  }

  /** Add `k` units (default 1) born at time `born`. */
  put(born: number, k = 1): void {
    const j = Math.floor(born) + BEFORE;
    if (j < 0 || j >= this.counts.length) throw new Error(`UnitStock.put: birth time ${born} outside the horizon`);
    if (this.counts[j]! > 0 && this.bornAt[j] !== born) {
      throw new Error(`UnitStock.put: birth time ${born} off the day grid (${this.bornAt[j]})`);
    }
    this.bornAt[j] = born;
    this.counts[j]! += k;
    this.count += k;
    if (j < this.oldest) this.oldest = j;
  }

  /** Take up to `k` units, oldest first, appending their birth times to `born`; returns how many. */
  take(k: number, born: number[]): number {
    let got = 0;
    while (got < k && this.count > 0) {
      const j = this.firstFull();
      const m = Math.min(k - got, this.counts[j]!);
      for (let u = 0; u < m; u++) born.push(this.bornAt[j]!);
      this.counts[j]! -= m;
      this.count -= m;
      got += m;
    }
    return got;
  }

  /** Remove every unit whose age at `now` is ≥ `shelfLife`; returns how many. */
  expire(now: number, shelfLife: number): number {
    let gone = 0;
    while (this.count > 0) {
      const j = this.firstFull();
      if (now - this.bornAt[j]! < shelfLife) break;
      gone += this.counts[j]!;
      this.count -= this.counts[j]!;
      this.counts[j] = 0;
    }
    return gone;
  }

  private firstFull(): number {
    while (this.counts[this.oldest] === 0) this.oldest++;
    return this.oldest;
  }
}
