/**
 * From pooled nurse days to rosters. The pooled model (assemble.ts, `nurseModel: 'pooled'`) plans each day's
 * trips against the day's nurses together; here each day's trips are given to nurses, so that every nurse's day
 * holds (shift + overtime cap, visits per nurse, one chained trip — the service model's roster rules):
 *
 * 1. **Pack**: trips longest first (ties: column order), each to the nurse whose overtime it raises least, then
 *    the one it fits most tightly (best fit; ties: the lower nurse).
 * 2. **Repair**: each visit of a trip that fits no nurse goes home as a round trip on the best day of its window
 *    where a nurse still has room (and units remain, and the patient has no other transfusion that day); else
 *    to the clinic on its day when its episode is due within the horizon, else it is not planned — and then
 *    neither are the patient's later optional episodes (their order).
 *    Then, per day, trips move or swap between two nurses while that lowers their overtime (local search).
 * 3. **Fill**: patients planned at the clinic whose home visit that day fits a nurse's remaining day and the
 *    day's units move home, best objective gain first.
 *
 * The result satisfies every row of the pooled model and every nurse's day; its objective, with overtime per
 * nurse, is the exact per-nurse model's objective of that plan, and the pooled LP bound bounds the per-nurse
 * optimum, so the reported gap is honest. Deterministic.
 *
 * Cost: O(D · t log t + t · nurses) for t trips.
 */
import { HOURS_TOLERANCE, nurseDayLimitHours, overtimeHours } from '../service/index.js';
import type { AllocationModel } from './assemble.js';
import { KIND_CHAIN, KIND_CLINIC, KIND_HOME } from './assemble.js';
import type { ProgramCapacity } from './types.js';

export interface PackedPlan {
  /** The pooled model's vector after packing (overtime columns still to be recomputed from the rows). */
  readonly x: Float64Array;
  /** Nurse of each chosen home or chain column (−1 otherwise). */
  readonly nurse: Int32Array;
  /** Σ over nurse-days of each nurse's own overtime hours. */
  readonly overtimeHours: number;
  /** Visits the packing moved to the clinic, left unplanned (optional episodes), and moved home by the fill. */
  readonly toClinic: number;
  readonly dropped: number;
  readonly filled: number;
}

interface Lane { hours: number; visits: number; chains: number; trips: number[] }

/**
 * Pack the pooled plan `x` (binaries rounded) into per-nurse days.
 * @example const packed = packPooled(am, program, roundedX); packed.nurse[j]; // nurse of column j
 */
