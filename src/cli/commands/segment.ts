import type { Argv, CommandModule } from 'yargs';
import { readSchemaFile, readTableFile } from '../../data/read.js';
import { COHORT_SCHEMA } from '../../data/schema.js';
import type { TableSchema } from '../../data/schema.js';
import { InputError } from '../../errors.js';
import type { InputIssue } from '../../errors.js';
import { streams } from '../../random/index.js';
import { ensureWritableDir, writeOutputs } from '../../report/outputs.js';
import { segmentSection } from '../../scenario/sections/segment.js';
import type { SegmentSettings, SegmentSettingsInput } from '../../scenario/sections/segment.js';
import { segmentPatients } from '../../segment/segment.js';
import { segmentationJson, segmentsCsv } from '../../segment/output.js';
import { log } from '../errors.js';

interface SegmentArgs {
  data: string; schema?: string; id?: string; exclude?: string; features?: string; k?: string; members?: number;
  seed: number; out: string; consensus?: string; scaling?: string; json: boolean;
}

/** Command-line names of settings, for messages. */
const OPTION_OF: Readonly<Record<string, string>> = {
  k: '--k', k_min: '--k', k_max: '--k', features: '--features', exclude: '--exclude', members: '--members',
  consensus: '--consensus', scaling: '--scaling',
};
const optionPath = (key: string): string => OPTION_OF[key] ?? `segment.${key}`;

const list = (s: string | undefined): string[] | undefined => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

/** `6` → { k: 6 }; `2..10` → { k_min: 2, k_max: 10 }. */
function parseK(text: string | undefined): Partial<SegmentSettingsInput> {
  if (text === undefined) return {};
  const t = String(text).trim();
  const range = /^(\d+)\s*\.\.\s*(\d+)$/.exec(t);
  if (range) return { k_min: Number(range[1]), k_max: Number(range[2]) };
  if (/^\d+$/.test(t)) return { k: Number(t) };
  throw new InputError([{ code: 'bad_option', path: '--k', value: t, message: 'give a number of segments (6) or a range (2..10)' }]);
}

/** Assemble and validate settings from options; every problem reported with its option name. */
export function settingsFromArgs(args: SegmentArgs): SegmentSettings {
  const raw: Record<string, unknown> = { ...parseK(args.k) };
  const features = list(args.features), exclude = list(args.exclude);
  if (features) raw.features = features;
  if (exclude) raw.exclude = exclude;
  if (args.members !== undefined) raw.members = args.members;
  if (args.consensus !== undefined) raw.consensus = args.consensus;
  if (args.scaling !== undefined) raw.scaling = args.scaling;
  const parsed = segmentSection.safeParse(raw);
  if (!parsed.success) {
    const issues: InputIssue[] = parsed.error.issues.map((i) => ({ code: 'bad_option', path: optionPath(String(i.path[0] ?? 'k')), message: i.message }));
    throw new InputError(issues);
  }
  return parsed.data;
}

export const segmentCommand: CommandModule<object, SegmentArgs> = {
  command: 'segment',
  describe: 'Segment patients by ensemble (consensus) clustering; writes segments.csv and segmentation.json',
  builder: (y: Argv) =>
    y
      .option('data', { alias: 'd', type: 'string', demandOption: true, describe: 'patient CSV, one row per patient' })
      .option('schema', { type: 'string', describe: 'column schema YAML, or "builtin" for the synthetic cohort\'s columns; without it types are inferred and text columns cannot be features' })
      .option('id', { type: 'string', describe: 'id column (default: the schema\'s id, else patient_id); always written as patient_id' })
      .option('exclude', { type: 'string', describe: 'comma-separated columns to leave out (default: abo_rh,sex,lives_alone,caregiver_available,phone_access when present)' })
      .option('features', { type: 'string', describe: 'comma-separated columns to cluster on (default: every column not excluded)' })
      .option('k', { type: 'string', describe: 'number of segments (6) or the range to choose from (2..10, the default)' })
      .option('members', { alias: 'm', type: 'number', describe: 'clusterings per k in the ensemble (default 50)' })
      .option('consensus', { type: 'string', choices: ['auto', 'exact', 'micro'], describe: 'consensus function: exact co-association (small n), micro-cluster (any n), auto by size (default)' })
      .option('scaling', { type: 'string', choices: ['zscore', 'robust', 'none'], describe: 'numeric feature scaling (default zscore)' })
      .option('seed', { alias: 's', type: 'number', default: 42, describe: 'random seed (same seed → identical segments.csv)' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'output folder for segments.csv and segmentation.json' })
      .option('json', { type: 'boolean', default: false, describe: 'also print a JSON summary (k, per-k metrics) to stdout' })
      .example('$0 segment --data cohort.csv --schema builtin --out seg', 'choose k in 2..10 and segment')
      .example('$0 segment --data extract.csv --id mrn --exclude postcode --k 4 --out seg', 'any CSV, four segments') as unknown as Argv<SegmentArgs>,
  handler: (args) => {
    if (!Number.isInteger(args.seed) || args.seed < 0) {
      throw new InputError([{ code: 'bad_option', path: '--seed', value: args.seed, message: 'must be a non-negative integer' }]);
    }
    const settings = settingsFromArgs(args);
    const schema: TableSchema | undefined = args.schema === undefined ? undefined : args.schema === 'builtin' ? COHORT_SCHEMA : readSchemaFile(args.schema);
    const { table, report } = readTableFile(args.data, { ...(schema ? { schema } : {}), ...(args.id ? { idColumn: args.id } : {}), missing: 'keep' });
    ensureWritableDir(args.out);
    const progress = progressReporter();
    const t0 = performance.now();
    const result = segmentPatients(table, settings, streams(args.seed), { inferredTypes: report.inferredTypes, optionPath, explicitExclude: args.exclude !== undefined }, progress.update);
    progress.stop();
    const written = writeOutputs(args.out, [
      { name: 'segments.csv', content: segmentsCsv(table.ids, result) },
      { name: 'segmentation.json', content: segmentationJson(result, settings, { file: args.data, idColumn: table.idColumn, rows: table.ids.length, seed: args.seed, totalMs: Math.round(performance.now() - t0) }) },
    ], { set: 'segment' });
    for (const w of result.warnings) log(`warning: ${w}`);
    log(`k = ${result.k} (${result.chosenBy}); ${result.consensus} consensus on ${result.referenceRows} of ${table.ids.length} rows; wrote ${written.join(', ')}`);
    if (args.json) process.stdout.write(segmentationJson(result, settings, { file: args.data, idColumn: table.idColumn, rows: table.ids.length, seed: args.seed }, true));
  },
};

/** Progress on stderr: a redrawn line on a terminal, otherwise a plain line every 10% of the ensemble. */
function progressReporter(): { update: (stage: string, done: number, total: number) => void; stop: () => void } {
  const tty = process.stderr.isTTY === true;
  let lastDecile = -1;
  let drawn = false;
  return {
    update(stage, done, total) {
      if (tty) {
        process.stderr.write(`\r${stage}: ${done}/${total}   `);
        drawn = true;
        return;
      }
      if (stage !== 'ensemble' || total < 100) return;
      const decile = Math.floor((10 * done) / total);
      if (decile > lastDecile && decile < 10) { lastDecile = decile; log(`ensemble: ${done}/${total} clusterings`); }
    },
    stop() { if (drawn) process.stderr.write('\r\x1b[K'); },
  };
}
