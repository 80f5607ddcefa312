import type { Argv, CommandModule } from 'yargs';
import { synthesizeCohort } from '../../data/synth.js';
import { tableToCsv, truthToCsv } from '../../data/format.js';
import { streams } from '../../random/index.js';
import { writeFiles } from '../../report/outputs.js';
import { InputError } from '../../errors.js';
import { log } from '../errors.js';

interface SynthArgs { patients: number; seed: number; out: string; truth?: string }

export const synthCommand: CommandModule<object, SynthArgs> = {
  command: 'synth',
  describe: 'Generate a synthetic outpatient RBC transfusion cohort (one row per patient)',
  builder: (y: Argv) =>
    y
      .option('patients', { alias: 'n', type: 'number', default: 1200, describe: 'number of patients' })
      .option('seed', { alias: 's', type: 'number', default: 42, describe: 'random seed (same seed → identical file)' })
      .option('out', { alias: 'o', type: 'string', default: 'cohort.csv', describe: 'cohort CSV to write' })
      .option('truth', { type: 'string', describe: 'also write patient_id,archetype (the latent truth) here' })
      .example('$0 synth --patients 5000 --seed 7 --out cohort.csv --truth truth.csv', '') as unknown as Argv<SynthArgs>,
  handler: (args) => {
    if (!Number.isInteger(args.patients) || args.patients < 1) {
      throw new InputError([{ code: 'bad_option', path: '--patients', value: args.patients, message: 'must be a positive integer' }]);
    }
    if (!Number.isInteger(args.seed) || args.seed < 0) {
      throw new InputError([{ code: 'bad_option', path: '--seed', value: args.seed, message: 'must be a non-negative integer' }]);
    }
    const cohort = synthesizeCohort(args.patients, streams(args.seed));
    const files = [{ path: args.out, content: tableToCsv(cohort.table) }];
    if (args.truth) files.push({ path: args.truth, content: truthToCsv(cohort.table.ids, cohort.archetypes) });
    writeFiles(files);
    log(`wrote ${args.out} (${args.patients} patients, ${cohort.table.columns.length + 1} columns, seed ${args.seed})${args.truth ? ` and ${args.truth}` : ''}`);
  },
};