export function packPooled(am: AllocationModel, program: ProgramCapacity, xIn: Float64Array): PackedPlan {
  const m = am.model, meta = am.meta;
  const x = Float64Array.from(xIn);
  const nurse = new Int32Array(x.length).fill(-1);
  const limit = nurseDayLimitHours(program);
  const maxVisits = program.max_visits_per_nurse_per_day;
  const key = (e: number, d: number): number => e * (am.calendar.length + 1) + d;
  const homeCol = new Map<number, number>(), clinicCol = new Map<number, number>();
  const chosenByEpisode = new Map<number, number>();
  for (let j = 0; j < x.length; j++) {
    const k = meta.kind[j]!;
    if (k === KIND_HOME) homeCol.set(key(meta.episode[j]!, meta.day[j]!), j);
    else if (k === KIND_CLINIC) clinicCol.set(key(meta.episode[j]!, meta.day[j]!), j);
    if (x[j]! > 0.5 && (k === KIND_HOME || k === KIND_CLINIC || k === KIND_CHAIN)) {
      chosenByEpisode.set(meta.episode[j]!, j);
      if (k === KIND_CHAIN) chosenByEpisode.set(meta.episode2[j]!, j);
    }
  }
  const tripHours = (j: number): number => (meta.kind[j] === KIND_CHAIN ? am.pairs[meta.pair[j]!]!.hours : am.visitHours[meta.patient[j]!]!);
  const tripVisits = (j: number): number => (meta.kind[j] === KIND_CHAIN ? 2 : 1);
  const lanes = am.calendar.map((c) => Array.from({ length: c.nurses }, (): Lane => ({ hours: 0, visits: 0, chains: 0, trips: [] })));
  const unitsLeft = am.calendar.map((c) => c.homeUnits);
  const place = (d: number, j: number, hours: number, visits: number, chain: number): boolean => {
    let best = -1, bestExtra = Infinity;
    const day = lanes[d - 1]!;
    for (let k = 0; k < day.length; k++) {
      const l = day[k]!;
      if (l.visits + visits > maxVisits || l.chains + chain > 1 || l.hours + hours > limit + HOURS_TOLERANCE) continue;
      // least added overtime, then the tightest fit
      const extra = overtimeHours(program, l.hours + hours) - overtimeHours(program, l.hours);
      if (best < 0 || extra < bestExtra - HOURS_TOLERANCE || (extra <= bestExtra + HOURS_TOLERANCE && l.hours > day[best]!.hours)) { best = k; bestExtra = extra; }
    }
    if (best < 0) return false;
    const l = day[best]!;
    l.hours += hours; l.visits += visits; l.chains += chain; l.trips.push(j);
    nurse[j] = best;
    return true;
  };
  let toClinic = 0, dropped = 0, filled = 0;
  const D = am.calendar.length;
  const busy = new Set<number>(); // patient × day with a transfusion planned
  // an episode whose home visit is withdrawn: the clinic that day if due within the horizon, else unplanned,
  // and so are the patient's later optional episodes (order rows)
  const withdraw = (e: number, d: number): void => {
    const ep = am.episodes[e]!;
    chosenByEpisode.delete(e);
    if (ep.mandatory) {
      const c = clinicCol.get(key(e, d))!;
      x[c] = 1; chosenByEpisode.set(e, c); toClinic++;
      return;
    }
    dropped++;
    busy.delete(ep.patient * (D + 1) + d); // no transfusion that day after all
    for (let f = e + 1; f < am.episodes.length && am.episodes[f]!.patient === ep.patient; f++) {
      const j = chosenByEpisode.get(f);
      if (j === undefined || am.episodes[f]!.mandatory) continue;
      remove(j);
    }
  };
  /** Take trip j out of the plan (its nurse's day, its units) and withdraw its episodes. */
  const remove = (j: number): void => {
    if (x[j]! < 0.5) return;
    x[j] = 0;
    const d = meta.day[j]!;
    if (nurse[j]! >= 0) { const l = lanes[d - 1]![nurse[j]!]!; l.hours -= tripHours(j); l.visits -= tripVisits(j); l.chains -= meta.kind[j] === KIND_CHAIN ? 1 : 0; l.trips.splice(l.trips.indexOf(j), 1); nurse[j] = -1; }
    unitsLeft[d - 1]! += tripUnits(am, j);
    withdraw(meta.episode[j]!, d);
    if (meta.kind[j] === KIND_CHAIN) withdraw(meta.episode2[j]!, d);
  };

  // 1. pack, day by day, longest trip first
  const byDay = am.calendar.map(() => [] as number[]);
  const stops = (j: number): number[] => (meta.kind[j] === KIND_CHAIN ? [am.pairs[meta.pair[j]!]!.first, am.pairs[meta.pair[j]!]!.second] : [meta.patient[j]!]);
  for (let j = 0; j < x.length; j++) {
    const k = meta.kind[j]!;
    if (x[j]! < 0.5 || (k !== KIND_HOME && k !== KIND_CHAIN && k !== KIND_CLINIC)) continue;
    for (const p of stops(j)) busy.add(p * (D + 1) + meta.day[j]!);
    if (k !== KIND_CLINIC) { byDay[meta.day[j]! - 1]!.push(j); unitsLeft[meta.day[j]! - 1]! -= tripUnits(am, j); }
  }
  const unplaced: number[] = [];
  byDay.forEach((trips, di) => {
    trips.sort((a, b) => tripHours(b) - tripHours(a) || a - b);
    for (const j of trips) if (!place(di + 1, j, tripHours(j), tripVisits(j), meta.kind[j] === KIND_CHAIN ? 1 : 0)) unplaced.push(j);
  });
  // 2. repair: each visit of a trip no nurse holds, at home on the best day of its window a nurse still has room
  // for (a chain's visits as round trips), else withdrawn (clinic that day, or not planned)
  const homeColsOf = new Map<number, number[]>();
  homeCol.forEach((j, k) => {
    const e = Math.floor(k / (D + 1));
    (homeColsOf.get(e) ?? homeColsOf.set(e, []).get(e)!).push(j);
  });
  const better = (a: number, b: number): number => (m.sense === 'max' ? m.colCost[b]! - m.colCost[a]! : m.colCost[a]! - m.colCost[b]!) || a - b;
  for (const cols of homeColsOf.values()) cols.sort(better);
  for (const j of unplaced) {
    if (x[j]! < 0.5) continue; // already withdrawn by an earlier removal
    const d = meta.day[j]!;
    const eps = meta.kind[j] === KIND_CHAIN ? [meta.episode[j]!, meta.episode2[j]!] : [meta.episode[j]!];
    x[j] = 0;
    unitsLeft[d - 1]! += tripUnits(am, j);
    for (const p of stops(j)) busy.delete(p * (D + 1) + d);
    for (const e of eps) {
      const p = am.episodes[e]!.patient;
      chosenByEpisode.delete(e);
      const h = (homeColsOf.get(e) ?? []).find((c) => {
        const dc = meta.day[c]!;
        return !busy.has(p * (D + 1) + dc) && unitsLeft[dc - 1]! >= am.units[p]! && place(dc, c, am.visitHours[p]!, 1, 0);
      });
      if (h !== undefined) {
        x[h] = 1; chosenByEpisode.set(e, h); unitsLeft[meta.day[h]! - 1]! -= am.units[p]!; busy.add(p * (D + 1) + meta.day[h]!);
      } else {
        busy.add(p * (D + 1) + d);
        withdraw(e, d);
      }
    }
  }

  // overtime: move or swap trips between two nurses of a day while that lowers their overtime
  const chainOf = (j: number): number => (meta.kind[j] === KIND_CHAIN ? 1 : 0);
  const fits = (l: Lane, out: number, into: number): boolean => {
    const hours = l.hours - (out >= 0 ? tripHours(out) : 0) + tripHours(into);
    const visits = l.visits - (out >= 0 ? tripVisits(out) : 0) + tripVisits(into);
    const chains = l.chains - (out >= 0 ? chainOf(out) : 0) + chainOf(into);
    return hours <= limit + HOURS_TOLERANCE && visits <= maxVisits && chains <= 1;
  };
  const shift = (l: Lane, out: number, into: number, k: number): void => {
    if (out >= 0) { l.hours -= tripHours(out); l.visits -= tripVisits(out); l.chains -= chainOf(out); l.trips.splice(l.trips.indexOf(out), 1); }
    l.hours += tripHours(into); l.visits += tripVisits(into); l.chains += chainOf(into); l.trips.push(into); nurse[into] = k;
  };
  const ot = (h: number): number => overtimeHours(program, h);
  const balance = (day: Lane[]): void => {
    for (let pass = 0, improved = true; improved && pass < 100; pass++) {
      improved = false;
      for (let a = 0; a < day.length && !improved; a++) {
        const la = day[a]!;
        if (ot(la.hours) <= HOURS_TOLERANCE) continue;
        for (let b = 0; b < day.length && !improved; b++) {
          if (b === a) continue;
          const lb = day[b]!;
          for (const t of [...la.trips]) {
            // move t (u = −1) or swap it with u
            for (const u of [-1, ...lb.trips]) {
              const dt = tripHours(t) - (u >= 0 ? tripHours(u) : 0);
              const before = ot(la.hours) + ot(lb.hours), after = ot(la.hours - dt) + ot(lb.hours + dt);
              if (after >= before - 1e-6) continue;
              const laFits = u < 0 || fits(la, t, u);
              if (!laFits || !fits(lb, u, t)) continue;
              // take t out of a (putting u in), then u out of b (putting t in)
              la.hours -= tripHours(t); la.visits -= tripVisits(t); la.chains -= chainOf(t); la.trips.splice(la.trips.indexOf(t), 1);
              if (u >= 0) shift(la, -1, u, a);
              shift(lb, u, t, b);
              improved = true;
              break;
            }
            if (improved) break;
          }
        }
      }
    }
  };
  for (const day of lanes) balance(day);

  // 3. fill: clinic visits that fit a nurse's remaining day, best gain first
  const gain = (h: number, c: number): number => (m.sense === 'max' ? m.colCost[h]! - m.colCost[c]! : m.colCost[c]! - m.colCost[h]!);
  const moves: { h: number; c: number; g: number }[] = [];
  for (let c = 0; c < x.length; c++) {
    if (meta.kind[c] !== KIND_CLINIC || x[c]! < 0.5) continue;
    const h = homeCol.get(key(meta.episode[c]!, meta.day[c]!));
    if (h !== undefined && gain(h, c) > 0) moves.push({ h, c, g: gain(h, c) });
  }
  moves.sort((a, b) => b.g - a.g || a.h - b.h);
  for (const { h, c } of moves) {
    const d = meta.day[h]!, p = meta.patient[h]!;
    if (unitsLeft[d - 1]! < am.units[p]! || !place(d, h, am.visitHours[p]!, 1, 0)) continue;
    x[c] = 0; x[h] = 1; unitsLeft[d - 1]! -= am.units[p]!; filled++;
  }

  for (const day of lanes) balance(day);
  let overtime = 0;
  for (const day of lanes) for (const l of day) overtime += overtimeHours(program, l.hours);
  for (let j = 0; j < x.length; j++) if (x[j]! < 0.5) nurse[j] = -1;
  return { x, nurse, overtimeHours: overtime, toClinic, dropped, filled };
}

/** Units of trip column j (both stops of a chain). */
function tripUnits(am: AllocationModel, j: number): number {
  const meta = am.meta;
  if (meta.kind[j] !== KIND_CHAIN) return am.units[meta.patient[j]!]!;
  const q = am.pairs[meta.pair[j]!]!;
  return am.units[q.first]! + am.units[q.second]!;
}
