import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import type { Target } from '../../decide/index.js';
import { CAPACITY_DEFAULTS, checkConfidence, parseTarget } from '../../decide/index.js';
import type { InputIssue } from '../../errors.js';
import { InputError } from '../../errors.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { loadScenarioFile } from '../../scenario/load.js';
import type { SimPolicyName } from '../../scenario/sections/simulation.js';
import { SIM_POLICIES } from '../../scenario/sections/simulation.js';
import { serviceMeasureNames } from '../../sim/index.js';
import type { CapacityManifest, CapacityProcedure } from '../../sweep/capacityManifest.js';
import { capacityManifest, isCapacityPath } from '../../sweep/capacityManifest.js';
import { runCapacity } from '../../sweep/capacityRun.js';
import { LEAD_POLICY } from '../../sweep/charts.js';
import { parseShard } from '../../sweep/manifest.js';
import { parseVary } from '../../sweep/vary.js';
import { log } from '../errors.js';

const MAX_WORKERS = 256;
const MAX_REPLICATIONS = 10_000;
/** Default flat band of the monotonicity check: 1% of the target's value (0.009 for a 0.90 share). */
export const MONOTONE_TOLERANCE_SHARE = 0.01;

export interface CapacityArgs {
  scenario: string; target?: string; vary: string[]; confidence?: number; policy?: string;
  procedure: CapacityProcedure; 'initial-replications': number; 'max-replications': number;
  'monotone-tolerance'?: number; out: string; workers?: number; shard?: string;
}

const HOME_POLICIES = SIM_POLICIES.filter((p) => p !== 'clinic_only');

/** The target from `--target` or `decide.target`, checked against the measures the simulator records. */
function targetOf(args: CapacityArgs, loaded: LoadedScenario, issues: InputIssue[]): Target | undefined {
  const decide = loaded.scenario.decide;
  const text = args.target ?? decide.target;
  if (text.trim() === '') {
    const message = 'give --target "served_within_14d >= 0.90" or set decide.target in the scenario';
    issues.push({ code: 'no_target', path: '--target', message });
    return undefined;
  }
  const path = args.target === undefined ? 'decide.target' : '--target';
  const parsed = parseTarget(text, { measures: serviceMeasureNames(decide.within_days), path });
  if (parsed.ok) return parsed.target;
  issues.push(...parsed.issues);
  return undefined;
}

/** Issues of the plain numeric options. */
function optionIssues(args: CapacityArgs, policy: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const bad = (path: string, value: unknown, message: string) => issues.push({ code: 'bad_option', path, value, message });
  if (!(HOME_POLICIES as readonly string[]).includes(policy)) bad('--policy', policy, `a home policy: ${HOME_POLICIES.join(', ')}`);
  const { 'initial-replications': n0, 'max-replications': cap, 'monotone-tolerance': tol, workers } = args;
  if (!Number.isInteger(n0) || n0 < 2 || n0 > MAX_REPLICATIONS) bad('--initial-replications', n0, `an integer in 2..${MAX_REPLICATIONS}`);
  if (!Number.isInteger(cap) || cap < n0 || cap > MAX_REPLICATIONS) {
    bad('--max-replications', cap, `an integer from --initial-replications to ${MAX_REPLICATIONS}`);
  }
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS)) {
    bad('--workers', workers, `an integer in 0..${MAX_WORKERS}`);
  }
  if (tol !== undefined && !(tol >= 0 && Number.isFinite(tol))) bad('--monotone-tolerance', tol, 'a number ≥ 0 in the measure\'s units');
  return issues;
}

/**
 * The search's manifest from the command line and the scenario; every problem at once (exit 2).
 * Cost: one schema validation per `--vary` level.
 * @example
 * manifestFromArgs({ scenario: 's.yaml', vary: ['program.nurses=1..12'], procedure: 'bisection', … }, loaded);
 */
export function manifestFromArgs(args: CapacityArgs, loaded: LoadedScenario): CapacityManifest {
  const issues: InputIssue[] = [];
  const target = targetOf(args, loaded, issues);
  const confidence = args.confidence ?? loaded.scenario.decide.confidence;
  issues.push(...checkConfidence(confidence, args.confidence === undefined ? 'decide.confidence' : '--confidence'));
  const policy = args.policy ?? defaultPolicy(loaded);
  issues.push(...optionIssues(args, policy));
  const factors = parseVary(args.vary, loaded);
  const capacity = factors.filter((f) => isCapacityPath(f.path));
  const outer = factors.filter((f) => !isCapacityPath(f.path));
  if (capacity.length === 0) {
    const message = 'vary at least one capacity setting (program.*), e.g. program.nurses=1..12';
    issues.push({ code: 'bad_vary', path: '--vary', message });
  }
  if (capacity.length > 1 && args.procedure === 'grid') {
    issues.push({ code: 'bad_option', path: '--procedure', value: 'grid', message: 'the grid fallback takes one capacity factor' });
  }
  if (issues.length || !target) throw new InputError(issues);
  const schedule = {
    initialReplications: args['initial-replications'], maxReplications: args['max-replications'], growth: CAPACITY_DEFAULTS.growth,
  };
  const monotoneTolerance = args['monotone-tolerance'] ?? MONOTONE_TOLERANCE_SHARE * Math.abs(target.value);
  return capacityManifest({
    scenario: loaded.scenario, scenarioFile: loaded.file, capacity, outer, target, confidence,
    policy: policy as SimPolicyName, procedure: args.procedure, schedule, monotoneTolerance,
  });
}

