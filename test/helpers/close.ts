import { expect } from 'vitest';

/** Named tolerance check: |actual − expected| ≤ abs + rel·|expected|. */
export function expectClose(actual: number, expected: number, tol: { rel?: number; abs?: number }): void {
  const bound = (tol.abs ?? 0) + (tol.rel ?? 0) * Math.abs(expected);
  if (!(Math.abs(actual - expected) <= bound)) {
    expect.fail(`expected ${actual} to be within ${bound} of ${expected}`);
  }
}
