/**
 * carestrata command line: thin layers over the library stages.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { INPUT_ENCODINGS } from '../data/encoding.js';
import { ENCODING_ENV } from '../data/read.js';
import { reportError } from './errors.js';
import { priorityCommand } from './commands/priority.js';
import { capacityCommand } from './commands/capacity.js';
import { mergeCommand } from './commands/merge.js';
import { optimizeCommand } from './commands/optimize.js';
import { rulesCommand } from './commands/rules.js';
import { runCommand } from './commands/run.js';
import { segmentCommand } from './commands/segment.js';
import { simulateCommand } from './commands/simulate.js';
import { sweepCommand } from './commands/sweep.js';
import { schemaCommand } from './commands/schema.js';
import { synthCommand } from './commands/synth.js';
import { validateCommand } from './commands/validate.js';
import { extractCommand } from './commands/extract.js';

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const parser = yargs(argv)
    .scriptName('carestrata')
    .usage('$0 <command> [options]\n\nSegment patients, describe segments by rules, score priority, allocate home transfusions and simulate the service.')
    .command(synthCommand)
    .command(validateCommand)
    .command(extractCommand)
    .command(segmentCommand)
    .command(schemaCommand)
    .command(rulesCommand)
    .command(priorityCommand)
    .command(optimizeCommand)
    .command(simulateCommand)
    .command(runCommand)
    .command(sweepCommand)
    .command(capacityCommand)
    .command(mergeCommand)
    .option('encoding', { global: true, choices: INPUT_ENCODINGS, default: 'utf8', describe: 'encoding of every input file (CSV, scenario, schema); UTF-8 is checked strictly' })
    .middleware((a) => { process.env[ENCODING_ENV] = String(a.encoding); })
    .demandCommand(1, 'name a command (see --help)')
    .strict()
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    })
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100));
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\nrun 'carestrata --help' for usage\n`);
      code = 2;
    } else {
      code = reportError(e);
    }
  }
  return code;
}

class UsageError extends Error {}

const code = await main(hideBin(process.argv));
process.exitCode = code;
