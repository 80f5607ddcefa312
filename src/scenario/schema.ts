/**
 * The scenario schema, written once: the TypeScript type is inferred from it.
 * Each section lives in `sections/NAME.ts` and is owned by its stage.
 */
import { z } from 'zod';
import { bloodSection } from './sections/blood.js';
import { clinicalSection } from './sections/clinical.js';
import { cohortSection } from './sections/cohort.js';
import { costsSection } from './sections/costs.js';
import { decideSection } from './sections/decide.js';
import { optimizeSection } from './sections/optimize.js';
import { prioritySection } from './sections/priority.js';
import { programSection } from './sections/program.js';
import { regimenSection } from './sections/regimen.js';
import { reportSection } from './sections/report.js';
import { routingSection } from './sections/routing.js';
import { rulesSection } from './sections/rules.js';
import { segmentSection } from './sections/segment.js';
import { simulationSection } from './sections/simulation.js';

export const scenarioSchema = z.strictObject({
  /** Short name shown in reports. */
  name: z.string().min(1).default('scenario'),
  description: z.string().default(''),
  /** Master seed: every random stream derives from it. */
  seed: z.int().min(0).max(2 ** 31 - 1).default(42),
  cohort: cohortSection.prefault({ source: 'synthetic' }),
  segment: segmentSection.prefault({}),
  rules: rulesSection.prefault({}),
  priority: prioritySection.prefault({}),
  program: programSection.prefault({}),
  /** One trigger and floor per patient (service model), read by priority, optimize and the simulator. */
  clinical: clinicalSection.prefault({}),
  costs: costsSection.prefault({}),
  optimize: optimizeSection.prefault({}),
  simulation: simulationSection.prefault({}),
  /** What the service must achieve and at what confidence (service-level measures, capacity search). */
  decide: decideSection.prefault({}),
  report: reportSection.prefault({}),
  /** The blood bank serving home and clinic: typed ABO/Rh stock, reservations, the transport box. */
  blood: bloodSection.prefault({}),
  /** Special regimens per diagnosis (sickle cell exchange at the clinic, capped top-ups), src/service/regimen.ts. */
  regimen: regimenSection.prefault({}),
  /** Patient coordinates or a travel matrix: two home visits chained on one trip (src/service/chain.ts). */
  routing: routingSection.prefault({}),
});

/** A validated scenario with every default filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** What a YAML file may contain before defaults. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
