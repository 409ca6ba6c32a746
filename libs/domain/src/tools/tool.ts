import type { z } from 'zod';
import { isZodObject, shapeOf } from '../arguments/zod-object.js';
import type { DeliveryMode, DuplicatePolicy } from './descriptors.js';
import { describeName, isNonNegativeInteger, throwIfProblems } from './definition-problems.js';
import { normaliseDuplicateOption, type DuplicateOption } from './duplicate-option.js';
import { COMPLETE_TASK_TOOL, CONFIRM_DUPLICATE_PARAMETER, RESERVED_TOOL_NAMES, TOOL_NAME_PATTERN } from './names.js';
import { jsonSchemaOf } from './parameters-json-schema.js';
import type { ToolContext } from './tool-context.js';

export interface ToolOptions<Params extends z.ZodObject, Result> {
  readonly name: string;
  /** Tells the LLM when to call the tool. */
  readonly description: string;
  readonly parameters: Params;
  /** The body: runs only on validated arguments (defaults applied, `confirm_duplicate` removed). */
  readonly execute: (args: z.output<Params>, ctx: ToolContext) => Promise<Result> | Result;
  /** Defaults to the toolset's policy, else `reject` (SEMANTICS.md §4). */
  readonly onDuplicate?: DuplicateOption;
  /** Default true. A non-cancellable task refuses `cancel_task` and keeps running. */
  readonly cancellable?: boolean;
  /** Per attempt. No timeout when left out. */
  readonly timeoutMs?: number;
  /** Extra attempts after a crash or timeout. Default 0. */
  readonly retries?: number;
  /** How background results are spoken. Default `when_idle` (SEMANTICS.md §7). */
  readonly delivery?: DeliveryMode;
}

export interface ToolDefinition<Params extends z.ZodObject = z.ZodObject, Result = unknown> {
  readonly kind: 'tool';
  readonly name: string;
  readonly description: string;
  readonly parameters: Params;
  readonly execute: (args: z.output<Params>, ctx: ToolContext) => Promise<Result> | Result;
  /** The tool's own policy; undefined lets its toolset (or the bare default) decide. */
  readonly onDuplicate: DuplicatePolicy | undefined;
  readonly cancellable: boolean;
  readonly timeoutMs: number | null;
  readonly retries: number;
  readonly delivery: DeliveryMode;
}

/** Any tool, whatever its parameters and result: what agents and toolsets hold. */
// `any` because a body typed for its own parameters cannot be called with arbitrary ones.
export type AnyToolDefinition = ToolDefinition<any, any>;

const DELIVERY_MODES: readonly DeliveryMode[] = ['when_idle', 'interrupt', 'silent'];

export function tool<Params extends z.ZodObject, Result>(options: ToolOptions<Params, Result>): ToolDefinition<Params, Result> {
  const name: unknown = options?.name;
  const onDuplicate = options?.onDuplicate === undefined ? undefined : normaliseDuplicateOption(options.onDuplicate);
  throwIfProblems(`tool ${describeName(name)}`, [
    ...nameProblems(name),
    ...(typeof options?.description === 'string' && options.description.trim() !== ''
      ? []
      : ['description must be a non-empty string']),
    ...parameterProblems(options?.parameters),
    ...(typeof options?.execute === 'function' ? [] : ['execute must be a function']),
    ...(typeof onDuplicate === 'string' ? [onDuplicate] : []),
    ...optionProblems(options ?? ({} as ToolOptions<Params, Result>)),
  ]);
  return Object.freeze({
    kind: 'tool',
    name: options.name,
    description: options.description,
    parameters: options.parameters,
    execute: options.execute,
    onDuplicate: onDuplicate as DuplicatePolicy | undefined,
    cancellable: options.cancellable ?? true,
    timeoutMs: options.timeoutMs ?? null,
    retries: options.retries ?? 0,
    delivery: options.delivery ?? 'when_idle',
  });
}

export function isToolDefinition(value: unknown): value is AnyToolDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tool';
}

function nameProblems(name: unknown): string[] {
  if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name)) {
    return [`name must match ${TOOL_NAME_PATTERN} (letters, digits, _ and -, at most 64, not starting with a digit)`];
  }
  if (name === COMPLETE_TASK_TOOL) return [`name \`${name}\` is reserved for completing agent tasks`];
  if (RESERVED_TOOL_NAMES.includes(name)) return [`name \`${name}\` is reserved for the management tools`];
  return [];
}

function parameterProblems(parameters: unknown): string[] {
  if (!isZodObject(parameters)) return ['parameters must be a zod object schema (z.object({...}))'];
  if (Object.hasOwn(shapeOf(parameters), CONFIRM_DUPLICATE_PARAMETER)) {
    return [`parameter \`${CONFIRM_DUPLICATE_PARAMETER}\` is reserved for the duplicate policy`];
  }
  try {
    jsonSchemaOf(parameters);
    return [];
  } catch (error) {
    return [`parameters have no JSON schema form for the LLM (${error instanceof Error ? error.message : String(error)})`];
  }
}

function optionProblems(options: ToolOptions<z.ZodObject, unknown>): string[] {
  const problems: string[] = [];
  if (options.cancellable !== undefined && typeof options.cancellable !== 'boolean') {
    problems.push('cancellable must be a boolean');
  }
  if (options.timeoutMs !== undefined && !(isNonNegativeInteger(options.timeoutMs) && options.timeoutMs > 0)) {
    problems.push('timeoutMs must be a positive integer');
  }
  if (options.retries !== undefined && !isNonNegativeInteger(options.retries)) {
    problems.push('retries must be a non-negative integer');
  }
  if (options.delivery !== undefined && !DELIVERY_MODES.includes(options.delivery)) {
    problems.push(`delivery must be one of ${DELIVERY_MODES.join(', ')}`);
  }
  return problems;
}
