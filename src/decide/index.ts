/**
 * Decisions with confidence: capacity search, the recommendation rule, global sensitivity indices and
 * target parsing. Pure functions; procedures that need model runs are generators driven by `drive.ts`.
 */
export * from './bootstrap.js';
export * from './capacity.js';
export * from './capacityMulti.js';
export * from './constraints.js';
export * from './drive.js';
export * from './levelTest.js';
export * from './monotone.js';
export * from './policyChoice.js';
export * from './morris.js';
export * from './nested.js';
export * from './recommend.js';
export * from './saltelli.js';
export * from './sobol.js';
export * from './target.js';
export * from './uncertainty.js';
