/**
 * Extraction benchmark (issue 19): 50,000 patients with 10 million measurement rows, OMOP CSV, extracted by
 * `carestrata extract` in its own process under /usr/bin/time (wall, CPU-seconds, peak RSS), 2 DuckDB threads.
 * Event files: the synthetic event generator for the 50,000 patients' real events, then DuckDB SQL pads
 * measurement.csv to 10 million rows with creatinine results (LOINC 2160-0, not in any concept set) spread
 * over persons and the last two years. The extracted table is checked against the generator's truth (counts).
 * Figures on the shared 2-core machine are pessimistic.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuck } from '../src/data/events/duck.js';
import { SYNTH_AS_OF, synthesizeEvents } from '../src/extract/synth/generate.js';
import { omopFiles } from '../src/extract/synth/omop.js';
import { streams } from '../src/random/index.js';
import { writeOutputs } from '../src/report/outputs.js';

const PATIENTS = 50_000;
const MEASUREMENT_ROWS = 10_000_000;
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

async function makeData(dir: string): Promise<{ truthEpisodes: number[] }> {
  const t0 = performance.now();
  const { events, truth } = synthesizeEvents(PATIENTS, streams(42));
  writeOutputs(dir, omopFiles(events));
  const base = join(dir, 'measurement.csv');
  renameSync(base, join(dir, 'base_measurement.csv'));
  const duck = await openDuck();
  const have = Number((await duck.columns(`SELECT count(*) AS n FROM read_csv('${dir}/base_measurement.csv')`)).n![0]);
  const filler = MEASUREMENT_ROWS - have;
  await duck.run(`COPY (
    SELECT * FROM read_csv('${dir}/base_measurement.csv', all_varchar = true)
    UNION ALL
    SELECT CAST(${have} + i + 1 AS VARCHAR), CAST(1 + i % ${PATIENTS} AS VARCHAR), '0',
           CAST(DATE '${SYNTH_AS_OF}' - CAST((i * 7919) % 700 AS INTEGER) AS VARCHAR), '32817',
           CAST(round(60 + (i * 37) % 90, 1) AS VARCHAR), '2160-0', NULL
    FROM range(${filler}) t(i)
  ) TO '${base}' (FORMAT csv, HEADER)`);
  duck.close();
  rmSync(join(dir, 'base_measurement.csv'));
  const episodes = truth.columns.find((c) => c.name === 'episodes_12m')!;
  console.log(`data: ${PATIENTS} patients, ${have} generated + ${filler} filler measurement rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { truthEpisodes: episodes.kind === 'categorical' ? [] : Array.from(episodes.values) };
}

function truthOnly(): { truthEpisodes: number[] } {
  const c = synthesizeEvents(PATIENTS, streams(42)).truth.columns.find((x) => x.name === 'episodes_12m')!;
  return { truthEpisodes: c.kind === 'categorical' ? [] : Array.from(c.values) };
}

export async function run(): Promise<void> {
  // CARESTRATA_BENCH_DIR=path keeps the event files there (made once) for profiling runs
  const keep = process.env.CARESTRATA_BENCH_DIR;
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'carestrata-bench-extract-'));
  try {
    const { truthEpisodes } = keep && existsSync(join(dir, 'measurement.csv')) ? truthOnly() : await makeData(dir);
    const out = join(dir, 'cohort.csv');
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, 'extract', '--omop', dir, '--as-of', SYNTH_AS_OF, '--out', out, '--threads', '2', '--timings'], { encoding: 'utf8' });
    const field = (name: string) => r.stderr.split('\n').find((l) => l.includes(name))?.split(': ').pop()?.trim() ?? '?';
    const cpu = Number(field('User time (seconds)')) + Number(field('System time (seconds)'));
    const rssGb = Number(field('Maximum resident set size (kbytes)')) / 1024 / 1024;
    for (const l of r.stderr.split('\n').filter((x) => x.startsWith('extract: '))) console.log(`  ${l}`);
    console.log(`extract: exit ${r.status}, wall ${field('Elapsed (wall clock) time')}, CPU ${cpu.toFixed(1)} s, peak RSS ${rssGb.toFixed(2)} GB`);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
    const same = rows.filter((row, i) => Number(row[8]) === truthEpisodes[i]).length;
    console.log(`check: ${rows.length} patients extracted; episodes_12m equal to the generator's truth for ${same} of ${truthEpisodes.length}`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
