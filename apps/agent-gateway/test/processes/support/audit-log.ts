import { expect } from '@jest/globals';
import type { StoredEvent } from '@aside/events/store';

/**
 * What the multi-process tests check in a session's audit log (GET /v1/sessions/:id/events):
 * nothing missing, nothing twice, everything in order — whatever crashed on the way.
 */

type Data = Readonly<Record<string, unknown>>;
const dataOf = (event: StoredEvent): Data => event.data as Data;

const FOLD_TYPES = new Set(['TaskStarted', 'TaskProgressed', 'TaskSucceeded', 'TaskFailed', 'ReportDiscarded']);

/** Log positions 1..n, each stream's versions 1..k in log order, and every event id once. */
export function expectGapFree(log: readonly StoredEvent[]): void {
  expect(log.map((event) => event.position)).toEqual(log.map((_, index) => index + 1));
  const versions = new Map<string, number[]>();
  for (const event of log) versions.set(event.stream, [...(versions.get(event.stream) ?? []), event.version]);
  for (const [stream, seen] of versions) expect({ stream, versions: seen }).toEqual({ stream, versions: seen.map((_, index) => index + 1) });
  expect(duplicates(log.map((event) => event.id))).toEqual([]);
}

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

/** Exactly-once folding: no report key (task/attempt/seq) in the log twice, and one terminal fold per task. */
export function expectEachReportFoldedOnce(log: readonly StoredEvent[]): void {
  const folded = foldedReports(log);
  expect(duplicates(folded.map((report) => `${report.taskId}/${report.attempt}/${report.seq}`))).toEqual([]);
  const terminals = folded.filter((report) => report.type === 'TaskSucceeded' || report.type === 'TaskFailed');
  expect(duplicates(terminals.map((report) => report.taskId))).toEqual([]);
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
    const delivered = event.type === 'SpeechFinished' ? speechToDelivery.get(data.speechId!) : undefined;
    if (delivered) byId.get(delivered)!.played += 1;
  }
  return [...byId.values()];
}

/** Whether each of these call ids (e.g. `c1_finished`) is in a delivery whose reply was recorded and spoken to the end. */
export function delivered(log: readonly StoredEvent[], callIds: readonly string[]): boolean {
  const done = deliveriesIn(log).filter((delivery) => delivery.replies.length > 0 && delivery.played >= delivery.spoken.length);
  return callIds.every((callId) => done.some((delivery) => delivery.callIds.includes(callId)));
}

/**
 * Exactly-once delivery: each `<callId>_finished` of these calls is in one delivery and no call
 * id is in two; every delivery started once, has one recorded reply, spoken once and played.
 * Returns the deliveries.
 */
export function expectDeliveredOnce(log: readonly StoredEvent[], callIds: readonly string[]): DeliverySummary[] {
  const deliveries = deliveriesIn(log);
  for (const delivery of deliveries) {
    expect({ deliveryId: delivery.deliveryId, starts: delivery.starts, replies: delivery.replies.length, spoken: delivery.spoken.length, played: delivery.played }).toEqual({
      deliveryId: delivery.deliveryId,
      starts: 1,
      replies: 1,
      spoken: 1,
      played: 1,
    });
  }
  const listed = deliveries.flatMap((delivery) => delivery.callIds);
  expect(duplicates(listed)).toEqual([]);
  expect(listed.filter((callId) => callId.endsWith('_finished')).sort()).toEqual(callIds.map((callId) => `${callId}_finished`).sort());
  return deliveries;
}

export interface StoryStep {
  readonly type: string;
  readonly where?: (data: Data, event: StoredEvent) => boolean;
}

/**
 * The log positions at which these steps happen, in this order (other events may come between).
 * Fails naming the first step not found after the previous one, with the log's types.
 */
export function expectStory(log: readonly StoredEvent[], steps: readonly StoryStep[]): number[] {
  const positions: number[] = [];
  let from = 0;
  for (const [index, step] of steps.entries()) {
    const at = log.findIndex((event, i) => i >= from && event.type === step.type && (step.where?.(dataOf(event), event) ?? true));
    if (at < 0) {
      const seen = log.map((event) => `${event.position}:${event.type}`).join(' ');
      throw new Error(`Story step ${index + 1} (${step.type}) not found after position ${from}.\nLog: ${seen}`);
    }
    positions.push(log[at]!.position);
    from = at + 1;
  }
  return positions;
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
