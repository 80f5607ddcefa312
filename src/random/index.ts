export * from './streams.js';
export * from './distributions.js';
