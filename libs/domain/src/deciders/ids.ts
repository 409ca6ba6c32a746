import type { ActivityState } from './state/activity-state.js';
import type { SessionState } from './state/session-state.js';

/**
 * Every id the deciders mint is derived from state (counters folded from events) or from ids
 * that came in, never random: a retried command against the same state derives the same ids.
 * Activity ids are stream entity ids (`[A-Za-z0-9_.-]`); task ids are BullMQ job ids (no `:`).
 */
export const nextActivityId = (state: SessionState): string => `a${state.activityCount + 1}`;

export const nextGenerationId = (activity: ActivityState): string => `${activity.activityId}-g${activity.generationCount + 1}`;

export const nextSpeechId = (activity: ActivityState): string => `${activity.activityId}-s${activity.speechCount + 1}`;

/** Clients deduplicate deliveries on this id, so it is unique across sessions. */
export const nextDeliveryId = (state: SessionState): string => `${state.sessionId}-d${state.deliveryCount + 1}`;

export const nextBatchOrder = (state: SessionState): number => state.batchCount + 1;

export const updateCallId = (callId: string, n: number): string => `${callId}_update_${n}`;

export const finishedCallId = (callId: string): string => `${callId}_finished`;

/**
 * The LLM's call id, unless the session already used it (some models reuse ids across turns):
 * then a suffix makes it unique, so `_update_n`/`_finished` items and task ids never collide.
 */
export function sessionCallId(state: SessionState, llmCallId: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = llmCallId.trim() === '' || llmCallId.length > 200 ? fallback : llmCallId;
  if (!(base in state.callIds) && !taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}_${n}`;
    if (!(candidate in state.callIds) && !taken.has(candidate)) return candidate;
  }
}

/** `<sessionId>-<callId>` with anything a job id or key should not hold replaced; unique in the session. */
export function deriveTaskId(state: SessionState, callId: string): string {
  const base = `${state.sessionId}-${callId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  if (!(base in state.taskLocations)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!(candidate in state.taskLocations)) return candidate;
  }
}
