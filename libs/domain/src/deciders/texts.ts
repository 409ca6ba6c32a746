import { listedArguments } from '../arguments/recorded-arguments.js';
import type { TaskState } from './state/task-state.js';

// Texts the deciders write that the fixed texts of templates/ do not cover.

export const unknownToolText = (name: string): string => `Error: there is no tool named \`${name}\` available to you.`;

export const replaceFailedDetail = (blocked: readonly { readonly callId: string; readonly reason: string }[]): string =>
  blocked.map((call) => `call ${call.callId} is not cancellable (${call.reason})`).join('; ');

/** `get_running_tasks` output: a JSON list, or an empty output when nothing runs. */
export function runningTasksText(tasks: readonly TaskState[]): string {
  if (tasks.length === 0) return '';
  return JSON.stringify(
    tasks.map((task) => ({
      call_id: task.callId,
      name: task.toolName,
      arguments: listedArguments(task.canonicalArguments),
      started_at: task.requestedAt,
      attempt: task.attempt,
      last_progress: task.lastProgress,
    })),
  );
}

export const foreignItemsWarning = (callIds: readonly string[], activityIds: readonly string[], deliveringActivityId: string): string =>
  `Items of calls [${callIds.join(', ')}] were written into the chat context of activity ${activityIds.join(', ')} ` +
  `before a handoff; they are included in the reply context of activity ${deliveringActivityId} for this one generation.`;

/** A timeout's output: the runner's message when it gave one. */
export const timedOutText = (toolName: string, message: string): string =>
  message.trim() === '' ? `Tool \`${toolName}\` timed out.` : message;
