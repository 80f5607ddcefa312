import type { Argv, CommandModule } from 'yargs';
import { COHORT_SCHEMA } from '../../data/schema.js';
import { schemaToYaml } from '../../data/schemaYaml.js';
import { writeFiles } from '../../report/outputs.js';
import { log } from '../errors.js';

interface SchemaArgs { out?: string }

export const schemaCommand: CommandModule<object, SchemaArgs> = {
  command: 'schema',
  describe: 'Print the built-in column schema (types, units, ranges) as YAML, to adapt for your own extract',
  builder: (y: Argv) =>
    y.option('out', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' }) as unknown as Argv<SchemaArgs>,
  handler: (args) => {
    const text = `# carestrata column schema: the id column and each column's type, unit and allowed range.\n${schemaToYaml(COHORT_SCHEMA)}`;
    if (!args.out) {
      process.stdout.write(text);
      return;
    }
    writeFiles([{ path: args.out, content: text }]);
    log(`wrote ${args.out}`);
  },
};
