/**
 * `npm run bench [-- NAME…]`: runs every `bench/NAME.ts` (compiled to dist/bench/NAME.js) that exports
 * `run(): Promise<void>`, or only the named ones. Benchmarks print figures; they never fail the build.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'index.js' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();
if (names.length === 0) console.log(`no benchmark matches ${wanted.join(', ')}`);
for (const name of names) {
  const mod = (await import(`./${name}.js`)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') continue;
  console.log(`\n=== bench: ${name} ===`);
  const t0 = performance.now();
  await mod.run();
  console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
