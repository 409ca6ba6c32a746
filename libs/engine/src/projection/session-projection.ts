import { allTasks, isIdle, pendingBatches, type SessionState } from '@aside/domain';
import type { SessionProjection } from '../api/gateway-api.js';

/** `GET /v1/sessions/:id`: what a client or an operator wants to see of a session's state. */
export function projectSession(state: SessionState, position: number): SessionProjection {
  return {
    sessionId: state.sessionId,
    status: state.status === 'closed' ? 'closed' : 'active',
    agent: state.agent,
    playout: state.playout,
    currentActivityId: state.currentActivityId,
    position,
    activities: Object.values(state.activities).map((activity) => ({
      activityId: activity.activityId,
      agent: activity.agent,
      kind: activity.kind,
      status: activity.status,
      idle: isIdle(state, activity.activityId),
      chat: activity.chat,
    })),
    tasks: allTasks(state).map((task) => ({
      taskId: task.taskId,
      callId: task.callId,
      toolName: task.toolName,
      status: task.status,
      attempt: task.attempt,
      updates: task.updates,
      lastProgress: task.lastProgress,
    })),
    pendingReplies: pendingBatches(state).map((batch) => ({ ownerKey: batch.ownerKey, callIds: batch.entries.map((entry) => entry.callId) })),
  };
}
