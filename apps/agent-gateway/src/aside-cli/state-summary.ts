import { allTasks, isCurrent, isIdle, ownerTargetActivityId, pendingBatches, type BatchState, type SessionState, type TaskState } from '@aside/domain';

/**
 * A session's state for a person: where the conversation is, every activity, every task with
 * its state and last progress, the replies still waiting (and why they wait), deliveries under
 * way and late results. `aside replay --json` prints the whole state instead.
 */
export function summariseState(state: SessionState, position: number): string[] {
  const lines = [`${state.sessionId}: ${state.status}, agent ${state.agent}, playout ${state.playout}, at log position ${position}`];
  const current = state.currentActivityId;
  const user = state.user.speaking ? 'user speaking' : state.user.endOfTurnPending ? 'user turn ending' : 'user silent';
  lines.push(`current activity: ${current === null ? 'none' : `${current} ${state.activities[current]?.agent ?? ''} (${isIdle(state, current) ? 'idle' : 'busy'})`}; ${user}`);

  const activities = Object.values(state.activities);
  lines.push(`activities (${activities.length}):`);
  const idWidth = widest(activities.map((activity) => activity.activityId));
  const agentWidth = widest(activities.map((activity) => activity.agent));
  for (const activity of activities) {
    const notes = [isCurrent(state, activity.activityId) ? 'current' : '', `${activity.chat.length} chat items`].filter(Boolean).join(', ');
    lines.push(`  ${activity.activityId.padEnd(idWidth)}  ${activity.agent.padEnd(agentWidth)}  ${activity.kind.padEnd(5)} ${activity.status.padEnd(8)} ${notes}`);
  }

  const tasks = allTasks(state);
  lines.push(`tasks (${tasks.length}):`);
  const callWidth = widest(tasks.map((task) => `${task.toolName} ${task.callId}`));
  for (const task of tasks) lines.push(`  ${`${task.toolName} ${task.callId}`.padEnd(callWidth)}  ${task.status.padEnd(9)} ${taskDetail(task)}`);

  const batches = pendingBatches(state);
  lines.push(`pending replies (${batches.length}):`);
  for (const batch of batches) lines.push(`  batch ${batch.batchOrder} of ${batch.ownerKey} (${batch.mode}): [${batch.entries.map((entry) => entry.callId).join(', ')}], ${whyWaiting(state, batch)}`);

  const deliveries = Object.values(state.deliveries).filter((delivery) => delivery.status === 'generating' || delivery.status === 'speaking');
  if (deliveries.length > 0) {
    lines.push(`replies being delivered (${deliveries.length}):`);
    for (const delivery of deliveries) lines.push(`  ${delivery.deliveryId} ${delivery.status} by ${delivery.activityId}: [${delivery.entries.map((entry) => entry.callId).join(', ')}]`);
  }
  const late = Object.values(state.lateDeliveries);
  if (late.length > 0) {
    lines.push(`late results (${late.length}):`);
    for (const delivery of late) lines.push(`  ${delivery.toolName} ${delivery.callId} ${delivery.status}, ${delivery.attempts} attempts`);
  }
  return lines;
}

function widest(texts: readonly string[]): number {
  return Math.max(0, ...texts.map((text) => text.length));
}

function taskDetail(task: TaskState): string {
  const parts = [`attempt ${task.attempt}`, `${task.updates} update${task.updates === 1 ? '' : 's'}`];
  if (task.lastProgress !== null) parts.push(`last ${JSON.stringify(task.lastProgress)}`);
  if (task.cancelReason !== null) parts.push(`cancelled: ${task.cancelReason}`);
  return parts.join(', ');
}

/** SEMANTICS §7: a reply waits until the activity it targets is current and idle. */
function whyWaiting(state: SessionState, batch: BatchState): string {
  if (state.status === 'closed') return 'session closed';
  const target = ownerTargetActivityId(state, batch.ownerKey);
  if (target === null) return 'waiting for its target activity';
  if (state.activities[target]?.status === 'paused') return `waiting: ${target} paused for an agent task`;
  if (!isCurrent(state, target)) return `waiting: ${target} not current`;
  if (state.user.speaking || state.user.endOfTurnPending) return 'waiting: user talking';
  if (state.playing !== null || state.speechQueue.length > 0) return 'waiting: agent speaking';
  return isIdle(state, target) ? 'due now' : `waiting: ${target} busy`;
}
