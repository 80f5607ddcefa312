/**
 * The report as data: sections in pipeline order, each with plain-words findings, its charts and an optional
 * small table; plus the recommendation and the warnings. html.ts renders it, summary.ts mirrors it as JSON.
 */
import type { PipelineResult, StageName } from '../pipeline.js';
import type { Chart } from './render.js';

export interface ReportTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export interface ReportSection {
  /** Anchor id, e.g. `segment`. */
  readonly id: string;
  readonly title: string;
  /** `pending` sections say the stage is not part of this version yet. */
  readonly status: 'done' | 'pending';
  readonly paragraphs: readonly string[];
  readonly charts: readonly Chart[];
  readonly table?: ReportTable;
}

export interface ReportModel {
  readonly title: string;
  readonly result: PipelineResult;
  readonly recommendation: readonly string[];
  readonly warnings: readonly string[];
  readonly sections: readonly ReportSection[];
}

/** Human names of the stages, for pending sections. */
export const STAGE_TITLES: Readonly<Record<StageName, string>> = {
  data: 'Cohort',
  segment: 'Patient segments',
  rules: 'Rules describing the segments',
  priority: 'Priority for home transfusion',
  optimize: 'Allocation plan',
  simulate: 'Simulated service and policy comparison',
  report: 'Report',
};

/** A section for a stage that has not landed: says so instead of showing invented numbers. */
export function pendingSection(stage: StageName): ReportSection {
  return { id: stage, title: STAGE_TITLES[stage], status: 'pending', paragraphs: ['This stage is not part of this version of carestrata yet; nothing was computed for it.'], charts: [] };
}

/** Round for prose: at most `digits` decimals, no trailing zeros. */
export function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? String(Number(x.toFixed(digits))) : 'n/a';
}

/** A share as a percentage for prose. */
export function pct(x: number, digits = 0): string {
  return `${fmt(100 * x, digits)}%`;
}
