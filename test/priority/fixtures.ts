/** Small hand-made patient tables for the priority tests. */
import { ingestTable } from '../../src/data/ingest.js';
import type { PatientTable } from '../../src/data/table.js';
import { prioritySection } from '../../src/scenario/sections/priority.js';
import type { PrioritySettings } from '../../src/priority/index.js';

const HEADER =
  'patient_id,age,hb_pre_mean_g_dl,hb_decline_g_dl_week,episodes_12m,units_12m,clinic_hours_12m,distance_km,ecog,lives_alone,caregiver_available,phone_access,reactions_12m,haemolytic_reaction_history,alloantibodies,heart_failure';

/**
 * A: every term at half its anchor (hand-computed score 52.5 with default weights).
 * B: every benefit term at or past its anchor, no caregiver, heart failure (score 75).
 * C: haemolytic history and no phone. D: lives alone without caregiver, 150 km away.
 * E: alloantibodies, lives alone with caregiver unknown.
 */
export const HAND_ROWS = [
  'A,82,8.5,0.5,25,50,60,26,2,0,1,1,1,0,0,0',
  'B,60,7.0,1.0,20,40,200,100,4,0,0,1,0,0,0,1',
  'C,70,8.0,0.5,12,24,50,10,1,0,1,0,0,1,0,0',
  'D,70,8.0,0.5,12,24,50,150,1,1,0,1,0,0,0,0',
  'E,70,8.0,0.5,12,24,50,10,1,1,,1,0,0,1,0',
];

export function handTable(rows: readonly string[] = HAND_ROWS): PatientTable {
  return ingestTable([HEADER, ...rows].join('\n') + '\n', { file: 'hand.csv', missing: 'keep' }).table;
}

export function settings(input: Record<string, unknown> = {}): PrioritySettings {
  return prioritySection.parse(input);
}
