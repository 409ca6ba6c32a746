import type { ChangeUserState, GenerateReply, SubmitUserTurn } from '../commands.js';
import { activityEvent, sessionEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { requestGeneration } from '../activity/request-generation.js';
import { isCurrent } from '../queries/idle.js';

export function currentActivityId(decision: Decision): string {
  const current = decision.state.currentActivityId;
  if (current === null || !isCurrent(decision.state, current)) reject('ACTIVITY_NOT_CURRENT', 'No activity is current');
  return current;
}

/** The user's turn is committed: it ends any speaking / end-of-turn state and the current activity answers. */
export function submitUserTurn(decision: Decision, command: SubmitUserTurn): Decision {
  const activityId = currentActivityId(decision);
  let next = decision;
  if (next.state.user.speaking || next.state.user.endOfTurnPending) {
    next = emit(next, sessionEvent('UserStateChanged', { speaking: false, endOfTurnPending: false }));
  }
  next = emit(next, activityEvent(activityId, 'ChatItemAdded', { item: { type: 'message', role: 'user', text: command.data.text } }));
  return requestGeneration(next, activityId, 'user_turn', { allowInterruptions: command.data.allowInterruptions ?? true });
}

/**
 * The user started or stopped speaking (and whether an end-of-turn decision is pending). Either
 * blocks idle; the moment both clear, the settle step may deliver a pending reply.
 */
export function changeUserState(decision: Decision, command: ChangeUserState): Decision {
  const speaking = command.data.speaking;
  const endOfTurnPending = command.data.endOfTurnPending ?? false;
  const { user } = decision.state;
  if (user.speaking === speaking && user.endOfTurnPending === endOfTurnPending) return decision;
  return emit(decision, sessionEvent('UserStateChanged', { speaking, endOfTurnPending }));
}

export function generateReply(decision: Decision, command: GenerateReply): Decision {
  return requestGeneration(decision, currentActivityId(decision), 'explicit', {
    instructions: command.data.instructions ?? null,
    allowInterruptions: command.data.allowInterruptions ?? true,
  });
}
