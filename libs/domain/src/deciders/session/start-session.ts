import type { StartSession } from '../commands.js';
import { activityEvent, sessionEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { nextActivityId } from '../ids.js';

/** The session starts with its first agent current. It speaks when the shell asks (GenerateReply) or the user does. */
export function startSession(decision: Decision, command: StartSession): Decision {
  if (decision.state.status !== 'none') reject('SESSION_ALREADY_STARTED', `Session ${decision.state.sessionId} has already started`);
  const { sessionId, agent, playout, partition, managementTools, lateResults } = command.data;
  const descriptor = decision.context.registry.agent(agent);
  if (!descriptor) reject('UNKNOWN_AGENT', `No agent named "${agent}" is registered`);
  if (descriptor.kind !== 'agent') reject('NOT_AN_AGENT', `"${agent}" is an agent task; a session starts with an agent`);
  const activityId = nextActivityId(decision.state);
  return emit(
    decision,
    sessionEvent('SessionStarted', {
      sessionId,
      agent,
      activityId,
      playout,
      partition,
      managementTools: managementTools ?? 'when_live',
      lateResults: lateResults ?? null,
    }),
    activityEvent(activityId, 'ActivityStarted', {
      activityId,
      agent,
      kind: 'agent',
      reason: 'session_start',
      parentActivityId: null,
      awaitedByTaskId: null,
    }),
  );
}
