import { describe, expect, it, vi } from 'vitest';
import { expectClose } from '../helpers/close.js';
import { costs, patient, program, settings } from './fixtures.js';

/** A fresh copy of the optimize modules (HiGHS not yet loaded in it). */
async function freshOptimize() {
  vi.resetModules();
  const solveHighs = await import('../../src/optimize/solveHighs.js');
  const share = await import('../../src/optimize/shareHighs.js');
  const optimize = await import('../../src/optimize/index.js');
  return { solveHighs, share, optimize };
}

describe('HiGHS instantiated from a module compiled elsewhere in the process (worker pools share it)', () => {
  it('solves hand-solved instance A (optimum 49) through the shared module', async () => {
    const { share, optimize } = await freshOptimize();
    const data = share.sharedWorkerData();
    expect(data.highs).toBeInstanceOf(WebAssembly.Module);
    // what a pool worker does with piscina's workerData, after a structured clone like the thread boundary's
    share.adoptSharedWorkerData(structuredClone(data));
    const patients = [patient('a', { score: 10 }), patient('b', { score: 20 }), patient('c', { score: 30 })];
    const plan = await optimize.planAllocation(patients, program(), costs(), settings({ objective: 'home' }), { solver: 'highs', guard: 'inline' });
    expect(plan.status).toBe('optimal');
    expectClose(plan.objective!, 49, { abs: 1e-6 });
  });

  it('rejects (does not hang) when the shared module is not HiGHS', async () => {
    const { solveHighs, share } = await freshOptimize();
    const empty = new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    share.adoptSharedWorkerData({ highs: empty });
    await expect(solveHighs.loadHighs()).rejects.toThrow();
  });

  it('ignores workerData without a module', async () => {
    const { solveHighs, share } = await freshOptimize();
    share.adoptSharedWorkerData(undefined);
    share.adoptSharedWorkerData({ highs: 'not a module' });
    const highs = await solveHighs.loadHighs();
    expect(typeof highs.createModel).toBe('function');
  });
});
