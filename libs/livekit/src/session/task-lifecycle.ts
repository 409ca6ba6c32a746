import type { AsideEvent } from '@aside/events';
import type { StoredEvent } from '@aside/events/store';
import type { TaskLifecycleMessage } from '../protocol/task-messages.js';

interface KnownTask {
  readonly callId: string;
  readonly tool: string;
  /** A cancelled task also ends with a `cancelled` failure: one message for both. */
  ended: boolean;
}

/** What a front end may show of a failure: an internal error's detail stays in the audit log (SEMANTICS §6). */
const INTERNAL_ERROR_TEXT = 'An internal error occurred';

/**
 * Turns a session's log into the `aside.tasks` messages of its background tasks: started (each
 * attempt), progress, finished, cancelled. Fed every event in log order; remembers each task's
 * call id and tool from its `TaskRequested` (or, for a session resumed mid-way, from `know`).
 */
export class TaskLifecycle {
  private readonly tasks = new Map<string, KnownTask>();

  constructor(private readonly sessionId: string) {}

  /** A task requested before the point the log is followed from (a resumed session). */
  know(task: { readonly taskId: string; readonly callId: string; readonly toolName: string; readonly ended: boolean }): void {
    this.tasks.set(task.taskId, { callId: task.callId, tool: task.toolName, ended: task.ended });
  }

  messagesFor(stored: StoredEvent): TaskLifecycleMessage[] {
    // The store validated and upcast the event against the catalogue when it read it.
    const event = { type: stored.type, data: stored.data } as AsideEvent;
    if (event.type === 'TaskRequested') {
      this.tasks.set(event.data.taskId, { callId: event.data.callId, tool: event.data.toolName, ended: false });
      return [];
    }
    if (!isTaskEvent(event)) return [];
    const task = this.tasks.get(event.data.taskId);
    if (task === undefined || task.ended) return [];
    const ref = { v: 1 as const, sessionId: this.sessionId, taskId: event.data.taskId, callId: task.callId, tool: task.tool, at: stored.occurredAt, position: stored.position };
    switch (event.type) {
      case 'TaskStarted':
        return [{ type: 'task.started', ...ref, attempt: event.data.attempt }];
      case 'TaskProgressed':
        return [{ type: 'task.progress', ...ref, message: event.data.message, update: event.data.update }];
      case 'TaskSucceeded':
        task.ended = true;
        return [{ type: 'task.finished', ...ref, outcome: 'succeeded', error: null }];
      case 'TaskFailed':
        task.ended = true;
        if (event.data.kind === 'cancelled') return [{ type: 'task.cancelled', ...ref, reason: 'cancelled' }];
        return [{ type: 'task.finished', ...ref, outcome: 'failed', error: { kind: event.data.kind, message: event.data.kind === 'internal' ? INTERNAL_ERROR_TEXT : event.data.message } }];
      case 'TaskCancelRequested':
        task.ended = true;
        return [{ type: 'task.cancelled', ...ref, reason: event.data.reason }];
    }
  }
}

type TaskEvent = Extract<AsideEvent, { readonly type: 'TaskStarted' | 'TaskProgressed' | 'TaskSucceeded' | 'TaskFailed' | 'TaskCancelRequested' }>;

function isTaskEvent(event: AsideEvent): event is TaskEvent {
  return ['TaskStarted', 'TaskProgressed', 'TaskSucceeded', 'TaskFailed', 'TaskCancelRequested'].includes(event.type);
}
