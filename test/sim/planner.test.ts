/**
 * lp_rolling's default planner: the optimize stage's allocation model solved with HiGHS over the look-ahead.
 * Reference values: hand-solved instances and brute-force enumeration of every plan of small instances.
 */
import { describe, expect, it } from 'vitest';
import { episodeWindows } from '../../src/optimize/index.js';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { LpModelSections, RollingCandidate, RollingProblem } from '../../src/sim/index.js';
import { greedyLookaheadPlanner, optimizePlanner, preselectCandidates, rollingWindow, settingsFromScenario, windowPatient, windowVisitCapacity } from '../../src/sim/index.js';
import type { OptimizePlannerOptions, RollingPlanner } from '../../src/sim/index.js';

type Sections = LpModelSections & { readonly program: RollingProblem['program'] };

/** Visit hours = units × 1 h + round trip (no pick-up, set-up, observation or overtime), as the service model counts them. */
function sections(program: Record<string, unknown> = {}): Sections {
  const sc = validateScenario({
    program: { nurses: 1, shift_hours: 8, overtime_max_hours: 0, max_visits_per_nurse_per_day: 2, home_units_per_day: 8, hours_per_unit: 1, observation_hours: 0, setup_hours: 0, pickup_hours: 0, ...program },
  }, 't.yaml').scenario;
  const st = settingsFromScenario(sc);
  return { ...st.lpModel, program: st.program };
}

const optimizeWith = (s: Sections, opts: OptimizePlannerOptions): RollingPlanner => optimizePlanner(s.program, s, opts);

const EXACT = { timeLimitSec: 30, mipGap: 0, candidateMultiple: 0 };

function cand(patient: number, needDay: number, score: number, units: number, travelMinOneWay: number): RollingCandidate {
  return { patient, needDay, score, nurseHours: units + (2 * travelMinOneWay) / 60, units, hbNow: 8, declinePerDay: 0.1, incrementPerUnit: 1, triggerGdl: 8, floorGdl: 7, travelMinOneWay, distanceKm: 10, earliestDay: 0 };
}

interface ProblemShape { firstDay?: number; days?: number; earlyDays?: number; nurses?: number; unitsPerDay?: number }

function problem(candidates: RollingCandidate[], over: ProblemShape = {}): RollingProblem {
  const days = over.days ?? 1, firstDay = over.firstDay ?? 0;
  const program = sections({ nurses: over.nurses ?? 1, home_units_per_day: over.unitsPerDay ?? 8 }).program;
  return { firstDay, days, ...rollingWindow(program, firstDay, days), program, earlyDays: over.earlyDays ?? 3, candidates };
}

/**
 * Best Σ score over every assignment (candidate → nothing or a working day of its window and a nurse on duty)
 * within each nurse's shift (8 h, 2 visits) and the day's units.
 */
function bruteForce(pr: RollingProblem): number {
  const cs = pr.candidates;
  const maxNurses = Math.max(0, ...pr.nurses);
  let best = 0;
  const hours = pr.nurses.map(() => new Float64Array(maxNurses)), visits = pr.nurses.map(() => new Int32Array(maxNurses));
  const units = new Int32Array(pr.days);
  const go = (k: number, value: number): void => {
    if (k === cs.length) { best = Math.max(best, value); return; }
    go(k + 1, value);
    const c = cs[k]!;
    const last = c.needDay - pr.firstDay;
    for (let w = Math.max(0, last - pr.earlyDays); w <= last; w++) {
      if (!pr.working[w] || units[w]! + c.units > pr.units[w]!) continue;
      for (let n = 0; n < pr.nurses[w]!; n++) {
        if (hours[w]![n]! + c.nurseHours > pr.program.shift_hours + 1e-9 || visits[w]![n]! + 1 > pr.program.max_visits_per_nurse_per_day) continue;
        hours[w]![n]! += c.nurseHours; visits[w]![n]!++; units[w]! += c.units;
        go(k + 1, value + c.score);
        hours[w]![n]! -= c.nurseHours; visits[w]![n]!--; units[w]! -= c.units;
      }
    }
  };
  go(0, 0);
  return best;
}

const planValue = (plan: Map<number, number>, pr: RollingProblem): number => [...plan.keys()].reduce((s, i) => s + pr.candidates.find((c) => c.patient === i)!.score, 0);

