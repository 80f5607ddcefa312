import { availableParallelism } from 'node:os';
import { dynamicScoreInputs } from '../../sim/model/priorityInputs.js';
import { thresholdsFromTable } from '../../data/thresholds.js';
import { regimensFromTable } from '../../data/regimens.js';
import cliProgress from 'cli-progress';
import type { Argv, CommandModule } from 'yargs';
import { columnIndexes, parseCsvText } from '../../data/csv.js';
import { readTextFile } from '../../data/read.js';
import type { PatientTable } from '../../data/table.js';
import { InputError } from '../../errors.js';
import type { InputIssue } from '../../errors.js';
import { cohortLegs, loadCohort } from '../../pipeline.js';
import { scorePatients } from '../../priority/score.js';
import { ensureWritableDir, toCsv, writeOutputs } from '../../report/outputs.js';
import type { SimDays } from '../../report/stages.js';
import { countedDays } from '../../report/stages.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { SIM_POLICIES } from '../../scenario/sections/simulation.js';
import type { SimPolicyName } from '../../scenario/sections/simulation.js';
import type { LpRollingSummary, SimulationResult } from '../../sim/index.js';
import { openSimCohort, priorityPoolScorer } from '../../openCohort.js';
import { policyList, settingsFromScenario, simCohortFromTable, simulatePolicies, simulationTables } from '../../sim/index.js';
import { log } from '../errors.js';
import { checkResources } from '../resources.js';

interface SimulateArgs { scenario: string; out: string; replications?: number; policies?: string; workers?: number; segments?: string; json: boolean; 'lp-planner'?: 'greedy' | 'optimize' }

