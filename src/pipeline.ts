/**
 * The whole pipeline, one direction:
 *
 *   1 data ──► 2 segment ──► 3 rules ──► 4 priority ──► 5 optimize ──► 6 simulate ──► 7 decide
 *      └──► capacity check (program arithmetic)                     6b input uncertainty ──┘ └──► report
 *                                                                      (outer replications, decide.uncertainty)
 *
 * `runPipeline` computes every stage's result and returns them all (no file writes here); `carestrata run`
 * hands the result to the report writer (src/report/write.ts), `carestrata sweep` reduces it to metrics
 * (src/sweep/metrics.ts). Stages not built yet are listed in `pending`, never faked.
 */
import { dynamicScoreInputs } from './sim/model/priorityInputs.js';
import { thresholdsFromTable } from './data/thresholds.js';
import { regimensFromTable } from './data/regimens.js';
import type { IngestReport } from './data/ingest.js';
import { readEventCohort } from './data/events/eventCohort.js';
import { routeLegs } from './data/routing.js';
import type { LegSource } from './service/legs.js';
import { readSchemaFile, readTableFile } from './data/read.js';
import { COHORT_SCHEMA } from './data/schema.js';
import { synthesizeCohort } from './data/synth.js';
import type { PatientTable } from './data/table.js';
import type { Plan } from './optimize/index.js';
import { patientsFromTable, planAllocation } from './optimize/index.js';
import type { PriorityStageResult } from './priority/index.js';
import { membershipFromRules, prioritise } from './priority/index.js';
import { streams } from './random/index.js';
import type { CapacityCheck } from './report/capacity.js';
import { capacityCheck } from './report/capacity.js';
import { defaultPseudonymKey, pseudonymizeTable } from './data/pseudonymize.js';
import type { LoadedScenario } from './scenario/load.js';
import { scenarioPath } from './scenario/load.js';
import { cohortSourceOf } from './scenario/sections/cohort.js';
import type { RulesResult } from './rules/index.js';
import { learnRules } from './rules/index.js';
import type { SegmentationResult } from './segment/index.js';
import { segmentPatients } from './segment/index.js';
import type { ServiceSettings, SimCohort, SimulationResult } from './sim/index.js';
import { metricNames, policyList, settingsFromScenario, simCohortFromTable, simulatePolicies } from './sim/index.js';
import { cohortAhead, openSimCohort, priorityPoolScorer } from './openCohort.js';
import type { Recommendation, UncertaintyRow } from './decide/index.js';
import { decideIssues, decideMeasures, outerMeanSamples, policySamples, recommendPolicy, uncertaintyRows } from './decide/index.js';
import type { OuterReplication } from './sim/inputUncertainty.js';
import { simulateWithInputUncertainty } from './sim/inputUncertainty.js';
import { InputError } from './errors.js';

export interface CohortResult {
  readonly table: PatientTable;
  readonly source: 'synthetic' | 'csv' | 'omop' | 'fhir';
  /** Archetype per row, synthetic cohorts only. */
  readonly truth?: readonly string[];
  readonly ingest?: IngestReport;
  /** True when ids were replaced by keyed pseudonyms (report.pseudonymize). */
  readonly pseudonymized: boolean;
}

/** The stages of the full pipeline, in order (`data` and `report` always exist). */
export const STAGES = ['data', 'segment', 'rules', 'priority', 'optimize', 'simulate', 'report'] as const;
export type StageName = (typeof STAGES)[number];

