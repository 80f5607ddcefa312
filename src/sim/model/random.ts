/**
 * The random sources of one replication, one named stream per process (`sim/rep/<r>/<process>`), shared by
 * every policy in that replication (common random numbers). Draws are counter-based per patient, so patient
 * i's k-th visit has the same outcome draw under every policy.
 */
import type { Rng, Streams } from '../../random/index.js';
import { CounterUniform, antithetic } from '../engine/index.js';

export interface RunRandom {
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
  /** Age of released units. */
  readonly blood: CounterUniform;
  /** A policy's own stream (referral order). */
  policy(name: string): Rng;
}

/**
 * Streams for replication `rep`. With antithetic pairs, replication 2m+1 reuses 2m's streams with u → 1 − u.
 */
export function runRandom(rngs: Streams, rep: number, antitheticPairs: boolean): RunRandom {
  const base = antitheticPairs ? rep - (rep % 2) : rep;
  const flip = antitheticPairs && rep % 2 === 1;
  const family = rngs.child(`sim/rep/${base}`);
  const cu = (name: string): CounterUniform => new CounterUniform(family.stream(name), flip);
  return {
    phase: cu('phase'),
    decline: cu('decline'),
    lab: cu('lab'),
    outcome: cu('outcome'),
    increment: cu('increment'),
    blood: cu('blood'),
    policy: (name) => (flip ? antithetic(family.stream(`policy/${name}`)) : family.stream(`policy/${name}`)),
  };
}
