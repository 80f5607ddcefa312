/**
 * Assemble the episode-assignment model (docs/optimize.md, "Model"):
 *
 *   home[p,e,d], clinic[p,e,d] ∈ {0,1} for each episode e of patient p and each working day d of its window;
 *   overflow[d] ≥ 0 chair hours above clinic capacity.
 *   episode_p_e:  Σ_d home + clinic = 1 (mandatory: due within the horizon) or ≤ 1 (optional, home only);
 *   order_p_e:    optional episode e only if e−1 happened;   once_p_d: at most one transfusion a day;
 *   home_units_d ≤ units released;  chair_hours_d − overflow_d ≤ chair capacity.
 *   With the regimen settings (window.regimen), a red cell exchange patient (procedure `exchange`) has clinic
 *   columns only, on the apheresis chairs as the simulator books them (src/service/regimen.ts):
 *   apheresis_hours_d − apheresis_overflow_d ≤ apheresis capacity, each exchange exchange_chair_hours, the
 *   overflow penalised as the chairs'; not in chair_hours_d. Without it an exchange is a simple transfusion.
 *   Nurses' shifts (service model), never a pooled hour budget:
 *   - when no two visits fit one nurse's day (every visit > half of shift + overtime cap, or one visit a nurse):
 *     home_visits_d ≤ nurses on duty — exact, each nurse makes one visit; its overtime is known per column;
 *   - otherwise each home column is per nurse, home[p,e,d,k]: nurse_hours_d_k − overtime_d_k ≤ shift,
 *     0 ≤ overtime_d_k ≤ overtime cap, nurse_visits_d_k ≤ visits per nurse, nurse k works no more hours
 *     than nurse k−1 (symmetry).
 *   Overtime is priced at costs.overtime_hour_cost − nurse_hour_cost per hour (a penalty in `home`).
 *   Chained trips (when `routing` gives where patients live, pairs.ts): chain[a,e,b,f,d(,k)] visits a and b on one
 *   trip — in both patients' episode and once rows, 2 visits and the pair's units, the chain's hours (one trip
 *   in the count of trips a day when no nurse fits two; per nurse: at most one chain a nurse-day, as the
 *   simulator's roster chains a nurse's first visit only).
 *
 * Cost: O(patients · episodes · window days + pairs · window days) time and memory; pairs O(patients²).
 */
import { HOURS_TOLERANCE, clinicChairHours, delayPoints, fitsNurseDay, homeVisitHours, nurseDayLimitHours, overtimeHours } from '../service/index.js';
import type { ChainPair, OptimizeRouting } from './pairs.js';
import { nearPairs } from './pairs.js';
import type { DayCapacity } from './calendar.js';
import { planningCalendar } from './calendar.js';
import { timingDiagnosis } from './diagnose.js';
import { episodeWindows } from './episodes.js';
import type { LinearModel } from './linearModel.js';
import { ModelBuilder } from './linearModel.js';
import type { RegimenSettings } from '../scenario/sections/regimen.js';
import type { CostsSettings, Diagnosis, Episode, OptimizePatient, OptimizeSettings, ProgramCapacity } from './types.js';

/**
 * What each column means: kind 0 home, 1 clinic, 2 overflow (transfusion or apheresis chairs), 3 overtime, 4 chained
 * trip (two home visits).
 */
export interface ColumnMeta {
  readonly kind: Uint8Array;
  /** Patient index (−1 for overflow). */
  readonly patient: Int32Array;
  /** Index into {@link AllocationModel.episodes} (−1 for overflow). */
  readonly episode: Int32Array;
  /** Day within the horizon, 1-based. */
  readonly day: Int32Array;
  /** Nurse of a per-nurse home or overtime column (−1 otherwise). */
  readonly nurse: Int32Array;
  /** Chained trip: index into {@link AllocationModel.pairs} (−1 otherwise); `patient`/`episode` are its first stop's. */
  readonly pair: Int32Array;
  /** Chained trip: the second stop's episode (−1 otherwise). */
  readonly episode2: Int32Array;
}

