/**
 * Today's heuristics in an open cohort (referral, distance_first, frequency_first): a waiting list. Patients are
 * identical so a year of home capacity fits exactly k of them, by hand:
 *   visit = 1 unit × 1.8 h + 0.5 h observation + 0.6 h set-up + 3.45 h pick-up + 2 × 15 min travel = 6.85 h,
 *   so one nurse makes ⌊(8 h shift + 2 h overtime cap) / 6.85⌋ = 1 visit a day, 5 a week, 5 · 365/7 a year;
 *   a patient declining 1.5/7 g/dL a day with 1 unit of +1 g/dL has 365 · 1.5/7 episodes a year = 0.3 of that;
 *   at `enrolment_utilisation: 1`, k = 3 (0.9 ≤ 1 < 1.2).
 */
import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { SimPolicyName } from '../../src/scenario/sections/simulation.js';
import type { RunResult, RunTrace, SimCohort } from '../../src/sim/index.js';
import { emptyTrace, policyFactory, runRandom, settingsFromScenario, simulateRun } from '../../src/sim/index.js';
import { appendArrivalPool } from '../../src/sim/model/openCohort.js';

const K = 3;
/** The service model's hours tolerance on a used share (src/service/visit.ts HOURS_TOLERANCE is 1e-9). */
const SHARE_TOL = 1e-9;

/** n identical eligible patients (share 0.3 of a year each), at the given distances from the clinic. */
function identical(n: number, distanceKm: (i: number) => number): SimCohort {
  const f = (v: number) => new Float64Array(n).fill(v);
  return {
    n, triggerGdl: f(8), floorGdl: f(7), declinePerDay: f(1.5 / 7), unitsPerEpisode: new Int32Array(n).fill(1),
    incrementPerUnit: f(1), travelMinOneWay: f(15), distanceKm: Float64Array.from({ length: n }, (_, i) => distanceKm(i)),
    eligible: new Uint8Array(n).fill(1), score: f(50), target: new Uint8Array(n).fill(1), segment: new Int32Array(n).fill(-1),
    segmentNames: [], diagnosis: new Int32Array(n).fill(0), diagnosisNames: ['x'], waiting: null, urgency: null,
    bloodGroup: new Int8Array(n).fill(-1),
  };
}

const settings = (horizon: number) => settingsFromScenario(validateScenario({
  program: { nurses: 1 },
  // no reactions: a severe one withdraws a patient and frees their place (tested on its own below)
  simulation: { horizon_days: horizon, warmup_days: 0, replications: 1, enrolment_utilisation: 1, reaction_probability_per_unit: 0 },
}, 'enrolment.yaml').scenario);

async function run(cohort: SimCohort, policy: SimPolicyName, seed: number, horizon: number): Promise<{ r: RunResult; trace: RunTrace }> {
  const trace = emptyTrace();
  const r = await simulateRun({ cohort, settings: settings(horizon), factory: policyFactory(policy), random: runRandom(streams(seed), 0, false), policyName: policy, trace });
  return { r, trace };
}

const homeVisitsOf = (trace: RunTrace, i: number): number => trace.homeVisits.filter((v) => v.patient === i).length;