/** Metrics shown in the terminal table (all are in policies.csv). */
const SHOWN = ['home_transfusions', 'home_share', 'chair_hours_freed', 'nurse_utilisation', 'units_wasted', 'days_below_trigger', 'days_below_floor', 'hospital_transfers', 'cost_per_transfusion'];

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate',
  describe: 'Simulate the transfusion service day by day and compare policies with 95% confidence intervals',
  builder: (y: Argv) =>
    y
      .option('scenario', { alias: 's', type: 'string', demandOption: true, describe: 'scenario YAML: cohort, program (capacity), costs, priority and simulation sections' })
      .option('out', { alias: 'o', type: 'string', default: 'simulation', describe: 'output folder for policies.csv, differences.csv, replications.csv, timeseries.csv, simulation.json' })
      .option('replications', { alias: 'r', type: 'number', describe: 'replications (overrides simulation.replications; ≥ 1)' })
      .option('policies', { alias: 'p', type: 'string', describe: `comma-separated policies (overrides simulation.policies; clinic_only is always added): ${SIM_POLICIES.join(', ')}` })
      .option('workers', { alias: 'w', type: 'number', describe: 'worker threads for replications (default: CPU count; 0 or 1 = in this thread); results are identical for any value' })
      .option('segments', { type: 'string', describe: 'segments.csv (patient_id,segment): equity per segment; patients in priority.target_segments form segment_rule\'s target group' })
      .option('lp-planner', { alias: 'lp-solver', choices: ['optimize', 'greedy'] as const, describe: 'lp_rolling planner (overrides simulation.lp_planner, default optimize): optimize = the optimize stage\'s allocation model re-solved with HiGHS every simulation.lp_resolve_days over simulation.lp_lookahead_days (each re-solve ≤ simulation.lp_time_limit_sec, inside the worker threads); greedy = look-ahead greedy by score' })
      .option('json', { type: 'boolean', default: false, describe: 'print simulation.json to stdout instead of the table' })
      .example('$0 simulate --scenario scenarios/home-transfusion.yaml --replications 30 --out sim', '')
      .example('$0 simulate -s scenarios/quick.yaml -p referral,priority_greedy -r 10 -w 2 -o sim', '') as unknown as Argv<SimulateArgs>,
  handler: async (args) => {
    const policies = parsePolicies(args.policies);
    checkOptions(args);
    const loaded = loadScenarioFile(args.scenario);
    checkResources(loaded, log, { sections: ['priority', 'simulation'] });
    const { scenario } = loaded;
    ensureWritableDir(args.out);
    const t0 = performance.now();
    const cohort = await loadCohort(loaded);
    const triggerGdl = thresholdsFromTable(cohort.table, scenario.clinical).triggerGdl;
    const clinicOnly = regimensFromTable(cohort.table, scenario.regimen).exchange;
    const priority = scorePatients(cohort.table, scenario.priority, { triggerGdl, clinicOnly, ...(cohort.table.file ? { file: cohort.table.file } : {}) });
    const legs = cohortLegs(loaded, cohort);
    const segments = args.segments ? readSegments(args.segments, cohort.table) : undefined;
    const targets = new Set(scenario.priority.target_segments);
    const dayZeroCohort = simCohortFromTable(cohort.table, {
      eligible: priority.eligible,
      ...dynamicScoreInputs(priority),
      ...(segments ? { segment: segments, target: segments.map((s) => (targets.has(s) ? 1 : 0)) } : {}),
      ...(legs ? { legs } : {}),
    }, scenario.clinical, scenario.regimen);
    const open = openSimCohort(scenario, cohort.table, dayZeroCohort, priorityPoolScorer(scenario, priority));
    for (const w of open.warnings) log(`warning: ${w}`);
    const simCohort = open.cohort;
    const base = settingsFromScenario(scenario);
    const settings = args['lp-planner'] ? { ...base, sim: { ...base.sim, lp_planner: args['lp-planner'] } } : base;
    const replications = args.replications ?? scenario.simulation.replications;
    if (scenario.simulation.antithetic && replications % 2 === 1) {
      throw new InputError([{ code: 'bad_option', path: '--replications', value: String(replications), message: 'simulation.antithetic pairs need an even number of replications' }]);
    }
    const workers = Math.min(args.workers ?? availableParallelism(), replications);
    const list = policyList(policies ?? scenario.simulation.policies);
    log(`simulate: ${simCohort.n} patients, ${scenario.simulation.horizon_days} days, ${replications} replications × ${list.length} policies on ${Math.max(1, workers)} thread(s)`);
    const progress = progressReporter(replications);
    if (list.includes('lp_rolling') && settings.sim.lp_planner === 'optimize') {
      log(`simulate: lp_rolling re-solves the optimize model with HiGHS every ${settings.sim.lp_resolve_days} days over ${settings.sim.lp_lookahead_days} (≤ ${settings.sim.lp_time_limit_sec} s each)`);
    }
    const result = await simulatePolicies(simCohort, settings, scenario.seed, {
      workers, replications, ...(policies ? { policies } : {}), onProgress: progress.update,
    });
    progress.stop();
    const seconds = (performance.now() - t0) / 1000;
    const tables = simulationTables(result);
    const summary = {
      scenario: scenario.name, seed: scenario.seed, patients: simCohort.n, horizon_days: scenario.simulation.horizon_days,
      warmup_days: scenario.simulation.warmup_days, replications, antithetic: scenario.simulation.antithetic,
      policies: result.policies, best_heuristic: result.bestHeuristic ?? null, metrics: result.metrics,
      eligible: simCohort.eligible.reduce((a, b) => a + b, 0), target_group: segments ? simCohort.target.reduce((a, b) => a + b, 0) : null,
      lp_rolling: result.lpRolling ? lpRollingJson(result.lpRolling) : null, events: result.events, warnings: result.warnings,
    };
    const files = [
      { name: 'policies.csv', content: toCsv(tables.policies.header, tables.policies.rows) },
      { name: 'differences.csv', content: toCsv(tables.differences.header, tables.differences.rows) },
      { name: 'replications.csv', content: toCsv(tables.replications.header, tables.replications.rows) },
      { name: 'timeseries.csv', content: toCsv(tables.timeseries.header, tables.timeseries.rows) },
      { name: 'simulation.json', content: JSON.stringify(summary, null, 2) + '\n' },
    ];
    const written = writeOutputs(args.out, files, { set: 'simulate' });
    if (args.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    else process.stdout.write(policyTable(result, scenario.simulation));
    for (const w of result.warnings) log(`warning: ${w}`);
    log(`simulate: ${result.events.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s; wrote ${written.length} files to ${args.out}`);
  },
};

