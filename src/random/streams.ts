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
      return new AleaStream(`carestrata:${seed}:${prefix}${name}`);
    },
    child(p: string): Streams {
      return streams(seed, `${prefix}${p}/`);
    },
  };
}

/**
 * seedrandom's Alea generator as a class: seedrandom seeds it (its Mash hash, read back through `state`), and
 * the three-line step runs as a prototype method. seedrandom's own generator is a fresh closure per stream,
 * and hot code that calls it is compiled against that one closure, so the JIT discarded and recompiled every
 * caller each time a simulation's streams were collected (≈ 10% extra CPU per sweep point, measured with
 * `--trace-deopt-verbose`: "weak objects"). Same numbers as `seedrandom.alea(key)()` draw for draw
 * (test/random/streams.test.ts).
 */
class AleaStream implements Rng {
  private c: number;
  private s0: number;
  private s1: number;
  private s2: number;

  constructor(key: string) {
    const st = (seedrandom.alea(key, { state: true }) as unknown as { state(): { c: number; s0: number; s1: number; s2: number } }).state();
    this.c = st.c;
    this.s0 = st.s0;
    this.s1 = st.s1;
    this.s2 = st.s2;
  }

  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }
}
