import type { StoredEvent } from '@aside/events/store';

/**
 * What the multi-process tests and the fault soak read in a session's audit log
 * (GET /v1/sessions/:id/events, or the store): the reports that reached the fold, the deferred
 * replies and what became of them, who wrote what. Plain functions, no test framework: the
 * process specs assert on them, the soak counts with them.
 */

type Data = Readonly<Record<string, unknown>>;
const dataOf = (event: StoredEvent): Data => event.data as Data;

const FOLD_TYPES = new Set(['TaskStarted', 'TaskProgressed', 'TaskSucceeded', 'TaskFailed', 'ReportDiscarded']);

export interface FoldedReport {
  readonly type: string;
  readonly taskId: string;
  readonly attempt: number;
  readonly seq: number;
  /** Why it was discarded (ReportDiscarded only). */
  readonly reason?: string;
}

/** Every runner report that reached the fold, in log order: folded, or recorded as discarded. */
export function foldedReports(log: readonly StoredEvent[], taskId?: string): FoldedReport[] {
  return log.flatMap((event): FoldedReport[] => {
    if (!FOLD_TYPES.has(event.type)) return [];
    const { taskId: id, attempt, seq, reason } = dataOf(event) as { taskId: string; attempt: number; seq: number; reason?: string };
    if (taskId !== undefined && id !== taskId) return [];
    return [{ type: event.type, taskId: id, attempt, seq, ...(reason === undefined ? {} : { reason }) }];
  });
}

export interface DeliverySummary {
  readonly deliveryId: string;
  readonly activityId: string;
  readonly callIds: readonly string[];
  /** ReplyDeliveryStarted events with this id (a re-sent delivery keeps its id: still one reply). */
  readonly starts: number;
  /** ReplyGenerated texts. */
  readonly replies: readonly string[];
  /** SpeechQueued texts of this delivery. */
  readonly spoken: readonly string[];
  /** How many of its speeches finished playing. */
  readonly played: number;
}

/** The deferred replies of the log, one per deliveryId, with what became of each. */
export function deliveriesIn(log: readonly StoredEvent[]): DeliverySummary[] {
  const byId = new Map<string, { deliveryId: string; activityId: string; callIds: string[]; starts: number; replies: string[]; spoken: string[]; played: number }>();
  const speechToDelivery = new Map<string, string>();
  for (const event of log) {
    const data = dataOf(event) as { deliveryId?: string | null; activityId?: string; callIds?: string[]; text?: string; speechId?: string };
    if (event.type === 'ReplyDeliveryStarted') {
      const known = byId.get(data.deliveryId!) ?? { deliveryId: data.deliveryId!, activityId: data.activityId!, callIds: data.callIds!, starts: 0, replies: [], spoken: [], played: 0 };
      known.starts += 1;
      byId.set(data.deliveryId!, known);
    }
    if (event.type === 'ReplyGenerated') byId.get(data.deliveryId!)?.replies.push(data.text!);
    if (event.type === 'SpeechQueued' && data.deliveryId) {
      byId.get(data.deliveryId)?.spoken.push(data.text!);
      speechToDelivery.set(data.speechId!, data.deliveryId);
    }
    const delivered = event.type === 'SpeechFinished' ? byId.get(speechToDelivery.get(data.speechId!) ?? '') : undefined;
    if (delivered) delivered.played += 1; // a speech of a delivery whose start the log lacks belongs to none
  }
  return [...byId.values()];
}

/** Whether each of these call ids (e.g. `c1_finished`) is in a delivery whose reply was recorded and spoken to the end. */
export function delivered(log: readonly StoredEvent[], callIds: readonly string[]): boolean {
  const done = deliveriesIn(log).filter((delivery) => delivery.replies.length > 0 && delivery.played >= delivery.spoken.length);
  return callIds.every((callId) => done.some((delivery) => delivery.callIds.includes(callId)));
}

/** Which process wrote the gateway commands, in log order, consecutive repeats collapsed: `['gw-a', 'gw-b']`. */
export function gatewayWriters(log: readonly StoredEvent[], gateways: readonly { readonly name: string; isActor(actor: StoredEvent['actor']): boolean }[]): string[] {
  const writers: string[] = [];
  for (const event of log) {
    if (event.actor.kind !== 'gateway') continue;
    const name = gateways.find((gateway) => gateway.isActor(event.actor))?.name ?? `unknown gateway ${event.actor.id}`;
    if (writers.at(-1) !== name) writers.push(name);
  }
  return writers;
}

export function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((value) => seen.size === seen.add(value).size))];
}
