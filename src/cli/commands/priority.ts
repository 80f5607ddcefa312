import type { Argv, CommandModule } from 'yargs';
import { thresholdsFromTable } from '../../data/thresholds.js';
import { regimensFromTable } from '../../data/regimens.js';
import { columnIndexes, parseCsvText } from '../../data/csv.js';
import type { MissingPolicy } from '../../data/ingest.js';
import { readSchemaFile, readTableFile, readTextFile } from '../../data/read.js';
import { COHORT_SCHEMA } from '../../data/schema.js';
import type { PatientTable } from '../../data/table.js';
import { InputError } from '../../errors.js';
import {
  formatGroupTable,
  membershipFromRules,
  membershipFromSegments,
  prioritise,
  priorityCsv,
  priorityJson,
  scoreByGroup,
} from '../../priority/index.js';
import { streams } from '../../random/index.js';
import { parseRulesJson } from '../../rules/parse.js';
import { ensureWritableDir, writeOutputs } from '../../report/outputs.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { loadScenarioFile, validateScenario } from '../../scenario/load.js';
import { log } from '../errors.js';

interface PriorityArgs {
  data: string;
  scenario?: string;
  segments?: string;
  rules?: string;
  truth?: string;
  out: string;
  id?: string;
  schema?: string;
  missing: MissingPolicy;
  draws?: number;
  seed?: number;
}

export const priorityCommand: CommandModule<object, PriorityArgs> = {
  command: 'priority',
  describe: 'Score every patient for home transfusion: eligibility with reasons, an explained 0–100 score, rank, robustness',
  builder: (y: Argv) =>
    y
      .option('data', { alias: 'd', type: 'string', demandOption: true, describe: 'patient CSV, one row per patient (columns: see docs/priority.md)' })
      .option('scenario', { alias: 's', type: 'string', describe: 'scenario YAML: its priority section (weights, exclusions, anchors, ahp, robustness), program (capacity line) and seed; absent → all defaults' })
      .option('segments', { type: 'string', describe: 'segments.csv (patient_id,segment[,confidence]); patients in priority.target_segments count as target members' })
      .option('rules', { type: 'string', describe: 'rules.json ({"rules":[{"segment","terms":[[{feature,op,value}]]}]}); a match of a target segment\'s rule counts as target member' })
      .option('truth', { type: 'string', describe: 'patient_id,<group> CSV (e.g. `synth --truth`): prints the score distribution by group and adds it to priority.json' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'output folder for priority.csv and priority.json' })
      .option('id', { type: 'string', describe: 'id column of the data (default patient_id)' })
      .option('schema', { type: 'string', describe: 'column schema: `builtin` (the synthetic cohort\'s columns) or a schema YAML; absent → types inferred' })
      .option('missing', { type: 'string', choices: ['keep', 'impute', 'drop'], default: 'keep', describe: 'missing cells: keep (priority imputes each term\'s median and reports it), impute at ingestion, or drop rows' })
      .option('draws', { type: 'number', describe: 'override priority.robustness.draws (0 skips the robustness check)' })
      .option('seed', { type: 'number', describe: 'override the scenario seed (robustness draws use stream priority/robustness)' })
      .example('$0 priority --data cohort.csv --scenario scenarios/home-transfusion.yaml --segments seg/segments.csv --out prio', '')
      .example('$0 priority --data cohort.csv --truth truth.csv --out prio', 'score with defaults and show the score by archetype') as unknown as Argv<PriorityArgs>,
  handler: (args) => {
    checkOptions(args);
    const loaded: LoadedScenario = args.scenario ? loadScenarioFile(args.scenario) : validateScenario({}, '<defaults>');
    const settings = args.draws === undefined ? loaded.scenario.priority : { ...loaded.scenario.priority, robustness: { ...loaded.scenario.priority.robustness, draws: args.draws } };
    const seed = args.seed ?? loaded.scenario.seed;
    ensureWritableDir(args.out);
    const schema = args.schema === undefined ? undefined : args.schema === 'builtin' ? COHORT_SCHEMA : readSchemaFile(args.schema);
    const { table } = readTableFile(args.data, { ...(schema ? { schema } : {}), ...(args.id ? { idColumn: args.id } : {}), missing: args.missing });
    const target = targetMembership(table, settings.target_segments, args);
    const t0 = performance.now();
    const stage = prioritise(table, settings, {
      ...(target ? { targetMember: target.member } : {}),
      file: args.data,
      clinicOnly: regimensFromTable(table, loaded.scenario.regimen).exchange,
      program: loaded.scenario.program,
      triggerGdl: thresholdsFromTable(table, loaded.scenario.clinical).triggerGdl,
      rng: streams(seed).stream('priority/robustness'),
    });
    const groups = args.truth ? readGroups(args.truth, table) : undefined;
    const byGroup = groups ? scoreByGroup(stage.result, groups) : undefined;
    const files = [
      { name: 'priority.csv', content: priorityCsv(table.ids, stage.result, stage.robustness) },
      {
        name: 'priority.json',
        content: priorityJson({ ...stage, ...(byGroup ? { byGroup } : {}), ...(target ? { target: target.description } : {}), extraWarnings: target?.warnings ?? [] }),
      },
    ];
    const written = writeOutputs(args.out, files, { set: 'priority' });
    const r = stage.result;
    log(`scored ${r.score.length} patients in ${Math.round(performance.now() - t0)} ms: ${r.order.length} eligible, ${r.score.length - r.order.length} excluded`);
    if (stage.robustness) {
      const rb = stage.robustness;
      log(`robustness (${rb.draws} draws, ±${Math.round(rb.perturbation * 100)}% weights): Kendall tau-b mean ${rb.kendallTau.mean.toFixed(3)} (min ${rb.kendallTau.min.toFixed(3)}); top ${rb.topN} line (${stage.capacity.source}): ${rb.unstableCount} unstable patients`);
    }
    for (const w of [...r.warnings, ...(target?.warnings ?? [])]) log(`warning: ${w}`);
    if (byGroup) process.stdout.write(formatGroupTable(byGroup));
    log(`wrote ${written.join(', ')}`);
  },
};

