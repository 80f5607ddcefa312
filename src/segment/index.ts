/** Segment stage: ensemble (consensus) clustering of patients. */
export * from './segment.js';
export * from './preprocess.js';
export * from './kmeans.js';
export * from './linkage.js';
export * from './ensemble.js';
export * from './consensus.js';
export * from './diagnostics.js';
export * from './choose.js';
export * from './metrics.js';
export * from './profiles.js';
export * from './pca.js';
export * from './output.js';
export * from './extend.js';
