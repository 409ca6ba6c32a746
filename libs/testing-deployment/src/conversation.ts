import type { StoredEvent } from '@aside/events/store';
import { eventually } from '@aside/testing';
import { delivered } from './audit-log.js';
import { callTools } from './fake-openai.js';
import type { SessionsClient } from './sessions-client.js';
import type { SessionView, TaskView } from './session-view.js';

export interface StartedTask {
  readonly callId: string;
  readonly taskId: string;
}

export interface Conversation {
  readonly sessionId: string;
  readonly tasks: readonly StartedTask[];
}

/** Where a body said it runs ("attempt N running on pid P"), from the task's last progress. */
export function runningOn(task: TaskView): { readonly attempt: number; readonly pid: number } | undefined {
  const match = /^attempt (\d+) running on pid (\d+)$/.exec(task.lastProgress ?? '');
  return match ? { attempt: Number(match[1]), pid: Number(match[2]) } : undefined;
}

/**
 * Opens a session on the gateway whose first turn makes the model call `await_release` once per
 * call id (the label is the call id); resolves once every task is requested. With `client`
 * playout the caller reports each speech's playout (the agent is not idle until it did).
 */
export async function startConversation(client: SessionsClient, callIds: readonly string[], detail: () => string, playout: 'instant' | 'client' = 'instant'): Promise<Conversation> {
  const sessionId = await client.createSession('worker', playout);
  await client.submitTurn(sessionId, callTools(callIds.map((callId) => ({ callId, name: 'await_release', arguments: { label: callId } }))));
  const tasks = await eventually(
    `${callIds.length} task(s) requested in ${sessionId}`,
    async () => {
      const { tasks: seen } = await client.getSession(sessionId);
      const found = callIds.map((callId) => seen.find((task) => task.callId === callId));
      return found.every((task) => task !== undefined) && found.map((task) => ({ callId: task.callId, taskId: task.taskId }));
    },
    { detail },
  );
  return { sessionId, tasks };
}

/**
 * Resolves once every task of the conversation runs its `attempt` (its update folded) and the
 * agent is idle again (its acknowledgement spoken): the session waits for nothing but results.
 * Returns each task's runner pid, by call id.
 */
export async function untilRunning(client: SessionsClient, conversation: Conversation, attempt: number, detail: () => string): Promise<Map<string, number>> {
  return eventually(
    `attempt ${attempt} of ${conversation.tasks.length} task(s) running in ${conversation.sessionId}, the agent idle`,
    async () => {
      const session = await client.getSession(conversation.sessionId);
      const pids = new Map<string, number>();
      for (const { callId } of conversation.tasks) {
        const where = runningOn(session.tasks.find((task) => task.callId === callId)!);
        if (where?.attempt === attempt) pids.set(callId, where.pid);
      }
      return pids.size === conversation.tasks.length && session.activities.every((activity) => activity.idle) && pids;
    },
    { detail },
  );
}

/** Resolves with the audit log once every task succeeded and each result's deferred reply was recorded and spoken. */
export async function untilDelivered(client: SessionsClient, conversation: Conversation, detail: () => string): Promise<StoredEvent[]> {
  const finished = conversation.tasks.map((task) => `${task.callId}_finished`);
  return eventually(
    `every result of ${conversation.sessionId} delivered`,
    async () => {
      const session = await client.getSession(conversation.sessionId);
      if (!session.tasks.every((task) => task.status === 'succeeded') || !session.activities.every((activity) => activity.idle)) return undefined;
      const log = await client.auditLog(conversation.sessionId);
      return delivered(log, finished) && log;
    },
    { detail, timeoutMs: 15_000 },
  );
}

/** The function_call_output items of the session's (one) agent, by call id. */
export function outputsOf(session: SessionView): Map<string, { readonly output: string; readonly isError: boolean }> {
  const outputs = new Map<string, { output: string; isError: boolean }>();
  for (const item of session.activities[0]?.chat ?? []) {
    const entry = item as { type: string; callId: string; output: string; isError: boolean };
    if (entry.type === 'function_call_output') outputs.set(entry.callId, { output: entry.output, isError: entry.isError });
  }
  return outputs;
}
