import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { asideCatalogue, eventEnvelopeSchema } from '@aside/events';
import type { StoredEvent } from '@aside/events/store';
import { buildTimeline } from '../../src/timeline/model/build-timeline.js';
import type { LaneId, SessionTimeline, TimelineItem } from '../../src/timeline/model/timeline-model.js';

/**
 * The audit log of one run of the embedded demo (apps/agent-gateway/src/demo/run-demo.ts with
 * DEMO_STEP_MS=20; `runDemo(...).audit` written out one event per line): a flight search that
 * narrates progress, an agent task collecting an email while the travel desk is paused (the
 * flight result waits for it), the deferred "by the way" reply, a handoff to billing.
 */
function demoLog(): StoredEvent[] {
  const raw = JSON.parse(readFileSync(new URL('./fixtures/demo-session.json', import.meta.url), 'utf8')) as unknown[];
  // Read back the way the store reads: envelope and data checked against the catalogue.
  return raw.map((entry) => {
    const event = eventEnvelopeSchema.parse(entry) as StoredEvent;
    return { ...event, data: asideCatalogue.upcast(event.type, event.schemaVersion, event.data).data };
  });
}

function lane(timeline: SessionTimeline, id: LaneId): readonly TimelineItem[] {
  return timeline.lanes.find((candidate) => candidate.id === id)!.items;
}

function only<K extends TimelineItem['kind']>(items: readonly TimelineItem[], kind: K): Extract<TimelineItem, { kind: K }>[] {
  return items.filter((item): item is Extract<TimelineItem, { kind: K }> => item.kind === kind);
}

