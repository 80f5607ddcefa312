/**
 * Chained trips in the allocation model (two home visits on one trip: bank → A → B → bank, one pick-up), on
 * hand-solved instances. Fixture program: 1 h a unit, no observation, set-up or pick-up, so a round trip takes
 * units + 2 × travel / 60 h and a chain units A + units B + (travel A + leg + travel B) / 60 h (chain.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkPlan, nearPairs, planAllocation, planningCalendar } from '../../src/optimize/index.js';
import type { Assignment, OptimizePatient } from '../../src/optimize/index.js';
import { NurseRoster, chainRule } from '../../src/service/index.js';
import type { LegSource } from '../../src/service/index.js';
import { expectClose } from '../helpers/close.js';
import { costs, patient, program, settings } from './fixtures.js';

const OBJ_TOL = { abs: 1e-6 };
/** Due on day 1 only: Hb 7 falls 1 g/dL a day onto the floor 6 (trigger 8). */
const dueToday = (id: string, over: Partial<OptimizePatient>): OptimizePatient => patient(id, { hbNowGDl: 7, ...over });
/** Homes on a line, x km from the bank's axis; a leg is 8 min + 1 min a km. */
const onLine = (...x: number[]): LegSource => ({ kind: 'xy_km', a: Float64Array.from(x), b: new Float64Array(x.length), fixedMin: 8, minPerKm: 1 });
const homeOf = (as: readonly Assignment[]) => as.filter((a) => a.setting === 'home');

