/**
 * The home programme's blood: units released from the bank each working day up to the day's release limit
 * (`program.home_units_per_day`), kept as a standing stock, taken oldest first for visits, brought back
 * when unused within the return window, else wasted; units past their shelf life expire.
 *
 * Cost: O(stock) per release; O(units) per visit.
 */
import type { SimulationSettings } from '../../scenario/sections/simulation.js';
import { PerishableStore } from '../engine/index.js';
import type { RunRandom } from './random.js';
import type { RunTally } from './tally.js';

export class HomeStock {
  private readonly stock = new PerishableStore();
  /** Units the bank may still release today. */
  private releaseLeft = 0;
  private releasedCount = 0;

  constructor(private readonly s: SimulationSettings, private readonly rnd: RunRandom, private readonly tally: RunTally) {}

  get count(): number {
    return this.stock.count;
  }

  /** Remove expired units at time t (day d). */
  expire(t: number, d: number): void {
    this.waste(this.stock.expire(t, this.s.shelf_life_days), true, d);
  }

  /** Open working day d at time t: `releasable` units may leave the bank; top the stock up to `standing`. */
  openDay(d: number, t: number, releasable: number, standing: number): void {
    this.releaseLeft = releasable;
    this.release(Math.min(releasable, Math.max(0, standing - this.stock.count)), t, d);
  }

  /** Whether `units` can be had today (in stock or still releasable). */
  canSupply(units: number): boolean {
    return this.stock.count + this.releaseLeft >= units;
  }

  /** Take `units` for a visit on day d at time t, releasing what the stock lacks. */
  issue(units: number, t: number, d: number): void {
    if (this.stock.count < units) this.release(units - this.stock.count, t, d);
    this.stock.take(units);
  }

  private release(count: number, t: number, d: number): void {
    const s = this.s;
    const span = s.release_age_max_days - s.release_age_min_days + 1;
    for (let u = 0; u < count; u++) {
      const age = s.release_age_min_days + Math.floor(this.rnd.blood.at(this.releasedCount++, 0) * span);
      this.stock.put(t - age);
    }
    this.releaseLeft -= count;
    this.tally.r.flows.released += count;
    this.tally.c.unitsReleased += count;
    this.tally.series('unitsReleased', d, count);
  }

  /**
   * `count` units came back unused from a visit that kept them out for `minutesOut`: returned to the bank
   * within the return window, else wasted.
   */
  unused(count: number, minutesOut: number, d: number): void {
    if (count <= 0) return;
    if (minutesOut <= this.s.return_window_min) {
      this.tally.r.flows.returned += count;
      this.tally.c.unitsReturned += count;
      this.tally.series('unitsReturned', d, count);
    } else {
      this.waste(count, false, d);
    }
  }

  private waste(count: number, expired: boolean, d: number): void {
    if (count <= 0) return;
    this.tally.r.flows.wasted += count;
    this.tally.c.unitsWasted += count;
    if (expired) this.tally.c.unitsExpired += count;
    this.tally.series('unitsWasted', d, count);
  }
}