export interface PipelineResult {
  readonly scenario: LoadedScenario['scenario'];
  /** Scenario file the run came from (`<inline>` for sweeps built in memory). */
  readonly scenarioFile: string;
  readonly cohort: CohortResult;
  readonly capacity: CapacityCheck;
  /** 2. Consensus segmentation (src/segment). */
  readonly segmentation?: SegmentationResult;
  /** Segment name per row as files show it (`1`..`k`, largest first). */
  readonly segmentLabels?: readonly string[];
  /** 3. One readable rule per segment, with metrics and target-group recommendation (src/rules). */
  readonly rules?: RulesResult;
  /** Target segments used for priority and the simulator, and where they came from. */
  readonly target?: { readonly segments: readonly string[]; readonly source: 'priority.target_segments' | 'rules.target'; readonly members: number };
  /** 5. Day-by-day allocation of home and clinic transfusions (src/optimize). */
  readonly plan?: Plan;
  /** 4. Eligibility, explained score, rank, capacity line and robustness (src/priority). */
  readonly priority?: PriorityStageResult;
  /** 6. Policies compared over replications with common random numbers (src/sim). */
  readonly simulation?: SimulationResult;
  /** 6b. Outer replications over uncertain inputs and the noise / input variance per policy and measure. */
  readonly uncertainty?: InputUncertaintyResult;
  /** 7. The scenario's recommendation rule applied to the simulated policies (src/decide). */
  readonly decision?: Recommendation;
  /** Wall-clock per stage, milliseconds (the only non-reproducible field). */
  readonly timingsMs: Readonly<Record<string, number>>;
  /** Stages that do not exist yet in this version. */
  readonly pending: readonly StageName[];
  /** Modelling warnings from every stage, in plain words (infeasible, unstable, low precision…). */
  readonly warnings: readonly string[];
}

export type ProgressLog = (message: string) => void;

export interface PipelineOptions {
  /** Progress lines (stderr in the CLI); never patient ids. */
  readonly log?: ProgressLog;
  /** Worker threads for the simulator's replications (0 = inline; sweeps run points in parallel instead). */
  readonly simWorkers?: number;
  /** How optimize guards its solver: `worker` (wall-clock limit in a worker thread, the default) or `inline`. */
  readonly optimizeGuard?: 'worker' | 'inline';
  /**
   * Reuse of segment + rules results between runs whose inputs to them are equal (seed, cohort, segment and
   * rules sections): a sweep over staffing recomputes neither. Keyed by those inputs' JSON; keeps the
   * {@link UPSTREAM_CACHE_ENTRIES} most recent entries.
   */
  readonly upstreamCache?: Map<string, UpstreamResult>;
}

/** How far on priority's capacity line looks for an open cohort: a year. */
const DAYS_AHEAD = 365;

/** Entries an upstream cache keeps (one per sweep replication seed in flight on a thread is plenty). */
export const UPSTREAM_CACHE_ENTRIES = 4;

/** Segment and rules results with the labels derived from them (what {@link PipelineOptions.upstreamCache} keeps). */
export interface UpstreamResult {
  readonly segmentation: SegmentationResult;
  readonly segmentLabels: readonly string[];
  readonly rules: RulesResult;
}

/** The inputs segment + rules depend on, as a cache key: seed, cohort, segment and rules sections, base folder. */
export function upstreamKeyOf(loaded: LoadedScenario): string {
  const { scenario } = loaded;
  // the open-cohort keys (arrivals, departures, growth) change the simulation only: a growth sweep reuses segments
  return JSON.stringify([scenario.seed, cohortSourceOf(scenario.cohort), scenario.segment, scenario.rules, loaded.baseDir]);
}

type Timer = <T>(name: string, f: () => T | Promise<T>) => Promise<T>;

/** 2. segment and 3. rules on a loaded cohort. Cost: the segmentation ensemble plus the rule search. */
export async function segmentAndDescribe(loaded: LoadedScenario, cohort: CohortResult, time: Timer = async (_n, f) => f()): Promise<UpstreamResult> {
  const { scenario } = loaded;
  const seed = scenario.seed;
  const segmentation = await time('segment', () => segmentPatients(cohort.table, scenario.segment, streams(seed), { ...(cohort.ingest ? { inferredTypes: cohort.ingest.inferredTypes } : {}) }));
  const segmentLabels = Array.from(segmentation.labels, (k) => String(k + 1));
  const rules = await time('rules', () => learnRules(cohort.table, segmentLabels, scenario.rules, streams(seed).child('rules'), { confidence: segmentation.confidence }));
  return { segmentation, segmentLabels, rules };
}

