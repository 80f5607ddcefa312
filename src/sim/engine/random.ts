/**
 * Randomness helpers for replications.
 *
 * - {@link antithetic}: wraps an {@link Rng} so every draw u becomes 1 − u (antithetic variates: pair
 *   replication 2m with 2m+1 drawn from the same stream, negatively correlated).
 * - {@link CounterUniform}: a counter-based uniform u(entity, counter) keyed by a 32-bit key drawn from a named
 *   stream. Draw k of entity i is the same number whatever happened before it, so policies that visit patients
 *   in different orders still see the same outcome for "patient i's k-th visit" (strong common random
 *   numbers). Quality: murmur3 finalizers on 32-bit words, 53-bit output; adequate for simulation inputs.
 *
 * Cost: O(1) per draw.
 */
import type { Rng } from '../../random/index.js';

/** 1 − u for every draw (antithetic variates). */
export function antithetic(rng: Rng): Rng {
  return { next: () => 1 - rng.next() };
}

/** murmur3's 32-bit finalizer, kept in int32 (a Smi) so no call boxes a number. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const TWO_POW_21 = 2 ** 21;
const TWO_POW_53 = 2 ** 53;

export class CounterUniform {
  private readonly key: number;
  /**
   * @param rng the named stream that supplies the key (one draw)
   * @param flip antithetic: return 1 − u
   */
  constructor(rng: Rng, private readonly flip = false) {
    this.key = Math.floor(rng.next() * 0x100000000) | 0;
  }

  /** Uniform in [0, 1) for (entity, counter, slot); identical inputs give identical outputs. */
  at(entity: number, counter: number, slot = 0): number {
    let h = fmix32(this.key ^ Math.imul(entity + 1, 0x9e3779b1));
    h = fmix32(h ^ Math.imul(counter + 1, 0x85ebca77));
    h = fmix32(h ^ Math.imul(slot + 1, 0xc2b2ae3d));
    const lo = fmix32(h ^ 0x27d4eb2f);
    const u = ((h >>> 0) * TWO_POW_21 + (lo >>> 11)) / TWO_POW_53;
    return this.flip ? 1 - u - 2 ** -53 : u;
  }

  /**
   * `at(entity, counter, slot) < p`, answered without returning a float: the simulator's outcome draws (no-show,
   * reaction, …) are all such comparisons, and a returned float is a heap allocation when the call is not inlined.
   */
  below(entity: number, counter: number, slot: number, p: number): boolean {
    return this.at(entity, counter, slot) < p;
  }

  /** The last {@link drawNormal}. */
  z = 0;

  /**
   * The same number as {@link normal}, left in {@link z} instead of returned: a float returned from a call the
   * JIT did not inline is a fresh heap object, and the simulator draws a few million normals per sweep point.
   */
  drawNormal(entity: number, counter: number, slot = 0): void {
    const u = Math.max(this.at(entity, counter, 2 * slot), Number.MIN_VALUE);
    const v = this.at(entity, counter, 2 * slot + 1);
    this.z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Standard normal for (entity, counter, slot) by Box–Muller on two counter draws. */
  normal(entity: number, counter: number, slot = 0): number {
    this.drawNormal(entity, counter, slot);
    return this.z;
  }

}