describe('lp_rolling optimize planner', () => {
  it('3 patients, 1 nurse, room for 2: plans the two visits worth most together (the greedy by score does not)', async () => {
    // patient 0: score 50, 1 unit + 2 × 3 h travel = 7 h; patients 1 and 2: score 30, 2 units + 2 × 1 h = 4 h each.
    // 8 h shift: {0} alone (50) or {1, 2} (60) — the optimum is {1, 2}; greedy by score takes 0 first, then nothing fits.
    const pr = problem([cand(0, 0, 50, 1, 180), cand(1, 0, 30, 2, 60), cand(2, 0, 30, 2, 60)]);
    const out = await optimizeWith(sections(), EXACT)(pr);
    expect(out.method).toBe('optimal');
    expect([...out.plan.entries()].sort()).toEqual([[1, 0], [2, 0]]);
    expect([...greedyLookaheadPlanner(pr).keys()]).toEqual([0]);
  });

  it('equals the brute-force optimum on random small instances (2 nurses, a 7-day window with a weekend)', async () => {
    const rng = streams(9).stream('planner');
    const s = sections({ nurses: 2, home_units_per_day: 5 });
    let greedyWorse = 0;
    for (let trial = 0; trial < 6; trial++) {
      const cs = Array.from({ length: 9 }, (_, i) => cand(10 + i, 2 + Math.floor(rng.next() * 5), Math.round(10 + rng.next() * 90), 1 + Math.floor(rng.next() * 2), 30 + Math.floor(rng.next() * 120)));
      const pr = problem(cs, { firstDay: 2, days: 7, nurses: 2, unitsPerDay: 5 }); // Wednesday … Tuesday
      const out = await optimizeWith(s, EXACT)(pr);
      expect(out.method).toBe('optimal');
      expect(planValue(out.plan, pr)).toBe(bruteForce(pr));
      if (planValue(greedyLookaheadPlanner(pr), pr) < bruteForce(pr)) greedyWorse++;
      for (const [i, day] of out.plan) {
        const c = cs.find((x) => x.patient === i)!;
        expect(day).toBeLessThanOrEqual(c.needDay);
        expect(day).toBeGreaterThanOrEqual(Math.max(pr.firstDay, c.needDay - pr.earlyDays));
        expect(pr.working[day - pr.firstDay]).toBe(true);
      }
    }
    expect(greedyWorse).toBeGreaterThan(0); // the instances are not ones the greedy already solves
  });

  it("windowPatient: the model's episode window is exactly the simulator's booking window", () => {
    for (const [firstDay, needDay, earlyDays, days] of [[0, 0, 3, 14], [7, 12, 3, 14], [3, 16, 3, 14], [10, 11, 0, 5], [0, 13, 5, 14]] as const) {
      const pr = problem([], { firstDay, days, earlyDays });
      const w = episodeWindows(windowPatient(cand(4, needDay, 1, 2, 30), pr), 0, { horizonDays: days, earlyMarginGDl: 0, overdueGraceDays: 3 });
      expect(w.length).toBe(1);
      expect([w[0]!.earliest, w[0]!.latest]).toEqual([Math.max(1, needDay - earlyDays - firstDay + 1), needDay - firstDay + 1]);
    }
  });

  describe('column pre-selection', () => {
    // 30 candidates, 1 nurse × 2 visits × 2 working days = 4 visits; 3 × 4 = 12 kept
    const rng = streams(4).stream('preselect');
    const cs = Array.from({ length: 30 }, (_, i) => cand(i, Math.floor(rng.next() * 2), 1 + i * 3 + Math.floor(rng.next() * 3), 1 + Math.floor(rng.next() * 2), 30 + Math.floor(rng.next() * 90)));
    const pr = problem(cs, { days: 2 });

    it('keeps the best-scored multiple × window capacity, in patient order', () => {
      expect(windowVisitCapacity(pr)).toBe(4);
      const kept = preselectCandidates(pr, 3);
      expect(kept.length).toBe(12);
      const top = [...cs].sort((a, b) => b.score - a.score).slice(0, 12).map((c) => c.patient).sort((a, b) => a - b);
      expect(kept.map((c) => c.patient)).toEqual(top);
      expect(preselectCandidates(pr, 0).length).toBe(30);
    });

    it('with the multiple large enough (3) the plan equals the unfiltered solve; far too small (0.25) it loses value', async () => {
      const s = sections();
      const full = await optimizeWith(s, EXACT)(pr);
      const filtered = await optimizeWith(s, { ...EXACT, candidateMultiple: 3 })(pr);
      expect(filtered.modelled).toBe(12);
      expect(full.modelled).toBe(30);
      expect([...filtered.plan.entries()].sort()).toEqual([...full.plan.entries()].sort());
      expect(planValue(full.plan, pr)).toBe(bruteForce({ ...pr, candidates: preselectCandidates(pr, 3) }));
      const tiny = await optimizeWith(s, { ...EXACT, candidateMultiple: 0.25 })(pr);
      expect(tiny.modelled).toBe(1);
      expect(planValue(tiny.plan, pr)).toBeLessThan(planValue(full.plan, pr));
    });
  });

  it('stops at the node limit with a feasible plan, the same one every time (a deterministic work limit)', async () => {
    const rng = streams(12).stream('nodes');
    const cs = Array.from({ length: 40 }, (_, i) => cand(i, Math.floor(rng.next() * 5), Math.round(10 + rng.next() * 90), 1 + Math.floor(rng.next() * 2), 20 + Math.floor(rng.next() * 150)));
    const pr = problem(cs, { days: 5, nurses: 2, unitsPerDay: 6 });
    const s = sections({ nurses: 2, home_units_per_day: 6 });
    const planner = optimizeWith(s, { ...EXACT, maxNodes: 1 });
    const a = await planner(pr), b = await planner(pr);
    expect(['optimal', 'node_limit']).toContain(a.method);
    expect([...a.plan.entries()]).toEqual([...b.plan.entries()]);
    for (let w = 0; w < pr.days; w++) {
      const today = [...a.plan].filter(([, d]) => d === w).map(([i]) => cs[i]!);
      expect(today.length).toBeLessThanOrEqual(4);
      expect(today.reduce((h, c) => h + c.nurseHours, 0)).toBeLessThanOrEqual(16 + 1e-9);
      expect(today.reduce((u, c) => u + c.units, 0)).toBeLessThanOrEqual(6);
    }
  });

  it('falls back to the greedy plan when the model has no feasible plan (counted as method fallback)', async () => {
    // Re-plan on a Saturday (day 5) for a patient due that day: no working day in the window, the model is infeasible.
    const pr = problem([cand(0, 5, 40, 2, 30)], { firstDay: 5, days: 2 });
    const out = await optimizeWith(sections(), EXACT)(pr);
    expect(out.method).toBe('fallback');
    expect(out.plan).toEqual(greedyLookaheadPlanner(pr));
  });

  it('an empty window plans nothing without calling the solver', async () => {
    const out = await optimizeWith(sections(), EXACT)(problem([]));
    expect(out).toEqual({ plan: new Map(), method: 'empty', modelled: 0 });
  });
});
