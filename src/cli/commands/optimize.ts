import { dirname } from 'node:path';
import { thresholdsFromTable } from '../../data/thresholds.js';
import { regimensFromTable } from '../../data/regimens.js';
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../../errors.js';
import type { InputIssue } from '../../errors.js';
import { cohortLegs, loadCohort } from '../../pipeline.js';
import { scorePatients } from '../../priority/index.js';
import { streams } from '../../random/index.js';
import { ensureWritableDir, toCsv, writeFiles, writeOutputs } from '../../report/outputs.js';
import type { OutputFile } from '../../report/outputs.js';
import { loadScenarioFile } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/schema.js';
import { allocationModelFor, patientsFromTable, planAllocation, planCsvRows, planJson, planTable, toLpText, toMpsText } from '../../optimize/index.js';
import { log } from '../errors.js';
import { checkResources } from '../resources.js';

interface OptimizeArgs {
  scenario: string;
  out: string;
  solver?: 'auto' | 'jsl' | 'highs';
  'time-limit'?: number;
  'export-lp'?: string;
  'export-mps'?: string;
  json?: boolean;
}

/** Cross-section checks the schema cannot express; every problem at once. */
export function optimizeInputIssues(s: Scenario, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  if (s.optimize.objective === 'home' && s.program.nurses === 0) {
    issues.push({ code: 'no_home_capacity', file, path: 'program.nurses', value: 0, message: 'objective "home" needs at least one nurse' });
  }
  if (s.optimize.objective === 'home' && s.program.home_units_per_day === 0) {
    issues.push({ code: 'no_home_capacity', file, path: 'program.home_units_per_day', value: 0, message: 'objective "home" needs blood units for the home program' });
  }
  return issues;
}

export const optimizeCommand: CommandModule<object, OptimizeArgs> = {
  command: 'optimize',
  describe: 'Plan home and clinic transfusions day by day (episode-assignment MIP) and write plan.csv and plan.json',
  builder: (y: Argv) =>
    y
      .option('scenario', { alias: 's', type: 'string', demandOption: true, describe: 'scenario YAML: cohort, priority, program (capacity), costs and optimize sections' })
      .option('out', { alias: 'o', type: 'string', default: 'results', describe: 'output folder for plan.csv and plan.json' })
      .option('solver', { choices: ['auto', 'jsl', 'highs'] as const, describe: 'solver (default: optimize.solver; auto = javascript-lp-solver up to optimize.auto_jsl_max_cols columns, else HiGHS)' })
      .option('time-limit', { type: 'number', describe: 'solver time limit in seconds (default: optimize.time_limit_sec); a wall-clock guard stops it shortly after' })
      .option('export-lp', { type: 'string', describe: 'also write the exact model in CPLEX LP format here (readable by glpsol, cbc, highs)' })
      .option('export-mps', { type: 'string', describe: 'also write the exact model in free MPS format here' })
      .option('json', { type: 'boolean', default: false, describe: 'print plan.json to stdout instead of the day-by-day table' })
      .example('$0 optimize --scenario scenarios/home-transfusion.yaml --out results --export-lp results/model.lp', '') as unknown as Argv<OptimizeArgs>,
  handler: async (args) => {
    const loaded = loadScenarioFile(args.scenario);
    checkResources(loaded, log, { sections: ['priority', 'optimize'] });
    const s = loaded.scenario;
    const issues = optimizeInputIssues(s, args.scenario);
    const tl = args['time-limit'];
    if (tl !== undefined && !(tl > 0)) issues.push({ code: 'bad_option', path: '--time-limit', value: tl, message: 'must be a positive number of seconds' });
    if (issues.length) throw new InputError(issues);
    // Fail fast on unwritable folders, before the solve.
    ensureWritableDir(args.out);
    for (const p of [args['export-lp'], args['export-mps']]) if (p) ensureWritableDir(dirname(p));
    const cohort = await loadCohort(loaded);
    const clinicOnly = regimensFromTable(cohort.table, s.regimen).exchange;
    const priority = scorePatients(cohort.table, s.priority, { file: args.scenario, triggerGdl: thresholdsFromTable(cohort.table, s.clinical).triggerGdl, clinicOnly });
    const adapted = patientsFromTable(cohort.table, priority, s.optimize, s.clinical, streams(s.seed).child('optimize').stream('hb_phase'), args.scenario, s.regimen);
    log(`optimize: ${adapted.patients.length} patients (${adapted.patients.filter((p) => p.eligible).length} eligible for home), ${s.optimize.horizon_days} days, objective ${s.optimize.objective}`);
    const legs = cohortLegs(loaded, cohort);
    // exchange patients on the apheresis chairs (regimen section), as the simulator books them
    const request = { regimen: s.regimen, ...(legs ? { routing: { legs } } : {}) };
    const plan = await planAllocation(adapted.patients, s.program, s.costs, s.optimize, { ...(args.solver ? { solver: args.solver } : {}), ...(tl ? { timeLimitSec: tl } : {}), ...request });
    const { header, rows } = planCsvRows(plan);
    const json = planJson(plan, { currency: s.costs.currency, objective_kind: s.optimize.objective, hb_now_drawn: adapted.hbNowDrawn, imputed: adapted.imputed });
    const files: OutputFile[] = [
      { name: 'plan.csv', content: toCsv(header, rows) },
      { name: 'plan.json', content: JSON.stringify(json, null, 2) + '\n' },
    ];
    if (args['export-lp'] || args['export-mps']) {
      const model = allocationModelFor(adapted.patients, s.program, s.costs, s.optimize, request).model;
      if (args['export-lp']) writeFiles([{ path: args['export-lp'], content: toLpText(model) }]);
      if (args['export-mps']) writeFiles([{ path: args['export-mps'], content: toMpsText(model) }]);
    }
    const written = writeOutputs(args.out, files, { set: 'optimize' });
    process.stdout.write(args.json ? JSON.stringify(json, null, 2) + '\n' : planTable(plan, s.costs.currency));
    log(`wrote ${written.join(', ')}`);
    if (plan.status !== 'optimal') log(`optimize: status ${plan.status}${plan.diagnosis.length ? ` — ${plan.diagnosis.map((d) => d.message).join('; ')}` : ''}`);
  },
};