/** 1. Data: the synthetic generator, a CSV extract or OMOP/FHIR events, typed by schema; ids pseudonymised when asked. */
export async function loadCohort(loaded: LoadedScenario): Promise<CohortResult> {
  const { scenario } = loaded;
  const c = scenario.cohort;
  const r = scenario.report;
  const key = r.pseudonym_key || defaultPseudonymKey(scenario.seed);
  const pseudo = (t: PatientTable) => (r.pseudonymize ? pseudonymizeTable(t, key) : t);
  if (c.source === 'synthetic') {
    const { table, archetypes } = synthesizeCohort(c.patients, streams(scenario.seed));
    return { table: pseudo(table), source: 'synthetic', truth: archetypes, pseudonymized: r.pseudonymize };
  }
  if (c.source === 'omop' || c.source === 'fhir') {
    const options = { shiftDays: c.shift_dates_days, seed: scenario.seed, missing: c.missing, ...(c.as_of ? { asOf: c.as_of } : {}), ...(c.concepts ? { conceptsPath: scenarioPath(loaded, c.concepts) } : {}) };
    const { table, report } = await readEventCohort(c.source, scenarioPath(loaded, c.path), options);
    return { table: pseudo(table), source: c.source, ingest: report, pseudonymized: r.pseudonymize };
  }
  const schema = c.schema === undefined ? undefined : c.schema === 'builtin' ? COHORT_SCHEMA : readSchemaFile(scenarioPath(loaded, c.schema));
  const { table, report } = readTableFile(scenarioPath(loaded, c.path), { ...(schema ? { schema } : {}), idColumn: c.id, missing: c.missing });
  return { table: pseudo(table), source: 'csv', ingest: report, pseudonymized: r.pseudonymize };
}

/**
 * The scenario's `routing` for this cohort: legs between homes from coordinates or a travel matrix (its ids
 * pseudonymised as the cohort's are), or undefined (every visit a round trip). Cost: O(n²) for a matrix.
 */
export function cohortLegs(loaded: LoadedScenario, cohort: CohortResult): LegSource | undefined {
  const { scenario } = loaded;
  const key = scenario.report.pseudonym_key || defaultPseudonymKey(scenario.seed);
  const c = scenario.cohort;
  const cohortFile = c.source === 'csv' ? scenarioPath(loaded, c.path) : undefined;
  return routeLegs(scenario.routing, cohort.table, (p) => scenarioPath(loaded, p), cohort.pseudonymized ? { pseudonymKey: key } : {}, cohortFile);
}

/**
 * Run every stage that exists, in order. Cost: dominated by the simulator (replications × policies runs) and,
 * once landed, segmentation and optimisation.
 * @example
 * const result = await runPipeline(loadScenarioFile('scenarios/quick.yaml'), { log: console.error });
 */
