/**
 * The stage's one-call entry point for the pipeline and the CLI: score, find the capacity line, and check the
 * ranking's robustness.
 */
import type { PatientTable } from '../data/table.js';
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import type { Rng } from '../random/index.js';
import type { LegSource } from '../service/legs.js';
import type { ProgramSettings } from '../scenario/sections/program.js';
import { findColumn } from '../data/table.js';
import type { CapacityLine } from './capacity.js';
import { capacityAhead, capacityLine } from './capacity.js';
import type { PrioritySettings } from './model.js';
import type { RobustnessResult } from './robustness.js';
import { assessRobustness } from './robustness.js';
import type { PriorityResult, ScoreOptions } from './score.js';
import { scorePatients } from './score.js';
import { columnValues } from './terms.js';

export interface PrioritiseOptions extends ScoreOptions {
  /** The scenario's `program` (service model), for the capacity line when `robustness.top_n` is null. */
  readonly program?: ProgramSettings;
  /** Stream for the robustness draws (`priority/robustness`); without it the check is skipped. */
  readonly rng?: Rng;
  /** Travel between homes (scenario `routing`): the capacity line counts two visits chained on one trip. */
  readonly legs?: LegSource;
  /**
   * Open cohort: the cohort expected `days` on as weights on the rows (src/openCohort.ts `cohortAhead`); the
   * capacity line then also says what that cohort needs against the program's capacity (`capacity.ahead`).
   */
  readonly ahead?: { readonly days: number; readonly weight: Float64Array };
}

export interface PriorityStageResult {
  readonly result: PriorityResult;
  /** The top-N line: `scenario` (robustness.top_n), `program` (filled from capacity) or `default` (10% of eligible). */
  readonly capacity: CapacityLine & { readonly source: 'scenario' | 'program' | 'default' };
  readonly robustness?: RobustnessResult;
}

/** Share of eligible patients used as the line when neither `top_n` nor capacity is given. */
export const DEFAULT_TOP_SHARE = 0.1;

/**
 * Score, draw the capacity line and (with `rng` and draws > 0) assess robustness.
 * Cost: O(n · terms + n log n) plus O(draws · n log n) for robustness.
 * @example
 * const p = prioritise(table, scenario.priority, { program: scenario.program, rng: streams(seed).stream('priority/robustness') });
 */
export function prioritise(table: PatientTable, settings: PrioritySettings, options: PrioritiseOptions = {}): PriorityStageResult {
  const result = scorePatients(table, settings, options);
  const m = result.order.length;
  let capacity: PriorityStageResult['capacity'];
  if (settings.robustness.top_n !== null) {
    capacity = { topN: Math.min(settings.robustness.top_n, m), binding: 'none', visitsUsed: 0, unitsUsed: 0, capacityUsed: 0, source: 'scenario' };
  } else if (options.program) {
    const issues: InputIssue[] = [];
    const episodes = columnValues(table, settings.columns.episodes, 'priority.robustness.top_n', 'episodes', issues, options.file);
    const units = columnValues(table, settings.columns.units, 'priority.robustness.top_n', 'units', issues, options.file);
    if (!episodes || !units) throw new InputError(issues);
    const travel = findColumn(table, 'travel_min_one_way');
    const travelMinOneWay = travel && travel.kind !== 'categorical' ? travel.values : undefined;
    const cols = { episodes, units, ...(travelMinOneWay ? { travelMinOneWay } : {}) };
    const a = options.ahead;
    const ahead = a ? { ahead: capacityAhead(result.order, cols, options.program, a.weight, a.days, options.legs) } : {};
    capacity = { ...capacityLine(result.order, cols, options.program, options.legs), ...ahead, source: 'program' };
  } else {
    capacity = { topN: Math.ceil(m * DEFAULT_TOP_SHARE), binding: 'none', visitsUsed: 0, unitsUsed: 0, capacityUsed: 0, source: 'default' };
  }
  if (!options.rng || settings.robustness.draws === 0 || m === 0) return { result, capacity };
  const robustness = assessRobustness(
    result,
    table.ids,
    { draws: settings.robustness.draws, perturbation: settings.robustness.perturbation, topN: Math.max(1, capacity.topN), unstableShare: settings.robustness.unstable_share },
    options.rng,
  );
  return { result, capacity, robustness };
}