describe('chained trips in the allocation model (hand-solved)', () => {
  for (const solver of ['jsl', 'highs'] as const) {
    it(`${solver}: E — two 4.5 h round trips never share an 8 h day; chained (leg 12 min) they take 7.7 h: both at home`, async () => {
      // a, b: 3 units, 45 min from the bank, 30 km; homes 4 km apart → leg 8 + 4 = 12 min.
      // round trip 3 + 1.5 = 4.5 h (two: 9 h > 8); chain 3 + 3 + (45 + 12 + 45) / 60 = 7.7 h
      const pts = [dueToday('a', { score: 10, unitsPerEpisode: 3, travelMinOneWay: 45, distanceKm: 30 }), dueToday('b', { score: 20, unitsPerEpisode: 3, travelMinOneWay: 45, distanceKm: 30 })];
      const prog = program({ max_visits_per_nurse_per_day: 2 });
      const cst = costs({ nurse_hour_cost: 10, nurse_cost_per_km: 1 });
      const opt = settings({ objective: 'home', horizon_days: 1 });
      const alone = await planAllocation(pts, prog, cst, opt, { solver, guard: 'inline' });
      expectClose(alone.objective!, 20, OBJ_TOL); // b at home, a at the clinic
      expect(homeOf(alone.assignments).map((a) => a.patientId)).toEqual(['b']);
      const plan = await planAllocation(pts, prog, cst, opt, { solver, guard: 'inline', routing: { legs: onLine(0, 4) } });
      expect(plan.status).toBe('optimal');
      expectClose(plan.objective!, 30, OBJ_TOL);
      const home = homeOf(plan.assignments);
      expect(home.map((a) => [a.patientId, a.nurse, a.chain?.stop, a.chain?.partner])).toEqual([['a', 0, 1, 1], ['b', 0, 2, 0]]);
      // the trip's hours split between its stops: b carries its nursing and the drive back, 3 + 0.75
      expectClose(home[1]!.nurseHours, 3.75, OBJ_TOL);
      expectClose(home[0]!.nurseHours + home[1]!.nurseHours, 7.7, OBJ_TOL);
      expectClose(plan.capacityUse[0]!.nurseHours, 7.7, OBJ_TOL);
      // cost: 10 × 7.7 h + 1 × (30 + 4 + 30) km = 141
      expectClose(plan.cost!, 141, OBJ_TOL);
    });

    it(`${solver}: E' — homes 40 km apart: the chain (10.1 h) does not fit, one visit at home`, async () => {
      const pts = [dueToday('a', { score: 10, unitsPerEpisode: 3, travelMinOneWay: 45 }), dueToday('b', { score: 20, unitsPerEpisode: 3, travelMinOneWay: 45 })];
      const plan = await planAllocation(pts, program({ max_visits_per_nurse_per_day: 2 }), costs(), settings({ horizon_days: 1 }), { solver, guard: 'inline', routing: { legs: onLine(0, 40) } });
      expect(homeOf(plan.assignments).map((a) => a.patientId)).toEqual(['b']);
    });
  }

  it('F — per-nurse columns: a chain and a round trip share a nurse\'s day (3 visits where round trips give 2)', async () => {
    // 2 units, 24 min away, homes at one spot (leg 8 min): round trip 2.8 h (three: 8.4 h > 8);
    // chain 2 + 2 + (24 + 8 + 24) / 60 = 4.933 h, + a round trip = 7.733 h ≤ 8
    const pts = [10, 20, 30].map((s, i) => dueToday(`p${i}`, { score: s, unitsPerEpisode: 2, travelMinOneWay: 24 }));
    const prog = program({ max_visits_per_nurse_per_day: 3 });
    const opt = settings({ horizon_days: 1 });
    const alone = await planAllocation(pts, prog, costs(), opt, { solver: 'highs', guard: 'inline' });
    expectClose(alone.objective!, 50, OBJ_TOL);
    const plan = await planAllocation(pts, prog, costs(), opt, { solver: 'highs', guard: 'inline', routing: { legs: onLine(0, 0, 0) } });
    expect(plan.status).toBe('optimal');
    expectClose(plan.objective!, 60, OBJ_TOL);
    expect(homeOf(plan.assignments).filter((a) => a.chain).length).toBe(2);
    expectClose(plan.capacityUse[0]!.nurseHours, 4 + 56 / 60 + 2.8, OBJ_TOL);
  });

  it('G — one chained trip a nurse-day, as the simulator\'s roster: 3 visits, not the 4 two chains would fit', async () => {
    // 1 unit, 60 min away, one spot (leg 8 min), 8 h shift + 0.5 h overtime: round trip 3 h; chain 2 + 128/60 = 4.133 h;
    // two chains 8.267 h ≤ 8.5 (4 visits) but the roster chains only a nurse's first visit: chain + round trip
    // 7.133 h, + another 10.133 h > 8.5 → 3 visits
    const prog = program({ max_visits_per_nurse_per_day: 4, overtime_max_hours: 0.5 });
    const pts = [1, 2, 3, 4].map((s, i) => dueToday(`p${i}`, { score: s, travelMinOneWay: 60 }));
    const legs = onLine(0, 0, 0, 0);
    const plan = await planAllocation(pts, prog, costs(), settings({ horizon_days: 1 }), { solver: 'highs', guard: 'inline', routing: { legs } });
    expect(plan.status).toBe('optimal');
    expect(homeOf(plan.assignments).length).toBe(3);
    // the simulator's roster, booking the same four visits first-fit, also makes 3
    const roster = new NurseRoster(prog, 1, chainRule(prog, legs, { unitsPerEpisode: [1, 1, 1, 1], travelMinOneWay: [60, 60, 60, 60], distanceKm: [0, 0, 0, 0] }));
    expect([0, 1, 2, 3].map((i) => roster.place(3, i) >= 0)).toEqual([true, true, true, false]);
  });
});

