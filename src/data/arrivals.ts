/**
 * Patients who join an open cohort during a simulation, drawn like the synthetic generator's patients
 * (src/data/synth.ts) but conditioned on their diagnosis: an archetype is picked with weight share × P(diagnosis
 * | archetype), its attributes are drawn, and the diagnosis is set. Own streams (`cohort/arrivals/…`), so the
 * cohort's draws stay as they are.
 *
 * Cost: O(Σ counts · columns).
 */
import type { Streams } from '../random/index.js';
import { weightedIndex } from '../random/index.js';
import type { Archetype } from './archetypes.js';
import { ARCHETYPES } from './archetypes.js';
import { DIAGNOSES } from './schema.js';
import type { Row } from './synth.js';
import { drawPatient, rowsToTable } from './synth.js';
import type { PatientTable } from './table.js';

/** Diagnoses the synthetic generator can draw a patient for. */
export function arrivalDiagnoses(archetypes: readonly Archetype[] = ARCHETYPES): string[] {
  return DIAGNOSES.filter((d) => archetypes.some((a) => a.diagnosis.some(([x, w]) => x === d && w > 0)));
}

/**
 * Draw `counts[k].count` patients of diagnosis `counts[k].diagnosis`, in that order (ids `A000001`…).
 * @example synthesizeArrivals([{ diagnosis: 'mds', count: 3 }], streams(42)).ids.length; // 3
 */
export function synthesizeArrivals(counts: readonly { readonly diagnosis: string; readonly count: number }[], rngs: Streams,
  archetypes: readonly Archetype[] = ARCHETYPES): PatientTable {
  const family = rngs.child('cohort').child('arrivals');
  const archetypeRng = family.stream('archetype'), attributeRng = family.stream('attributes'), missingRng = family.stream('missing');
  const rows: Row[] = [];
  for (const { diagnosis, count } of counts) {
    const weights = archetypes.map((a) => a.share * (a.diagnosis.find(([x]) => x === diagnosis)?.[1] ?? 0));
    if (!weights.some((w) => w > 0)) throw new Error(`synthesizeArrivals: no archetype has diagnosis ${diagnosis}`);
    for (let j = 0; j < count; j++) {
      const row = drawPatient(archetypes[weightedIndex(archetypeRng, weights)]!, attributeRng);
      row.diagnosis = diagnosis;
      rows.push(row);
    }
  }
  const ids = rows.map((_, i) => `A${String(i + 1).padStart(6, '0')}`);
  return rowsToTable(rows, ids, missingRng);
}
