import type { SessionState } from '@aside/domain';
import type { StoredEvent } from '@aside/events/store';
import type { Gateway, GatewayApi, SessionProjection } from '@aside/engine';
import type { ScriptedLlm, ScriptStep } from '@aside/llm';

/**
 * What the scenario suite runs against: a transport-facing API (the gateway itself, or an HTTP
 * client of it) plus the hooks a test needs around it — the gateway for mocks, quiescence, the
 * scripted LLM, and the audit log.
 */
export interface ScenarioHarness {
  readonly api: GatewayApi;
  readonly gateway: Gateway;
  readonly llm: ScriptedLlm;
  /**
   * Resolves when the session's turn is quiescent in this deployment (`Gateway.whenQuiet`,
   * plus, where bodies run on a runner, nothing left in flight between the runner and the fold).
   */
  whenQuiet(sessionId: string, options?: { readonly tasks?: boolean }): Promise<SessionState>;
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

export interface DeferredReply {
  readonly deliveryId: string;
  readonly activityId: string;
  readonly callIds: readonly string[];
  /** What was spoken for it: the distinct texts queued as speech under its deliveryId. */
  readonly spoken: readonly string[];
}

/**
 * Deferred replies as a client counts them (DESIGN.md §4): one per `deliveryId`, since a
 * delivery re-sent after a takeover keeps its id and clients deduplicate on it — so a re-send is
 * not a second reply, and two replies are two ids.
 */
export function repliesIn(events: readonly StoredEvent[]): DeferredReply[] {
  const replies = new Map<string, { deliveryId: string; activityId: string; callIds: string[]; spoken: Set<string> }>();
  for (const event of events) {
    const data = event.data as { deliveryId?: string | null; activityId?: string; callIds?: string[]; text?: string };
    if (event.type === 'ReplyDeliveryStarted' && !replies.has(data.deliveryId!)) {
      replies.set(data.deliveryId!, { deliveryId: data.deliveryId!, activityId: data.activityId!, callIds: data.callIds!, spoken: new Set() });
    }
    if (event.type === 'SpeechQueued' && data.deliveryId) replies.get(data.deliveryId)?.spoken.add(data.text!);
  }
  return [...replies.values()].map((reply) => ({ ...reply, spoken: [...reply.spoken] }));
}

/** A promise with its resolve in hand: lets a test decide when a tool body may go on. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
