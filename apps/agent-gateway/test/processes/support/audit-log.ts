import { expect } from '@jest/globals';
import type { StoredEvent } from '@aside/events/store';
import { deliveriesIn, duplicates, foldedReports, type DeliverySummary } from '@aside/testing-deployment';

/**
 * What the multi-process tests expect of a session's audit log (GET /v1/sessions/:id/events):
 * nothing missing, nothing twice, everything in order — whatever crashed on the way. The log
 * readers themselves are @aside/testing's, shared with the fault soak.
 */

type Data = Readonly<Record<string, unknown>>;
const dataOf = (event: StoredEvent): Data => event.data as Data;

/** Log positions 1..n, each stream's versions 1..k in log order, and every event id once. */
export function expectGapFree(log: readonly StoredEvent[]): void {
  expect(log.map((event) => event.position)).toEqual(log.map((_, index) => index + 1));
  const versions = new Map<string, number[]>();
  for (const event of log) versions.set(event.stream, [...(versions.get(event.stream) ?? []), event.version]);
  for (const [stream, seen] of versions) expect({ stream, versions: seen }).toEqual({ stream, versions: seen.map((_, index) => index + 1) });
  expect(duplicates(log.map((event) => event.id))).toEqual([]);
}

/** Exactly-once folding: no report key (task/attempt/seq) in the log twice, and one terminal fold per task. */
export function expectEachReportFoldedOnce(log: readonly StoredEvent[]): void {
  const folded = foldedReports(log);
  expect(duplicates(folded.map((report) => `${report.taskId}/${report.attempt}/${report.seq}`))).toEqual([]);
  const terminals = folded.filter((report) => report.type === 'TaskSucceeded' || report.type === 'TaskFailed');
  expect(duplicates(terminals.map((report) => report.taskId))).toEqual([]);
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
