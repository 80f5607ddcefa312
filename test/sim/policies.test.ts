/** Policies on hand-made days: who goes home, who waits, who goes to the clinic. */
import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { DayContext, ServiceSettings, SimCohort } from '../../src/sim/index.js';
import { fillYearlyCapacity } from '../../src/service/index.js';
import { clinicOnly, episodesPerYear, greedyLookaheadPlanner, priorityGreedy, segmentRule, settingsFromScenario } from '../../src/sim/index.js';

function cohort(n: number, over: Partial<Record<'score' | 'eligible' | 'target' | 'distanceKm', number[]>> = {}): SimCohort {
  const f = (v: number): Float64Array => new Float64Array(n).fill(v);
  return {
    n, triggerGdl: f(8), floorGdl: f(7), declinePerDay: f(1 / 14), unitsPerEpisode: new Int32Array(n).fill(2), incrementPerUnit: f(1),
    travelMinOneWay: f(30), distanceKm: Float64Array.from(over.distanceKm ?? new Array<number>(n).fill(20)),
    eligible: Uint8Array.from(over.eligible ?? new Array<number>(n).fill(1)), score: Float64Array.from(over.score ?? new Array<number>(n).fill(0)),
    target: Uint8Array.from(over.target ?? new Array<number>(n).fill(1)), segment: new Int32Array(n).fill(-1), segmentNames: [],
    diagnosis: new Int32Array(n).fill(-1), diagnosisNames: [], waiting: null, urgency: null, bloodGroup: new Int8Array(n).fill(-1),
  };
}

function settings(program: Record<string, unknown> = {}): ServiceSettings {
  return settingsFromScenario(validateScenario({ program: { nurses: 1, max_visits_per_nurse_per_day: 1, ...program } }, 't').scenario);
}

/** A day with `homeSlots` home bookings available and unlimited chairs; records what the policy did. */
function day(due: number[], homeSlots: number, waited: number[] = []): { ctx: DayContext; home: number[]; clinic: number[] } {
  const home: number[] = [], clinic: number[] = [];
  const ctx: DayContext = {
    day: 3, due, waitingDays: (i) => waited[i] ?? 0, needBy: () => 10, homeAllowed: () => true,
    home: (i) => (home.length < homeSlots ? (home.push(i), true) : false),
    clinic: (i) => (clinic.push(i), true), lastLabDay: () => 0, lastLabHb: () => 9, earliestDay: () => 3,
  };
  return { ctx, home, clinic };
}

const setup = (c: SimCohort, s: ServiceSettings) => ({ cohort: c, settings: s, rng: streams(1).stream('p'), visitHours: new Float64Array(c.n).fill(5) });

describe('policies', () => {
  it('clinic_only books every due patient into the clinic', () => {
    const d = day([2, 0, 1], 5);
    clinicOnly(setup(cohort(3), settings())).plan(d.ctx);
    expect(d.home).toEqual([]);
    expect(d.clinic).toEqual([2, 0, 1]);
  });

  it('priority_greedy serves the highest score + waiting term first; one slot-day of patients waits, the rest go to the clinic', () => {
    const c = cohort(4, { score: [10, 40, 30, 20] });
    const d = day([0, 1, 2, 3], 1, [25, 0, 0, 0]); // patient 0 has waited 25 days: +25 points
    priorityGreedy(setup(c, settings())).plan(d.ctx);
    expect(d.home).toEqual([1]); // 40 beats 10 + 25 = 35
    expect(d.clinic).toEqual([2, 3]); // 0 (35) waits for tomorrow's single slot
  });

  it('priority_greedy: urgency follows the simulated Hb (days to the projected trigger day), not the historic score', () => {
    // scores 30 and 20; patient 1 reaches the trigger today (25 · (1 − 0/28) = 25 → 45), patient 0 in 14 days (12.5 → 42.5)
    const c = { ...cohort(2, { score: [30, 20] }), urgency: { maxPoints: 25, fullAtDays: 28 } };
    const d = day([0, 1], 1);
    const ctx = { ...d.ctx, needBy: (i: number) => (i === 1 ? 3 : 17) }; // today is day 3
    priorityGreedy(setup(c, settings())).plan(ctx);
    expect(d.home).toEqual([1]);
    const still = day([0, 1], 1);
    priorityGreedy(setup({ ...c, urgency: null }, settings())).plan({ ...still.ctx, needBy: ctx.needBy });
    expect(still.home).toEqual([0]); // without the dynamic term the higher static score wins
  });

  it('segment_rule offers home only to the target group', () => {
    const c = cohort(3, { score: [50, 10, 20], target: [0, 1, 1] });
    const d = day([0, 1, 2], 3);
    segmentRule(setup(c, settings())).plan(d.ctx);
    expect(d.home).toEqual([2, 1]);
    expect(d.clinic).toEqual([0]);
  });

  it('enrolment (service yearly fill) stops at the first patient who no longer fits the yearly capacity', () => {
    // 1 nurse × 1 visit × 5 days × 365/7 weeks ≈ 260.7 visits a year; each patient needs 365/28 ≈ 13.04 episodes
    const c = cohort(30);
    const s = settings({ shift_hours: 24, home_units_per_day: 100 });
    const demand = { episodesPerYear: Float64Array.from({ length: 30 }, (_, i) => episodesPerYear(c, i)), visitHours: new Float64Array(30).fill(1), unitsPerVisit: c.unitsPerEpisode };
    const fill = fillYearlyCapacity(s.program, demand, Array.from({ length: 30 }, (_, i) => i), 1);
    expect(fill.count).toBe(Math.floor(((365 / 7) * 5) / (365 / 28)));
  });

  it('greedyLookaheadPlanner respects daily capacity and takes the earliest feasible day (crossmatch-ready, not before need − 3)', () => {
    const cand = (patient: number, needDay: number, score: number, earliestDay = 0) => ({
      patient, needDay, score, nurseHours: 5, units: 2, hbNow: 8, declinePerDay: 0.1, incrementPerUnit: 1, triggerGdl: 8, floorGdl: 7, travelMinOneWay: 30, distanceKm: 20, earliestDay,
    });
    const pr = (earliest2: number) => greedyLookaheadPlanner({
      firstDay: 0, days: 7, working: [true, true, true, true, true, false, false], nurses: [1, 1, 1, 1, 1, 0, 0],
      units: [4, 4, 4, 4, 4, 0, 0], program: settings({ shift_hours: 8, overtime_max_hours: 0, max_visits_per_nurse_per_day: 2 }).program, earlyDays: 3,
      candidates: [cand(0, 4, 1), cand(1, 4, 3), cand(2, 6, 2, earliest2), cand(3, 2, 0)],
    });
    const plan = pr(0);
    expect(plan.get(1)).toBe(1); // best score: window [4 − 3, 4] → its first day, 1
    expect(plan.get(2)).toBe(3); // need day 6 (Sunday): window [3, 6] → Thursday (day 3)
    expect(plan.get(0)).toBe(2); // window [1, 4]; day 1 taken (one 5-hour visit per 8-hour shift) → day 2
    expect(plan.get(3)).toBe(0); // need day 2: window [0, 2] → day 0
    // crossmatch ready only on day 4: patient 2's window shrinks to [4, 6] → Friday
    expect(pr(4).get(2)).toBe(4);
  });
});
