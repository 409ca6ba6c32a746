import type { StoredEvent } from '@aside/events/store';

/** The answer the chat got for a call: its `function_call_output` item. */
export interface CallOutput {
  readonly output: string;
  readonly isError: boolean;
}

interface ChatItemData {
  readonly item: { readonly type: string; readonly callId?: string; readonly output?: string; readonly isError?: boolean };
}

/**
 * What must hold of a session's log whatever the payload was: positions run 1, 2, 3… without a
 * gap; the call is recorded once and answered exactly once (one output item, one decision:
 * dispatched or answered); no generation failed on the way.
 */
export function logProblems(events: readonly StoredEvent[], callId: string): string[] {
  const problems: string[] = [];
  events.forEach((event, index) => {
    if (event.position !== index + 1) problems.push(`log position ${event.position} where ${index + 1} was due`);
  });
  const items = (type: string) => events.filter((event) => event.type === 'ChatItemAdded' && chatItem(event).type === type && chatItem(event).callId === callId);
  const decisions = events.filter((event) => (event.type === 'ToolCallDispatched' || event.type === 'ToolCallAnswered') && (event.data as { callId: string }).callId === callId);
  if (items('function_call').length !== 1) problems.push(`the call is recorded ${items('function_call').length} times`);
  if (items('function_call_output').length !== 1) problems.push(`the call is answered ${items('function_call_output').length} times`);
  if (decisions.length !== 1) problems.push(`the call is decided ${decisions.length} times (dispatched or answered)`);
  const failed = events.filter((event) => event.type === 'GenerationFailed' || event.type === 'ReplyFailed');
  if (failed.length > 0) problems.push(`a generation failed: ${JSON.stringify((failed[0]!.data as { message?: string }).message ?? '').slice(0, 300)}`);
  return problems;
}

/** The call's output item, when there is exactly one. */
export function outputOf(events: readonly StoredEvent[], callId: string): CallOutput | undefined {
  const outputs = events.map(chatItemOf).filter((item) => item?.type === 'function_call_output' && item.callId === callId);
  const only = outputs.length === 1 ? outputs[0] : undefined;
  return only ? { output: only.output ?? '', isError: only.isError === true } : undefined;
}

/** How the call was decided: `dispatched`, or the `answer` of a ToolCallAnswered (`invalid_arguments`…). */
export function decisionOf(events: readonly StoredEvent[], callId: string): string | undefined {
  const decision = events.find((event) => (event.type === 'ToolCallDispatched' || event.type === 'ToolCallAnswered') && (event.data as { callId: string }).callId === callId);
  if (!decision) return undefined;
  return decision.type === 'ToolCallDispatched' ? 'dispatched' : (decision.data as { answer: string }).answer;
}

function chatItem(event: StoredEvent): ChatItemData['item'] {
  return (event.data as ChatItemData).item;
}

function chatItemOf(event: StoredEvent): ChatItemData['item'] | undefined {
  return event.type === 'ChatItemAdded' ? chatItem(event) : undefined;
}
