/**
 * Report sections and output files of the priority and simulation stages: findings in plain words, charts,
 * and each stage's own files as its issue names them (priority.csv/json; policies, differences, replications,
 * timeseries CSVs).
 */
import { findColumn } from '../data/table.js';
import type { PipelineResult } from '../pipeline.js';
import { planCsvRows, planJson } from '../optimize/index.js';
import type { DayCapacityUse } from '../optimize/index.js';
import { priorityCsv, priorityJson, scoreByGroup } from '../priority/index.js';
import { simulationTables } from '../sim/index.js';
import { belowTriggerReasons } from './belowTrigger.js';
import { bloodParagraph } from './blood.js';
import type { Row } from './charts.js';
import { intervalChart, lineChart } from './charts.js';
import type { ReportSection } from './model.js';
import { fmt, pct } from './model.js';
import type { OutputFile } from './outputs.js';
import { toCsv } from './outputs.js';

/** Patient groups for per-group charts: segments when segmentation ran, else the cohort's diagnosis. */
function groupsOf(r: PipelineResult): { name: string; labels: string[] } | undefined {
  if (r.segmentLabels) return { name: 'segment', labels: r.segmentLabels.map((l) => `segment ${l}`) };
  const c = findColumn(r.cohort.table, 'diagnosis');
  if (!c || c.kind !== 'categorical') return undefined;
  return { name: 'diagnosis', labels: Array.from(c.codes, (code) => (code >= 0 ? c.levels[code]! : 'missing')) };
}

/** 4. Priority: who is eligible, why others are not, the capacity line, how stable the top of the list is. */
export function prioritySection(r: PipelineResult): ReportSection | undefined {
  const p = r.priority;
  if (!p) return undefined;
  const n = p.result.score.length;
  const m = p.result.order.length;
  const reasons = Object.entries(p.result.countByReason).filter(([, k]) => k > 0).sort((a, b) => b[1] - a[1]).slice(0, 3);
  const paragraphs = [
    `${m} of ${n} patients (${pct(m / Math.max(1, n))}) are eligible for home transfusion${reasons.length ? `; the commonest exclusions are ${reasons.map(([why, k]) => `${why.replace(/_/g, ' ')} (${k})`).join(', ')}` : ''}.`,
    `The program's capacity (${p.capacity.source === 'program' ? 'from the program section' : p.capacity.source === 'scenario' ? 'priority.robustness.top_n' : 'default: 10% of eligible'}) covers the top ${p.capacity.topN} of the ranking${p.capacity.binding !== 'none' ? `; ${p.capacity.binding.replace('_', ' ')} run out first` : ''}.`,
  ];
  const ahead = p.capacity.ahead;
  if (ahead) {
    paragraphs.push(`A year on (arrivals, departures and growth of the cohort section), about ${fmt(ahead.patients, 0)} eligible `
      + `patients are expected: they need ${fmt(ahead.visitsPerYear, 0)} home visits a year against the `
      + `${fmt(ahead.capacityVisitsPerYear, 0)} the program makes for that mix of visits (${pct(ahead.capacityUsed)} of its capacity).`);
  }
  if (p.robustness) {
    const rb = p.robustness;
    paragraphs.push(`With every weight perturbed by ±${Math.round(rb.perturbation * 100)}% (${rb.draws} draws), the ranking keeps a Kendall tau of ${fmt(rb.kendallTau.mean, 3)} on average; ${rb.unstableCount} patient(s) near the capacity line move in or out of the top ${rb.topN} in more than ${pct(r.scenario.priority.robustness.unstable_share)} of draws.`);
  }
  const charts = [];
  const groups = groupsOf(r);
  if (groups && m > 0) {
    const rows = scoreByGroup(p.result, groups.labels).filter((g) => g.eligible > 0).map((g) => ({ group: g.group, mean: g.mean, p10: g.p10, p90: g.p90, eligible: g.eligible }));
    charts.push(intervalChart({ name: `priority_by_${groups.name}`, title: `Priority score by ${groups.name}`, caption: 'Mean score of eligible patients with the 10th–90th percentile range.', rows, category: 'group', mean: 'mean', lo: 'p10', hi: 'p90', categoryTitle: groups.name, valueTitle: 'Priority score (0–100)' }));
  }
  return { id: 'priority', title: 'Priority for home transfusion', status: 'done', paragraphs, charts };
}

const POLICY_METRICS = [
  ['home_transfusions', 'Home transfusions'],
  ['days_below_trigger', 'Patient-days below the Hb trigger'],
] as const;

/** The simulation's horizon and warm-up (the `simulation` section's two keys). */
export interface SimDays { readonly horizon_days: number; readonly warmup_days: number }

/** Days a simulated count covers: the horizon after the warm-up. O(1). */
export function countedDays(sim: SimDays): number {
  return sim.horizon_days - Math.min(sim.warmup_days, sim.horizon_days);
}

