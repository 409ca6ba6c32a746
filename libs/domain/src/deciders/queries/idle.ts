import { isRunning, type ActivityState } from '../state/activity-state.js';
import type { SessionState } from '../state/session-state.js';

/** SEMANTICS §7: started, not paused, not closed — and the one the session points at. */
export function isCurrent(state: SessionState, activityId: string): boolean {
  const activity = state.activities[activityId];
  return state.status === 'active' && state.currentActivityId === activityId && activity !== undefined && isRunning(activity);
}

/**
 * SEMANTICS §7: current, and nothing going on: no speech queued or playing (the session has one
 * audio output, so any activity's speech counts), none being generated (an LLM request or a
 * deferred reply of this activity), no dispatch in flight (a tool awaiting an agent task
 * included), the user not speaking and no end-of-turn decision pending.
 */
export function isIdle(state: SessionState, activityId: string): boolean {
  return isCurrent(state, activityId) && isQuiet(state, activityId) && state.speechQueue.length === 0 && state.playing === null;
}

/**
 * An `interrupt`-delivery reply may cut in on agent speech (if that speech allows
 * interruptions), never on the user, and never into a turn that is still being decided.
 */
export function canCutIn(state: SessionState, activityId: string): boolean {
  if (!isCurrent(state, activityId) || !isQuiet(state, activityId)) return false;
  return audibleSpeeches(state).every((speech) => speech.allowInterruptions);
}

export function isGenerating(state: SessionState, activityId: string): boolean {
  const activity = state.activities[activityId];
  if (activity && Object.values(activity.generations).some((generation) => generation.status === 'requested')) return true;
  return Object.values(state.deliveries).some((delivery) => delivery.activityId === activityId && delivery.status === 'generating');
}

export function hasDispatchInFlight(activity: ActivityState): boolean {
  return Object.values(activity.generations).some((generation) => generation.pending.length > 0);
}

/** Speeches playing or waiting to play, in the order they will be heard. */
export function audibleSpeeches(state: SessionState): readonly ActivityState['speeches'][string][] {
  const refs = state.playing ? [state.playing, ...state.speechQueue] : state.speechQueue;
  return refs.map((ref) => state.activities[ref.activityId]?.speeches[ref.speechId]).filter((speech) => speech !== undefined);
}

function isQuiet(state: SessionState, activityId: string): boolean {
  const activity = state.activities[activityId];
  if (!activity) return false;
  return !state.user.speaking && !state.user.endOfTurnPending && !isGenerating(state, activityId) && !hasDispatchInFlight(activity);
}
