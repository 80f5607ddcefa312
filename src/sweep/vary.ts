/**
 * `--vary PATH=LEVELS`: which scenario setting a sweep changes and over which values.
 *
 *   program.nurses=1..8          integers 1, 2, …, 8 (a range; in an LHS design, the interval [1, 8])
 *   program.nurses=2..10:2       2, 4, 6, 8, 10
 *   priority.weights.travel=0.5,1,2   a list
 *
 * Any numeric setting of the filled-in scenario can vary (`carestrata validate FILE --print` lists them).
 * Every level is checked against the scenario schema before anything runs.
 */
import { InputError } from '../errors.js';
import type { InputIssue } from '../errors.js';
import type { LoadedScenario } from '../scenario/load.js';
import { validateScenario } from '../scenario/load.js';

export interface Factor {
  /** Dotted scenario path, e.g. `program.nurses`. */
  readonly path: string;
  /** Levels in the order given (grid and one-at-a-time designs use these). */
  readonly levels: readonly number[];
  /** Interval an LHS design samples: min and max of the levels. */
  readonly lo: number;
  readonly hi: number;
  /** The schema accepts only integers here (LHS rounds its samples). */
  readonly integer: boolean;
  /** The scenario's own value at the path (the base of a one-at-a-time design). */
  readonly base: number;
}

/** Most levels one `--vary` may expand to (a typo like `1..1e9` fails fast instead of filling memory). */
export const MAX_LEVELS = 10_000;

/** Path segments: `a.b[2].c` → ['a', 'b', 2, 'c']. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === '')) return [];
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The value at a dotted path, or undefined. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of pathSegments(path)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** A deep copy of `obj` with `path` set to `value` (the path must exist). */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const copy = structuredClone(obj);
  const segs = pathSegments(path);
  let cur = copy as Record<string | number, unknown>;
  for (const seg of segs.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
  cur[segs[segs.length - 1]!] = value;
  return copy;
}

const RANGE = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/;

function parseLevels(text: string, option: string): number[] | InputIssue {
  const bad = (message: string): InputIssue => ({ code: 'bad_vary', path: '--vary', value: option, message });
  const m = RANGE.exec(text);
  if (m) {
    const [from, to, step] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
    if (to < from) return bad(`range ${text} runs backwards`);
    if (step <= 0) return bad('range step must be positive');
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_LEVELS) return bad(`range expands to ${count} levels (at most ${MAX_LEVELS})`);
    return Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12)));
  }
  const parts = text.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.some((p) => p === '') || nums.some((x) => !Number.isFinite(x))) return bad('levels must be numbers: A..B, A..B:STEP or A,B,C');
  return nums;
}

/**
 * Parse and check every `--vary` option against the scenario; all problems reported at once (exit 2).
 * Cost: one schema validation per level.
 * @example
 * parseVary(['program.nurses=1..4'], loaded)[0]!.levels; // [1, 2, 3, 4]
 */
export function parseVary(options: readonly string[], loaded: LoadedScenario): Factor[] {
  const issues: InputIssue[] = [];
  const factors: Factor[] = [];
  const seen = new Set<string>();
  for (const option of options) {
    const eq = option.indexOf('=');
    const path = eq < 0 ? option : option.slice(0, eq).trim();
    const base = getPath(loaded.scenario, path);
    if (eq < 0) {
      issues.push({ code: 'bad_vary', path: '--vary', value: option, message: 'expected PATH=LEVELS, e.g. program.nurses=1..8' });
      continue;
    }
    if (typeof base !== 'number' || pathSegments(path).length === 0) {
      const parent = path.includes('.') ? getPath(loaded.scenario, path.slice(0, path.lastIndexOf('.'))) : loaded.scenario;
      const known = parent && typeof parent === 'object' ? Object.entries(parent).filter(([, v]) => typeof v === 'number').map(([k]) => k) : [];
      issues.push({ code: 'unknown_path', path: '--vary', value: path, message: base === undefined ? `no setting ${path} in the scenario${known.length ? ` (numeric settings here: ${known.join(', ')})` : ''}` : `${path} is not a number` });
      continue;
    }
    if (seen.has(path)) {
      issues.push({ code: 'bad_vary', path: '--vary', value: path, message: 'the same path is varied twice' });
      continue;
    }
    seen.add(path);
    const levels = parseLevels(option.slice(eq + 1).trim(), option);
    if (!Array.isArray(levels)) {
      issues.push(levels);
      continue;
    }
    for (const level of levels) {
      try {
        validateScenario(setPath(loaded.scenario, path, level), loaded.file, loaded.baseDir);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        issues.push({ code: 'bad_vary', path: '--vary', value: `${path}=${level}`, message: `the scenario rejects this level: ${e.issues[0]?.message ?? 'invalid'}` });
        break;
      }
    }
    factors.push({ path, levels, lo: Math.min(...levels), hi: Math.max(...levels), integer: rejectsFraction(loaded, path, base), base });
  }
  if (issues.length) throw new InputError(issues);
  return factors;
}

/** True when the schema rejects a non-integer value at `path` (probe with base + 0.5). */
function rejectsFraction(loaded: LoadedScenario, path: string, base: number): boolean {
  try {
    validateScenario(setPath(loaded.scenario, path, base + 0.5), loaded.file, loaded.baseDir);
    return false;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.issues.some((i) => i.path === path);
  }
}
