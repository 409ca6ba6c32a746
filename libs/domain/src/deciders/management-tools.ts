import { z } from 'zod';

/**
 * The two management tools (SEMANTICS §5). The deciders answer them; the shell offers their
 * schemas to the LLM whenever a GenerationRequested lists their names.
 */
export const GET_RUNNING_TASKS = 'get_running_tasks';
export const CANCEL_TASK = 'cancel_task';

export const MANAGEMENT_TOOL_NAMES: readonly string[] = [GET_RUNNING_TASKS, CANCEL_TASK];

export interface ManagementToolSchema {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export const managementToolSchemas: readonly ManagementToolSchema[] = [
  {
    name: GET_RUNNING_TASKS,
    description: 'List the tools still running in the background, with their call_id, arguments, start time and last progress.',
    parameters: { type: 'object', properties: {}, additionalProperties: false },
  },
  {
    name: CANCEL_TASK,
    description: 'Cancel a tool still running in the background, by the call_id of the call that started it.',
    parameters: {
      type: 'object',
      properties: { call_id: { type: 'string', description: 'The call_id of the running tool call.' } },
      required: ['call_id'],
      additionalProperties: false,
    },
  },
];

/**
 * `cancel_task`'s arguments, validated like any tool's (SEMANTICS §6). A call id is at most 300
 * characters (the log's bound on ids), so a longer one names no task and is refused as such.
 */
export const cancelTaskParameters = z.object({ call_id: z.string().max(300) });

export function isManagementTool(name: string): boolean {
  return MANAGEMENT_TOOL_NAMES.includes(name);
}
