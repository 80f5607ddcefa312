/**
 * The random sources of one replication, one named stream per process (`sim/rep/<r>/<process>`), shared by
 * every policy in that replication (common random numbers). Draws are counter-based per patient, so patient
 * i's k-th visit has the same outcome draw under every policy.
 */
import type { Rng, Streams } from '../../random/index.js';
import { CounterUniform, antithetic } from '../engine/index.js';

/**
 * One replication's streams. A class rather than an object literal so that every replication's streams have
 * one shape and the simulator code optimised in the first replication keeps its assumptions (see cohort.ts's
 * `CohortRecord`).
 */
export class RunRandom {
  /** Initial Hb phase and lab-day offset per patient. */
  readonly phase: CounterUniform;
  /** Cycle-to-cycle decline-rate noise. */
  readonly decline: CounterUniform;
  /** Lab measurement noise. */
  readonly lab: CounterUniform;
  /** Visit outcomes: no-show, failed access, reactions, severity. */
  readonly outcome: CounterUniform;
  /** Hb increment noise. */
  readonly increment: CounterUniform;
  /** Age of units delivered to the blood bank. */
  readonly blood: CounterUniform;
  /** ABO/Rh group of patients whose `abo_rh` cell is missing (drawn per replication, population shares). */
  readonly bloodGroup: CounterUniform;
  /** Open cohort: arrival times per diagnosis stream, and each patient's stay. */
  readonly arrivals: CounterUniform;
  readonly departure: CounterUniform;

  constructor(private readonly family: Streams, private readonly flip: boolean) {
    this.phase = new CounterUniform(family.stream('phase'), flip);
    this.decline = new CounterUniform(family.stream('decline'), flip);
    this.lab = new CounterUniform(family.stream('lab'), flip);
    this.outcome = new CounterUniform(family.stream('outcome'), flip);
    this.increment = new CounterUniform(family.stream('increment'), flip);
    this.blood = new CounterUniform(family.stream('blood'), flip);
    this.bloodGroup = new CounterUniform(family.stream('bloodGroup'), flip);
    this.arrivals = new CounterUniform(family.stream('arrivals'), flip);
    this.departure = new CounterUniform(family.stream('departure'), flip);
  }

  /** A policy's own stream (referral order). */
  policy(name: string): Rng {
    const rng = this.family.stream(`policy/${name}`);
    return this.flip ? antithetic(rng) : rng;
  }
}

/**
 * Streams for replication `rep`. With antithetic pairs, replication 2m+1 reuses 2m's streams with u → 1 − u.
 */
export function runRandom(rngs: Streams, rep: number, antitheticPairs: boolean): RunRandom {
  const base = antitheticPairs ? rep - (rep % 2) : rep;
  const flip = antitheticPairs && rep % 2 === 1;
  return new RunRandom(rngs.child(`sim/rep/${base}`), flip);
}
