/** Synthetic cohort generation throughput. */
import { synthesizeCohort } from '../src/data/synth.js';
import { tableToCsv } from '../src/data/format.js';
import { streams } from '../src/random/index.js';

export async function run(): Promise<void> {
  for (const n of [10_000, 100_000]) {
    const t0 = performance.now();
    const c = synthesizeCohort(n, streams(42));
    const t1 = performance.now();
    const csv = tableToCsv(c.table);
    const t2 = performance.now();
    console.log(`synth n=${n}: generate ${(t1 - t0).toFixed(0)} ms, to CSV ${(t2 - t1).toFixed(0)} ms (${(csv.length / 1e6).toFixed(1)} MB)`);
  }
}
