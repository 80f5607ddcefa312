/**
 * Records keyed by data (column names, category levels): no prototype, so a column called `__proto__`,
 * `constructor` or `toString` is an ordinary key — stored, listed, serialised — never an inherited member.
 */

/**
 * An empty record without a prototype. Cost: O(1).
 * @example
 * const counts = dict<number>(); counts['__proto__'] = 1; Object.keys(counts); // ['__proto__']
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
