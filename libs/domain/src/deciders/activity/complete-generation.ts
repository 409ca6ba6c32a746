import type { CompleteGeneration, FailGeneration } from '../commands.js';
import { activityEvent } from '../decided-event.js';
import { emit, forEach, type Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { sessionCallId } from '../ids.js';
import { say } from './say.js';
import { locateGeneration } from './locate.js';
import { maybeRequestToolReply } from './request-generation.js';
import { processToolCall } from './tool-calls/process-tool-call.js';
import { renderModelUnavailable } from '../../templates/templates.js';
import { templatesFor } from '../templates-for.js';

function pendingGeneration(decision: Decision, generationId: string) {
  const found = locateGeneration(decision.state, generationId);
  if (!found) reject('UNKNOWN_GENERATION', `No generation ${generationId} in this session`);
  if (found.generation.status !== 'requested') {
    reject('GENERATION_NOT_PENDING', `Generation ${generationId} is already ${found.generation.status}`);
  }
  return found;
}

/**
 * The LLM answered. Its text is recorded and queued as speech; each tool call is decided in
 * order (a call sees the tasks the calls before it started): management tools and refusals are
 * answered at once, valid calls are dispatched as tasks. If every call got its output already,
 * the tool reply is requested now; otherwise when the last dispatch resolves.
 */
export function completeGeneration(decision: Decision, command: CompleteGeneration): Decision {
  const { activity, generation } = pendingGeneration(decision, command.data.generationId);
  const { generationId, text, toolCalls } = command.data;
  const activityId = activity.activityId;
  if (activity.status === 'closed') {
    return emit(decision, activityEvent(activityId, 'GenerationDiscarded', { generationId, reason: 'activity_closed', text, toolCalls: toolCalls.length }));
  }

  const taken = new Set<string>();
  const calls = toolCalls.map((call, index) => {
    const callId = sessionCallId(decision.state, call.callId, taken, `${generationId}-call${index + 1}`);
    taken.add(callId);
    // A name is echoed into chat items, so an empty or oversized one is replaced (and then unknown).
    const name = call.name.trim() === '' ? '(unnamed)' : call.name.slice(0, 200);
    return { callId, llmCallId: call.callId.slice(0, 300), name, rawArguments: call.arguments };
  });

  let next = emit(
    decision,
    activityEvent(activityId, 'GenerationCompleted', {
      generationId,
      text,
      calls: calls.map(({ callId, llmCallId, name }) => ({ callId, llmCallId, name })),
    }),
  );
  if (text.trim() !== '') next = say(next, activityId, text, { generationId, deliveryId: null, allowInterruptions: generation.allowInterruptions });
  next = forEach(next, calls, (d, call) => processToolCall(d, { activityId, generationId, ...call }));
  return maybeRequestToolReply(next, activityId, generationId);
}

/**
 * The LLM stayed unavailable (the adapter's retries are exhausted): the failure is recorded, and
 * the user hears a short apology instead of silence — the activity is no longer generating, so
 * a failure never wedges idle.
 */
export function failGeneration(decision: Decision, command: FailGeneration): Decision {
  const { activity, generation } = pendingGeneration(decision, command.data.generationId);
  const failed = emit(decision, activityEvent(activity.activityId, 'GenerationFailed', { generationId: command.data.generationId, message: command.data.message }));
  if (activity.status === 'closed') return failed;
  const text = renderModelUnavailable(templatesFor(decision.context, activity.agent, null), activity.agent);
  return say(failed, activity.activityId, text, { generationId: command.data.generationId, deliveryId: null, allowInterruptions: generation.allowInterruptions });
}