describe('checkPlan on chained trips (independent of the model)', () => {
  const prog = program({ max_visits_per_nurse_per_day: 4, overtime_max_hours: 0.5 });
  const pts = [0, 1, 2, 3].map((i) => dueToday(`p${i}`, { travelMinOneWay: 60 }));
  const legs = onLine(0, 0, 0, 0);
  const rule = chainRule(prog, legs, { unitsPerEpisode: [1, 1, 1, 1], travelMinOneWay: [60, 60, 60, 60], distanceKm: [0, 0, 0, 0] });
  const opts = { earlyMarginGDl: 0, overdueGraceDays: 3, visitHours: [3, 3, 3, 3], chairHours: [1, 1, 1, 1], program: prog, chainHours: (a: number, b: number) => rule.hours(a, b) };
  const cal = planningCalendar(prog, 1, 1);
  const visit = (patient: number, nurse: number, chain?: Assignment['chain']): Assignment =>
    ({ day: 1, patient, patientId: `p${patient}`, episode: 1, setting: 'home', units: 1, nurse, nurseHours: 0, chairHours: 0, ...(chain ? { chain } : {}) });

  it('accepts a chain and a round trip for one nurse', () => {
    const plan = [visit(0, 0, { partner: 1, stop: 1 }), visit(1, 0, { partner: 0, stop: 2 }), visit(2, 0), { ...visit(3, -1), setting: 'clinic' as const, nurse: -1 }];
    expect(checkPlan(pts, plan, cal, opts).violations).toEqual([]);
  });
  it('rejects two chains for one nurse, a stop without its partner, and chains when the scenario gives no routing', () => {
    const two = [visit(0, 0, { partner: 1, stop: 1 }), visit(1, 0, { partner: 0, stop: 2 }), visit(2, 0, { partner: 3, stop: 1 }), visit(3, 0, { partner: 2, stop: 2 })];
    expect(checkPlan(pts, two, cal, opts).violations.join()).toMatch(/2 chained trips/);
    const orphan = [visit(0, 0, { partner: 1, stop: 1 }), visit(1, 0)];
    expect(checkPlan(pts, orphan, cal, opts).violations.join()).toMatch(/no matching partner/);
    const { chainHours: _, ...noRouting } = opts;
    expect(checkPlan(pts, two.slice(0, 2), cal, noRouting).violations.join()).toMatch(/no matching partner/);
  });
});

describe('nearPairs: which pairs the model may chain', () => {
  const prog = program({ max_visits_per_nurse_per_day: 2 });
  const many = (n: number) => Array.from({ length: n }, (_, i) => patient(`p${i}`, { travelMinOneWay: 45, unitsPerEpisode: 3 }));
  const roundTrip = (pts: OptimizePatient[]) => pts.map((p) => p.unitsPerEpisode + (2 * p.travelMinOneWay) / 60);

  it('homes at one spot: partners spread round the cohort (each patient in at least `neighbours` pairs, none a hub)', () => {
    const pts = many(12);
    const pairs = nearPairs(pts, prog, { legs: onLine(...new Array(12).fill(0)) }, roundTrip(pts), 2);
    const degree = new Array(12).fill(0);
    for (const q of pairs) { degree[q.first]++; degree[q.second]++; }
    expect(Math.min(...degree)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...degree)).toBeLessThanOrEqual(4);
  });

  it('keeps the nearest partners, drops chains that do not fit or save nothing, and takes the shorter direction', () => {
    // p0 at 0 km, p1 at 2, p2 at 3, p3 at 60 (leg 68 min: chain 6 + 158/60 = 8.63 h > 8)
    const pts = many(4);
    const pairs = nearPairs(pts, prog, { legs: onLine(0, 2, 3, 60) }, roundTrip(pts), 1);
    expect(pairs.map((q) => [q.first, q.second].sort())).toEqual([[0, 1], [1, 2]]);
    // asymmetric matrix: 0 → 1 takes 30 min, 1 → 0 takes 10: the trip visits 1 first
    const minutes = Float32Array.from([0, 30, 10, 0]);
    const two = nearPairs(many(2), prog, { legs: { kind: 'matrix', n: 2, minutes } }, roundTrip(many(2)), 3);
    expect(two.map((q) => [q.first, q.second])).toEqual([[1, 0]]);
    expectClose(two[0]!.hours, 6 + 100 / 60, OBJ_TOL);
    // legIndex maps model patients onto the legs' rows
    const mapped = nearPairs(many(2), prog, { legs: { kind: 'matrix', n: 2, minutes }, legIndex: [1, 0] }, roundTrip(many(2)), 3);
    expect(mapped.map((q) => [q.first, q.second])).toEqual([[0, 1]]);
  });

  it('no chaining when a nurse makes one visit a day or neighbours is 0', () => {
    const pts = many(3);
    expect(nearPairs(pts, program(), { legs: onLine(0, 0, 0) }, roundTrip(pts), 4)).toEqual([]);
    expect(nearPairs(pts, prog, { legs: onLine(0, 0, 0) }, roundTrip(pts), 0)).toEqual([]);
  });

  it('a chain never takes longer than the two round trips it replaces (random homes)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let t = 0; t < 50; t++) {
      const pts = Array.from({ length: 8 }, (_, i) => patient(`p${i}`, { travelMinOneWay: 5 + 60 * rnd(), unitsPerEpisode: 1 + Math.floor(3 * rnd()) }));
      const rt = roundTrip(pts);
      for (const q of nearPairs(pts, prog, { legs: onLine(...pts.map(() => 50 * rnd())) }, rt, 3)) {
        expect(q.hours).toBeLessThan(rt[q.first]! + rt[q.second]!);
        expect(q.hours).toBeLessThanOrEqual(8 + 1e-9);
      }
    }
  });
});

