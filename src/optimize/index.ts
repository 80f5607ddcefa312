/** Optimize: allocation of home and clinic transfusions across days (episode-assignment MIP). */
export * from './types.js';
export * from './calendar.js';
export * from './episodes.js';
export * from './linearModel.js';
export * from './assemble.js';
export * from './pairs.js';
export * from './diagnose.js';
export * from './exchange.js';
export * from './check.js';
export * from './solverTypes.js';
export { highsModule, loadHighs, solveWithHighs, useHighsModule } from './solveHighs.js';
export { solveWithJsl, toJslModel } from './solveJsl.js';
export { solveGuarded, solveInline, workerPath } from './guard.js';
export * from './plan.js';
export * from './fromTable.js';
export * from './tolerances.js';
export * from './format.js';
