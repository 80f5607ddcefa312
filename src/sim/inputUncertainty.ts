/**
 * Input uncertainty as outer replications (`decide.uncertainty`): each outer replication draws the uncertain
 * inputs — the cohort's patients resampled with replacement (nonparametric bootstrap of the data; Barton &
 * Schruben 2001, "Resampling methods for input modeling", Proc. Winter Simulation Conference) and a factor per
 * uncertain rate drawn uniformly from its scenario range — then runs the usual inner replications on them
 * (common random numbers across policies inside an outer replication; independent streams between outer
 * replications, as the nested analysis in src/decide/nested.ts assumes). The model (src/sim/model) is not
 * touched: only the SimCohort and the settings handed to it change.
 *
 * Cost: outer × (replications × policies) simulator runs, plus O(n) per resampled cohort.
 */
import type { Rng } from '../random/index.js';
import { randomInt, streams, uniform } from '../random/index.js';
import type { UncertaintySettings } from '../scenario/sections/decide.js';
import type { ServiceSettings, SimCohort } from './model/types.js';
import type { SimulateOptions, SimulationResult } from './simulate.js';
import { simulatePolicies } from './simulate.js';

/** The factors one outer replication drew (1 = as in the scenario). */
export interface InputDraw {
  readonly visitTime: number;
  readonly failureRate: number;
  readonly noShowRate: number;
  readonly declineRate: number;
  /** True when the patients were resampled. */
  readonly bootstrapped: boolean;
}

/** One outer replication's draw and the simulator's result on it. */
export interface OuterReplication {
  readonly outer: number;
  readonly draw: InputDraw;
  /** Seed of its inner replications (drawn from the `uncertainty/seeds` stream). */
  readonly seed: number;
  readonly result: SimulationResult;
}

const clampProbability = (p: number): number => Math.min(1, Math.max(0, p));

/**
 * The cohort resampled: patient j of the copy is patient `index[j]` of the original (every per-patient array
 * reindexed; names and score terms kept). O(n · fields).
 * @example
 * resampleCohort(cohort, Int32Array.from([0, 0, 2])).n; // 3
 */
export function resampleCohort(cohort: SimCohort, index: Int32Array): SimCohort {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cohort)) {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView) && (v as unknown as ArrayLike<number>).length === cohort.n) {
      const src = v as unknown as ArrayLike<number>;
      const Ctor = (v as unknown as { constructor: new (n: number) => { [i: number]: number } }).constructor;
      const dst = new Ctor(index.length);
      for (let j = 0; j < index.length; j++) dst[j] = src[index[j]!]!;
      out[k] = dst;
    } else out[k] = v;
  }
  return { ...(out as unknown as SimCohort), n: index.length };
}

/**
 * Apply one draw: visit time scales hours per unit, observation and set-up; the failure factor scales the
 * failed-access probability, the no-show factor both no-show probabilities (each capped at 1), the decline
 * factor every patient's Hb decline rate. O(n).
 * @example
 * const draw = { visitTime: 1.2, failureRate: 1, noShowRate: 1, declineRate: 0.9, bootstrapped: false };
 * perturbInputs(cohort, settings, draw).settings.program.hours_per_unit; // 1.2 × the scenario's
 */
export function perturbInputs(
  cohort: SimCohort, settings: ServiceSettings, d: InputDraw,
): { cohort: SimCohort; settings: ServiceSettings } {
  const p = settings.program, s = settings.sim;
  const program = {
    ...p, hours_per_unit: p.hours_per_unit * d.visitTime, observation_hours: p.observation_hours * d.visitTime,
    setup_hours: p.setup_hours * d.visitTime,
  };
  const sim = {
    ...s,
    failed_access_probability: clampProbability(s.failed_access_probability * d.failureRate),
    clinic_no_show_probability: clampProbability(s.clinic_no_show_probability * d.noShowRate),
    home_no_show_probability: clampProbability(s.home_no_show_probability * d.noShowRate),
  };
  const declinePerDay = Float64Array.from(cohort.declinePerDay, (x) => x * d.declineRate);
  return { cohort: { ...cohort, declinePerDay }, settings: { ...settings, program, sim } };
}

/** Draw one outer replication's factors from the scenario ranges. O(1). */
export function drawInputs(u: UncertaintySettings, rng: Rng): InputDraw {
  const f = ([lo, hi]: readonly [number, number]): number => (lo === hi ? lo : uniform(rng, lo, hi));
  return {
    visitTime: f(u.visit_time_factor), failureRate: f(u.failure_rate_factor), noShowRate: f(u.no_show_rate_factor),
    declineRate: f(u.decline_rate_factor), bootstrapped: u.bootstrap_patients,
  };
}

/**
 * Run `u.outer_replications` outer replications (streams `uncertainty/inputs/<o>`, `uncertainty/patients/<o>`,
 * `uncertainty/seeds` under `seed`). Each uses the scenario's inner replication count.
 * @example
 * const outer = await simulateWithInputUncertainty(cohort, settings, 42, scenario.decide.uncertainty);
 */
export async function simulateWithInputUncertainty(
  cohort: SimCohort, settings: ServiceSettings, seed: number, u: UncertaintySettings, opts: SimulateOptions = {},
): Promise<OuterReplication[]> {
  const s = streams(seed).child('uncertainty');
  const seeds = s.stream('seeds');
  // replication 0's daily series is the nominal run's business: not kept per outer replication
  const noSeries = { ...settings, sim: { ...settings.sim, timeseries: false } };
  const out: OuterReplication[] = [];
  for (let o = 0; o < u.outer_replications; o++) {
    const draw = drawInputs(u, s.stream(`inputs/${o}`));
    const innerSeed = randomInt(seeds, 2 ** 31 - 1);
    let base = cohort;
    if (draw.bootstrapped) {
      const rng = s.stream(`patients/${o}`);
      base = resampleCohort(cohort, Int32Array.from({ length: cohort.n }, () => randomInt(rng, cohort.n)));
    }
    const inputs = perturbInputs(base, noSeries, draw);
    const inner = { ...opts, onProgress: undefined };
    const result = await simulatePolicies(inputs.cohort, inputs.settings, innerSeed, inner);
    opts.onProgress?.(o + 1, u.outer_replications);
    out.push({ outer: o, draw, seed: innerSeed, result });
  }
  return out;
}