/** A count over the counted days as a yearly rate (× 365 / days; NaN when no day is counted). O(1). */
export function perYear(count: number, sim: SimDays): number {
  const days = countedDays(sim);
  return days > 0 ? (count * 365) / days : Number.NaN;
}

/**
 * A simulated count with the days it covers: statistics start after the warm-up, so a count covers
 * horizon − warm-up days; also given per year (× 365 / days). O(1).
 * @example countOverDays(539, { horizon_days: 365, warmup_days: 28 }, 'transfusions');
 * // '539 transfusions over 337 days after a 28-day warm-up = 584 a year'
 */
export function countOverDays(count: number, sim: SimDays, noun: string): string {
  const rate = fmt(perYear(count, sim), 0);
  return `${fmt(count, 0)} ${noun} over ${countedDays(sim)} days after a ${sim.warmup_days}-day warm-up = ${rate} a year`;
}

/** 6. Simulation: which policy moves most transfusions home, at what cost to safety, with 95% CIs. */
export function simulationSection(r: PipelineResult): ReportSection | undefined {
  const s = r.simulation;
  if (!s) return undefined;
  const sim = r.scenario.simulation;
  const row = (policy: string, metric: string) => s.table.find((x) => x.policy === policy && x.metric === metric);
  const ranked = s.policies.filter((p) => p !== 'clinic_only').map((p) => ({ p, home: row(p, 'home_transfusions')?.mean ?? 0 })).sort((a, b) => b.home - a.home);
  const best = ranked[0];
  const days = countedDays(sim);
  const paragraphs = [`${s.policies.length} policies simulated over ${sim.horizon_days} days, ${sim.replications} replications with common random numbers; every count below covers the ${days} days after a ${sim.warmup_days}-day warm-up.`];
  if (best) {
    const share = row(best.p, 'home_share');
    const diff = s.differences.find((d) => d.policy === best.p && d.comparison === 'vs_clinic_only' && d.metric === 'days_below_trigger');
    paragraphs.push(`${best.p.replace(/_/g, ' ')} moves the most transfusions home: ${countOverDays(best.home, sim, 'home transfusions')} (${share ? pct(share.mean, 1) : 'n/a'} of all transfusions).${diff ? ` Against clinic only, patient-days below the trigger change by ${fmt(diff.mean, 1)} over those ${days} days (95% CI ${fmt(diff.ciLow, 1)} to ${fmt(diff.ciHigh, 1)}; ${fmt(perYear(diff.mean, sim), 1)} a year).` : ''}`);
    if (s.bestHeuristic) {
      const vs = s.differences.find((d) => d.policy === best.p && d.comparison === 'vs_best_heuristic' && d.metric === 'home_transfusions');
      if (vs && best.p !== s.bestHeuristic) paragraphs.push(`Compared with the best heuristic used in clinics today (${s.bestHeuristic.replace(/_/g, ' ')}), that is ${fmt(vs.mean, 0)} more home transfusions over the ${days} days (95% CI ${fmt(vs.ciLow, 0)} to ${fmt(vs.ciHigh, 0)}; ${fmt(perYear(vs.mean, sim), 0)} a year).`);
    }
    const blood = bloodParagraph(s, best.p, r.scenario);
    if (blood) paragraphs.push(blood);
  }
  const charts = POLICY_METRICS.map(([metric, title]) =>
    intervalChart({
      name: `policy_${metric}`,
      title: `Policy comparison: ${title.toLowerCase()}`,
      caption: `Mean over replications with 95% confidence interval; counted over the ${days} days after a `
        + `${sim.warmup_days}-day warm-up.`,
      rows: s.table.filter((x) => x.metric === metric).map((x) => ({ policy: x.policy, mean: x.mean, lo: x.ciLow, hi: x.ciHigh })),
      category: 'policy',
      mean: 'mean',
      lo: 'lo',
      hi: 'hi',
      categoryTitle: 'Policy',
      valueTitle: `${title} over ${days} days`,
    }),
  );
  // the policies a planner chooses between: the priority-based ones and the best heuristic in use today
  const shown = new Set<string>(['priority_greedy', 'segment_rule', ...(s.bestHeuristic ? [s.bestHeuristic] : [])]);
  const equity = s.table.filter((x) => x.metric.startsWith('home_share_segment:') && shown.has(x.policy) && Number.isFinite(x.mean));
  if (equity.length) {
    charts.push(intervalChart({
      name: 'equity_by_segment',
      title: 'Equity: share of transfusions at home by segment',
      caption: 'Mean over replications with 95% confidence interval for the priority-based policies and the best heuristic in use today; a fair program does not leave a segment behind without a clinical reason.',
      rows: equity.map((x) => ({ segment: `segment ${x.metric.slice('home_share_segment:'.length)}`, policy: x.policy, mean: x.mean, lo: x.ciLow, hi: x.ciHigh })),
      category: 'segment', mean: 'mean', lo: 'lo', hi: 'hi', color: 'policy', colorTitle: 'Policy', categoryTitle: 'Segment', valueTitle: 'Share of transfusions at home',
    }));
  }
  // why days below the trigger and floor differ from clinic only, by reason, measured from the run
  const reasons = belowTriggerReasons(s);
  paragraphs.push(...reasons.paragraphs);
  return { id: 'simulate', title: 'Simulated service and policy comparison', status: 'done', paragraphs, charts, ...(reasons.table ? { table: reasons.table } : {}) };
}

