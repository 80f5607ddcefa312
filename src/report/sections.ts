/**
 * Report sections for the cohort and the capacity check, and the assembly of every section in pipeline order.
 * Each stage's section builder takes the stage's result and returns findings in plain words plus charts.
 */
import { WEEKS_PER_YEAR } from '../service/index.js';
import type { PipelineResult } from '../pipeline.js';
import { STAGES } from '../pipeline.js';
import { barChart } from './charts.js';
import type { ReportModel, ReportSection } from './model.js';
import { fmt, pct, pendingSection } from './model.js';
import { decisionLine, decisionSection } from './decision.js';
import { faceValiditySection } from './faceValidity.js';
import { uncertaintySection } from './uncertainty.js';
import { optimizeSection, prioritySection, simulationSection } from './stages.js';
import { rulesSection, segmentSection, upstreamWarnings } from './upstream.js';

/** 1. Data: where the patients came from and their diagnosis mix. */
export function cohortSection(r: PipelineResult): ReportSection {
  const c = r.cohort;
  const n = c.table.ids.length;
  const paragraphs = [
    c.source === 'synthetic'
      ? `${n} synthetic patients generated from seed ${r.scenario.seed} (the built-in chronic-transfusion cohort).`
      : `${n} patients read from ${r.scenario.cohort.source === 'csv' ? r.scenario.cohort.path : 'the extract'}${c.ingest ? ` (${c.ingest.rowsRead} rows read, ${c.ingest.rowsDropped} dropped for missing values)` : ''}.`,
  ];
  if (c.pseudonymized) paragraphs.push('Patient ids are replaced by keyed pseudonyms in every output of this run.');
  const diagnosis = c.table.columns.find((col) => col.name === 'diagnosis');
  const charts = [];
  if (diagnosis && diagnosis.kind === 'categorical') {
    const counts = diagnosis.levels.map(() => 0);
    for (const code of diagnosis.codes) if (code >= 0) counts[code]!++;
    const rows = diagnosis.levels.map((level, i) => ({ diagnosis: level, patients: counts[i]! })).filter((row) => row.patients > 0);
    charts.push(barChart({ name: 'cohort_diagnoses', title: 'Patients by diagnosis', caption: 'Main reason for transfusion.', rows, category: 'diagnosis', value: 'patients', categoryTitle: 'Diagnosis', valueTitle: 'Patients', sort: 'descending' }));
  }
  return { id: 'data', title: 'Cohort', status: 'done', paragraphs, charts };
}

/** Capacity check: home visits a week the program allows against the cohort's episodes a week. */
export function capacitySection(r: PipelineResult): ReportSection {
  const k = r.capacity;
  const p = r.scenario.program;
  const binding = { nurse_shifts: 'the nurses\' shifts', units: 'the blood bank\'s home units per day' }[k.bindingLimit];
  const paragraphs = [
    `With ${p.nurses} nurse(s) on ${k.daysPerWeek} working days, the home program can make at most ${k.homeVisitsPerWeek} visits a week; the binding limit is ${binding}.`,
    `A typical visit takes ${fmt(k.nurseHoursPerVisit)} nurse hours (${fmt(k.unitsPerVisit)} units × ${p.hours_per_unit} h, ${p.observation_hours} h observation, ${p.setup_hours} h set-up, ${p.pickup_hours} h blood-bank pick-up, 2 × ${fmt(k.travelMinOneWay)} min travel), so one nurse's ${p.shift_hours} h shift (up to ${p.overtime_max_hours} h overtime) holds ${k.visitsPerNurseDay} visit(s).`,
  ];
  if (k.chainedPairHours !== null) {
    paragraphs.push(`With the scenario's routing, two typical visits chained on one trip (blood bank → patient → neighbour → bank, one pick-up; the cohort's median distance to the nearest neighbour) take ${fmt(k.chainedPairHours)} nurse hours${k.chainedPairHours <= p.shift_hours + p.overtime_max_hours ? ', which fits one nurse\'s day' : ', more than one nurse\'s day holds, so visits stay round trips'}. The optimizer plans chained trips too, offering each patient their ${r.scenario.optimize.chain_neighbours} nearest partners.`);
  }
  if (k.homeVisitsPerYear !== undefined) {
    paragraphs.push(`Public holidays close ${k.holidaysClosingWorkingDays} working day(s) of the first year (program.calendar): ${fmt(k.homeVisitsPerYear, 1)} home visits a year, against ${fmt(k.homeVisitsPerWeek * WEEKS_PER_YEAR, 1)} for ${k.homeVisitsPerWeek} a week without them.`);
  }
  if (k.demandEpisodesPerWeek !== null) {
    paragraphs.push(`The cohort needs about ${fmt(k.demandEpisodesPerWeek)} transfusion episodes a week, so at most ${pct(k.homeShareCoverable ?? 0)} of them could move home. This is arithmetic on the inputs, not the optimised plan.`);
  }
  return {
    id: 'capacity',
    title: 'Capacity check',
    status: 'done',
    paragraphs,
    charts: [],
    table: {
      header: ['limit', 'home visits per week'],
      rows: [
        ['nurses\' shifts (visits per nurse-day × nurses on duty)', k.visitsPerWeekByNurseShifts],
        ['home units released', k.visitsPerWeekByUnits],
      ],
    },
  };
}

