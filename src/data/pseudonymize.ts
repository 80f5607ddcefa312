/**
 * Keyed pseudonyms for patient ids: `P-` + the first 12 hex digits of HMAC-SHA-256(key, id). The same key and
 * id always give the same pseudonym (runs stay comparable); without the key an id cannot be looked up.
 */
import { createHmac } from 'node:crypto';
import type { PatientTable } from './table.js';

/** 48 bits: collision chance ≈ n²/2⁴⁹, about 0.2% at a million patients (checked below, never silent). */
export const PSEUDONYM_HEX_DIGITS = 12;

/** The key used when the scenario gives none: repeatable from the seed, so not secret. */
export function defaultPseudonymKey(seed: number): string {
  return `carestrata-seed-${seed}`;
}

/**
 * Pseudonyms for `ids`, in order. Throws if two ids map to the same pseudonym (astronomically rare; the
 * caller can change the key). Cost: O(n) HMACs, ~1 µs each.
 * @example
 * pseudonymize(['p1', 'p2'], 'secret'); // ['P-…', 'P-…']
 */
export function pseudonymize(ids: readonly string[], key: string): string[] {
  const out = ids.map((id) => `P-${createHmac('sha256', key).update(id).digest('hex').slice(0, PSEUDONYM_HEX_DIGITS)}`);
  if (new Set(out).size !== new Set(ids).size) throw new Error('pseudonymize: two ids share a pseudonym; choose another report.pseudonym_key');
  return out;
}

/** The table with its ids replaced by pseudonyms (columns shared, not copied). Cost: O(n). */
export function pseudonymizeTable(table: PatientTable, key: string): PatientTable {
  return { ...table, ids: pseudonymize(table.ids, key) };
}
