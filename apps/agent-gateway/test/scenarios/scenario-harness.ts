import type { StoredEvent } from '@aside/events/store';
import type { Gateway, GatewayApi, SessionProjection } from '@aside/engine';
import type { ScriptedLlm, ScriptStep } from '@aside/llm';

/**
 * What the scenario suite runs against: a transport-facing API (the gateway itself, or an HTTP
 * client of it) plus the hooks a test needs around it — the gateway for mocks and quiescence,
 * the scripted LLM, and the audit log.
 */
export interface ScenarioHarness {
  readonly api: GatewayApi;
  readonly gateway: Gateway;
  readonly llm: ScriptedLlm;
  close(): Promise<void>;
}

export type HarnessFactory = (script: readonly ScriptStep[]) => Promise<ScenarioHarness>;

export interface ChatOutput {
  readonly callId: string;
  readonly output: string;
  readonly isError: boolean;
}

export function outputsOf(projection: SessionProjection, activityId = 'a1'): ChatOutput[] {
  const activity = projection.activities.find((candidate) => candidate.activityId === activityId);
  return (activity?.chat ?? []).flatMap((item) => {
    const entry = item as { type: string; callId: string; output: string; isError: boolean };
    return entry.type === 'function_call_output' ? [{ callId: entry.callId, output: entry.output, isError: entry.isError }] : [];
  });
}

export function lastAssistantText(projection: SessionProjection, activityId = 'a1'): string | undefined {
  const activity = projection.activities.find((candidate) => candidate.activityId === activityId);
  const messages = (activity?.chat ?? []).filter((item) => (item as { type: string; role?: string }).type === 'message' && (item as { role: string }).role === 'assistant');
  return (messages.at(-1) as { text?: string } | undefined)?.text;
}

export async function auditLog(api: GatewayApi, sessionId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await api.readEvents(sessionId, { after, limit: 1000 });
    events.push(...page.events);
    if (page.next === null) return events;
    after = page.next;
  }
}

export function deliveriesIn(events: readonly StoredEvent[]): { deliveryId: string; callIds: string[]; activityId: string }[] {
  return events.filter((event) => event.type === 'ReplyDeliveryStarted').map((event) => event.data as { deliveryId: string; callIds: string[]; activityId: string });
}

/** A promise with its resolve in hand: lets a test decide when a tool body may go on. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
