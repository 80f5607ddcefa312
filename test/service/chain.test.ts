import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import type { LegSource } from '../../src/service/index.js';
import {
  NurseRoster, chainMinutesOut, chainRule, chainedKm, chainedPairHours, chainedVisitHours, greatCircleKm, homeVisitHours,
  legMinutes, nearestLegMinutes, unitsReturnable, visitsPerNurseDay,
} from '../../src/service/index.js';
import { expectClose } from '../helpers/close.js';

/** Arithmetic only: floating error of a few ulps. */
const ARITHMETIC = { abs: 1e-12 };

const program = parseScenario('program: { nurses: 1 }\n', 'x.yaml').scenario.program;
const A20 = { units: 1, travelMinOneWay: 20 }, B40 = { units: 1, travelMinOneWay: 40 };

describe('chainedVisitHours(program, a, b, legMin)', () => {
  it('hand-computed: bank → A (20 min) → B (leg 15 min) → bank (40 min), one pick-up, 1 unit each', () => {
    // nursing 1 × 1.8 + 0.5 observation + 0.6 set-up = 2.9 h each; pick-up 3.45 h once; travel 75 min
    expectClose(chainedVisitHours(program, A20, B40, 15), 2.9 + 2.9 + 3.45 + 75 / 60, ARITHMETIC);
    // the two round trips it replaces: (2.9 + 3.45 + 40/60) + (2.9 + 3.45 + 80/60) = 14.7 h
    expectClose(homeVisitHours(program, 1, 20) + homeVisitHours(program, 1, 40), 14.7, ARITHMETIC);
  });
  it('a leg longer than the way back through the bank counts as that way; an unknown leg gives NaN', () => {
    // leg 100 min > 20 + 40: the nurse drives B's way from the bank, 20 + 60 + 40 = 120 min
    expectClose(chainedVisitHours(program, { ...A20, units: 2 }, B40, 100), 4.7 + 2.9 + 3.45 + 2, ARITHMETIC);
    expect(chainedVisitHours(program, A20, B40, Number.NaN)).toBeNaN();
  });
  it('property: a chain is never longer than the two round trips it replaces', () => {
    const hours = (max: number) => fc.double({ min: 0, max, noNaN: true });
    const stop = fc.record({ units: fc.integer({ min: 1, max: 6 }), travelMinOneWay: hours(300) });
    const prog = fc.record({ pickup_hours: hours(6), setup_hours: hours(2) });
    fc.assert(fc.property(stop, stop, fc.double({ min: 0, max: 2000, noNaN: true }), prog, (a, b, leg, pr) => {
      const p = { ...program, ...pr };
      const chain = chainedVisitHours(p, a, b, leg);
      const roundTrips = homeVisitHours(p, a.units, a.travelMinOneWay) + homeVisitHours(p, b.units, b.travelMinOneWay);
      return chain <= roundTrips + 1e-9;
    }), { seed: 16, numRuns: 2000 });
  });
});

describe('legMinutes(source, i, j)', () => {
  it('planar km: (0, 0) → (3, 4) is 5 km = 8 + 1.1 × 5 min; missing coordinates give NaN', () => {
    const a = Float64Array.of(0, 3, Number.NaN), b = Float64Array.of(0, 4, 1);
    const src: LegSource = { kind: 'xy_km', a, b, fixedMin: 8, minPerKm: 1.1 };
    expectClose(legMinutes(src, 0, 1), 13.5, ARITHMETIC);
    expect(legMinutes(src, 0, 2)).toBeNaN();
  });
  it('latitude/longitude: one degree along the equator is 2π × 6371.0088 / 360 ≈ 111.195 km', () => {
    expectClose(greatCircleKm(0, 0, 0, 1), (2 * Math.PI * 6371.0088) / 360, { rel: 1e-12 });
    // a quarter of a meridian: pole to equator
    expectClose(greatCircleKm(90, 0, 0, 0), (Math.PI / 2) * 6371.0088, { rel: 1e-12 });
  });
  it('a matrix is read row i, column j; the nearest neighbour is the smallest leg out of i', () => {
    const src: LegSource = { kind: 'matrix', n: 3, minutes: Float32Array.of(0, 5, 9, 7, 0, 2, 4, 6, 0) };
    expect([legMinutes(src, 0, 1), legMinutes(src, 1, 0), legMinutes(src, 2, 1)]).toEqual([5, 7, 6]);
    expect(Array.from(nearestLegMinutes(src, 3))).toEqual([5, 2, 4]);
    // an open cohort's arrival (index ≥ n) has no leg in the matrix: unknown, never the next row's cell
    expect(legMinutes(src, 0, 3)).toBeNaN();
    expect(legMinutes(src, 3, 0)).toBeNaN();
  });
});

