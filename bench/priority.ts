/** Priority scoring throughput: 1,000,000 patients scored (eligibility, 7 terms, ranking) in under 10 s. */
import { synthesizeCohort } from '../src/data/synth.js';
import { prioritise, scorePatients } from '../src/priority/index.js';
import { streams } from '../src/random/index.js';
import { prioritySection } from '../src/scenario/sections/priority.js';
import { programSection } from '../src/scenario/sections/program.js';

export async function run(): Promise<void> {
  const settings = prioritySection.parse({});
  for (const n of [100_000, 1_000_000]) {
    const t0 = performance.now();
    const { table } = synthesizeCohort(n, streams(42));
    const t1 = performance.now();
    const r = scorePatients(table, settings);
    const t2 = performance.now();
    console.log(`priority n=${n}: synthesize ${((t1 - t0) / 1000).toFixed(1)} s (not counted); score + rank ${((t2 - t1) / 1000).toFixed(2)} s` +
      ` (${r.order.length} eligible; target < 10 s at 1,000,000)`);
    const percentiles = prioritySection.parse({ normalisation: 'percentiles' });
    const t3 = performance.now();
    scorePatients(table, percentiles);
    console.log(`priority n=${n}: percentile normalisation ${((performance.now() - t3) / 1000).toFixed(2)} s`);
  }
  const { table } = synthesizeCohort(10_000, streams(42));
  const t4 = performance.now();
  const p = prioritise(table, prioritySection.parse({}), { program: programSection.parse({}), rng: streams(42).stream('priority/robustness') });
  console.log(`robustness n=10000, 200 draws: ${((performance.now() - t4) / 1000).toFixed(2)} s, tau mean ${p.robustness!.kendallTau.mean.toFixed(3)}, top ${p.capacity.topN}, unstable ${p.robustness!.unstableCount}`);
  console.log('(machine shared with other helpers: figures are pessimistic)');
}
