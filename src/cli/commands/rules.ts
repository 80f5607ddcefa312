import type { Argv, CommandModule } from 'yargs';
import { readTableFile, readTextFile } from '../../data/read.js';
import { readSchemaFile } from '../../data/read.js';
import { COHORT_SCHEMA } from '../../data/schema.js';
import type { TableSchema } from '../../data/schema.js';
import type { PatientTable } from '../../data/table.js';
import type { InputIssue } from '../../errors.js';
import { InputError } from '../../errors.js';
import { streams } from '../../random/index.js';
import { ensureWritableDir, toCsv, writeOutputs } from '../../report/outputs.js';
import { applyRules } from '../../rules/apply.js';
import { alignSegments } from '../../rules/labels.js';
import { learnRules } from '../../rules/learn.js';
import { rulesMarkdown } from '../../rules/markdown.js';
import { parseRulesJson } from '../../rules/parse.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { zodIssues } from '../../scenario/issues.js';
import type { RulesSettings } from '../../scenario/sections/rules.js';
import { rulesSection } from '../../scenario/sections/rules.js';
import { log } from '../errors.js';
import { dict } from '../../data/dict.js';

interface RulesArgs {
  data: string; segments?: string; apply?: string; out: string; id?: string; schema?: string; missing: 'impute' | 'drop' | 'keep';
  scenario?: string; seed?: number; 'max-conditions'?: number; 'max-terms'?: number; beta?: number; holdout?: number;
  bootstrap?: number; target?: string; groups?: number; exclude?: string; 'inner-folds'?: number; selection?: string;
}

/** CLI option → settings key, so a bad value is reported under the option the user typed. */
const OPTION_KEYS: Record<string, keyof RulesSettings> = {
  '--max-conditions': 'max_conditions', '--max-terms': 'max_terms', '--beta': 'beta', '--holdout': 'holdout', '--bootstrap': 'bootstrap',
  '--inner-folds': 'inner_folds', '--selection': 'selection',
};

export const rulesCommand: CommandModule<object, RulesArgs> = {
  command: 'rules',
  describe: 'Describe each segment by a short readable rule (with metrics, stability and baselines), or screen new patients with --apply',
  builder: (y: Argv) =>
    y
      .option('data', { type: 'string', demandOption: true, describe: 'patient CSV, one row per patient' })
      .option('segments', { type: 'string', describe: 'labels CSV: patient_id,segment[,confidence] (any second column name works, e.g. archetype)' })
      .option('apply', { type: 'string', describe: 'screen --data with this rules.json instead of learning; writes DIR/matches.csv' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'output folder (rules.json + rules.md, or matches.csv)' })
      .option('id', { type: 'string', describe: 'id column of --data (default: the schema id or patient_id)' })
      .option('schema', { type: 'string', describe: 'column schema YAML, or "builtin" for the synthetic cohort columns (adds units); default: infer types' })
      .option('missing', { choices: ['impute', 'drop', 'keep'] as const, default: 'impute' as const, describe: 'missing values in --data: impute (median/mode), drop rows, or keep (a missing value never meets a condition)' })
      .option('scenario', { type: 'string', describe: 'take rule settings (the rules: section, including target:) and the seed from this scenario' })
      .option('seed', { alias: 's', type: 'number', describe: 'random seed for the held-out split and bootstrap (default: scenario seed or 42)' })
      .option('max-conditions', { alias: 'L', type: 'number', describe: 'most conditions per term (default 3)' })
      .option('max-terms', { type: 'number', describe: 'most terms joined by OR (default 3; 1 = one box per segment)' })
      .option('beta', { type: 'number', describe: 'F-beta objective; > 1 favours recall (default 1)' })
      .option('holdout', { type: 'number', describe: 'share of patients held out for metrics, 0–0.9 (default 0.3)' })
      .option('bootstrap', { type: 'number', describe: 'bootstrap refits for stability, 0 = skip (default 30)' })
      .option('inner-folds', { type: 'number', describe: 'folds of the inner validation (inside the fit patients) that chooses how many OR terms each learner (beam search, CART) may use; < 2 = in-sample choice (default 5)' })
      .option('selection', { type: 'string', describe: 'accuracy: each learner takes its best validated number of OR terms (default); readability: one term unless more are clearly better' })
      .option('target', { type: 'string', describe: 'program goal, e.g. "distance_km:high,reactions_12m:low" (or col:weight); ranks segments and recommends target groups' })
      .option('groups', { type: 'number', describe: 'target groups to recommend (default 1)' })
      .option('exclude', { type: 'string', describe: 'comma-separated columns the rules must not use' })
      .example('$0 rules --data cohort.csv --segments segments.csv --schema builtin --out rules/', 'learn rules')
      .example('$0 rules --data cohort.csv --segments truth.csv --target "distance_km:high,alloantibodies:low" --out rules/', 'learn rules and recommend a target group')
      .example('$0 rules --apply rules/rules.json --data new.csv --out screening/', 'which rule(s) each new patient matches') as unknown as Argv<RulesArgs>,
  handler: (args) => {
    if (args.apply) return screen(args, args.apply);
    if (!args.segments) throw new InputError([{ code: 'missing_option', path: '--segments', message: 'required when learning rules (or pass --apply rules.json to screen)' }]);
    learn(args, args.segments);
  },
};

