/**
 * lp_rolling and priority_greedy in an open cohort (issue 16 item 6): they plan and book only patients who are
 * in the cohort (arrived, not left), and an arrival's priority score is the one it would have had in the day-0
 * cohort (scored against that cohort's values: its percentiles, its median for missing inputs).
 */
import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { selectRows } from '../../src/data/table.js';
import { scorePatients } from '../../src/priority/index.js';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { RollingPlanner, RunTrace, SimCohort } from '../../src/sim/index.js';
import { emptyTrace, greedyPlanner, lpRollingWith, policyFactory, runRandom, settingsFromScenario, simulateRun } from '../../src/sim/index.js';
import { appendArrivalPool } from '../../src/sim/model/openCohort.js';
import { mixedCohort } from '../helpers/simCohort.js';

describe('an arrival is scored against the day-0 cohort', () => {
  const { table } = synthesizeCohort(300, streams(9));
  const rows = Array.from({ length: 25 }, (_, k) => 12 * k);
  const pool = selectRows(table, rows); // new patients who happen to equal 25 of the cohort's

  it('percentiles: each gets the score its twin has in the cohort (not a rank among the arrivals)', () => {
    const settings = validateScenario({ priority: { normalisation: 'percentiles' } }, 't.yaml').scenario.priority;
    const cohort = scorePatients(table, settings);
    const against = scorePatients(pool, settings, { against: cohort.normalisation });
    const alone = scorePatients(pool, settings);
    rows.forEach((row, k) => expect(against.score[k]).toBe(cohort.score[row]));
    expect(rows.some((row, k) => alone.score[k] !== cohort.score[row])).toBe(true); // scored among themselves: not so
  });

  it('anchors (the default): the same scores either way', () => {
    const settings = validateScenario({}, 't.yaml').scenario.priority;
    const cohort = scorePatients(table, settings);
    const against = scorePatients(pool, settings, { against: cohort.normalisation });
    rows.forEach((row, k) => expect(against.score[k]).toBe(cohort.score[row]));
  });
});

describe('lp_rolling and priority_greedy plan for present patients only', () => {
  // 30 on day 0 leaving at 3 a patient-year; ≈ 0.1 a day arriving from a pool of 120
  const withDx = (c: SimCohort): SimCohort => ({ ...c, diagnosis: new Int32Array(c.n), diagnosisNames: ['x'] });
  const cohort = appendArrivalPool(withDx(mixedCohort(21, 30)), withDx(mixedCohort(22, 120)),
    [{ diagnosis: 'x', ratePerDay: 0.1, poolSize: 120 }], 0, new Float64Array(150).fill(3 / 365));
  const settings = settingsFromScenario(validateScenario({ program: { nurses: 3 }, simulation: { horizon_days: 240, warmup_days: 0, lp_planner: 'greedy' } }, 't.yaml').scenario);

  /** In the cohort at time t: on day 0 or arrived by t, and not left by t (from the run's own trace). */
  function presence(trace: RunTrace): (i: number, t: number) => boolean {
    const arrive = new Float64Array(cohort.n).fill(Infinity).fill(0, 0, 30), leave = new Float64Array(cohort.n).fill(Infinity);
    for (const a of trace.arrivals) arrive[a.patient] = a.time;
    for (const d of trace.departures) leave[d.patient] = d.time;
    return (i, t) => arrive[i]! <= t && t < leave[i]!;
  }

  it('every lp_rolling candidate is in the cohort on the re-plan day; arrivals are among them', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const seen: { day: number; patients: number[] }[] = [];
      const recording: RollingPlanner = (pr) => {
        seen.push({ day: pr.firstDay, patients: pr.candidates.map((c) => c.patient) });
        return greedyPlanner(pr);
      };
      const trace = emptyTrace();
      await simulateRun({ cohort, settings, factory: lpRollingWith(recording), random: runRandom(streams(seed), 0, false), policyName: 'lp_rolling', trace });
      const present = presence(trace);
      expect(trace.departures.length).toBeGreaterThan(0);
      // a re-plan runs at d + 0.45, after the day's labs: present then
      for (const s of seen) for (const i of s.patients) expect(present(i, s.day + 0.45)).toBe(true);
      expect(seen.some((s) => s.patients.some((i) => i >= 30))).toBe(true);
      for (const v of trace.homeVisits) expect(present(v.patient, v.day + 0.5)).toBe(true);
    }
  });

  it('every priority_greedy home visit is to a patient in the cohort that day; arrivals get some', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const trace = emptyTrace();
      await simulateRun({ cohort, settings, factory: policyFactory('priority_greedy'), random: runRandom(streams(seed), 0, false), policyName: 'priority_greedy', trace });
      const present = presence(trace);
      for (const v of trace.homeVisits) expect(present(v.patient, v.day + 0.5)).toBe(true);
      expect(trace.homeVisits.some((v) => v.patient >= 30)).toBe(true);
    }
  });
});
