import type { CloseSession } from '../commands.js';
import { sessionEvent } from '../decided-event.js';
import { emit, forEach, type Decision } from '../decision.js';
import { isOpen } from '../state/activity-state.js';
import { isTerminal } from '../state/task-state.js';
import { cancelTask } from '../tasks/cancel-task.js';
import { closeActivity } from './close-activity.js';

/**
 * SEMANTICS §2: closing the session cancels every task of every scope, delivers no reply
 * (pending ones are dropped with reason `session_closed`) and closes every activity, the
 * current one first, then the paused parents from the innermost out. The shell wakes every
 * waiter when it sees `SessionClosed`.
 */
export function closeSession(decision: Decision, command: CloseSession): Decision {
  const { state } = decision;
  const order = [state.currentActivityId, ...[...state.stack].reverse(), ...Object.keys(state.activities)];
  const open = [...new Set(order)].filter((id): id is string => id !== null && isOpen(state.activities[id]!));
  let next = forEach(decision, open, (d, activityId) => closeActivity(d, activityId, 'session_closed'));
  next = forEach(next, next.state.batches, (d, batch) =>
    emit(d, sessionEvent('ReplyDropped', { ownerKey: batch.ownerKey, reason: 'session_closed', entries: [...batch.entries] })),
  );
  const live = Object.values(next.state.tasks).filter((task) => !isTerminal(task));
  next = forEach(next, live, (d, task) => cancelTask(d, task, 'session_closed', null, { closing: true }));
  return emit(next, sessionEvent('SessionClosed', { reason: command.data.reason }));
}
