/** Priority: eligibility, an explained 0–100 score, ranking, robustness of the ranking, AHP weights. */
export * from './model.js';
export * from './ahp.js';
export * from './terms.js';
export * from './normalise.js';
export * from './eligibility.js';
export * from './rank.js';
export * from './score.js';
export * from './tolerances.js';
export * from './robustness.js';
export * from './capacity.js';
export * from './targets.js';
export * from './summary.js';
export * from './output.js';
export * from './prioritise.js';
