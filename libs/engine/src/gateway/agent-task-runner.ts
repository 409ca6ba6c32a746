import type { AsideEventData } from '@aside/events';
import type { TaskDefinition } from '@aside/domain';
import type { EngineCommand, SessionEngine } from '../sessions/session-engine.js';
import type { GatewayToolHooks, TaskJob } from '../task-queue/task-queue.js';

type Send = (sessionId: string, commandId: string, command: Omit<EngineCommand, 'metadata'>) => Promise<void>;

/**
 * `ctx.runTask(task)` and `complete_task` (SEMANTICS §2): a gateway tool body starts an agent
 * task — its activity pauses, the task's becomes current — and waits until the session records
 * the task's return; the task's `complete_task` call hands the typed result back.
 */
export function agentTaskHooks(engine: SessionEngine, send: Send): GatewayToolHooks {
  return {
    async runAgentTask(job: TaskJob, task: TaskDefinition<unknown>): Promise<unknown> {
      const returned = new Promise<AsideEventData<'AgentTaskReturned'>>((resolve) => {
        const stop = engine.onCommitted((committed) => {
          if (committed.sessionId !== job.sessionId) return;
          const event = committed.events.find((candidate) => candidate.type === 'AgentTaskReturned' && candidate.data.taskId === job.taskId);
          if (!event) return;
          stop();
          resolve(event.data as AsideEventData<'AgentTaskReturned'>);
        });
      });
      await send(job.sessionId, `${job.taskId}.run-task`, { type: 'StartAgentTask', data: { taskId: job.taskId, agent: task.name } });
      const outcome = await returned;
      if (outcome.outcome !== 'completed') throw new Error(`Agent task "${task.name}" was aborted before it completed`);
      return task.result.parse(outcome.result);
    },
    async completeAgentTask(job: TaskJob, result: unknown): Promise<void> {
      await send(job.sessionId, `${job.taskId}.complete`, { type: 'CompleteAgentTask', data: { activityId: job.activityId, result } });
    },
  };
}
