import { isCurrent, isIdle, type SessionState } from '@aside/domain';
import type { SessionEngine } from '../sessions/session-engine.js';
import { ActivityClosedError } from './activity-closed-error.js';

/**
 * `waitForIdle()` (SEMANTICS §7), on the very notion of idle that deferred delivery uses: each
 * commit of the session is checked against the waiter's condition. A waiter never hangs: the
 * close of its activity or session rejects it.
 */
export function waitUntil<T>(
  engine: SessionEngine,
  sessionId: string,
  check: (state: SessionState) => { readonly done: true; readonly value: T } | { readonly done: false; readonly closed: boolean; readonly activityId: string | null },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const evaluate = (state: SessionState) => {
      if (settled) return;
      const outcome = check(state);
      if (outcome.done) {
        settled = true;
        stop();
        resolve(outcome.value);
      } else if (outcome.closed) {
        settled = true;
        stop();
        reject(new ActivityClosedError(sessionId, outcome.activityId));
      }
    };
    const stop = engine.onCommitted((committed) => {
      if (committed.sessionId === sessionId) evaluate(committed.state);
    });
    engine.state(sessionId).then(evaluate, (error: unknown) => {
      settled = true;
      stop();
      reject(error);
    });
  });
}

/** The session's: resolves with the activity that is current and idle, following handoffs. */
export function sessionIdle(state: SessionState) {
  const current = state.currentActivityId;
  if (state.status === 'active' && current !== null && isIdle(state, current)) return { done: true as const, value: current };
  return { done: false as const, closed: state.status === 'closed', activityId: null };
}

/** One activity's: resolves when it is current and idle (it waits through a pause). */
export function activityIdle(activityId: string) {
  return (state: SessionState) => {
    if (isCurrent(state, activityId) && isIdle(state, activityId)) return { done: true as const, value: activityId };
    const closed = state.status === 'closed' || state.activities[activityId]?.status === 'closed';
    return { done: false as const, closed, activityId };
  };
}
