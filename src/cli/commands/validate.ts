import type { Argv, CommandModule } from 'yargs';
import { loadScenarioFile } from '../../scenario/load.js';
import { log } from '../errors.js';

interface ValidateArgs { file: string; print: boolean }

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <file>',
  describe: 'Check a scenario file: every unknown key and wrong type, with its YAML path',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML' })
      .option('print', { type: 'boolean', default: false, describe: 'print the scenario with every default filled in (JSON)' }) as unknown as Argv<ValidateArgs>,
  handler: (args) => {
    const loaded = loadScenarioFile(args.file);
    if (args.print) process.stdout.write(JSON.stringify(loaded.scenario, null, 2) + '\n');
    log(`${args.file}: valid scenario "${loaded.scenario.name}" (seed ${loaded.scenario.seed})`);
  },
};