function readData(args: RulesArgs): PatientTable {
  const schema: TableSchema | undefined = args.schema === undefined ? undefined : args.schema === 'builtin' ? COHORT_SCHEMA : readSchemaFile(args.schema);
  const { table } = readTableFile(args.data, { ...(schema ? { schema } : {}), ...(args.id ? { idColumn: args.id } : {}), missing: args.missing });
  return table;
}

/** `col:high,col:low,col:0.5` → prefer record; problems name --target. */
function parseTarget(text: string): Record<string, 'high' | 'low' | number> {
  const prefer = dict<'high' | 'low' | number>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [col, dir] = part.split(':').map((p) => p.trim());
    const w = Number(dir);
    if (!col || !dir || !(dir === 'high' || dir === 'low' || Number.isFinite(w))) {
      throw new InputError([{ code: 'bad_option', path: '--target', value: part, message: 'expected column:high, column:low or column:weight' }]);
    }
    prefer[col] = dir === 'high' || dir === 'low' ? dir : w;
  }
  return prefer;
}

function settingsFrom(args: RulesArgs): { settings: RulesSettings; seed: number } {
  const loaded = args.scenario ? loadScenarioFile(args.scenario) : undefined;
  const raw: Record<string, unknown> = { ...(loaded?.scenario.rules ?? {}) };
  for (const [flag, key] of Object.entries(OPTION_KEYS)) {
    const v = (args as unknown as Record<string, unknown>)[flag.slice(2)];
    if (v !== undefined) raw[key] = v;
  }
  if (args.exclude) raw['exclude'] = args.exclude.split(',').map((s) => s.trim()).filter(Boolean);
  if (args.target) raw['target'] = { prefer: parseTarget(args.target), ...(args.groups !== undefined ? { groups: args.groups } : {}) };
  else if (args.groups !== undefined && raw['target']) raw['target'] = { ...(raw['target'] as object), groups: args.groups };
  const parsed = rulesSection.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error, args.scenario ?? '').map((i): InputIssue => {
      const flag = Object.entries(OPTION_KEYS).find(([, k]) => i.path === k)?.[0];
      const { file: _f, ...rest } = i;
      return flag ? { ...rest, path: flag } : { ...i, path: `rules.${i.path ?? ''}` };
    });
    throw new InputError(issues);
  }
  const seed = args.seed ?? loaded?.scenario.seed ?? 42;
  if (!Number.isInteger(seed) || seed < 0) throw new InputError([{ code: 'bad_option', path: '--seed', value: seed, message: 'must be a non-negative integer' }]);
  return { settings: parsed.data, seed };
}

function learn(args: RulesArgs, segmentsFile: string): void {
  const { settings, seed } = settingsFrom(args);
  ensureWritableDir(args.out);
  const table = readData(args);
  const labels = alignSegments(readTextFile(segmentsFile, 'segments file'), segmentsFile, table, args.id ?? table.idColumn);
  const doc = learnRules(table, labels.labels, settings, streams(seed).child('rules'), {
    ...(labels.confidence ? { confidence: labels.confidence } : {}),
    log,
  });
  const written = writeOutputs(args.out, [
    { name: 'rules.json', content: JSON.stringify(doc, null, 2) + '\n' },
    { name: 'rules.md', content: rulesMarkdown(doc) },
  ], { set: 'rules' });
  for (const r of doc.rules) {
    const m = r.metrics.holdout ?? r.metrics.train;
    const c = r.comparison;
    const f1 = (x: { metrics: typeof r.metrics } | undefined): string => (x ? (x.metrics.holdout ?? x.metrics.train).f1.toFixed(2) : '–');
    log(`  ${r.segment}: F1 ${m.f1.toFixed(2)} (beam ${f1(c?.beam)}, CART ${f1(c?.cart)}; ${c ? `${c.recommended} recommended` : 'no rule'}) ${r.text}`);
  }
  for (const w of doc.warnings) log(`warning: ${w}`);
  log(`wrote ${written.join(', ')}`);
}

function screen(args: RulesArgs, rulesFile: string): void {
  const rules = parseRulesJson(readTextFile(rulesFile, 'rules file'), rulesFile);
  ensureWritableDir(args.out);
  const table = readData(args);
  const m = applyRules(rules, table, args.data);
  const header = [table.idColumn, 'matched', 'n_matched', ...m.segments.map((s) => `rule_${s}`), ...(m.target ? ['target'] : [])];
  const rows = table.ids.map((id, i) => {
    const hits = m.segments.filter((_, k) => m.matches[k]![i] === 1);
    return [id, hits.join(';'), hits.length, ...m.matches.map((x) => x[i]!), ...(m.target ? [m.target[i]!] : [])];
  });
  const written = writeOutputs(args.out, [{ name: 'matches.csv', content: toCsv(header, rows) }], { set: 'rules-apply' });
  m.segments.forEach((s, k) => log(`  ${s}: ${m.matches[k]!.reduce((a, x) => a + x, 0)} of ${table.ids.length} patients match`));
  if (m.target) log(`  target group(s): ${m.target.reduce((a, x) => a + x, 0)} patients`);
  log(`wrote ${written.join(', ')}`);
}
