/**
 * Scenario loading: parse YAML → fill defaults → validate, every problem reported at once with its YAML path
 * and line.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import { checkYamlSize, MAX_YAML_ALIASES, readTextFile } from '../data/read.js';
import { zodIssues } from './issues.js';
import type { Scenario } from './schema.js';
import { scenarioSchema } from './schema.js';

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The scenario file, or `<inline>`. */
  readonly file: string;
  /** Folder relative paths inside the scenario resolve against. */
  readonly baseDir: string;
}

/**
 * Validate scenario text. Throws {@link InputError} with one issue per problem.
 * @example
 * parseScenario('seed: 7\nprogram: { nurses: 3 }\n', 'x.yaml').scenario.program.nurses; // 3
 */
export function parseScenario(text: string, file: string, baseDir = '.'): LoadedScenario {
  checkYamlSize(text, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const issues: InputIssue[] = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return { code: 'bad_yaml', file, path: `line ${pos.line}`, message: `YAML syntax: ${e.message.split('\n')[0]}` };
    });
    throw new InputError(issues);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch (e) {
    throw new InputError([{ code: 'yaml_limit', file, path: '', message: `YAML aliases expand too far (more than ${MAX_YAML_ALIASES} uses of one anchor): ${(e as Error).message}` }]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError([{ code: 'bad_yaml', file, path: '', message: 'scenario must be a mapping of sections' }]);
  }
  return validateScenario(raw, file, baseDir, (path) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  });
}

/** Validate an already-parsed object (for sweeps that edit paths). */
export function validateScenario(raw: unknown, file: string, baseDir = '.', lineOf?: (path: PropertyKey[]) => number | undefined): LoadedScenario {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(zodIssues(parsed.error, file, lineOf));
  }
  return { scenario: parsed.data, file, baseDir };
}

/** Read and validate a scenario file; relative paths in it resolve against its folder. */
export function loadScenarioFile(path: string): LoadedScenario {
  return parseScenario(readTextFile(path, 'scenario file'), path, dirname(resolve(path)));
}

/** Resolve a path written in a scenario against the scenario's folder. */
export function scenarioPath(loaded: LoadedScenario, p: string): string {
  return isAbsolute(p) ? p : resolve(loaded.baseDir, p);
}