export interface AllocationModel {
  readonly model: LinearModel;
  readonly meta: ColumnMeta;
  readonly episodes: readonly Episode[];
  readonly calendar: readonly DayCapacity[];
  /** Nurse hours of one home visit and chair hours of one clinic visit, per patient. */
  readonly visitHours: Float64Array;
  readonly chairHours: Float64Array;
  /** Apheresis chair hours of one exchange per patient (0: not an exchange, or planned without the regimen). */
  readonly apheresisHours: Float64Array;
  /** Cost of one home / clinic transfusion per patient, excluding lateness. */
  readonly homeCost: Float64Array;
  readonly clinicCost: Float64Array;
  /** Units of one transfusion, per patient. */
  readonly units: Int32Array;
  /** Mandatory episodes that have no possible day: the model is infeasible without solving. */
  readonly structural: readonly Diagnosis[];
  /** true: home columns are per nurse (two trips can share a nurse's day); false: one trip per nurse a day. */
  readonly perNurse: boolean;
  /** Trips that can share a nurse are planned on pooled nurse days (pack.ts assigns them to nurses). */
  readonly pooled: boolean;
  /** Pairs of patients the model may chain on one trip (empty without routing). */
  readonly pairs: readonly ChainPair[];
  /** The regimen settings the model was planned with (exchanges on apheresis chairs); absent: none. */
  readonly regimen?: RegimenSettings;
}

export interface ModelWindow {
  /** Absolute day of horizon day 1 (for the weekday); default 1. */
  readonly startDay?: number;
  /** Overrides settings.horizon_days. */
  readonly horizonDays?: number;
  /** Where patients live: two visits may then share a trip (pairs.ts); absent = round trips only. */
  readonly routing?: OptimizeRouting;
  /**
   * When trips can share a nurse's day: `per_nurse` (default) a column per nurse — exact, hard beyond a few
   * thousand columns; `pooled` the pooled relaxation with valid cuts, whose plan pack.ts assigns to nurses.
   */
  readonly nurseModel?: 'per_nurse' | 'pooled';
  /**
   * The regimen section: exchange patients (OptimizePatient.procedure) go on the apheresis chairs, never home;
   * absent = every patient is a simple transfusion (lp_rolling's re-plans, library callers).
   */
  readonly regimen?: RegimenSettings;
}

export const KIND_HOME = 0;
export const KIND_CLINIC = 1;
export const KIND_OVERFLOW = 2;
export const KIND_OVERTIME = 3;
export const KIND_CHAIN = 4;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Per-patient visit durations (service model) and costs; an exchange's apheresis hours cost as chair hours (as the simulator). */
function visitFigures(patients: readonly OptimizePatient[], program: ProgramCapacity, costs: CostsSettings, regimen?: RegimenSettings) {
  const n = patients.length;
  const visitHours = new Float64Array(n);
  const chairHours = new Float64Array(n);
  const apheresisHours = new Float64Array(n);
  const homeCost = new Float64Array(n);
  const clinicCost = new Float64Array(n);
  patients.forEach((p, i) => {
    const travelH = (2 * p.travelMinOneWay) / 60;
    visitHours[i] = homeVisitHours(program, p.unitsPerEpisode, p.travelMinOneWay);
    if (regimen && p.procedure === 'exchange') apheresisHours[i] = regimen.exchange_chair_hours;
    else chairHours[i] = clinicChairHours(program, p.unitsPerEpisode);
    const seated = chairHours[i]! + apheresisHours[i]!;
    const blood = costs.unit_cost * p.unitsPerEpisode;
    homeCost[i] = costs.nurse_hour_cost * visitHours[i]! + costs.nurse_cost_per_km * 2 * p.distanceKm + blood;
    clinicCost[i] =
      costs.chair_hour_cost * seated + costs.patient_cost_per_km * 2 * p.distanceKm + costs.patient_cost_per_hour * (travelH + seated) + blood;
  });
  return { visitHours, chairHours, apheresisHours, homeCost, clinicCost, units: Int32Array.from(patients, (p) => p.unitsPerEpisode) };
}