describe('pooled nurse days packed into rosters (pack.ts)', () => {
  it('F and G again on pooled days: the packed plan makes the same visits as the per-nurse model', async () => {
    const f = [10, 20, 30].map((s, i) => dueToday(`p${i}`, { score: s, unitsPerEpisode: 2, travelMinOneWay: 24 }));
    const pf = await planAllocation(f, program({ max_visits_per_nurse_per_day: 3 }), costs(), settings({ horizon_days: 1 }), { solver: 'highs', guard: 'inline', routing: { legs: onLine(0, 0, 0) }, nurseModel: 'pooled' });
    expect(pf.method).toMatch(/\+pack$/);
    expectClose(pf.objective!, 60, OBJ_TOL);
    const g = [1, 2, 3, 4].map((s, i) => dueToday(`p${i}`, { score: s, travelMinOneWay: 60 }));
    const pg = await planAllocation(g, program({ max_visits_per_nurse_per_day: 4, overtime_max_hours: 0.5 }), costs(), settings({ horizon_days: 1 }), { solver: 'highs', guard: 'inline', routing: { legs: onLine(0, 0, 0, 0) }, nurseModel: 'pooled' });
    expect(homeOf(pg.assignments).length).toBe(3);
  });

  it('random small instances: the packed plan passes the re-check, never beats the per-nurse optimum, which never beats the pooled bound', async () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let t = 0; t < 12; t++) {
      const n = 6 + Math.floor(6 * rnd());
      const pts = Array.from({ length: n }, (_, i) => patient(`p${i}`, { score: 1 + Math.floor(20 * rnd()), unitsPerEpisode: 1 + Math.floor(3 * rnd()), travelMinOneWay: 10 + 80 * rnd(), hbNowGDl: 7 + 2 * rnd(), floorGDl: 5 }));
      const prog = program({ nurses: 2, max_visits_per_nurse_per_day: 3, overtime_max_hours: 1 });
      const opt = settings({ horizon_days: 3 });
      const legs = onLine(...pts.map(() => 30 * rnd()));
      const exact = await planAllocation(pts, prog, costs(), opt, { solver: 'highs', guard: 'inline', routing: { legs }, nurseModel: 'per_nurse' });
      const packed = await planAllocation(pts, prog, costs(), opt, { solver: 'highs', guard: 'inline', routing: { legs }, nurseModel: 'pooled' });
      expect(exact.status).toBe('optimal');
      expect(['optimal', 'work_limit']).toContain(packed.status); // never `error`: every nurse's day holds
      expect(packed.objective!).toBeLessThanOrEqual(exact.objective! + 1e-6);
      expect(exact.objective!).toBeLessThanOrEqual(packed.bound! + 1e-6);
    }
  });
});