/** The lead policy when the scenario simulates it, else its first home policy. */
function defaultPolicy(loaded: LoadedScenario): string {
  const home = loaded.scenario.simulation.policies.filter((p) => p !== 'clinic_only');
  return home.includes(LEAD_POLICY) ? LEAD_POLICY : (home[0] ?? LEAD_POLICY);
}

const USAGE = '$0 capacity SCENARIO --target "MEASURE OP VALUE" --vary program.PATH=LEVELS [--vary …] [options]\n\n'
  + 'Tests capacity levels with batches of simulator replications until each level\'s interval lies wholly on one side'
  + ' of the target, visiting levels by bisection (one program.* factor) or a staircase over several (cheapest by the'
  + ' scenario\'s costs). Other --vary settings (e.g. cohort growth) get one answer per level. With the stated'
  + ' confidence every verdict holds together (Bonferroni over levels and looks). Progress on stderr; resumable:'
  + ' rerun the same command to continue. See docs/decide.md.';

function builder(y: Argv): Argv<CapacityArgs> {
  return y
    .usage(USAGE)
    .positional('scenario', { type: 'string', demandOption: true, describe: 'base scenario YAML' })
    .option('target', { alias: 't', type: 'string', describe: 'service target, e.g. "served_within_14d >= 0.90" (default: decide.target)' })
    .option('vary', {
      type: 'string', array: true, demandOption: true,
      describe: 'PATH=LEVELS, repeatable. program.* settings are searched (more must never hurt); any other numeric setting gets one answer per level',
    })
    .option('confidence', { alias: 'c', type: 'number', describe: 'confidence of the whole search, in (0, 1) (default: decide.confidence)' })
    .option('policy', { type: 'string', describe: `home policy simulated (default: ${LEAD_POLICY} when the scenario runs it)` })
    .option('procedure', {
      type: 'string', choices: ['bisection', 'grid'], default: 'bisection',
      describe: 'bisection (staircase for several factors), or grid: every level at equal confidence (the fallback when the measure is not monotone)',
    })
    .option('initial-replications', { type: 'number', default: CAPACITY_DEFAULTS.initialReplications, describe: 'replications at a level\'s first look' })
    .option('max-replications', {
      type: 'number', default: CAPACITY_DEFAULTS.maxReplications,
      describe: 'replication cap per level (a level still straddling the target there is undecided)',
    })
    .option('monotone-tolerance', {
      type: 'number',
      describe: 'a drop with more capacity smaller than this (in the measure\'s units) counts as a plateau, not as non-monotone (default: 1% of the target value)',
    })
    .option('out', {
      alias: 'o', type: 'string', default: 'capacity',
      describe: 'output folder: manifest.json, points.jsonl (appended as replications finish), then capacity.csv, capacity.json, charts/capacity.svg, capacity.html',
    })
    .option('workers', { alias: 'w', type: 'number', describe: 'worker threads (default: available cores); 0 runs in the main thread' })
    .option('shard', {
      type: 'string',
      describe: 'i/N: find only the answers (rows of the non-capacity --vary levels) of index ≡ i mod N; combine with `carestrata merge`',
    })
    .example('$0 capacity scenarios/home-transfusion.yaml --target "served_within_14d >= 0.90" --vary program.nurses=1..12 --out out/nurses',
      'how many nurses for 90% served at home within 14 days, 95% confidence')
    .example('$0 capacity s.yaml --vary program.nurses=1..8 --vary program.home_units_per_day=2..12 --out out/cheapest', 'cheapest nurses × units')
    .example('$0 capacity s.yaml --vary program.nurses=1..12 --vary cohort.growth_per_year=0,0.1,0.2 --out out/growth', 'one answer per growth level') as unknown as Argv<CapacityArgs>;
}

export const capacityCommand: CommandModule<object, CapacityArgs> = {
  command: 'capacity <scenario>',
  describe: 'Smallest (or cheapest) capacity whose service target holds with stated confidence, by a sequential search (not a full grid)',
  builder,
  handler: async (args) => {
    const loaded = loadScenarioFile(args.scenario);
    const manifest = manifestFromArgs(args, loaded);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const workers = args.workers ?? availableParallelism();
    const outcome = await runCapacity({ loaded, manifest, out: args.out, workers, ...(shard ? { shard } : {}) }, { log });
    for (const a of outcome.answers) process.stdout.write(`${a.label}: ${a.message}\n`);
    const done = `(${outcome.evaluated} replications run, ${outcome.reused} reused)`;
    log(outcome.written.length
      ? `wrote ${args.out}/capacity.csv, capacity.json, capacity.html and the chart ${done}`
      : `shard ${shard!.index}/${shard!.count} done: ${args.out}/points.jsonl ${done} (combine with \`carestrata merge\`)`);
  },
};