/**
 * Whether two home visits can share one nurse's day: at least two visits a nurse, and the two shortest
 * eligible visits that fit a day at all fit it together. When not, every nurse makes at most one visit a day
 * and a count per day is exact. O(n).
 */
export function visitsCanShareANurse(patients: readonly OptimizePatient[], visitHours: Float64Array, program: ProgramCapacity): boolean {
  if (program.max_visits_per_nurse_per_day < 2) return false;
  let a = Infinity, b = Infinity;
  patients.forEach((p, i) => {
    const h = visitHours[i]!;
    if (!p.eligible || !fitsNurseDay(program, h)) return;
    if (h < a) { b = a; a = h; } else if (h < b) b = h;
  });
  return b < Infinity && fitsNurseDay(program, a + b);
}

/**
 * Whether a nurse's day can hold a chained trip and another visit (at least three visits a nurse, and the
 * shortest chain with the shortest visit fits). O(n + pairs).
 */
function chainCanShareANurse(patients: readonly OptimizePatient[], visitHours: Float64Array, program: ProgramCapacity, pairs: readonly ChainPair[]): boolean {
  if (pairs.length === 0 || program.max_visits_per_nurse_per_day < 3) return false;
  const chain = Math.min(...pairs.map((q) => q.hours));
  let visit = Infinity;
  patients.forEach((p, i) => { if (p.eligible && visitHours[i]! < visit) visit = visitHours[i]!; });
  return fitsNurseDay(program, chain + visit);
}

/**
 * Build the allocation model for `patients` over the horizon.
 * @example
 * const am = assembleModel(patients, scenario.program, scenario.costs, scenario.optimize);
 * am.model.colNames[0]; // 'home_p0000_d03'
 */
