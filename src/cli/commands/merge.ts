import type { Argv, CommandModule } from 'yargs';
import { mergeShards } from '../../sweep/merge.js';
import { log } from '../errors.js';

interface MergeArgs { dirs: string[]; out: string }

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'Combine the shard folders of one sweep into the files a one-process sweep writes',
  builder: (y: Argv) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'shard output folders (each written by `sweep --shard i/N`)' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'folder for the merged manifest.json, points.jsonl, sweep.csv, sweep_summary.csv, charts/, sweep.html' })
      .example('$0 merge out/shard-* --out out/sweep', '') as unknown as Argv<MergeArgs>,
  handler: async (args) => {
    const outcome = await mergeShards(args.dirs, args.out);
    log(`merged ${args.dirs.length} folder(s), ${outcome.records} results of sweep ${outcome.manifest.sweepId} into ${args.out}`);
  },
};
