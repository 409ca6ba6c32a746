import { beforeAll, describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@aside/events/store';
import { auditSession } from '../src/faults/checker/audit-session.js';
import type { SessionLog } from '../src/faults/checker/session-log.js';
import { deliveredRoundLog, renumbered } from './support/faults-delivered-log.js';

const isType = (type: string) => (event: StoredEvent) => event.type === type;
const CLEAN = { lostResults: 0, duplicateReplies: 0, corruptLogs: 0, outOfOrderLogs: 0 };

/** The soak's audit of one session log: each kind of damage is counted where it belongs, and only there. */
describe('the fault soak’s session audit', () => {
  let log: SessionLog;
  beforeAll(async () => {
    log = await deliveredRoundLog();
  });
  const without = (drop: (event: StoredEvent) => boolean) => renumbered(log, log.events.filter((event) => !drop(event)));
  const withCopy = (copied: (event: StoredEvent) => boolean) => {
    const at = log.events.findIndex(copied);
    const copy = { ...log.events[at]!, id: `${log.events[at]!.id}-copy` };
    return renumbered(log, [...log.events.slice(0, at + 1), copy, ...log.events.slice(at + 1)]);
  };
  const moved = (which: (event: StoredEvent) => boolean, after: (event: StoredEvent) => boolean) => {
    const event = log.events.find(which)!;
    const rest = log.events.filter((candidate) => candidate !== event);
    const at = rest.findIndex(after);
    return renumbered(log, [...rest.slice(0, at + 1), event, ...rest.slice(at + 1)]);
  };

  it('finds nothing wrong with a round that went well', () => {
    expect(auditSession(log, ['c1'])).toEqual({ sessionId: log.sessionId, counts: CLEAN, problems: [] });
  });

  it('counts a result never folded, folded but never delivered, ended failed, or never requested, as lost', () => {
    const deliveryTypes = new Set(['ReplyDeliveryStarted', 'ReplyGenerated']);
    expect(auditSession(without(isType('TaskSucceeded')), ['c1']).problems).toContain('lost: c1: no result folded');
    expect(auditSession(without((event) => deliveryTypes.has(event.type)), ['c1']).counts.lostResults).toBe(1);
    const failed = renumbered(log, log.events.map((event) => (event.type === 'TaskSucceeded' ? { ...event, type: 'TaskFailed', data: { ...(event.data as object), kind: 'internal', message: 'runner stopped' } } : event)));
    expect(auditSession(failed, ['c1']).problems).toContain('lost: c1: ended failed (internal: runner stopped)');
    expect(auditSession(log, ['c1', 'c2']).counts).toEqual({ ...CLEAN, lostResults: 1 });
  });

  it('counts a report folded twice, a task ended twice, an answer or a delivery generated or spoken twice, as duplicates', () => {
    expect(auditSession(withCopy(isType('TaskProgressed')), ['c1']).problems).toContainEqual(expect.stringMatching(/^duplicate: report \S+\/1\/1 folded twice$/));
    expect(auditSession(withCopy(isType('TaskSucceeded')), ['c1']).counts.duplicateReplies).toBe(2); // folded twice, ended twice
    const twice = (type: string) => auditSession(withCopy(isType(type)), ['c1']);
    expect(twice('ReplyDeliveryStarted').problems).toEqual([expect.stringMatching(/^duplicate: delivery \S+ started twice$/)]);
    expect(twice('ReplyGenerated').problems).toEqual([expect.stringMatching(/^duplicate: delivery \S+ generated twice$/)]);
    expect(twice('GenerationCompleted').problems).toContainEqual(expect.stringMatching(/^duplicate: generation \S+ answered twice$/));
    const replySpeech = (event: StoredEvent) => event.type === 'SpeechQueued' && (event.data as { deliveryId: string | null }).deliveryId !== null;
    expect(auditSession(withCopy(replySpeech), ['c1']).problems).toContainEqual(expect.stringMatching(/^duplicate: delivery \S+ spoken twice$/));
  });

  it('counts a log with a gap, a version out of sequence, an entry that does not decode or an event id twice as corrupt', () => {
    const gap = { ...log, events: log.events.filter((event) => event.position !== 5) };
    expect(auditSession(gap, ['c1']).counts).toEqual({ ...CLEAN, corruptLogs: 1 });
    const undecodable = { ...log, events: log.events.filter((event) => event.position !== 5), unreadable: [{ position: 5, reason: 'unknown event type' }] };
    expect(auditSession(undecodable, ['c1']).problems).toContain('corrupt: position 5 does not decode: unknown event type');
    const versionSkipped = { ...log, events: log.events.map((event, index) => (index === 1 ? { ...event, version: event.version + 1 } : event)) };
    expect(auditSession(versionSkipped, ['c1']).counts.corruptLogs).toBe(1);
    const sameId = { ...log, events: log.events.map((event, index) => (index === 1 ? { ...event, id: log.events[0]!.id } : event)) };
    expect(auditSession(sameId, ['c1']).counts.corruptLogs).toBe(1);
    const entries = log.events.length;
    expect(auditSession({ ...log, counter: { before: entries + 1, after: entries + 1 } }, ['c1']).problems).toContain(`corrupt: the log holds ${entries} entries, its counter says ${entries + 1}`);
    expect(auditSession({ ...log, counter: { before: entries - 1, after: entries - 1 } }, ['c1']).counts.corruptLogs).toBe(1);
  });

  it('takes a log that grew while it was read for whole, as long as its entries lie between the counter before and after', () => {
    const entries = log.events.length;
    expect(auditSession({ ...log, counter: { before: entries - 2, after: entries } }, ['c1']).counts).toEqual(CLEAN);
    expect(auditSession({ ...log, counter: { before: entries + 1, after: entries + 3 } }, ['c1']).problems).toContain(
      `corrupt: the log holds ${entries} entries, its counter went from ${entries + 1} to ${entries + 3} while it was read`,
    );
  });

  it('counts a log telling an impossible story as out of order: a result before its task ended, an update after the end, a reply before its delivery', () => {
    const resultFirst = moved(isType('TaskSucceeded'), isType('ReplyDeliveryStarted'));
    expect(auditSession(resultFirst, ['c1']).counts.outOfOrderLogs).toBe(1);
    const updateAfterEnd = moved(isType('TaskProgressed'), isType('TaskSucceeded'));
    expect(auditSession(updateAfterEnd, ['c1']).problems).toContainEqual(expect.stringMatching(/^out of order: position \d+ \(TaskProgressed\): folded after task \S+ ended$/));
    const replyFirst = moved(isType('ReplyDeliveryStarted'), isType('ReplyGenerated'));
    expect(auditSession(replyFirst, ['c1']).problems).toContainEqual(expect.stringMatching(/ReplyGenerated\): delivery \S+ never started$/));
    const afterClose = moved(isType('ChatItemAdded'), isType('SessionClosed'));
    expect(auditSession(afterClose, ['c1']).problems).toContainEqual(expect.stringMatching(/written after the session closed$/));
  });
});
