import type { ParsedArguments, ToolDescriptor } from '../../../tools/descriptors.js';
import { activityEvent, eventOn } from '../../decided-event.js';
import { emit, type Decision } from '../../decision.js';
import { deriveTaskId } from '../../ids.js';
import { ownerAggregate } from '../../queries/ownership.js';
import type { ToolCallInProgress } from './call.js';

/**
 * A valid call becomes a task (every tool body runs as one, wherever the shell runs it): the
 * dispatch holds the turn in the calling activity, the task lives with its owner. The task id is
 * derived from the session id and the call id: unique across sessions, stable across retries,
 * free of `:`.
 */
export function dispatchCall(
  decision: Decision,
  call: ToolCallInProgress,
  tool: ToolDescriptor,
  ownerKey: string,
  parsed: Extract<ParsedArguments, { readonly ok: true }>,
): Decision {
  const activity = decision.state.activities[call.activityId];
  const taskId = deriveTaskId(decision.state, call.callId);
  return emit(
    decision,
    activityEvent(call.activityId, 'ToolCallDispatched', { generationId: call.generationId, callId: call.callId, toolName: tool.name, taskId }),
    eventOn(ownerAggregate(ownerKey), 'TaskRequested', {
      taskId,
      callId: call.callId,
      toolName: tool.name,
      toolsetId: tool.toolsetId,
      scope: tool.scope,
      ownerKey,
      activityId: call.activityId,
      agent: activity?.agent ?? '',
      generationId: call.generationId,
      arguments: plainArguments(parsed.canonical),
      rawArguments: call.rawArguments,
      canonicalArguments: parsed.canonical,
      cancellable: tool.cancellable,
      delivery: tool.delivery,
      timeoutMs: tool.timeoutMs,
      retries: tool.retries,
      allowInterruptions: activity?.generations[call.generationId]?.allowInterruptions ?? true,
      requestedAt: decision.metadata.now,
    }),
  );
}

/** The canonical text is the arguments as plain JSON (no `undefined`, no class instances): what a job can carry. */
function plainArguments(canonical: string): Record<string, never> {
  try {
    const value: unknown = JSON.parse(canonical);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, never>) : {};
  } catch {
    return {};
  }
}
