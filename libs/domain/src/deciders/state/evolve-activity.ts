import type { AsideEvent } from '@aside/events';
import type { ActivityState, GenerationState, SpeechState } from './activity-state.js';
import { evolveBatches } from './batch-state.js';
import { evolveTasks } from './task-state.js';
import { unreachable } from '../unreachable.js';
import { created, withEntry, withFields, withItem } from './copy-on-write.js';

/** Folds one event of the activity's own stream. Pure; needs nothing but the event. */
export function evolveActivity(state: ActivityState, event: AsideEvent): ActivityState {
  switch (event.type) {
    case 'ActivityStarted':
      return withFields(state, {
        activityId: event.data.activityId,
        agent: event.data.agent,
        kind: event.data.kind,
        parentActivityId: event.data.parentActivityId,
        awaitedByTaskId: event.data.awaitedByTaskId,
        status: 'started',
      });
    case 'ActivityPaused':
      return withFields(state, { status: 'paused' });
    case 'ActivityResumed':
      return withFields(state, { status: 'resumed' });
    case 'ActivityClosed':
      return withFields(state, { status: 'closed', pendingHandoff: null });
    case 'ChatItemAdded':
      return withFields(state, { chat: withItem(state.chat, event.data.item) });
    case 'GenerationRequested': {
      const { generationId, purpose, allowInterruptions, parentGenerationId } = event.data;
      const generation: GenerationState = created({
        generationId,
        purpose,
        status: 'requested',
        allowInterruptions,
        calls: [],
        pending: [],
        silent: [],
        toolReplyRequested: false,
      });
      const withParent = parentGenerationId === null ? state : patchGeneration(state, parentGenerationId, () => ({ toolReplyRequested: true }));
      return withFields(withParent, {
        generationCount: withParent.generationCount + 1,
        generations: withEntry(withParent.generations, generationId, generation),
      });
    }
    case 'GenerationCompleted':
      return patchGeneration(state, event.data.generationId, () => ({
        status: 'completed',
        calls: event.data.calls.map((call) => call.callId),
      }));
    case 'GenerationFailed':
      return patchGeneration(state, event.data.generationId, () => ({ status: 'failed' }));
    case 'GenerationDiscarded':
      return patchGeneration(state, event.data.generationId, () => ({ status: 'discarded' }));
    case 'ToolCallDispatched':
      return patchGeneration(state, event.data.generationId, (generation) => ({ pending: withItem(generation.pending, event.data.callId) }));
    case 'ToolCallResolved':
      return patchGeneration(state, event.data.generationId, (generation) => ({
        pending: generation.pending.filter((callId) => callId !== event.data.callId),
        silent: event.data.wantsReply ? generation.silent : withItem(generation.silent, event.data.callId),
      }));
    case 'SpeechQueued': {
      const speech: SpeechState = created({ ...event.data, status: 'queued' });
      return withFields(state, { speechCount: state.speechCount + 1, speeches: withEntry(state.speeches, speech.speechId, speech) });
    }
    case 'SpeechStarted':
      return patchSpeech(state, event.data.speechId, 'playing');
    case 'SpeechFinished':
      return patchSpeech(state, event.data.speechId, event.data.status);
    case 'HandoffDeferred':
      return withFields(state, { pendingHandoff: { callId: event.data.callId, agent: event.data.agent } });
    case 'TaskRequested':
    case 'TaskStarted':
    case 'TaskProgressed':
    case 'TaskSucceeded':
    case 'TaskFailed':
    case 'TaskCancelRequested':
      return withFields(state, { tasks: evolveTasks(state.tasks, event) });
    case 'ReplyQueued':
    case 'ReplyRequeued':
    case 'ReplyDeliveryStarted':
    case 'ReplyDropped':
      return withFields(state, { batches: evolveBatches(state.batches, event) });
    // Audit-only for the activity, or facts of the session's stream.
    case 'ToolCallAnswered':
    case 'HandoffRejected':
    case 'ReplyGenerated':
    case 'ReplyFailed':
    case 'ReportDiscarded':
    case 'SessionStarted':
    case 'SessionClosed':
    case 'UserStateChanged':
    case 'AgentTaskEntered':
    case 'AgentTaskReturned':
    case 'HandoffPerformed':
    case 'LateResultQueued':
    case 'LateResultAttemptFailed':
    case 'LateResultDelivered':
    case 'LateResultAbandoned':
      return state;
    default:
      return unreachable(event);
  }
}

function patchGeneration(state: ActivityState, generationId: string, change: (g: GenerationState) => Partial<GenerationState>): ActivityState {
  const generation = state.generations[generationId];
  if (!generation) return state;
  return withFields(state, { generations: withEntry(state.generations, generationId, withFields(generation, change(generation))) });
}

function patchSpeech(state: ActivityState, speechId: string, status: SpeechState['status']): ActivityState {
  const speech = state.speeches[speechId];
  if (!speech) return state;
  return withFields(state, { speeches: withEntry(state.speeches, speechId, withFields(speech, { status })) });
}