/** 5. Plan: how many transfusions go home over the horizon, how full each day is, and the solver's status. */
export function optimizeSection(r: PipelineResult): ReportSection | undefined {
  const plan = r.plan;
  if (!plan) return undefined;
  const home = plan.assignments.filter((a) => a.setting === 'home');
  const working = plan.capacityUse.filter((d) => d.working);
  const hours = working.reduce((a, d) => a + d.nurseHours, 0);
  const hoursCap = working.reduce((a, d) => a + d.nurseHoursCap, 0);
  const overflow = plan.capacityUse.reduce((a, d) => a + d.overflowHours, 0);
  const apheresis = plan.capacityUse.some((d) => d.apheresisHoursCap !== undefined);
  const sumOf = (f: (d: DayCapacityUse) => number | undefined): number => plan.capacityUse.reduce((a, d) => a + (f(d) ?? 0), 0);
  const apheresisOver = sumOf((d) => d.apheresisOverflowHours);
  const exchanges = apheresis
    ? ` ${sumOf((d) => d.exchanges)} of the clinic visits are red cell exchanges on the apheresis chairs`
      + ` (${fmt(sumOf((d) => d.apheresisHours), 1)} of ${fmt(sumOf((d) => d.apheresisHoursCap), 1)} apheresis chair-hours`
      + `${apheresisOver > 0 ? `, ${fmt(apheresisOver, 1)} above capacity` : ''}).`
    : '';
  const paragraphs = [
    `Over ${plan.horizonDays} days the plan schedules ${plan.assignments.length} transfusions, ${home.length} of them at home (${pct(home.length / Math.max(1, plan.assignments.length))}), using ${pct(hours / Math.max(1e-9, hoursCap))} of the nurse hours available on working days.${exchanges}`,
    `Solver ${plan.solver} (${plan.method}): status ${plan.status}${plan.loadDependent ? ' (stopped by the wall clock: this plan depends on machine load)' : ''}${plan.gap !== null ? `, gap to the bound ${pct(plan.gap, 2)}` : ''}; ${plan.rows} rows × ${plan.cols} columns.${overflow > 0 ? ` The clinic needs ${fmt(overflow, 1)} chair-hours above capacity.` : ''}`,
  ];
  const rows: Row[] = working.flatMap((d) => [
    { day: d.day, resource: 'nurse hours', use: d.nurseHoursCap > 0 ? d.nurseHours / d.nurseHoursCap : 0 },
    { day: d.day, resource: 'home units', use: d.homeUnitsCap > 0 ? d.homeUnits / d.homeUnitsCap : 0 },
    { day: d.day, resource: 'clinic chair-hours', use: d.chairHoursCap > 0 ? d.chairHours / d.chairHoursCap : 0 },
    ...(d.apheresisHoursCap ? [{ day: d.day, resource: 'apheresis chair-hours', use: d.apheresisHours! / d.apheresisHoursCap }] : []),
  ]);
  const charts = rows.length ? [lineChart({ name: 'plan_daily_use', title: 'Daily use of nurses, blood units and chairs in the plan', caption: 'Share of each working day\'s capacity used; above 1 is overflow (chairs only).', rows, x: 'day', y: 'use', xTitle: 'Day of the plan', yTitle: 'Share of capacity used', color: 'resource', colorTitle: 'Resource', xInteger: true })] : [];
  return { id: 'optimize', title: 'Allocation plan', status: 'done', paragraphs, charts };
}

/** Each stage's own files, named as in its issue. Cost: O(n) CSV text per stage. */
export function stageFiles(r: PipelineResult): OutputFile[] {
  const files: OutputFile[] = [];
  if (r.priority) {
    const p = r.priority;
    files.push({ name: 'priority.csv', content: priorityCsv(r.cohort.table.ids, p.result, p.robustness) });
    files.push({ name: 'priority.json', content: priorityJson({ result: p.result, capacity: p.capacity, ...(p.robustness ? { robustness: p.robustness } : {}) }) });
  }
  if (r.plan) {
    const { header, rows } = planCsvRows(r.plan);
    files.push({ name: 'plan.csv', content: toCsv(header, rows) });
    files.push({ name: 'plan.json', content: JSON.stringify(planJson(r.plan, { currency: r.scenario.costs.currency, objective_kind: r.scenario.optimize.objective }), null, 2) + '\n' });
  }
  if (r.simulation) {
    const t = simulationTables(r.simulation);
    for (const [name, table] of Object.entries(t)) files.push({ name: `${name}.csv`, content: toCsv(table.header, table.rows) });
  }
  return files;
}