export async function runPipeline(loaded: LoadedScenario, options: PipelineOptions = {}): Promise<PipelineResult> {
  const log = options.log ?? (() => {});
  const timingsMs: Record<string, number> = {};
  const warnings: string[] = [];
  const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    log(`${name}...`);
    const out = await f();
    timingsMs[name] = Math.round(performance.now() - t0);
    return out;
  };
  const { scenario } = loaded;
  const seed = scenario.seed;
  // 1. data
  const cohort = await time('data', () => loadCohort(loaded));
  const legs = cohortLegs(loaded, cohort);
  const capacity = capacityCheck(scenario.program, cohort.table, legs);
  if (capacity.homeVisitsPerWeek === 0) warnings.push('The program as configured cannot make a single home visit (check nurses, shift hours, units per day).');
  // 2. segment, 3. rules (reused from the cache when their inputs are unchanged)
  const upstreamKey = upstreamKeyOf(loaded);
  let upstream = options.upstreamCache?.get(upstreamKey);
  if (upstream) {
    timingsMs.segment = 0;
    timingsMs.rules = 0;
  } else {
    upstream = await segmentAndDescribe(loaded, cohort, time);
    const cache = options.upstreamCache;
    if (cache) {
      cache.set(upstreamKey, upstream);
      // Map keeps insertion order: drop the oldest entries
      for (const key of cache.keys()) if (cache.size > UPSTREAM_CACHE_ENTRIES) cache.delete(key);
    }
  }
  const { segmentation, segmentLabels, rules } = upstream;
  warnings.push(...segmentation.warnings.map((w) => `segment: ${w}`), ...rules.warnings.map((w) => `rules: ${w}`));
  const target = targetMembership(loaded, cohort.table, segmentLabels, rules);
  // 4. priority (an open cohort's capacity line also reads the cohort expected a year on)
  const ahead = cohortAhead(scenario, cohort.table, DAYS_AHEAD);
  const priority = await time('priority', () =>
    prioritise(cohort.table, scenario.priority, { ...(target ? { targetMember: target.member } : {}), ...(legs ? { legs } : {}), ...(ahead ? { ahead } : {}), triggerGdl: thresholdsFromTable(cohort.table, scenario.clinical).triggerGdl, clinicOnly: regimensFromTable(cohort.table, scenario.regimen).exchange, program: scenario.program, rng: streams(seed).stream('priority/robustness'), file: loaded.file }),
  );
  if (ahead?.unrepresented.length) {
    const left = ahead.unrepresented.join(', ');
    warnings.push(`priority: the capacity line a year on leaves out the arrivals of ${left} (no day-0 patient of that diagnosis to stand for them)`);
  }
  warnings.push(...priority.result.warnings.map((w) => `priority: ${w}`));
  // 5. optimize
  const plan = await time('optimize', async () => {
    // red cell exchanges on the apheresis chairs, as the simulator books them (regimen section)
    const adapted = patientsFromTable(cohort.table, priority.result, scenario.optimize, scenario.clinical, streams(seed).child('optimize').stream('hb_phase'), loaded.file, scenario.regimen);
    return planAllocation(adapted.patients, scenario.program, scenario.costs, scenario.optimize, {
      regimen: scenario.regimen, ...(options.optimizeGuard ? { guard: options.optimizeGuard } : {}), ...(legs ? { routing: { legs } } : {}),
    });
  });
  warnings.push(...plan.warnings.map((w) => `optimize: ${w}`));
  if (plan.status !== 'optimal') warnings.push(`optimize: the plan's status is ${plan.status}${plan.diagnosis.length ? ` (${plan.diagnosis.map((d) => d.message).join('; ')})` : ''}`);
  // 6. simulate
  const open = simCohortOf(loaded, cohort.table, priority, segmentLabels, target, rules, legs);
  warnings.push(...open.warnings);
  const simCohort = open.cohort;
  // the recommendation rule must name measures and policies the simulator produces: bad input, before any run
  const issues = decideIssues(scenario.decide, metricNames(simCohort, scenario.decide.within_days), policyList(scenario.simulation.policies));
  const innerNeeded = scenario.simulation.antithetic ? 4 : 2;
  if (scenario.decide.uncertainty.outer_replications > 0 && scenario.simulation.replications < innerNeeded) {
    issues.push({ code: 'out_of_range', path: 'simulation.replications', value: scenario.simulation.replications, message: `outer replications (decide.uncertainty) need at least ${innerNeeded} inner replications each` });
  }
  if (scenario.decide.uncertainty.outer_replications > 0 && scenario.decide.uncertainty.bootstrap_patients && (simCohort.arrivals || simCohort.legs)) {
    // resampled patients would break the arrival pool's and the travel legs' patient indices
    issues.push({ code: 'out_of_range', path: 'decide.uncertainty.bootstrap_patients', value: true, message: 'resampling patients is not supported with an open cohort (cohort.growth_per_year, arrivals) or routing; set it to false' });
  }
  if (issues.length) throw new InputError(issues.map((i) => ({ ...i, file: loaded.file })));
  // a plain progress line every tenth of the replications (the simulator is the longest stage)
  const progress = (stage: string, unit: string) => (done: number, total: number) => {
    if (done > 0 && done < total && done % Math.max(1, Math.ceil(total / 10)) === 0) log(`${stage}: ${done}/${total} ${unit}`);
  };
  const workers = options.simWorkers ?? 0;
  const settings = settingsFromScenario(scenario);
  const simulation = await time('simulate', () => simulatePolicies(simCohort, settings, seed, { workers, onProgress: progress('simulate', 'replications') }));
  warnings.push(...simulation.warnings.map((w) => `simulate: ${w}`));
  // 6b. input uncertainty: outer replications over resampled patients and drawn rates (decide.uncertainty)
  const u = scenario.decide.uncertainty;
  const uncertainty = u.outer_replications >= 2
    ? await time('uncertainty', async () => inputUncertainty(await simulateWithInputUncertainty(simCohort, settings, seed, u, { workers, onProgress: progress('uncertainty', 'outer replications') }), scenario))
    : undefined;
  // 7. decide: the stated rule over CRN-paired replications (over input draws when the inputs are uncertain)
  const decision = decideStep(scenario, simulation, uncertainty);
  if (!decision) warnings.push('decide: fewer than two replications, so no policy is recommended');
  return {
    scenario,
    scenarioFile: loaded.file,
    cohort,
    capacity,
    segmentation,
    segmentLabels,
    rules,
    ...(target ? { target: { segments: target.segments, source: target.source, members: target.member.reduce((a, x) => a + x, 0) } } : {}),
    plan,
    priority,
    simulation,
    ...(uncertainty ? { uncertainty } : {}),
    ...(decision ? { decision } : {}),
    timingsMs,
    pending: [],
    warnings,
  };
}

