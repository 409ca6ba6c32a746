import type { AsideEventData } from '@aside/events';
import { activityEvent, sessionEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { nextActivityId } from '../ids.js';
import { requestGeneration } from '../activity/request-generation.js';
import { isCurrent } from '../queries/idle.js';
import { closeActivity } from './close-activity.js';

type RejectReason = AsideEventData<'HandoffRejected'>['reason'];

/** Why this activity may not hand off to `agentName`, or null when it may. */
function handoffProblem(decision: Decision, fromActivityId: string, agentName: string): RejectReason | null {
  const from = decision.state.activities[fromActivityId];
  const fromAgent = from ? decision.context.registry.agent(from.agent) : undefined;
  const target = decision.context.registry.agent(agentName);
  if (!target) return 'unknown_agent';
  if (target.kind !== 'agent') return 'not_an_agent';
  if (!from || from.kind === 'task') return 'from_agent_task';
  if (!fromAgent?.handoffs.includes(agentName)) return 'not_a_handoff_target';
  return null;
}

/**
 * A tool result asked for a handoff. Returned before the tool went async and while its
 * activity is current, it happens in this decision; otherwise (the tool had gone async, or the
 * activity is paused under an agent task) it waits until the activity is current and idle —
 * i.e. until its `_finished` result was delivered (DESIGN §3).
 */
export function requestHandoff(decision: Decision, fromActivityId: string, agentName: string, callId: string, deferred: boolean): Decision {
  const problem = handoffProblem(decision, fromActivityId, agentName);
  if (problem !== null) {
    return emit(decision, activityEvent(fromActivityId, 'HandoffRejected', { callId, agent: agentName.slice(0, 200), reason: problem }));
  }
  if (deferred || !isCurrent(decision.state, fromActivityId)) {
    return emit(decision, activityEvent(fromActivityId, 'HandoffDeferred', { callId, agent: agentName }));
  }
  return performHandoff(decision, fromActivityId, agentName, callId);
}

/**
 * One decision: A closes (its bare and agent-scoped tasks cancelled, its replies dropped with
 * reason `handoff`), B starts, the pointer moves to B, and B is asked to speak.
 * Session-scoped toolsets live on and will deliver through B.
 */
export function performHandoff(decision: Decision, fromActivityId: string, agentName: string, callId: string): Decision {
  const closed = closeActivity(decision, fromActivityId, 'handoff');
  const toActivityId = nextActivityId(closed.state);
  const started = emit(
    closed,
    activityEvent(toActivityId, 'ActivityStarted', {
      activityId: toActivityId,
      agent: agentName,
      kind: 'agent',
      reason: 'handoff',
      parentActivityId: null,
      awaitedByTaskId: null,
    }),
    sessionEvent('HandoffPerformed', { fromActivityId, toActivityId, agent: agentName, callId }),
  );
  return requestGeneration(started, toActivityId, 'handoff');
}
