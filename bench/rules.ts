/**
 * Rules on the synthetic cohort with its truth archetypes as segments: time at 10,000 and 100,000 patients × 25
 * columns (issue 4: < 60 s at 100,000), held-out F1 per segment of the beam rule, CART (with the interval of
 * their difference) and IMM, and which rule is recommended.
 * `npm run bench -- rules`; `RULES_BENCH_N=5000` runs one size only.
 */
import { synthesizeCohort } from '../src/data/synth.js';
import { streams } from '../src/random/index.js';
import { learnRules } from '../src/rules/learn.js';
import { rulesSection } from '../src/scenario/sections/rules.js';

export async function run(): Promise<void> {
  const sizes = process.env.RULES_BENCH_N ? [Number(process.env.RULES_BENCH_N)] : [10_000, 100_000];
  const settings = rulesSection.parse({});
  for (const n of sizes) {
    const { table, archetypes } = synthesizeCohort(n, streams(42));
    const t0 = performance.now();
    const doc = learnRules(table, archetypes, settings, streams(42).child('rules'));
    const seconds = (performance.now() - t0) / 1000;
    console.log(`rules n=${n} × ${table.columns.length} columns, bootstrap ${settings.bootstrap} (≤ ${settings.bootstrap_max_rows} rows each): ${seconds.toFixed(1)} s`);
    const f1s: number[] = [];
    for (const r of doc.rules) {
      const h = r.metrics.holdout!;
      f1s.push(h.f1);
      const c = r.comparison;
      const beam = c?.beam.metrics.holdout?.f1 ?? Number.NaN;
      const cart = c?.cart.metrics.holdout?.f1 ?? Number.NaN;
      const imm = r.baseline.imm?.metrics.holdout?.f1 ?? Number.NaN;
      const d = c?.difference;
      const diff = d ? `${d.beam_minus_cart.toFixed(3)} [${d.low.toFixed(3)}, ${d.high.toFixed(3)}]` : '–';
      const maxConds = Math.max(...r.terms.map((t) => new Set(t.map((c) => c.feature)).size));
      console.log(`  ${r.segment.padEnd(22)} F1 ${h.f1.toFixed(3)} (${c?.recommended ?? '–'}, ${r.terms.length} term(s), ≤${maxConds} cond) | beam ${beam.toFixed(3)} | cart ${cart.toFixed(3)} | beam−cart ${diff} | imm ${imm.toFixed(3)} | ${r.text}`);
    }
    f1s.sort((a, b) => a - b);
    const median = f1s.length % 2 ? f1s[f1s.length >> 1]! : (f1s[f1s.length / 2 - 1]! + f1s[f1s.length / 2]!) / 2;
    console.log(`  median held-out F1 ${median.toFixed(3)}; warnings: ${doc.warnings.length ? doc.warnings.join('; ') : 'none'}`);
  }
}