describe('NurseRoster with a chain rule', () => {
  // pick-up 2 h: a 1-unit round trip 30 min away is 2.9 + 2 + 1 = 5.9 h, two do not fit 8 + 2 h;
  // chained with a 10-min leg: 5.8 + 2 + (30 + 10 + 30) / 60 = 8.967 h, they do
  const p = { ...program, pickup_hours: 2 };
  const legs: LegSource = { kind: 'matrix', n: 3, minutes: Float32Array.of(0, 10, 200, 10, 0, 200, 200, 200, 0) };
  const rule = chainRule(p, legs, { unitsPerEpisode: [1, 1, 1], travelMinOneWay: [30, 30, 30], distanceKm: [20, 20, 20] });
  const roundTrip = homeVisitHours(p, 1, 30);

  it('books the second visit as a chain when the round trips do not fit', () => {
    const plain = new NurseRoster(p, 1);
    expect([plain.place(roundTrip, 0), plain.place(roundTrip, 1)]).toEqual([0, -1]);
    const chained = new NurseRoster(p, 1, rule);
    expect([chained.place(roundTrip, 0), chained.place(roundTrip, 1)]).toEqual([0, 0]);
    expectClose(chained.hours[0]!, 5.8 + 2 + 70 / 60, ARITHMETIC);
    expect(chained.chains).toBe(1);
  });
  it('a far partner\'s leg counts as the way through the bank: 9.8 h fits a 10 h day, not a 9.5 h one', () => {
    const r = new NurseRoster(p, 1, rule);
    r.place(roundTrip, 0);
    // 5.8 + 2 + (30 + 60 + 30) / 60 = 9.8 h: fits! the cap makes the chain = two visits with one pick-up
    expect(r.nurseFor(roundTrip, 2)).toBe(0);
    const tight = new NurseRoster({ ...p, overtime_max_hours: 1.5 }, 1, rule); // 9.5 h day
    tight.place(roundTrip, 0);
    expect(tight.nurseFor(roundTrip, 2)).toBe(-1);
    expect(tight.nurseFor(roundTrip, 1)).toBe(0); // 8.967 h
  });
  it('the capacity line counts 2 visits a nurse-day when two of a patient\'s visits chained fit', () => {
    const pair = chainedPairHours(p, legs, [1, 1, 1], [30, 30, 30]);
    expectClose(pair[0]!, 5.8 + 2 + 70 / 60, ARITHMETIC);
    expect(visitsPerNurseDay(p, roundTrip)).toBe(1);
    expect(visitsPerNurseDay(p, roundTrip, pair[0]!)).toBe(2);
    expect(visitsPerNurseDay(p, roundTrip, Number.NaN)).toBe(1);
  });
});

describe('what a two-patient chain counts: km and minutes out of the fridge (hand-computed)', () => {
  // A: 30 min and 12 km from the bank; B: 40 min and 18 km; the leg A → B 25 min.
  const A = { travelMinOneWay: 30, distanceKm: 12 }, B = { travelMinOneWay: 40, distanceKm: 18 };

  it('km = km A + leg km + km B: with coordinates 5 km apart 12 + 5 + 18 = 35; with a matrix 25 min × 30/70 km a min', () => {
    expectClose(chainedKm(A, B, 25, 5), 35, ARITHMETIC);
    expectClose(chainedKm(A, B, 25, Number.NaN), 12 + (25 * 30) / 70 + 18, ARITHMETIC);
    // the two round trips it replaces: 2 × 12 + 2 × 18 = 60 km
    expect(chainedKm(A, B, 25, 5)).toBeLessThan(60);
  });
  it('a leg past the way back through the bank counts as that way: 60 km, the two round trips; an unknown leg NaN', () => {
    expectClose(chainedKm(A, B, 80, 5), 60, ARITHMETIC); // 80 min > 30 + 40: via the bank
    expectClose(chainedKm(A, B, 25, 45), 60, ARITHMETIC); // 45 km straight line > 12 + 18 km: capped
    expect(chainedKm(A, B, Number.NaN, 5)).toBeNaN();
  });
  it('B\'s units after a failed visit (15 min on site at each home): 30 + 15 + 25 + 15 + 40 = 125 min, past a 2 h box', () => {
    const windows = { box: true, boxMin: 120, openMin: 30 };
    expect(chainMinutesOut(A, B, 25, 15, 15)).toBe(125);
    expect(unitsReturnable(chainMinutesOut(A, B, 25, 15, 15), true, windows)).toBe(false);
    // on its own round trip B's unit would be back in 2 × 40 + 15 = 95 min: returnable
    expect(unitsReturnable(2 * 40 + 15, true, windows)).toBe(true);
    // a 10-min leg and 5 min at A: 30 + 5 + 10 + 15 + 40 = 100 min, back in time
    expect(unitsReturnable(chainMinutesOut(A, B, 10, 5, 15), true, windows)).toBe(true);
  });
  it('property: chain km ≤ the two round trips\' km, whatever the leg', () => {
    const pos = (max: number) => fc.double({ min: 0, max, noNaN: true });
    const stop = fc.record({ travelMinOneWay: pos(300), distanceKm: pos(300) });
    fc.assert(fc.property(stop, stop, pos(2000), fc.oneof(pos(2000), fc.constant(Number.NaN)), (a, b, legMin, legKm) =>
      chainedKm(a, b, legMin, legKm) <= 2 * (a.distanceKm + b.distanceKm) * (1 + 1e-12)), { seed: 16, numRuns: 2000 });
  });
});