/** Outer replications and their analysis (decide.uncertainty). */
export interface InputUncertaintyResult {
  readonly outer: readonly OuterReplication[];
  /** Per policy and measure: noise and input variance, noise-only and combined intervals. */
  readonly rows: readonly UncertaintyRow[];
}

function inputUncertainty(outer: readonly OuterReplication[], scenario: LoadedScenario['scenario']): InputUncertaintyResult {
  const opts = { level: scenario.decide.confidence, antitheticPairs: scenario.simulation.antithetic };
  return { outer, rows: uncertaintyRows(outer, opts) };
}

/** 7. The rule on per-replication samples, or on per-outer-replication means when the inputs are uncertain. */
function decideStep(scenario: LoadedScenario['scenario'], simulation: SimulationResult, uncertainty: InputUncertaintyResult | undefined): Recommendation | undefined {
  const wanted = decideMeasures(scenario.decide);
  const antitheticPairs = scenario.simulation.antithetic;
  if (uncertainty) return recommendPolicy(outerMeanSamples(uncertainty.outer, wanted, { antitheticPairs }), scenario.decide);
  if (simulation.replications.length < 2 * (antitheticPairs ? 2 : 1)) return undefined;
  return recommendPolicy(policySamples(simulation.replications, simulation.policies, simulation.metrics, wanted, { antitheticPairs }), scenario.decide);
}

/**
 * Target group for the home program: the scenario's `priority.target_segments`, else the segments the rules
 * stage recommends; members are patients in those segments or matched by their rules. Undefined without targets.
 */
