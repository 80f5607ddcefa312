/** The generic discrete-event engine: no healthcare words below this folder. */
export * from './heap.js';
export * from './environment.js';
export * from './resource.js';
export * from './store.js';
export * from './monitor.js';
export * from './random.js';
