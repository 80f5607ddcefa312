/**
 * The built-in schema as YAML text, for users to copy and adapt to their own extract.
 */
import { stringify } from 'yaml';
import type { TableSchema } from './schema.js';
import { dict } from './dict.js';

/** Schema → the YAML shape {@link schemaFileSchema} reads back. O(columns). */
export function schemaToYaml(schema: TableSchema): string {
  const columns = dict<Record<string, unknown>>();
  for (const { name, ...spec } of schema.columns) columns[name] = { ...spec };
  return stringify({ id: schema.id, columns }, { lineWidth: 0 });
}
