/**
 * Test truth for the capacity searches: Erlang B and a replication that serves each of N arrivals with a
 * given probability, using one stream per replication index (common random numbers across levels).
 */
import { streams } from '../../src/random/index.js';

/** Erlang B (loss probability of M/M/c/c, offered load a) by the recursion B(k) = a·B(k−1) / (k + a·B(k−1)). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Served share of `arrivals` Bernoulli(p) trials in replication `rep`; the uniforms depend on seed and rep only. */
export function bernoulliShare(seed: number, rep: number, p: number, arrivals: number): number {
  const rng = streams(seed).child('erlang').stream(`rep/${rep}`);
  let n = 0;
  for (let j = 0; j < arrivals; j++) if (rng.next() < p) n++;
  return n / arrivals;
}
