export { parseToolArguments } from './parse-tool-arguments.js';
export type { ParseToolArgumentsOptions } from './parse-tool-arguments.js';
export { readConfirmFlag } from './read-confirm-flag.js';
export { DEFAULT_ARGUMENT_LIMITS } from './read-argument-object.js';
export type { ArgumentLimits } from './read-argument-object.js';
export { canonicalJson } from './canonical-json.js';
export { recordedArguments } from './recorded-arguments.js';
export { storedSize } from './stored-size.js';
