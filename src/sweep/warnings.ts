/**
 * Sweep warnings listed once: the same warning from many points or replication seeds — often with figures
 * that differ from run to run ("extra sessions add 12%" / "… 15%") — becomes one line saying in how many runs
 * it appeared.
 *
 * Cost: O(total warning text).
 */

/** The warning's shape: every number replaced by `#`. */
export function warningShape(w: string): string {
  return w.replace(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi, '#');
}

/**
 * One line per warning shape, in first-seen order; `(in X of N runs)` when not every run had it, and a note
 * when its figures vary.
 * @example
 * dedupeWarnings([['short by 12%'], ['short by 15%']]); // ['short by 12% (in 2 of 2 runs; figures vary by run)']
 */
export function dedupeWarnings(runs: readonly (readonly string[])[]): string[] {
  const seen = new Map<string, { first: string; runs: number; variants: Set<string> }>();
  for (const list of runs) {
    const inRun = new Set<string>();
    for (const w of list) {
      const key = warningShape(w);
      const entry = seen.get(key) ?? seen.set(key, { first: w, runs: 0, variants: new Set() }).get(key)!;
      entry.variants.add(w);
      if (!inRun.has(key)) { inRun.add(key); entry.runs++; }
    }
  }
  return [...seen.values()].map((e) => {
    const notes = [];
    if (e.runs < runs.length || e.variants.size > 1) notes.push(`in ${e.runs} of ${runs.length} runs`);
    if (e.variants.size > 1) notes.push('figures vary by run');
    return notes.length ? `${e.first} (${notes.join('; ')})` : e.first;
  });
}
