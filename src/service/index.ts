/**
 * The service model: calendar, visit lengths, nurses' shifts, capacity, and the clinical figures every stage
 * shares. Pure; imports only scenario types.
 */
export * from './calendar.js';
export * from './capacity.js';
export * from './clinical.js';
export * from './roster.js';
export * from './visit.js';
export * from './thresholds.js';
export * from './timing.js';
export * from './blood.js';
export * from './regimen.js';
export * from './chain.js';
export * from './legs.js';