function parsePolicies(text: string | undefined): SimPolicyName[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const issues: InputIssue[] = names
    .filter((n) => !(SIM_POLICIES as readonly string[]).includes(n))
    .map((n) => ({ code: 'unknown_policy', path: '--policies', value: n, message: `unknown policy (known: ${SIM_POLICIES.join(', ')})` }));
  if (names.length === 0) issues.push({ code: 'bad_option', path: '--policies', value: text, message: 'name at least one policy' });
  if (issues.length) throw new InputError(issues);
  return names as SimPolicyName[];
}

function checkOptions(args: SimulateArgs): void {
  const issues: InputIssue[] = [];
  if (args.replications !== undefined && !(Number.isInteger(args.replications) && args.replications >= 1)) {
    issues.push({ code: 'bad_option', path: '--replications', value: args.replications, message: 'must be an integer ≥ 1' });
  }
  if (args.workers !== undefined && !(Number.isInteger(args.workers) && args.workers >= 0)) {
    issues.push({ code: 'bad_option', path: '--workers', value: args.workers, message: 'must be an integer ≥ 0' });
  }
  if (issues.length) throw new InputError(issues);
}

/** Segment label per data row from segments.csv; rows without one get '(none)'. */
function readSegments(path: string, table: PatientTable): string[] {
  const csv = parseCsvText(readTextFile(path, 'segments file'), path);
  const [idIdx, segIdx] = columnIndexes(csv, path, 'segments file', ['patient_id', 'segment']) as [number, number];
  const of = new Map(csv.records.map((r) => [r[idIdx]!, r[segIdx]!]));
  const labels = table.ids.map((id) => of.get(id) ?? '(none)');
  if (labels.every((l) => l === '(none)')) {
    throw new InputError([{ code: 'ids_do_not_match', file: path, column: 'patient_id', message: `none of the ${table.ids.length} cohort ids appear in the segments file` }]);
  }
  return labels;
}

/** A bar on a terminal; plain lines at every 10% otherwise. */
function progressReporter(total: number): { update: (done: number) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'replications [{bar}] {value}/{total} eta {eta}s' }, cliProgress.Presets.shades_classic);
    bar.start(total, 0);
    return { update: (d) => bar.update(d), stop: () => bar.stop() };
  }
  let shown = 0;
  return {
    update: (d) => {
      const tenth = Math.floor((10 * d) / total);
      if (tenth > shown) { shown = tenth; log(`replications ${d}/${total}`); }
    },
    stop: () => {},
  };
}

/** Mean [95% CI] of the headline metrics, one block per policy. */
function policyTable(res: SimulationResult, sim: SimDays): string {
  const fmt = (x: number): string => (Number.isNaN(x) ? '—' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
  const lines: string[] = [];
  const width = Math.max(...res.policies.map((p) => p.length));
  lines.push(`${'policy'.padEnd(width)}  ${SHOWN.map((m) => m.padStart(24)).join('')}`);
  for (const p of res.policies) {
    const cells = SHOWN.map((m) => {
      const r = res.table.find((x) => x.policy === p && x.metric === m);
      return (r ? `${fmt(r.mean)} [${fmt(r.ciLow)},${fmt(r.ciHigh)}]` : '').padStart(24);
    });
    lines.push(`${p.padEnd(width)}  ${cells.join('')}`);
  }
  if (res.bestHeuristic) lines.push(`best heuristic (most home transfusions): ${res.bestHeuristic}`);
  const days = countedDays(sim);
  lines.push(`counts cover the ${days} days after a ${sim.warmup_days}-day warm-up (× 365 / ${days} for a year)`);
  return lines.join('\n') + '\n';
}

/** lp_rolling's re-plan counts for simulation.json (all deterministic unless a time limit was hit). */
function lpRollingJson(l: LpRollingSummary): Record<string, unknown> {
  return {
    planner: l.planner === 'optimize' ? 'optimize (allocation model, HiGHS)' : l.planner, replans: l.replans, optimal: l.optimal, node_limit: l.nodeLimit, time_limit: l.timeLimit,
    fallback_to_greedy: l.fallback, greedy: l.greedy, empty: l.empty,
    mean_candidates: Number(l.meanCandidates.toFixed(2)), mean_modelled: Number(l.meanModelled.toFixed(2)),
  };
}
