/**
 * Limits: every number in the scenario schema has a range a real program could need, YAML documents are
 * capped in size, and the caps are exit-2 input errors.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { runCli, tempDir } from '../helpers/cli.js';

type Json = { type?: string | string[]; maximum?: number; exclusiveMaximum?: number; properties?: Record<string, Json>; items?: Json | Json[]; prefixItems?: Json[]; anyOf?: Json[]; oneOf?: Json[]; additionalProperties?: Json | boolean; enum?: unknown[]; const?: unknown };

/** Every numeric leaf of a JSON schema without an upper bound, by path. */
function unbounded(s: Json, path: string, out: string[]): string[] {
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if ((types.includes('number') || types.includes('integer')) && s.maximum === undefined && s.exclusiveMaximum === undefined && s.enum === undefined && s.const === undefined) out.push(path);
  for (const [k, v] of Object.entries(s.properties ?? {})) unbounded(v, `${path}.${k}`, out);
  for (const v of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.prefixItems ?? [])]) unbounded(v, path, out);
  if (s.items) for (const v of Array.isArray(s.items) ? s.items : [s.items]) unbounded(v, `${path}[]`, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') unbounded(s.additionalProperties, `${path}.*`, out);
  return out;
}

describe('scenario limits', () => {
  it('every number in the scenario schema has a maximum', () => {
    const json = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Json;
    // target_segments accepts a number as a segment *name* (turned into text), not a quantity
    expect(unbounded(json, 'scenario', []).filter((p) => p !== 'scenario.priority.target_segments[]')).toEqual([]);
  });

  it('a scenario beyond 1,000,000 characters is refused (exit 2)', () => {
    const dir = tempDir('rel-limits-');
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `seed: 1\ndescription: "${'x'.repeat(1_000_001)}"\n`);
    const r = runCli(['validate', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big\.yaml: YAML document has \d+ characters; at most 1000000 are read/);
  });

  it('values at the new bounds validate; one step beyond is refused with its YAML path', () => {
    const dir = tempDir('rel-limits-');
    const ok = join(dir, 'ok.yaml');
    writeFileSync(ok, 'seed: 1\nprogram: { nurses: 1000, clinic_chairs: 10000 }\ncosts: { unit_cost: 100000 }\n');
    expect(runCli(['validate', ok]).code).toBe(0);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'seed: 1\nprogram: { nurses: 1001 }\ncosts: { unit_cost: 1e12 }\n');
    const r = runCli(['validate', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/program\.nurses: Too big/);
    expect(r.stderr).toMatch(/costs\.unit_cost: Too big/);
  });
});
