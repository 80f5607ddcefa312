/**
 * The transfusion model: invariants on every run of a small scenario, closed-form checks on a deterministic
 * cohort, and the outcome switches (failed access, return window, expiry).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { SIM_POLICIES } from '../../src/scenario/sections/simulation.js';
import type { ReplicationResult, ServiceSettings, SimCohort } from '../../src/sim/index.js';
import { metricNames, runReplication, settingsFromScenario, simCohortFromTable } from '../../src/sim/index.js';
import { belowCount, belowDays, CHECKPOINT } from '../../src/sim/model/hb.js';
import { expectClose } from '../helpers/close.js';

/** Capacity sums are sums of a few decimals: allow float rounding only. */
const FLOAT_ABS = 1e-9;

function setup(extra: ScenarioInput = {}, patients = 300): { cohort: SimCohort; settings: ServiceSettings; seed: number } {
  const sc = validateScenario({ cohort: { source: 'synthetic', patients }, program: { nurses: 2, home_units_per_day: 6 }, ...extra }, 't.yaml').scenario;
  const { table } = synthesizeCohort(patients, streams(sc.seed));
  return { cohort: simCohortFromTable(table, {}, sc.clinical), settings: settingsFromScenario(sc), seed: sc.seed };
}

function metric(rep: ReplicationResult, cohort: SimCohort, policy: string, name: string): number {
  const run = rep.runs.find((r) => r.policy === policy)!;
  return run.metrics[metricNames(cohort, 14).indexOf(name)]!;
}

describe('belowDays', () => {
  it('matches a day-by-day count (property over random segments)', async () => {
    const rng = streams(5).stream('below');
    for (let k = 0; k < 2000; k++) {
      const t0 = Math.floor(rng.next() * 20) + rng.next(), t1 = t0 + rng.next() * 30;
      const hb0 = 6 + rng.next() * 4, rate = rng.next() * 0.4, thr = 7 + rng.next(), from = Math.floor(rng.next() * 10);
      let brute = 0;
      for (let d = 0; d < 60; d++) {
        const c = d + CHECKPOINT;
        if (d >= from && c >= t0 && c < t1 && hb0 - rate * (c - t0) < thr) brute++;
      }
      const [a, b] = belowDays(t0, t1, hb0, rate, thr, from);
      expect(Math.max(0, b - a)).toBe(brute);
      expect(belowCount(t0, t1, hb0, rate, thr, from)).toBe(brute);
      if (k % 10 === 0) expect(belowCount(t0, t1, hb0, 0, hb0 - 0.5, from)).toBe(0); // flat above the threshold
    }
  });
});

describe('transfusion model invariants (150 patients, 120 days, every policy)', () => {
  // lp_rolling re-solves the optimize model (HiGHS); a generous time limit keeps the replay below exact on a busy machine
  const { cohort, settings, seed } = setup({ simulation: { horizon_days: 120, warmup_days: 14, lp_time_limit_sec: 30 } }, 150);
  let reps: ReplicationResult[] = [];
  beforeAll(async () => {
    reps = await Promise.all([0, 1].map((rep) => runReplication({ cohort, settings, seed, rep, policies: SIM_POLICIES, timeseries: true })));
  });
  const p = settings.program;

  it('never exceeds nurse hours, visits or chair-hours; one visit per patient per day', async () => {
    for (const rep of reps) for (const run of rep.runs) {
      expect(run.checks.maxNurseHoursPerNurseDay).toBeLessThanOrEqual(p.shift_hours + p.overtime_max_hours + FLOAT_ABS);
      expect(run.checks.maxVisitsPerNurseDay).toBeLessThanOrEqual(p.max_visits_per_nurse_per_day);
      expect(run.checks.maxChairHoursDay).toBeLessThanOrEqual(p.clinic_chairs * p.clinic_hours_per_day + FLOAT_ABS);
      expect(run.checks.doubleBookings).toBe(0);
      for (const h of run.series!.nurseHours) expect(h).toBeLessThanOrEqual(p.nurses * (p.shift_hours + p.overtime_max_hours) + FLOAT_ABS);
    }
  });

  it('conserves units: released = transfused + returned + wasted + in stock', async () => {
    for (const rep of reps) for (const run of rep.runs) {
      const f = run.flows;
      expect(f.released).toBe(f.transfused + f.returned + f.wasted + f.inStock);
    }
    const some = reps[0]!.runs.find((r) => r.policy === 'priority_greedy')!;
    expect(some.flows.released).toBeGreaterThan(0);
  });

  it('attributes every transfusion to exactly one setting', async () => {
    for (const rep of reps) for (const run of rep.runs) {
      expect(run.checks.transfusionEvents).toBe(run.checks.homeEvents + run.checks.clinicEvents);
      const s = run.series!;
      expect(s.homeTransfusions.reduce((a, b) => a + b, 0)).toBe(run.checks.homeEvents);
      expect(s.clinicTransfusions.reduce((a, b) => a + b, 0)).toBe(run.checks.clinicEvents);
      expect(metric(rep, cohort, run.policy, 'transfusions')).toBe(metric(rep, cohort, run.policy, 'home_transfusions') + metric(rep, cohort, run.policy, 'clinic_transfusions'));
    }
  });

  it('clinic_only makes no home visits and releases no home units; the others do', async () => {
    for (const rep of reps) {
      const c = rep.runs.find((r) => r.policy === 'clinic_only')!;
      expect(c.checks.homeEvents).toBe(0);
      expect(c.flows.released).toBe(0);
      for (const run of rep.runs) if (run.policy !== 'clinic_only') expect(run.checks.homeEvents).toBeGreaterThan(0);
    }
  });

  it('lp_rolling re-solved the optimize model at every weekly re-plan, never falling back to the greedy', () => {
    for (const rep of reps) {
      const st = rep.runs.find((r) => r.policy === 'lp_rolling')!.policyStats!;
      expect(st.replans).toBe(Math.ceil(120 / 7)); // re-plans on days 0, 7, …, 119 (all Mondays)
      expect(st.optimal! + st.nodeLimit! + st.timeLimit!).toBe(st.replans! - st.empty!);
      expect(st.timeLimit).toBe(0);
      expect(st.optimal).toBeGreaterThan(0);
      expect(st.fallback).toBe(0);
      expect(st.greedy).toBe(0);
    }
  });

  it('common random numbers: the same replication replays exactly', async () => {
    const again = await runReplication({ cohort, settings, seed, rep: 1, policies: SIM_POLICIES, timeseries: false });
    again.runs.forEach((run, k) => expect(Array.from(run.metrics)).toEqual(Array.from(reps[1]!.runs[k]!.metrics)));
    expect(Array.from(reps[0]!.runs[0]!.metrics)).not.toEqual(Array.from(reps[1]!.runs[0]!.metrics));
  });
});

