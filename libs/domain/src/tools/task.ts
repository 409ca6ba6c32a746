import type { z } from 'zod';
import type { TemplateOverrides } from '../templates/templates.js';
import { isZodObject } from '../arguments/zod-object.js';
import { agentHeaderProblems } from './agent.js';
import { agentToolProblems } from './agent-tools.js';
import { describeName, throwIfProblems } from './definition-problems.js';
import { jsonSchemaOf } from './parameters-json-schema.js';
import type { AnyToolDefinition } from './tool.js';
import type { ToolsetDefinition } from './toolset.js';

export interface TaskOptions<Result extends z.ZodObject> {
  readonly name: string;
  readonly instructions: string;
  readonly tools?: readonly AnyToolDefinition[];
  readonly toolsets?: readonly ToolsetDefinition[];
  /** What the task hands back to the activity that ran it. */
  readonly result: Result;
  readonly templates?: TemplateOverrides;
}

/**
 * An agent task (e.g. collecting an email): it pauses the activity that runs it, talks with the
 * user under its own instructions and tools, and completes with a typed result.
 */
export interface TaskDefinition<Result = unknown> {
  readonly kind: 'task';
  readonly name: string;
  readonly instructions: string;
  readonly tools: readonly AnyToolDefinition[];
  readonly toolsets: readonly ToolsetDefinition[];
  readonly result: z.ZodType<Result>;
  readonly templates: TemplateOverrides;
}

export function task<Result extends z.ZodObject>(options: TaskOptions<Result>): TaskDefinition<z.output<Result>> {
  throwIfProblems(`task ${describeName(options?.name)}`, [
    ...agentHeaderProblems(options),
    ...agentToolProblems(options?.tools, options?.toolsets),
    ...resultProblems(options?.result),
  ]);
  return Object.freeze({
    kind: 'task',
    name: options.name,
    instructions: options.instructions,
    tools: Object.freeze([...(options.tools ?? [])]),
    toolsets: Object.freeze([...(options.toolsets ?? [])]),
    result: options.result as unknown as z.ZodType<z.output<Result>>,
    templates: options.templates ?? {},
  });
}

export function isTaskDefinition(value: unknown): value is TaskDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'task';
}

function resultProblems(result: unknown): string[] {
  if (!isZodObject(result)) return ['result must be a zod object schema (z.object({...}))'];
  try {
    jsonSchemaOf(result);
    return [];
  } catch (error) {
    return [`result has no JSON schema form (${error instanceof Error ? error.message : String(error)})`];
  }
}
