import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../../errors.js';
import { loadScenarioFile } from '../../scenario/load.js';
import type { DesignKind } from '../../sweep/design.js';
import { parseShard } from '../../sweep/manifest.js';
import { runSweep } from '../../sweep/run.js';
import { parseVary } from '../../sweep/vary.js';
import { log } from '../errors.js';
import { checkResources } from '../resources.js';

/** Most replications per point (as simulation.replications), LHS points, and worker threads a sweep takes. */
const MAX_REPLICATIONS = 10_000;
const MAX_POINTS = 100_000;
const MAX_WORKERS = 256;

interface SweepArgs { scenario: string; vary: string[]; design: DesignKind; points?: number; replications: number; out: string; workers?: number; shard?: string }

/** Plain progress lines when stderr is not a terminal: at most one every this many milliseconds. */
const PLAIN_PROGRESS_EVERY_MS = 10_000;

function progressReporter(): { update: (done: number, total: number) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'points {bar} {value}/{total} | {percentage}% | ETA {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update: (done, total) => {
        if (!started) (bar.start(total, done), (started = true));
        else bar.update(done);
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  const t0 = performance.now();
  let last = t0;
  return {
    update: (done, total) => {
      const now = performance.now();
      if (done === 0 || (now - last < PLAIN_PROGRESS_EVERY_MS && done < total)) return;
      last = now;
      const eta = done > 0 ? ((now - t0) / done) * (total - done) : NaN;
      log(`points ${done}/${total}${Number.isFinite(eta) ? `, ETA ${Math.round(eta / 1000)} s` : ''}`);
    },
    stop: () => {},
  };
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <scenario>',
  describe: 'Run the pipeline over a design of scenario variations in parallel; resumable, shardable across machines',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'base scenario YAML' })
      .option('vary', { type: 'string', array: true, demandOption: true, describe: 'PATH=LEVELS, repeatable: program.nurses=1..8 (integers), =2..10:2 (step), =0.5,1,2 (list). Any numeric scenario setting (see `validate --print`)' })
      .option('design', { type: 'string', choices: ['grid', 'oat', 'lhs', 'sobol'], default: 'grid', describe: 'grid: every combination; oat: base + one setting at a time (tornado chart); lhs: Latin hypercube of --points over each range; sobol: Latin hypercube base samples in Saltelli\'s layout, --points × (settings + 2) points, with Sobol indices' })
      .option('points', { type: 'number', describe: 'number of points of an lhs design (base points of a sobol design)' })
      .option('replications', { alias: 'r', type: 'number', default: 1, describe: 'replications per point; replication r uses the same seed at every point (common random numbers)' })
      .option('out', { alias: 'o', type: 'string', default: 'sweep', describe: 'output folder: manifest.json, points.jsonl (appended as points finish), then sweep.csv, sweep_summary.csv, charts/, sweep.html' })
      .option('workers', { alias: 'w', type: 'number', describe: 'worker threads (default: available cores); 0 runs in the main thread' })
      .option('shard', { type: 'string', describe: 'i/N: run only shard i (0-based) of N, e.g. $SLURM_ARRAY_TASK_ID/N or $JOB_COMPLETION_INDEX/N; combine the shard folders with `carestrata merge`' })
      .example('$0 sweep scenarios/staffing-sweep.yaml --vary program.nurses=1..8 --replications 3 --out out/staffing', 'how many nurses before the curve flattens')
      .example('$0 sweep s.yaml --vary program.nurses=1..8 --vary program.home_units_per_day=4,8,12 --out out/grid', 'a 8 × 3 grid')
      .example('$0 sweep s.yaml --vary program.nurses=1..8 --shard 0/4 --out out/shard-0', 'one of four shards') as unknown as Argv<SweepArgs>,
  handler: async (args) => {
    const loaded = loadScenarioFile(args.scenario);
    const issues = [];
    if (!Number.isInteger(args.replications) || args.replications < 1 || args.replications > MAX_REPLICATIONS) issues.push({ code: 'bad_option', path: '--replications', value: args.replications, message: `must be a positive integer (at most ${MAX_REPLICATIONS})` });
    if (args.workers !== undefined && (!Number.isInteger(args.workers) || args.workers < 0 || args.workers > MAX_WORKERS)) issues.push({ code: 'bad_option', path: '--workers', value: args.workers, message: `must be an integer in 0..${MAX_WORKERS}` });
    if (args.design === 'lhs' && (args.points === undefined || !Number.isInteger(args.points) || args.points < 1 || args.points > MAX_POINTS)) issues.push({ code: 'bad_option', path: '--points', value: args.points, message: `an lhs design needs --points N (an integer in 1..${MAX_POINTS})` });
    if (args.design === 'sobol' && (args.points === undefined || !Number.isInteger(args.points) || args.points < 2 || args.points * (args.vary.length + 2) > MAX_POINTS)) issues.push({ code: 'bad_option', path: '--points', value: args.points, message: `a sobol design needs --points N (an integer ≥ 2; N × (settings + 2) at most ${MAX_POINTS})` });
    if (issues.length) throw new InputError(issues);
    const factors = parseVary(args.vary, loaded);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    checkResources(loaded, log, { parallel: args.workers ?? availableParallelism() });
    const progress = progressReporter();
    try {
      const outcome = await runSweep(
        { loaded, factors, design: args.design, ...(args.points === undefined ? {} : { points: args.points }), replications: args.replications, out: args.out, workers: args.workers ?? availableParallelism(), ...(shard ? { shard } : {}) },
        { log, progress: progress.update },
      );
      progress.stop();
      log(outcome.written.length ? `wrote ${args.out}/sweep.csv, sweep.html and ${outcome.written.length - 2} other files` : `shard ${shard!.index}/${shard!.count} done: ${args.out}/points.jsonl (combine with \`carestrata merge\`)`);
    } finally {
      progress.stop();
    }
  },
};