export function assembleModel(
  all: readonly OptimizePatient[],
  program: ProgramCapacity,
  costs: CostsSettings,
  settings: OptimizeSettings,
  window: ModelWindow = {},
): AllocationModel {
  const D = window.horizonDays ?? settings.horizon_days;
  const { regimen } = window;
  const calendar = planningCalendar(program, D, settings.start_weekday, window.startDay ?? 1, regimen);
  const fig = visitFigures(all, program, costs, regimen);
  // with the regimen an exchange is never at home: the model sees exchange patients as not eligible for home
  const patients = regimen
    ? all.map((p) => (p.procedure === 'exchange' && p.eligible ? { ...p, eligible: false } : p))
    : all;
  const sense = settings.objective === 'home' ? 'max' : 'min';
  const b = new ModelBuilder('carestrata_allocation', sense);
  const kind: number[] = [];
  const colPatient: number[] = [];
  const colEpisode: number[] = [];
  const colDay: number[] = [];
  const colNurse: number[] = [];
  const colPair: number[] = [];
  const colEpisode2: number[] = [];
  const pairs = window.routing ? nearPairs(patients, program, window.routing, fig.visitHours, settings.chain_neighbours) : [];
  const perNurse = visitsCanShareANurse(patients, fig.visitHours, program) || chainCanShareANurse(patients, fig.visitHours, program, pairs);
  // trips that can share a nurse: per-nurse columns (exact), or the pooled relaxation that pack.ts turns into rosters
  const pooled = perNurse && window.nurseModel === 'pooled';
  const lanes = perNurse && !pooled;
  const premium = Math.max(0, costs.overtime_hour_cost - costs.nurse_hour_cost);
  const pw = Math.max(4, String(patients.length - 1).length);
  const dw = Math.max(2, String(D).length);
  const episodes: Episode[] = [];
  // Capacity rows collect their terms per day while the columns are added.
  const nurseTerms = calendar.map((c) => Array.from({ length: lanes ? c.nurses : 0 }, () => ({ idx: [] as number[], val: [] as number[], visits: [] as number[] })));
  const visitTerms = calendar.map(() => ({ idx: [] as number[], val: [] as number[] }));
  const unitTerms = calendar.map(() => ({ idx: [] as number[], val: [] as number[] }));
  const chairTerms = calendar.map(() => ({ idx: [] as number[], val: [] as number[] }));
  const apheresisTerms = calendar.map(() => ({ idx: [] as number[], val: [] as number[] }));
  /** Per nurse and day: the chained-trip columns (at most one a nurse-day). */
  const chainTerms = calendar.map((c) => Array.from({ length: lanes ? c.nurses : 0 }, () => [] as number[]));
  /** Pooled model, per day: each trip column's hours, visits and whether it is a chain. */
  const poolTerms = calendar.map(() => ({ idx: [] as number[], hours: [] as number[], visits: [] as number[], chain: [] as boolean[] }));
  const pool = (d: number, c: number, hours: number, visits: number): void => {
    if (!pooled) return;
    const t = poolTerms[d - 1]!;
    t.idx.push(c); t.hours.push(hours); t.visits.push(visits); t.chain.push(visits === 2);
  };
  const meta = (k: number, pi: number, e: number, d: number, nurse: number, pair = -1, e2 = -1): void => {
    kind.push(k); colPatient.push(pi); colEpisode.push(e); colDay.push(d); colNurse.push(nurse); colPair.push(pair); colEpisode2.push(e2);
  };
  const hv = settings.home_value;
  const objective = (cost: number, homeScore: number, penalty: number): number =>
    settings.objective === 'cost' ? cost + penalty : settings.objective === 'mix' ? cost + penalty - hv * homeScore : homeScore - penalty / hv;

  // lateness: overdue days (penalised); a home visit also pays the Hb lost by each day after the window opens
  // (points × hv). Clinic columns stay day-independent: with 2,000 patients the term on them too made the LP
  // fractional (LP-fixing no longer integral: 1.02% gap at 30 s instead of optimal in 4 CPU-s)
  const lateness = (p: OptimizePatient, ep: Episode, d: number): { overdueLate: number; late: number } => {
    const urgency = p.urgencyGdlPerDay ?? p.hbDeclinePerWeek / 7;
    const overdueLate = ep.overdue ? costs.late_penalty_per_day * d : 0;
    return { overdueLate, late: overdueLate + hv * delayPoints(d - ep.earliest, urgency, settings.delay_points_per_g_dl) };
  };
  /** Per patient: their episodes (index into `episodes`, with the columns of each) and, per day, the columns using it. */
  const perPatient = patients.map(() => ({ pEpisodes: [] as { e: number; cols: number[] }[], dayUse: new Map<number, { cols: number[]; eps: Set<number> }>() }));
  const use = (pi: number, d: number, c: number, e: number): void => {
    const m = perPatient[pi]!.dayUse;
    const u = m.get(d) ?? m.set(d, { cols: [], eps: new Set() }).get(d)!;
    u.cols.push(c); u.eps.add(e);
  };

  patients.forEach((p, pi) => {
    const eps = episodeWindows(p, pi, { horizonDays: D, earlyMarginGDl: settings.early_margin_g_dl, overdueGraceDays: settings.overdue_grace_days });
    const { pEpisodes } = perPatient[pi]!;
    for (const ep of eps) {
      const e = episodes.length;
      episodes.push(ep);
      const cols: number[] = [];
      const multi = eps.length > 1 && eps.some((o) => o !== ep && o.earliest <= ep.latest && ep.earliest <= o.latest);
      for (let d = ep.earliest; d <= Math.min(ep.latest, D); d++) {
        const cal = calendar[d - 1]!;
        if (!cal.working) continue;
        const { overdueLate, late } = lateness(p, ep, d);
        const suffix = `p${pad(pi, pw)}${multi ? `_e${ep.k}` : ''}_d${pad(d, dw)}`;
        const h = fig.visitHours[pi]!;
        const homeOk = p.eligible && fitsNurseDay(program, h) && cal.nurses >= 1 && program.max_visits_per_nurse_per_day >= 1 && cal.homeUnits >= p.unitsPerEpisode;
        // one visit per nurse: its overtime is known; per nurse: the nurse's overtime column carries it
        const nurses = !homeOk ? 0 : lanes ? cal.nurses : 1;
        for (let k = 0; k < nurses; k++) {
          const overtime = perNurse ? 0 : premium * overtimeHours(program, h);
          const c = b.addCol(`home_${suffix}${lanes ? `_n${k}` : ''}`, objective(fig.homeCost[pi]!, Math.max(0, p.score), late + overtime), 1, true);
          meta(KIND_HOME, pi, e, d, lanes ? k : -1); cols.push(c);
          if (lanes) { const n = nurseTerms[d - 1]![k]!; n.idx.push(c); n.val.push(h); n.visits.push(1); }
          pool(d, c, h, 1);
          visitTerms[d - 1]!.idx.push(c); visitTerms[d - 1]!.val.push(1);
          unitTerms[d - 1]!.idx.push(c); unitTerms[d - 1]!.val.push(p.unitsPerEpisode);
          use(pi, d, c, e);
        }
        if (ep.mandatory) {
          // Optional episodes (due after the horizon) are never worth a clinic visit now: no clinic column.
          const c = b.addCol(`clinic_${suffix}`, objective(fig.clinicCost[pi]!, 0, overdueLate), 1, true);
          meta(KIND_CLINIC, pi, e, d, -1); cols.push(c);
          const seat = fig.apheresisHours[pi]! > 0 ? apheresisTerms[d - 1]! : chairTerms[d - 1]!;
          seat.idx.push(c); seat.val.push(fig.apheresisHours[pi]! || fig.chairHours[pi]!);
          use(pi, d, c, e);
        }
      }
      pEpisodes.push({ e, cols });
    }
  });

  // chained trips: a column per near pair, pair of episodes and day both windows share (per nurse when nurses
  // can make more than one trip)
  pairs.forEach((q, qi) => {
    const pa = patients[q.first]!, pb = patients[q.second]!;
    const units = pa.unitsPerEpisode + pb.unitsPerEpisode;
    const cost = costs.nurse_hour_cost * q.hours + costs.nurse_cost_per_km * q.km + costs.unit_cost * units;
    const score = Math.max(0, pa.score) + Math.max(0, pb.score);
    for (const ea of perPatient[q.first]!.pEpisodes) {
      for (const eb of perPatient[q.second]!.pEpisodes) {
        const epA = episodes[ea.e]!, epB = episodes[eb.e]!;
        for (let d = Math.max(epA.earliest, epB.earliest); d <= Math.min(epA.latest, epB.latest, D); d++) {
          const cal = calendar[d - 1]!;
          if (!cal.working || cal.nurses < 1 || cal.homeUnits < units) continue;
          const late = lateness(pa, epA, d).late + lateness(pb, epB, d).late;
          const suffix = `p${pad(q.first, pw)}_e${epA.k}_p${pad(q.second, pw)}_e${epB.k}_d${pad(d, dw)}`;
          for (let k = 0; k < (lanes ? cal.nurses : 1); k++) {
            const overtime = perNurse ? 0 : premium * overtimeHours(program, q.hours);
            const c = b.addCol(`chain_${suffix}${lanes ? `_n${k}` : ''}`, objective(cost, score, late + overtime), 1, true);
            meta(KIND_CHAIN, q.first, ea.e, d, lanes ? k : -1, qi, eb.e);
            ea.cols.push(c); eb.cols.push(c);
            if (lanes) { const n = nurseTerms[d - 1]![k]!; n.idx.push(c); n.val.push(q.hours); n.visits.push(2); chainTerms[d - 1]![k]!.push(c); }
            pool(d, c, q.hours, 2);
            visitTerms[d - 1]!.idx.push(c); visitTerms[d - 1]!.val.push(1);
            unitTerms[d - 1]!.idx.push(c); unitTerms[d - 1]!.val.push(units);
            use(q.first, d, c, ea.e); use(q.second, d, c, eb.e);
          }
        }
      }
    }
  });

  perPatient.forEach(({ pEpisodes, dayUse }, pi) => {
    pEpisodes.forEach((pe, i) => {
      const ep = episodes[pe.e]!;
      const tag = `p${pad(pi, pw)}_e${ep.k}`;
      if (pe.cols.length === 0) return;
      b.addRow(`episode_${tag}`, ep.mandatory ? 1 : -Infinity, 1, pe.cols, pe.cols.map(() => 1));
      const prev = pEpisodes[i - 1];
      if (prev && !episodes[prev.e]!.mandatory && prev.cols.length > 0) {
        b.addRow(`order_${tag}`, -Infinity, 0, [...pe.cols, ...prev.cols], [...pe.cols.map(() => 1), ...prev.cols.map(() => -1)]);
      }
    });
    for (const [d, u] of dayUse) {
      if (u.eps.size > 1) b.addRow(`once_p${pad(pi, pw)}_d${pad(d, dw)}`, -Infinity, 1, u.cols, u.cols.map(() => 1));
    }
  });

  for (const cal of calendar) {
    const d = cal.day;
    const tag = `d${pad(d, dw)}`;
    const visits = visitTerms[d - 1]!;
    if (visits.idx.length) {
      if (!perNurse) b.addRow(`home_visits_${tag}`, -Infinity, cal.nurses, visits.idx, visits.val);
      nurseTerms[d - 1]!.forEach((n, k) => {
        if (!n.idx.length) return;
        const ot = b.addCol(`overtime_${tag}_n${k}`, settings.objective === 'home' ? -premium / hv : premium, program.overtime_max_hours, false);
        meta(KIND_OVERTIME, -1, -1, d, k);
        b.addRow(`nurse_hours_${tag}_n${k}`, -Infinity, program.shift_hours, [...n.idx, ot], [...n.val, -1]);
        b.addRow(`nurse_visits_${tag}_n${k}`, -Infinity, program.max_visits_per_nurse_per_day, n.idx, n.visits);
        const chains = chainTerms[d - 1]![k]!;
        if (chains.length > 1) b.addRow(`nurse_chains_${tag}_n${k}`, -Infinity, 1, chains, chains.map(() => 1));
        const prev = nurseTerms[d - 1]![k - 1];
        if (prev?.idx.length) b.addRow(`nurse_order_${tag}_n${k}`, -Infinity, 0, [...n.idx, ...prev.idx], [...n.val, ...prev.val.map((v) => -v)]);
      });
      if (pooled) poolRows(b, poolTerms[d - 1]!, cal, tag, program, settings.objective === 'home' ? -premium / hv : premium, () => meta(KIND_OVERTIME, -1, -1, d, -1));
      b.addRow(`home_units_${tag}`, -Infinity, cal.homeUnits, unitTerms[d - 1]!.idx, unitTerms[d - 1]!.val);
    }
    // chair hours above capacity: an extra session, penalised per chair-hour (transfusion and apheresis chairs alike)
    const seats = [
      ['', chairTerms[d - 1]!, cal.chairHours], ['apheresis_', apheresisTerms[d - 1]!, cal.apheresisHours],
    ] as const;
    for (const [name, ch, cap] of seats) {
      if (!ch.idx.length) continue;
      const penalty = settings.objective === 'home' ? -costs.overflow_penalty_per_chair_hour / hv : costs.overflow_penalty_per_chair_hour;
      const o = b.addCol(`${name}overflow_${tag}`, penalty, Infinity, false);
      meta(KIND_OVERFLOW, -1, -1, d, -1);
      b.addRow(`${name || 'chair_'}hours_${tag}`, -Infinity, cap, [...ch.idx, o], [...ch.val, -1]);
    }
  }

  return {
    model: b.build(),
    meta: {
      kind: Uint8Array.from(kind), patient: Int32Array.from(colPatient), episode: Int32Array.from(colEpisode), day: Int32Array.from(colDay),
      nurse: Int32Array.from(colNurse), pair: Int32Array.from(colPair), episode2: Int32Array.from(colEpisode2),
    },
    episodes,
    calendar,
    ...fig,
    structural: timingDiagnosis(episodes, calendar),
    perNurse,
    pooled,
    pairs,
    ...(regimen ? { regimen } : {}),
  };
}

