/**
 * An inventory of perishable items, each with the time it was made (`born`): age = now − born. Items leave
 * oldest first (FIFO by age) and `expire` removes those at or past their shelf life.
 *
 * Cost: O(k) per `take(k)`, O(s) per `put` (sorted insert, s = stock) — stocks here are small.
 */
export class PerishableStore {
  /** Birth times, oldest (smallest) first. */
  private born: number[] = [];

  /** Items in stock. */
  get count(): number {
    return this.born.length;
  }

  /** Add one item made at time `born`. */
  put(born: number): void {
    const b = this.born;
    let i = b.length;
    while (i > 0 && b[i - 1]! > born) i--;
    b.splice(i, 0, born);
  }

  /** Remove up to `k` items, oldest first; returns their birth times. */
  take(k: number): number[] {
    if (k < 0 || !Number.isInteger(k)) throw new Error(`PerishableStore.take: bad count ${k}`);
    return this.born.splice(0, Math.min(k, this.born.length));
  }

  /** Remove every item whose age at `now` is ≥ `shelfLife`; returns how many were removed. */
  expire(now: number, shelfLife: number): number {
    const b = this.born;
    let i = 0;
    while (i < b.length && now - b[i]! >= shelfLife) i++;
    if (i > 0) b.splice(0, i);
    return i;
  }

  /** Ages of the items at `now`, oldest first. */
  ages(now: number): number[] {
    return this.born.map((b) => now - b);
  }
}
