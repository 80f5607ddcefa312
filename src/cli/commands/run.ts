import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { runPipeline } from '../../pipeline.js';
import { ensureWritableDir, writeOutputs } from '../../report/outputs.js';
import { runOutputs } from '../../report/write.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { log } from '../errors.js';
import { checkResources } from '../resources.js';

interface RunArgs { scenario: string; out: string; png?: boolean }

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'Run the whole pipeline on a scenario file: every stage\'s output, summary.json, charts/ and a self-contained report.html',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML (see scenarios/)' })
      .option('out', { alias: 'o', type: 'string', default: 'results', describe: 'output folder (created if missing; files are replaced all at once at the end)' })
      .option('png', { type: 'boolean', describe: 'write charts/NAME.png next to each SVG (default: the scenario\'s report.png, true)' })
      .example('$0 run scenarios/quick.yaml --out out/quick', 'run the small scenario, then open out/quick/report.html') as unknown as Argv<RunArgs>,
  handler: async (args) => {
    const loaded = loadScenarioFile(args.scenario);
    checkResources(loaded, log);
    ensureWritableDir(args.out);
    const result = await runPipeline(loaded, { log, simWorkers: availableParallelism() });
    const files = await runOutputs(result, { ...(args.png === undefined ? {} : { png: args.png }), log });
    const written = writeOutputs(args.out, files, { set: 'run' });
    log(`wrote ${written.length} files to ${args.out} (report: ${args.out}/report.html)`);
    // timings only here: a file with them would differ between a quiet and a busy machine
    log(`timings: ${Object.entries(result.timingsMs).map(([k, ms]) => `${k} ${ms} ms`).join(', ')}`);
    if (result.pending.length) log(`not yet part of this version: ${result.pending.join(', ')}`);
  },
};
