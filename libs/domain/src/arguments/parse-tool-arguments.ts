import { z } from 'zod';
import type { ParsedArguments } from '../tools/descriptors.js';
import { CONFIRM_DUPLICATE_PARAMETER } from '../tools/names.js';
import { argumentErrorMessage, formatPath, jsonTypeName, WHOLE_ARGUMENTS, type ArgumentProblem } from './argument-problems.js';
import { canonicalJson } from './canonical-json.js';
import { describeIssues } from './describe-issues.js';
import { nullAsAbsent } from './null-as-absent.js';
import { DEFAULT_ARGUMENT_LIMITS, readArgumentObject, sizeProblem, type ArgumentLimits } from './read-argument-object.js';
import { isStrictObject, shapeOf } from './zod-object.js';

export interface ParseToolArgumentsOptions {
  /** Refuse unknown keys. Defaults to the schema's own strictness (`z.strictObject`, `.strict()`). */
  readonly strict?: boolean;
  /** The tool runs under `confirm`: read and remove `confirm_duplicate` before validation. */
  readonly duplicateFlag?: boolean;
  readonly limits?: Partial<ArgumentLimits>;
}

/**
 * The one argument validation of every path — sync, async, mocked (SEMANTICS.md §6). Raw
 * arguments (the LLM's JSON text, or a value) go through the tool's zod schema; any failure is
 * one message starting ``Error parsing arguments for `<name>`:`` that lists `path: reason`
 * problems, ready to be the output of a `ToolError`. Never throws, whatever the input.
 */
export function parseToolArguments(
  toolName: string,
  schema: z.ZodObject,
  raw: unknown,
  options: ParseToolArgumentsOptions = {},
): ParsedArguments {
  const fail = (problems: readonly ArgumentProblem[]): ParsedArguments => ({
    ok: false,
    message: argumentErrorMessage(toolName, problems),
  });
  try {
    const limits = { ...DEFAULT_ARGUMENT_LIMITS, ...options.limits };
    const read = readArgumentObject(raw, limits);
    if (!read.ok) return fail([read.problem]);

    const flag = options.duplicateFlag === true ? takeConfirmFlag(read.value) : { confirmDuplicate: false, problems: [] };
    const input = nullAsAbsent(read.value, schema);
    const strictProblems = options.strict === true && !isStrictObject(schema) ? unknownKeyProblems(input, schema) : [];
    const result = z.safeParse(schema, input);
    const problems = [...flag.problems, ...strictProblems, ...(result.success ? [] : describeIssues(result.error.issues, input))];
    if (problems.length > 0 || !result.success) return fail(problems);

    const args = result.data as Record<string, unknown>;
    const canonical = canonicalJson(args);
    // Defaults and transforms can grow the arguments; what is dispatched must still fit an event.
    const oversized = sizeProblem(canonical, limits, 'too large once validated');
    if (oversized !== undefined) return fail([oversized]);
    return { ok: true, args, canonical, confirmDuplicate: flag.confirmDuplicate };
  } catch (error) {
    // A refinement or transform of the tool's own schema threw, or its output is not JSON.
    return fail([{ path: WHOLE_ARGUMENTS, reason: `could not be validated (${error instanceof Error ? error.message : String(error)})` }]);
  }
}

/** Removes the flag from `args` (the body never sees it) and reads it: absent or null is false. */
function takeConfirmFlag(args: Record<string, unknown>): { confirmDuplicate: boolean; problems: ArgumentProblem[] } {
  if (!Object.hasOwn(args, CONFIRM_DUPLICATE_PARAMETER)) return { confirmDuplicate: false, problems: [] };
  const value = args[CONFIRM_DUPLICATE_PARAMETER];
  delete args[CONFIRM_DUPLICATE_PARAMETER];
  if (value === null || typeof value === 'boolean') return { confirmDuplicate: value === true, problems: [] };
  return {
    confirmDuplicate: false,
    problems: [{ path: CONFIRM_DUPLICATE_PARAMETER, reason: `expected boolean, received ${jsonTypeName(value)}` }],
  };
}

function unknownKeyProblems(input: Record<string, unknown>, schema: z.ZodObject): ArgumentProblem[] {
  const shape = shapeOf(schema);
  return Object.keys(input)
    .filter((key) => !Object.hasOwn(shape, key))
    .map((key) => ({ path: formatPath([key]), reason: 'unknown key' }));
}
