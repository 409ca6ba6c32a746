import type { AggregateTag } from '../decided-event.js';
import { SESSION_AGGREGATE } from '../decided-event.js';
import type { SessionState } from '../state/session-state.js';
import type { TaskState, TaskTable } from '../state/task-state.js';
import type { BatchState } from '../state/batch-state.js';
import type { ToolDescriptor } from '../../tools/descriptors.js';

/**
 * Owners (SEMANTICS §2): a bare tool's tasks belong to the dispatching activity, an
 * agent-scoped toolset's to the toolset bound to that activity, a session-scoped toolset's to
 * the toolset bound to the session. The key says which, and so which stream holds them.
 */
export function ownerKeyOf(tool: ToolDescriptor, activityId: string): string {
  switch (tool.scope) {
    case 'bare':
      return `activity/${activityId}`;
    case 'agent':
      return `toolset/${activityId}/${tool.toolsetId ?? tool.name}`;
    case 'session':
      return `session/${tool.toolsetId ?? tool.name}`;
  }
}

/** The activity an owner is bound to, or null for a session-scoped toolset. */
export function ownerActivityId(ownerKey: string): string | null {
  if (ownerKey.startsWith('activity/')) return ownerKey.slice('activity/'.length);
  if (ownerKey.startsWith('toolset/')) return ownerKey.slice('toolset/'.length).split('/')[0] ?? null;
  return null;
}

export function ownerAggregate(ownerKey: string): AggregateTag {
  const activityId = ownerActivityId(ownerKey);
  return activityId === null ? SESSION_AGGREGATE : { kind: 'activity', activityId };
}

/** The top-level agent: the bottom of the stack while an agent task runs, else the current one. */
export function topLevelActivityId(state: SessionState): string | null {
  return state.stack[0] ?? state.currentActivityId;
}

/**
 * Where an owner's later items go and who speaks its replies: its activity, or for the session
 * the top-level agent at this moment (a running agent task is not derailed).
 */
export function ownerTargetActivityId(state: SessionState, ownerKey: string): string | null {
  return ownerActivityId(ownerKey) ?? topLevelActivityId(state);
}

function containerTasks(state: SessionState, location: string | null): TaskTable {
  return location === null ? state.tasks : (state.activities[location]?.tasks ?? {});
}

export function ownerTasks(state: SessionState, ownerKey: string): readonly TaskState[] {
  return Object.values(containerTasks(state, ownerActivityId(ownerKey))).filter((task) => task.ownerKey === ownerKey);
}

export function ownerBatches(state: SessionState, ownerKey: string): readonly BatchState[] {
  const activityId = ownerActivityId(ownerKey);
  const batches = activityId === null ? state.batches : (state.activities[activityId]?.batches ?? []);
  return batches.filter((batch) => batch.ownerKey === ownerKey);
}

export function findTask(state: SessionState, taskId: string): TaskState | undefined {
  if (!(taskId in state.taskLocations)) return undefined;
  return containerTasks(state, state.taskLocations[taskId] ?? null)[taskId];
}

/** Every task of the session, across owners, in the order they were requested. */
export function allTasks(state: SessionState): readonly TaskState[] {
  return Object.keys(state.taskLocations)
    .map((taskId) => findTask(state, taskId))
    .filter((task): task is TaskState => task !== undefined);
}
