/**
 * Read a concept-set YAML (src/extract/concepts.yaml when no path is given) and validate it: unknown keys,
 * malformed codes and missing meanings are input errors with their YAML path.
 */
import { parse as parseYaml } from 'yaml';
import { InputError } from '../../errors.js';
import type { ConceptFile } from '../../extract/concepts.js';
import { conceptFileSchema } from '../../extract/concepts.js';
import { zodIssues } from '../../scenario/issues.js';
import { readTextFile } from '../read.js';
import { extractAsset } from './duck.js';

/** The shipped defaults' path. */
export function defaultConceptsPath(): string {
  return extractAsset('concepts.yaml');
}

/**
 * Parse and validate a concept file. Cost: O(file size).
 * @example
 * readConcepts().events.hb.concept_ids; // { '3000963': 'Hemoglobin …' }
 */
export function readConcepts(path?: string): ConceptFile {
  const file = path ?? defaultConceptsPath();
  const text = readTextFile(file, 'concept file');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new InputError([{ code: 'bad_yaml', file, message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const parsed = conceptFileSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error, file));
  return parsed.data;
}
