import type { CompleteAgentTask, StartAgentTask } from '../commands.js';
import { activityEvent, sessionEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { nextActivityId } from '../ids.js';
import { requestGeneration } from '../activity/request-generation.js';
import { isCurrent } from '../queries/idle.js';
import { findTask } from '../queries/ownership.js';
import { isDispatchPending } from '../queries/tasks.js';
import { isTerminal } from '../state/task-state.js';
import { returnFromAgentTask } from './agent-task-return.js';

/**
 * A regular tool of the current activity P runs an agent task (SEMANTICS §2): P is paused —
 * nothing of it is torn down, its tasks keep running and its replies wait — and the task's
 * activity becomes current and speaks first. P's dispatch stays in flight, awaiting the result.
 */
export function startAgentTask(decision: Decision, command: StartAgentTask): Decision {
  const task = findTask(decision.state, command.data.taskId);
  if (!task) reject('UNKNOWN_TASK', `No task ${command.data.taskId} in this session`);
  if (isTerminal(task)) reject('TASK_NOT_RUNNING', `Task ${task.taskId} has already finished`);
  const parentActivityId = task.activityId;
  if (!isCurrent(decision.state, parentActivityId)) {
    reject('ACTIVITY_NOT_CURRENT', `Activity ${parentActivityId} that dispatched ${task.callId} is not current`);
  }
  if (task.updates > 0 || !isDispatchPending(decision.state, task)) {
    reject('TASK_ALREADY_ASYNC', `Call ${task.callId} already released its turn; only a regular tool call can await an agent task`);
  }
  const agent = decision.context.registry.agent(command.data.agent);
  if (!agent) reject('UNKNOWN_AGENT', `No agent named "${command.data.agent}" is registered`);
  if (agent.kind !== 'task') reject('NOT_AN_AGENT_TASK', `"${agent.name}" is not an agent task`);

  const taskActivityId = nextActivityId(decision.state);
  const entered = emit(
    decision,
    activityEvent(parentActivityId, 'ActivityPaused', { reason: 'agent_task', taskActivityId }),
    activityEvent(taskActivityId, 'ActivityStarted', {
      activityId: taskActivityId,
      agent: agent.name,
      kind: 'task',
      reason: 'agent_task',
      parentActivityId,
      awaitedByTaskId: task.taskId,
    }),
    sessionEvent('AgentTaskEntered', { parentActivityId, taskActivityId, agent: agent.name, taskId: task.taskId }),
  );
  return requestGeneration(entered, taskActivityId, 'task_start');
}

/** The current agent task completes with its typed result: it closes and its parent resumes. */
export function completeAgentTask(decision: Decision, command: CompleteAgentTask): Decision {
  const activity = decision.state.activities[command.data.activityId];
  if (!activity) reject('ACTIVITY_NOT_FOUND', `No activity ${command.data.activityId} in this session`);
  if (activity.status === 'closed') reject('ACTIVITY_CLOSED', `Activity ${activity.activityId} is closed; it cannot complete or resume anything`);
  if (activity.kind !== 'task') reject('NOT_AN_AGENT_TASK', `Activity ${activity.activityId} runs an agent, not an agent task`);
  if (!isCurrent(decision.state, activity.activityId)) reject('ACTIVITY_NOT_CURRENT', `Activity ${activity.activityId} is not current`);
  return returnFromAgentTask(decision, activity.activityId, 'completed', command.data.result);
}