describe('enrolment heuristics keep a waiting list', () => {
  it('distance_first: the 4th farthest waits; when the farthest leaves at once, the 4th takes the freed place', async () => {
    const base = identical(4, (i) => 40 - 10 * i); // list order 0, 1, 2, 3: 0–2 enrolled (k = 3), 3 waits
    const departures = Float64Array.from([1000, 0, 0, 0]); // patient 0 leaves within minutes
    const open = appendArrivalPool(base, identical(0, () => 0), [], 0, departures);
    const { r, trace } = await run(open, 'distance_first', 1, 120);
    expect(r.checks.departures).toBe(1);
    expect(homeVisitsOf(trace, 0)).toBe(0);
    expect(homeVisitsOf(trace, 3)).toBeGreaterThan(0); // never, before: the list was filled once on day 0
    expect(r.policyStats).toMatchObject({ enrolled: K, maxEnrolled: K, enrolledLater: 1, waiting: 0 });
  });

  it('closed cohort: the same four, nobody leaves: the 4th is never visited at home', async () => {
    const { r, trace } = await run(identical(4, (i) => 40 - 10 * i), 'distance_first', 1, 120);
    expect(homeVisitsOf(trace, 3)).toBe(0);
    expect(r.policyStats).toMatchObject({ enrolled: K, enrolledLater: 0, waiting: 1 });
  });

  it('open cohort over seeds: never more than k enrolled; at the end min(k, present) are, the rest wait', async () => {
    // 6 on day 0, about 0.05 × 365 ≈ 18 arrivals a year, everyone leaving at 2 a patient-year
    const pool = 40;
    const departures = new Float64Array(6 + pool).fill(2 / 365);
    const open = appendArrivalPool(identical(6, (i) => 60 - i), identical(pool, (i) => (i * 37) % 50),
      [{ diagnosis: 'x', ratePerDay: 0.05, poolSize: pool }], 0, departures);
    let arrivalsHome = 0, later = 0;
    for (const policy of ['referral', 'distance_first', 'frequency_first'] as const) {
      for (let seed = 1; seed <= 6; seed++) {
        const { r, trace } = await run(open, policy, seed, 365);
        const st = r.policyStats!;
        const present = r.checks.populationEnd; // every patient is eligible: present = listed or enrolled
        expect(st.maxEnrolled).toBeLessThanOrEqual(K);
        expect(st.maxShareUsed).toBeLessThanOrEqual(1 + SHARE_TOL);
        expect(st.enrolled).toBe(Math.min(K, present));
        expect(st.enrolled! + st.waiting!).toBe(present);
        expect(r.checks.arrivalsBeyondPool).toBe(0);
        later += st.enrolledLater!;
        arrivalsHome += trace.homeVisits.filter((v) => v.patient >= 6).length;
      }
    }
    expect(later).toBeGreaterThan(0);
    expect(arrivalsHome).toBeGreaterThan(0);
  });
});

describe('enrolment heuristics with routing size the list on chained trips', () => {
  it('homes at one spot (legs of 8 min): two 6.85 h visits chain into 9.883 h, a nurse-day holds 2, so k = 6 instead of 3', async () => {
    // chain: 2 × (1.8 + 0.5 + 0.6) + 3.45 + (15 + 8 + 15) / 60 = 9.883 h ≤ 10 h: 10 visits a week, each patient 0.15
    // of a year → ⌊1 / 0.15⌋ = 6 enrolled of 8
    const spot = new Float64Array(8);
    const routed = { ...identical(8, () => 20), legs: { kind: 'xy_km' as const, a: spot, b: spot, fixedMin: 8, minPerKm: 1.1 } };
    const { r } = await run(routed, 'referral', 1, 60);
    expect(r.policyStats).toMatchObject({ enrolled: 6, waiting: 2 });
    const { r: plain } = await run(identical(8, () => 20), 'referral', 1, 60);
    expect(plain.policyStats).toMatchObject({ enrolled: K, waiting: 8 - K });
  });
});

describe('enrolment heuristics release a withdrawn patient\'s place', () => {
  it('every home transfusion ends in a severe reaction: the three enrolled are withdrawn, so the 4th gets a place and is visited at home', async () => {
    const st = settingsFromScenario(validateScenario({
      program: { nurses: 1 },
      simulation: { horizon_days: 150, warmup_days: 0, replications: 1, enrolment_utilisation: 1, reaction_probability_per_unit: 1, severe_reaction_share: 1 },
    }, 'enrolment.yaml').scenario);
    const trace = emptyTrace();
    const cohort = identical(4, (i) => 40 - 10 * i);
    const r = await simulateRun({ cohort, settings: st, factory: policyFactory('distance_first'), random: runRandom(streams(1), 0, false), policyName: 'distance_first', trace });
    expect(r.counters.hospitalTransfers).toBeGreaterThanOrEqual(3);
    // each of 0–2 has one home transfusion (then withdrawn); 3 is enrolled once a place is free
    for (const i of [0, 1, 2]) expect(homeVisitsOf(trace, i)).toBe(1);
    expect(homeVisitsOf(trace, 3)).toBe(1);
    expect(r.policyStats).toMatchObject({ enrolledLater: 1 });
  });
});