function checkOptions(args: PriorityArgs): void {
  if (args.draws !== undefined && (!Number.isInteger(args.draws) || args.draws < 0 || args.draws > 100_000)) {
    throw new InputError([{ code: 'bad_option', path: '--draws', value: args.draws, message: 'must be an integer from 0 to 100000' }]);
  }
  if (args.seed !== undefined && (!Number.isInteger(args.seed) || args.seed < 0)) {
    throw new InputError([{ code: 'bad_option', path: '--seed', value: args.seed, message: 'must be a non-negative integer' }]);
  }
}

interface Target {
  member: Uint8Array;
  description: string;
  warnings: string[];
}

/** Target membership from --segments and/or --rules (ORed). */
function targetMembership(table: PatientTable, targets: readonly string[], args: PriorityArgs): Target | undefined {
  if (!args.segments && !args.rules) return undefined;
  if (targets.length === 0) {
    throw new InputError([{ code: 'missing_targets', path: 'priority.target_segments', message: `--${args.segments ? 'segments' : 'rules'} needs the scenario to name the target segment(s) in priority.target_segments` }]);
  }
  const member = new Uint8Array(table.ids.length);
  const warnings: string[] = [];
  const sources: string[] = [];
  if (args.segments) {
    const segmentOf = readSegments(args.segments);
    const { member: m, unmatched } = membershipFromSegments(table.ids, segmentOf, targets);
    if (unmatched === table.ids.length) {
      throw new InputError([{ code: 'ids_do_not_match', file: args.segments, column: 'patient_id', message: `none of the ${table.ids.length} data ids appear in the segments file` }]);
    }
    if (unmatched > 0) warnings.push(`${unmatched} patient(s) have no row in ${args.segments}: not target members`);
    m.forEach((v, i) => (member[i] = member[i]! | v));
    sources.push(args.segments);
  }
  if (args.rules) {
    const m = membershipFromRules(table, parseRulesJson(readTextFile(args.rules, 'rules file'), args.rules).rules, targets, args.rules);
    m.forEach((v, i) => (member[i] = member[i]! | v));
    sources.push(args.rules);
  }
  const count = member.reduce((a, b) => a + b, 0);
  if (count === 0) warnings.push(`no patient is in the target segment(s) ${targets.join(', ')}`);
  return { member, description: `${sources.join(' + ')}; target segments: ${targets.join(', ')}; ${count} members`, warnings };
}

function readSegments(path: string): Map<string, string> {
  const csv = parseCsvText(readTextFile(path, 'segments file'), path);
  const [idIdx, segIdx] = columnIndexes(csv, path, 'segments file', ['patient_id', 'segment']) as [number, number];
  return new Map(csv.records.map((r) => [r[idIdx]!, r[segIdx]!]));
}

/** Group label per data row from a `patient_id,<group>` CSV (first non-id column). */
function readGroups(path: string, table: PatientTable): string[] {
  const csv = parseCsvText(readTextFile(path, 'truth file'), path);
  const idIdx = csv.header.indexOf('patient_id');
  const gIdx = csv.header.findIndex((_, j) => j !== idIdx);
  if (idIdx < 0 || gIdx < 0) throw new InputError([{ code: 'bad_header', file: path, row: 1, message: 'truth file needs patient_id and a group column' }]);
  const of = new Map(csv.records.map((r) => [r[idIdx]!, r[gIdx]!]));
  let missing = 0;
  const groups = table.ids.map((id) => {
    const g = of.get(id);
    if (g === undefined) missing++;
    return g ?? '(none)';
  });
  if (missing === table.ids.length) throw new InputError([{ code: 'ids_do_not_match', file: path, column: 'patient_id', message: 'none of the data ids appear in the truth file' }]);
  return groups;
}
