import type { StoredEvent } from '@aside/events/store';

/**
 * What later events refer to by id only, learned from the events that introduced them: a task
 * id reads as its tool and call id (`search_flights c1`), an activity id as itself and its
 * agent (`a2 get_email`). Ids never seen read as themselves.
 */
export class LogNames {
  private readonly tasks = new Map<string, string>();
  private readonly agents = new Map<string, string>();

  learn(event: StoredEvent): void {
    const data = event.data as { readonly taskId?: string; readonly toolName?: string; readonly callId?: string; readonly activityId?: string; readonly agent?: string };
    if (event.type === 'TaskRequested') this.tasks.set(data.taskId!, `${data.toolName} ${data.callId}`);
    if (event.type === 'ActivityStarted' || event.type === 'SessionStarted') this.agents.set(data.activityId!, data.agent!);
  }

  task(taskId: string): string {
    return this.tasks.get(taskId) ?? `task ${taskId}`;
  }

  activity(activityId: string): string {
    const agent = this.agents.get(activityId);
    return agent === undefined ? activityId : `${activityId} ${agent}`;
  }
}
