// libs/domain: the pure core. Deciders and rules with no IO, no clock, no random ids; it
// imports zod and the pure entry point of @aside/events only (enforced by lint).
export * from './tools/index.js';
export * from './arguments/index.js';
export * from './templates/index.js';
export * from './deciders/index.js';