/** What to plan for, from the stages that ran. */
function recommendation(r: PipelineResult): string[] {
  const out: string[] = [];
  const k = r.capacity;
  if (k.demandEpisodesPerWeek !== null) {
    out.push(`Capacity to plan for: ${k.homeVisitsPerWeek} home visits a week with ${r.scenario.program.nurses} nurse(s); the limit that binds first is ${k.bindingLimit === 'units' ? 'home units' : 'nurse shifts'}.`);
  }
  if (r.target && r.rules) {
    const texts = r.rules.rules.filter((x) => r.target!.segments.includes(String(x.segment))).map((x) => `“${x.text}”`);
    out.push(`Target group: segment(s) ${r.target.segments.join(', ')} — find them with ${texts.join(' or ')} (${r.target.members} patients now).`);
  }
  if (r.priority) {
    const ahead = r.priority.capacity.ahead;
    const later = ahead
      ? ` A year on, the eligible cohort expected (about ${fmt(ahead.patients, 0)} patients) needs ${pct(ahead.capacityUsed)} of that capacity.`
      : '';
    out.push(`Offer home transfusion first to the top ${r.priority.capacity.topN} eligible patients of the priority ranking (priority.csv): that is what the program's capacity covers.${later}`);
  }
  const policy = decisionLine(r);
  if (policy) out.push(policy);
  if (r.pending.length) out.push(`Not yet computed in this version: ${r.pending.join(', ')}.`);
  return out;
}

/** Every section in pipeline order, pending stages included. Cost: O(n) over the cohort for the charts. */
export function reportModel(r: PipelineResult): ReportModel {
  const sections: ReportSection[] = [cohortSection(r), capacitySection(r)];
  const built: Partial<Record<string, ReportSection | undefined>> = { segment: segmentSection(r), rules: rulesSection(r), priority: prioritySection(r), optimize: optimizeSection(r), simulate: simulationSection(r) };
  for (const stage of STAGES) {
    if (stage === 'data' || stage === 'report') continue;
    const section = built[stage];
    if (section) sections.push(section);
    else if (r.pending.includes(stage)) sections.push(pendingSection(stage));
  }
  const fv = faceValiditySection(r);
  if (fv) sections.push(fv);
  const uncertain = uncertaintySection(r);
  if (uncertain) sections.push(uncertain);
  const decide = decisionSection(r);
  if (decide) sections.push(decide);
  return { title: r.scenario.report.title || r.scenario.name, result: r, recommendation: recommendation(r), warnings: [...r.warnings, ...upstreamWarnings(r)], sections };
}
