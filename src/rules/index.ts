/**
 * Rules stage: short readable rules that describe each segment, with honest metrics, stability and baselines.
 */
export * from './types.js';
export * from './apply.js';
export * from './parse.js';
export * from './text.js';
export * from './labels.js';
export type { RulesSettings } from '../scenario/sections/rules.js';
export * from './learn.js';
export * from './markdown.js';