describe('the session timeline of a demo session', () => {
  const events = demoLog();
  const timeline = buildTimeline(events[0]!.sessionId, events);

  it('spans the whole log, in lane order', () => {
    expect(timeline).toMatchObject({ sessionId: events[0]!.sessionId, status: 'closed', agent: 'travel_desk', position: events.length, truncated: false });
    expect(timeline.start).toEqual({ position: 1, at: events[0]!.recordedAt });
    expect(timeline.end).toEqual({ position: events.length, at: events.at(-1)!.recordedAt });
    expect(timeline.lanes.map((candidate) => candidate.id)).toEqual(['agents', 'user', 'speech', 'tool_calls', 'tasks', 'replies']);
  });

  it('draws the agents, the agent task, and the stretch the travel desk was paused for it', () => {
    const activities = only(lane(timeline, 'agents'), 'activity');
    expect(activities.map(({ agent, activityKind, closeReason }) => ({ agent, activityKind, closeReason }))).toEqual([
      { agent: 'travel_desk', activityKind: 'agent', closeReason: 'handoff' },
      { agent: 'get_email', activityKind: 'task', closeReason: 'task_completed' },
      { agent: 'billing', activityKind: 'agent', closeReason: 'session_closed' },
    ]);
    const [travelDesk, getEmail] = activities;
    expect(travelDesk!.paused).toHaveLength(1);
    expect(travelDesk!.paused[0]).toMatchObject({ taskActivityId: getEmail!.activityId, from: { position: getEmail!.from.position - 1 } });
    expect(travelDesk!.paused[0]!.to!.position).toBeGreaterThan(getEmail!.to!.position);
  });

  it('marks every user turn with its text', () => {
    const turns = only(lane(timeline, 'user'), 'user_turn');
    expect(turns.map((turn) => turn.text)).toEqual([
      'Hi! I need a flight to Lisbon on December 5th.',
      'Meanwhile, can you email me the itinerary?',
      'Sure, it is ada@example.com.',
      'One more thing: I have a question about invoice 4711.',
      'What is the status of invoice 4711?',
    ]);
    expect(turns.every((turn) => turn.to === turn.from && turn.turnId.length > 0)).toBe(true);
  });

  it('draws each speech of each agent from queued to played, the deferred reply marked by its delivery', () => {
    const speeches = only(lane(timeline, 'speech'), 'speech');
    expect(speeches.map((speech) => speech.agent)).toEqual(['travel_desk', 'get_email', 'travel_desk', 'travel_desk', 'billing', 'billing']);
    expect(speeches.every((speech) => speech.status === 'played' && speech.cause === 'instant' && speech.started !== null)).toBe(true);
    const byTheWay = speeches.find((speech) => speech.deliveryId !== null)!;
    expect(byTheWay.text).toMatch(/^By the way, your flight search is done\./);
  });

  it('draws the tool calls, each until its first output resolved it', () => {
    const calls = only(lane(timeline, 'tool_calls'), 'tool_call');
    expect(calls.map(({ toolName, outcome, resolvedVia }) => ({ toolName, outcome, resolvedVia }))).toEqual([
      { toolName: 'search_flights', outcome: 'dispatched', resolvedVia: 'first_update' },
      { toolName: 'send_itinerary', outcome: 'dispatched', resolvedVia: 'result' },
      // Never resolved: completing the agent task closed its activity first, which ends the span.
      { toolName: 'complete_task', outcome: 'activity_closed', resolvedVia: null },
      { toolName: 'transfer_to_billing', outcome: 'dispatched', resolvedVia: 'result' },
      { toolName: 'invoice_status', outcome: 'dispatched', resolvedVia: 'result' },
    ]);
    const activityClosed = events.find((event) => event.type === 'ActivityClosed' && event.stream.endsWith(`/${calls[2]!.activityId}`))!;
    expect(calls[2]!.to?.position).toBe(activityClosed.position);
    // send_itinerary held the travel desk's turn for the whole agent task.
    const itinerary = calls[1]!;
    expect(itinerary.to!.position - itinerary.from.position).toBeGreaterThan(20);
  });

  it('draws the flight search as a bar with its two progress updates, and the cancelled agent-task call with its discarded report', () => {
    const tasks = only(lane(timeline, 'tasks'), 'task');
    const search = tasks.find((task) => task.toolName === 'search_flights')!;
    expect(search).toMatchObject({ status: 'succeeded', attempt: 1, outcome: 'Best option: TP 1234 to Lisbon on 2026-12-05, departs 09:40, 189 EUR, 1 stop.' });
    expect(search.progress.map(({ message, update }) => ({ message, update }))).toEqual([
      { message: 'searching airlines for flights to Lisbon on 2026-12-05', update: 1 },
      { message: 'comparing prices across 14 airlines', update: 2 },
    ]);
    for (const mark of search.progress) {
      expect(mark.at.position).toBeGreaterThan(search.from.position);
      expect(mark.at.position).toBeLessThan(search.to!.position);
    }
    const completeTask = tasks.find((task) => task.toolName === 'complete_task')!;
    expect(completeTask).toMatchObject({ status: 'cancelled', outcome: 'cancelled (activity_closed)' });
    expect(completeTask.discarded).toEqual([expect.objectContaining({ reason: 'task_finished', report: 'failed' })]);
    expect(tasks.find((task) => task.toolName === 'transfer_to_billing')).toMatchObject({ status: 'succeeded', outcome: 'handoff to billing' });
  });

  it('draws the deferred reply: queued while the travel desk was paused, delivered once it was current and idle again', () => {
    const replies = only(lane(timeline, 'replies'), 'deferred_reply');
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply).toMatchObject({ ownerKey: 'activity/a1', outcome: 'delivered', mode: 'when_idle', speechId: 'a1-s3' });
    expect(reply.entries.map((entry) => entry.callId)).toEqual(['call_1_0_update_1', 'call_1_0_finished']);
    // Paused for the agent task, whose send_itinerary call still held the travel desk's turn.
    expect(reply.waitingFor).toEqual(['activity_paused', 'tool_call_pending']);
    expect(reply.entries.map((entry) => entry.waitingFor)).toEqual([
      ['activity_paused', 'tool_call_pending'],
      ['activity_paused', 'tool_call_pending'],
    ]);
    expect(reply.label).toContain('waited: activity paused');
    expect(reply.replyText).toMatch(/^By the way/);
    const resumed = events.find((event) => event.type === 'ActivityResumed')!;
    expect(reply.to!.position).toBeGreaterThan(resumed.position);
  });

  it('is the same for the same log, and reads every prefix of it (a live session, event by event)', () => {
    expect(buildTimeline(timeline.sessionId, events)).toEqual(timeline);
    for (let length = 0; length <= events.length; length += 1) {
      const partial = buildTimeline(timeline.sessionId, events.slice(0, length));
      expect(partial.position).toBe(length);
      expect(partial.status).toBe(length === events.length ? 'closed' : 'active');
    }
    const waiting = buildTimeline(timeline.sessionId, events.slice(0, 50));
    expect(only(lane(waiting, 'replies'), 'deferred_reply')[0]).toMatchObject({ outcome: 'waiting', to: null, label: expect.stringContaining('waiting: activity paused') });
    expect(only(lane(waiting, 'tasks'), 'task').find((task) => task.toolName === 'send_itinerary')).toMatchObject({ status: 'running', to: null });
  });

  it('skips events it does not draw, such as types written by a newer version', () => {
    const foreign = { ...events[5]!, type: 'SomethingNew', data: { whatever: true }, position: events.length + 1 };
    const withForeign = buildTimeline(timeline.sessionId, [...events, foreign]);
    expect(withForeign.lanes).toEqual(timeline.lanes);
    expect(withForeign.position).toBe(events.length + 1);
  });
});
