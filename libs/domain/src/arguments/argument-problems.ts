import { argumentErrorPrefix } from '../templates/fixed-texts.js';

/** One thing wrong with a call's arguments: where (`city`, `stops[2].name`) and why. */
export interface ArgumentProblem {
  readonly path: string;
  readonly reason: string;
}

/** The path of a problem with the arguments as a whole (not JSON, not an object…). */
export const WHOLE_ARGUMENTS = 'arguments';

// The message goes back into the LLM's context: a hostile call with thousands of bad entries or
// megabyte-long keys must not turn into a megabyte-long error.
const MAX_PROBLEMS_SHOWN = 10;
const MAX_PROBLEM_LENGTH = 300;
const MAX_KEY_LENGTH = 64;

export function argumentErrorMessage(toolName: string, problems: readonly ArgumentProblem[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => clip(`${problem.path}: ${problem.reason}`, MAX_PROBLEM_LENGTH));
  const hidden = problems.length - shown.length;
  const more = hidden > 0 ? [`and ${hidden} more problem${hidden === 1 ? '' : 's'}`] : [];
  return `${argumentErrorPrefix(toolName)} ${[...shown, ...more].join('; ')}`;
}

/** `stops[2].name`; the arguments themselves when the path is empty. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return WHOLE_ARGUMENTS;
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = clip(String(segment), MAX_KEY_LENGTH);
      return index === 0 ? key : `.${key}`;
    })
    .join('');
}

/** The JSON kind of a value, as the LLM knows it. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