describe('transfusion model against hand-solved cases', () => {
  const quiet = {
    lab_noise_sd_g_dl: 0, decline_noise_sd_log: 0, increment_sd_g_dl: 0, failed_access_probability: 0, reaction_probability_per_unit: 0,
    clinic_no_show_probability: 0, home_no_show_probability: 0, horizon_days: 364, warmup_days: 0,
  };

  it('without noise each patient is transfused 364·decline/(units·increment) times (±1) and never below the floor', async () => {
    const { cohort, settings, seed } = setup({ simulation: quiet }, 100);
    const rep = await runReplication({ cohort, settings, seed, rep: 0, policies: ['clinic_only'], timeseries: false });
    let expected = 0;
    for (let i = 0; i < cohort.n; i++) expected += (364 * cohort.declinePerDay[i]!) / (cohort.unitsPerEpisode[i]! * cohort.incrementPerUnit[i]!);
    expectClose(metric(rep, cohort, 'clinic_only', 'transfusions'), expected, { abs: cohort.n });
    expect(metric(rep, cohort, 'clinic_only', 'days_below_floor')).toBe(0);
  });

  it('failed access on every home visit, no transport box: no home transfusion, unused units wasted (30-minute rule)', async () => {
    const { cohort, settings, seed } = setup({ simulation: { ...quiet, failed_access_probability: 1 }, blood: { transport_box: false } });
    const rep = await runReplication({ cohort, settings, seed, rep: 0, policies: ['priority_greedy'], timeseries: false });
    const run = rep.runs[0]!;
    expect(metric(rep, cohort, 'priority_greedy', 'home_transfusions')).toBe(0);
    expect(metric(rep, cohort, 'priority_greedy', 'failed_access')).toBeGreaterThan(0);
    expect(run.flows.transfused).toBe(0);
    expect(run.flows.wasted).toBe(run.flows.released - run.flows.inStock);
  });

  it('a 24-hour return window sends unused units back instead of wasting them', async () => {
    const { cohort, settings, seed } = setup({ simulation: { ...quiet, failed_access_probability: 1, return_window_min: 1440 }, blood: { transport_box: false } });
    const run = (await runReplication({ cohort, settings, seed, rep: 0, policies: ['priority_greedy'], timeseries: false })).runs[0]!;
    expect(run.flows.returned).toBeGreaterThan(0);
    expect(run.flows.wasted).toBe(0);
  });

  it('units older than the shelf life expire in the blood bank', async () => {
    const { cohort, settings, seed } = setup({ simulation: { ...quiet, shelf_life_days: 22, release_age_min_days: 20, release_age_max_days: 21 }, program: { nurses: 1, home_units_per_day: 30 } });
    const rep = await runReplication({ cohort, settings, seed, rep: 0, policies: ['referral'], timeseries: false });
    expect(metric(rep, cohort, 'referral', 'units_expired')).toBeGreaterThan(0);
    const f = rep.runs[0]!.flows;
    expect(f.released).toBe(f.transfused + f.returned + f.wasted + f.inStock);
  });
});
