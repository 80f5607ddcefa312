/** Small simulator cohorts for tests (no data stage): typed arrays drawn from a named seeded stream. */
import { streams } from '../../src/random/index.js';
import type { SimCohort } from '../../src/sim/index.js';

/** A mixed small cohort: MDS-like (trigger 8, floor 7, ≈ 0.5 g/dL a week) and thalassaemia-like (9.5 / 9, ≈ 1.2). */
export function mixedCohort(seed: number, N: number): SimCohort {
  const s = streams(seed).stream('cohort');
  const rng = (): number => s.next();
  const thal = Uint8Array.from({ length: N }, () => (rng() < 0.3 ? 1 : 0));
  const f = (g: (i: number) => number) => Float64Array.from({ length: N }, (_, i) => g(i));
  return {
    n: N, triggerGdl: f((i) => (thal[i] ? 9.5 : 8)), floorGdl: f((i) => (thal[i] ? 9 : 7)),
    declinePerDay: f((i) => ((thal[i] ? 1.2 : 0.5) * (0.7 + 0.6 * rng())) / 7),
    unitsPerEpisode: Int32Array.from({ length: N }, () => (rng() < 0.7 ? 2 : 1)), incrementPerUnit: f(() => 0.8 + 0.4 * rng()),
    travelMinOneWay: f(() => 10 + 40 * rng()), distanceKm: f(() => 5 + 60 * rng()),
    eligible: Uint8Array.from({ length: N }, () => (rng() < 0.8 ? 1 : 0)), score: f(() => 100 * rng()),
    target: new Uint8Array(N).fill(1), segment: new Int32Array(N).fill(-1), segmentNames: [],
    diagnosis: new Int32Array(N).fill(-1), diagnosisNames: [], waiting: null, urgency: null,
    bloodGroup: new Int8Array(N).fill(-1), // drawn per replication
  };
}

