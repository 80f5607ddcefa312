export * from './table.js';
export * from './schema.js';
export * from './csv.js';
export * from './ingest.js';
export * from './archetypes.js';
export * from './synth.js';
export * from './format.js';
export * from './csvText.js';
