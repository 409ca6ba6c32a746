import { COMPLETE_TASK_TOOL } from './names.js';
import type { TaskDefinition } from './task.js';
import type { AnyToolDefinition } from './tool.js';

/**
 * How an agent task ends: the registry gives every task this tool, whose parameters are the
 * task's result schema. The LLM calls it once it has the result; the arguments are validated
 * like any tool's (SEMANTICS §6), and the body hands them to the gateway, which closes the task
 * and resumes the activity that ran it.
 */
export function completeTaskTool(task: TaskDefinition): AnyToolDefinition {
  return Object.freeze({
    kind: 'tool',
    name: COMPLETE_TASK_TOOL,
    description: `Call this once you have everything "${task.name}" needs, with the result, to finish the task and return to the conversation it came from.`,
    parameters: task.result as unknown as AnyToolDefinition['parameters'],
    execute: async (result: unknown, ctx) => {
      if (!ctx.completeAgentTask) throw new Error(`${COMPLETE_TASK_TOOL} can only run inside the gateway that runs the task`);
      await ctx.completeAgentTask(result);
      return null;
    },
    onDuplicate: { mode: 'allow', scope: 'name' },
    cancellable: false,
    timeoutMs: null,
    retries: 0,
    delivery: 'silent',
  });
}
