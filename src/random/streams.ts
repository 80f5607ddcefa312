/**
 * Named, independent, seeded random streams.
 *
 * Every random draw in carestrata goes through an {@link Rng} handed out here. A stream is identified by
 * the run's seed and a name (`cohort`, `segment/member/7`, `sim/rep/3/arrivals`), so adding draws in one
 * stream never shifts another: common random numbers hold across policies and replications.
 *
 * Cost: O(1) per draw (seedrandom's Alea generator).
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export interface Rng {
  /** Next uniform draw in [0, 1). */
  next(): number;
}

/** Streams derived from one seed; `stream(name)` always returns a fresh generator for that name. */
export interface Streams {
  readonly seed: number;
  /** A new generator for `name`; two calls with the same name replay the same sequence. */
  stream(name: string): Rng;
  /** A child family whose stream names are prefixed with `prefix/`. */
  child(prefix: string): Streams;
}

/**
 * Create the stream family for a run.
 * @example
 * const rng = streams(42).stream('cohort');
 * rng.next(); // 0.…, identical on every machine
 */
export function streams(seed: number, prefix = ''): Streams {
  if (!Number.isInteger(seed)) throw new Error(`streams: seed must be an integer, got ${seed}`);
  return {
    seed,
    stream(name: string): Rng {
      const prng = seedrandom.alea(`carestrata:${seed}:${prefix}${name}`);
      return { next: () => prng() };
    },
    child(p: string): Streams {
      return streams(seed, `${prefix}${p}/`);
    },
  };
}