/**
 * The pooled day of `nurses` identical nurses (a relaxation of their per-nurse days, so its bound holds for them):
 *   nurse_hours_d − overtime_d ≤ nurses × shift, 0 ≤ overtime_d ≤ nurses × overtime cap;
 *   home_visits_d: Σ visits ≤ nurses × visits per nurse;  chained_trips_d: Σ chains ≤ nurses (one a nurse-day);
 *   long_trips_d_j (j = 1 … visits per nurse − 1): a nurse's day (shift + overtime cap = L) holds at most j trips
 *   longer than L / (j + 1), so Σ over those trips ≤ j × nurses;
 *   pairs_d_a (a in [L/2, 2L/3], at the day's trip lengths): Σ[h > L − a] + Σ[h > a] ≤ 2 × nurses.
 */
function poolRows(
  b: ModelBuilder, t: { idx: number[]; hours: number[]; visits: number[]; chain: boolean[] }, cal: DayCapacity, tag: string,
  program: ProgramCapacity, overtimeCost: number, overtimeMeta: () => void,
): void {
  if (!t.idx.length) return;
  const n = cal.nurses;
  const ot = b.addCol(`overtime_${tag}`, overtimeCost, n * program.overtime_max_hours, false);
  overtimeMeta();
  b.addRow(`nurse_hours_${tag}`, -Infinity, n * program.shift_hours, [...t.idx, ot], [...t.hours, -1]);
  b.addRow(`home_visits_${tag}`, -Infinity, n * program.max_visits_per_nurse_per_day, t.idx, t.visits);
  const chains = t.idx.filter((_, i) => t.chain[i]);
  if (chains.length > n) b.addRow(`chained_trips_${tag}`, -Infinity, n, chains, chains.map(() => 1));
  const limit = nurseDayLimitHours(program);
  for (let j = 1; j < program.max_visits_per_nurse_per_day; j++) {
    const long = t.idx.filter((_, i) => t.hours[i]! > limit / (j + 1) + HOURS_TOLERANCE);
    if (long.length > j * n) b.addRow(`long_trips_${tag}_j${j}`, -Infinity, j * n, long, long.map(() => 1));
  }
  // pairs_d_a, for a in [L/2, 2L/3]: a nurse with a trip over a has no other trip over L − a, and one without holds
  // at most two trips over L − a (≥ L/3), so Σ[h > L − a] + Σ[h > a] ≤ 2 × nurses. a at the day's trip lengths.
  const cuts = [...new Set(t.hours.filter((h) => h >= limit / 2 && h <= (2 * limit) / 3))].sort((x, y) => x - y);
  const step = Math.max(1, Math.ceil(cuts.length / 8)); // at most 8 rows a day
  for (let c = 0; c < cuts.length; c += step) {
    const a = cuts[c]! - HOURS_TOLERANCE; // trips of exactly a count as over a
    const idx: number[] = [], val: number[] = [];
    t.idx.forEach((j, i) => {
      const w = (t.hours[i]! > limit - a + HOURS_TOLERANCE ? 1 : 0) + (t.hours[i]! > a ? 1 : 0);
      if (w) { idx.push(j); val.push(w); }
    });
    if (val.reduce((x, y) => x + y, 0) > 2 * n) b.addRow(`pairs_${tag}_a${c}`, -Infinity, 2 * n, idx, val);
  }
}