function targetMembership(loaded: LoadedScenario, table: PatientTable, labels: readonly string[], rules: RulesResult): { segments: string[]; source: 'priority.target_segments' | 'rules.target'; member: Uint8Array } | undefined {
  const own = loaded.scenario.priority.target_segments;
  const segments = own.length ? [...own] : [...(rules.targeting?.chosen ?? [])];
  if (segments.length === 0) return undefined;
  const want = new Set(segments);
  const member = membershipFromRules(table, rules.rules, segments, loaded.file);
  labels.forEach((l, i) => {
    if (want.has(l)) member[i] = 1;
  });
  return { segments, source: own.length ? 'priority.target_segments' : 'rules.target', member };
}

/**
 * The simulator's cohort from the table and the priority result (steps 4 → 6): day-0 patients with their
 * regimens and travel legs, opened by the scenario's arrivals and departures (closed by default). O(n + pool).
 */
function simCohortOf(
  loaded: LoadedScenario, table: PatientTable, priority: PriorityStageResult, segmentLabels: readonly string[],
  target: { segments: readonly string[]; member: Uint8Array } | undefined, rules: RulesResult, legs: LegSource | undefined,
): { cohort: SimCohort; warnings: string[] } {
  const scenario = loaded.scenario;
  const adapted = { eligible: priority.result.eligible, ...dynamicScoreInputs(priority.result), segment: segmentLabels };
  const dayZero = simCohortFromTable(table, { ...adapted, ...(target ? { target: target.member } : {}), ...(legs ? { legs } : {}) },
    scenario.clinical, scenario.regimen);
  // open cohort: arrivals scored like the cohort (closed by default: unchanged)
  const poolTarget = target ? (pool: PatientTable) => membershipFromRules(pool, rules.rules, [...target.segments], loaded.file) : undefined;
  const open = openSimCohort(scenario, table, dayZero, priorityPoolScorer(scenario, priority.result, poolTarget));
  return { cohort: open.cohort, warnings: open.warnings.map((w) => `simulate: ${w}`) };
}

/** What the simulator needs for one scenario, without optimising or simulating (the capacity search's input). */
export interface SimulationInputs {
  readonly cohort: SimCohort;
  readonly settings: ServiceSettings;
  readonly warnings: readonly string[];
}

/**
 * Steps 1–4 of {@link runPipeline} and the simulator's inputs, for callers that run the simulator's
 * replications themselves (the capacity search). Cost: data + segment + rules (unless cached) + priority.
 * @example
 * const { cohort, settings } = await simulationInputs(loaded, { upstreamCache: new Map() });
 */
export async function simulationInputs(loaded: LoadedScenario, options: Pick<PipelineOptions, 'upstreamCache'> = {}): Promise<SimulationInputs> {
  const { scenario } = loaded;
  const cohort = await loadCohort(loaded);
  const key = upstreamKeyOf(loaded);
  const upstream = options.upstreamCache?.get(key) ?? (await segmentAndDescribe(loaded, cohort));
  options.upstreamCache?.set(key, upstream);
  if (options.upstreamCache) for (const k of options.upstreamCache.keys()) if (options.upstreamCache.size > UPSTREAM_CACHE_ENTRIES) options.upstreamCache.delete(k);
  const target = targetMembership(loaded, cohort.table, upstream.segmentLabels, upstream.rules);
  const legs = cohortLegs(loaded, cohort);
  const triggerGdl = thresholdsFromTable(cohort.table, scenario.clinical).triggerGdl;
  const clinicOnly = regimensFromTable(cohort.table, scenario.regimen).exchange;
  const priority = prioritise(cohort.table, scenario.priority, { ...(target ? { targetMember: target.member } : {}), ...(legs ? { legs } : {}), triggerGdl, clinicOnly, program: scenario.program, rng: streams(scenario.seed).stream('priority/robustness'), file: loaded.file });
  const open = simCohortOf(loaded, cohort.table, priority, upstream.segmentLabels, target, upstream.rules, legs);
  const warnings = [...priority.result.warnings.map((w) => `priority: ${w}`), ...open.warnings];
  return { cohort: open.cohort, settings: settingsFromScenario(scenario), warnings };
}
