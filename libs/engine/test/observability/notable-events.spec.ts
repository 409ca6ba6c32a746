import { describe, expect, it } from '@jest/globals';
import { activityEvent, evolveSession, initialSessionState, sessionEvent, type DecidedEvent, type SessionState } from '@aside/domain';
import type { ReplyEntry } from '@aside/events';
import { logNotableEvents, notableLogRecords, type Committed, type EngineLogger } from '../../src/index.js';

const SESSION = 'sess-0-notable';
const TASK = 'sess-0-notable-c1';

/** A session with one task of `a1` (call `c1`, tool `track_parcel`), folded from real events. */
function sessionWithTask(): SessionState {
  const events: DecidedEvent[] = [
    sessionEvent('SessionStarted', { sessionId: SESSION, agent: 'desk', activityId: 'a1', playout: 'instant', partition: 0, managementTools: 'when_live', lateResults: null }),
    activityEvent('a1', 'ActivityStarted', { activityId: 'a1', agent: 'desk', kind: 'agent', reason: 'session_start', parentActivityId: null, awaitedByTaskId: null }),
    activityEvent('a1', 'TaskRequested', {
      taskId: TASK,
      callId: 'c1',
      toolName: 'track_parcel',
      toolsetId: null,
      scope: 'bare',
      ownerKey: 'activity/a1',
      activityId: 'a1',
      agent: 'desk',
      generationId: 'g1',
      arguments: { parcel: 'P-77' },
      rawArguments: '{"parcel":"P-77"}',
      canonicalArguments: '{"parcel":"P-77"}',
      cancellable: true,
      delivery: 'when_idle',
      timeoutMs: null,
      retries: 2,
      allowInterruptions: true,
      requestedAt: '2026-11-01T10:00:00.000Z',
    }),
  ];
  return events.reduce(evolveSession, initialSessionState());
}

function committed(...events: DecidedEvent[]): Committed {
  return { sessionId: SESSION, state: sessionWithTask(), events, position: 42, duplicate: false };
}

const entry: ReplyEntry = { callId: 'c1_finished', taskId: TASK, activityId: 'a1', items: [], redelivered: false };
const taskIds = { sessionId: SESSION, activityId: 'a1', toolCallId: 'c1', taskId: TASK, tool: 'track_parcel' };

describe('notableLogRecords', () => {
  it('names a report’s call, tool and activity from the state, with the attempt from the event', () => {
    const [record] = notableLogRecords(committed(activityEvent('a1', 'TaskStarted', { taskId: TASK, attempt: 3, seq: 0 })));

    expect(record).toEqual({ level: 'info', msg: 'task started', fields: { ...taskIds, event: 'TaskStarted', position: 42, attempt: 3 } });
  });

  it('logs a tool’s own error at info, an internal failure or a timeout at warn with its detail', () => {
    const failed = (kind: 'tool_error' | 'internal' | 'timeout') =>
      notableLogRecords(committed(activityEvent('a1', 'TaskFailed', { taskId: TASK, attempt: 2, seq: 1, kind, message: 'boom' })))[0]!;

    expect(failed('tool_error')).toMatchObject({ level: 'info', msg: 'task failed', fields: { ...taskIds, attempt: 2, kind: 'tool_error' } });
    expect(failed('tool_error').fields).not.toHaveProperty('error');
    expect(failed('internal')).toMatchObject({ level: 'warn', fields: { kind: 'internal', error: 'boom', attempt: 2 } });
    expect(failed('timeout')).toMatchObject({ level: 'warn', fields: { kind: 'timeout' } });
  });

  it('logs a cancel with its reason, and a discarded report with why', () => {
    const [cancelled, discarded] = notableLogRecords(
      committed(
        activityEvent('a1', 'TaskCancelRequested', { taskId: TASK, reason: 'cancel_task', byCallId: 'c9' }),
        activityEvent('a1', 'ReportDiscarded', { taskId: TASK, attempt: 1, seq: 2, reason: 'superseded_attempt', report: { type: 'progress', message: 'x' } }),
      ),
    );

    expect(cancelled).toMatchObject({ msg: 'task cancelled', fields: { ...taskIds, reason: 'cancel_task', byCallId: 'c9' } });
    expect(discarded).toMatchObject({ msg: 'task report discarded', fields: { ...taskIds, attempt: 1, seq: 2, reason: 'superseded_attempt', report: 'progress' } });
  });

  it('logs dropped replies with their reason, named by the original tool call', () => {
    const [dropped] = notableLogRecords(committed(activityEvent('a1', 'ReplyDropped', { ownerKey: 'activity/a1', reason: 'handoff', entries: [entry] })));

    expect(dropped).toEqual({
      level: 'info',
      msg: 'reply dropped',
      fields: { sessionId: SESSION, event: 'ReplyDropped', position: 42, activityId: 'a1', ownerKey: 'activity/a1', reason: 'handoff', toolCallId: 'c1', taskId: TASK },
    });
  });

  it('logs an activity pausing for an agent task and resuming after it', () => {
    const [paused, resumed] = notableLogRecords(
      committed(activityEvent('a1', 'ActivityPaused', { reason: 'agent_task', taskActivityId: 'a2' }), activityEvent('a1', 'ActivityResumed', { taskActivityId: 'a2' })),
    );

    expect(paused).toMatchObject({ msg: 'activity paused', fields: { activityId: 'a1', reason: 'agent_task', taskActivityId: 'a2' } });
    expect(resumed).toMatchObject({ msg: 'activity resumed', fields: { activityId: 'a1', taskActivityId: 'a2' } });
  });

  it('names several replies of one delivery as lists', () => {
    const second: ReplyEntry = { ...entry, callId: 'c5_finished', taskId: 'unknown-task' };
    const [started] = notableLogRecords(
      committed(
        activityEvent('a1', 'ReplyDeliveryStarted', {
          ownerKey: 'activity/a1',
          batchOrder: 1,
          deliveryId: 'd1',
          activityId: 'a1',
          mode: 'when_idle',
          callIds: ['c1_finished', 'c5_finished'],
          redeliveredCallIds: [],
          entries: [entry, second],
          instructions: 'Tell the user.',
          toolChoice: 'none',
          foreignItems: [],
          warnings: [],
        }),
      ),
    );

    expect(started).toMatchObject({ msg: 'reply delivery started', fields: { deliveryId: 'd1', toolCallIds: ['c1', 'c5_finished'], taskIds: [TASK, 'unknown-task'] } });
  });

  it('has nothing to say about a retried command (no events) or the chatter', () => {
    expect(notableLogRecords({ ...committed(), duplicate: true })).toEqual([]);
    expect(notableLogRecords(committed(activityEvent('a1', 'SpeechStarted', { speechId: 's1' })))).toEqual([]);
  });
});

describe('logNotableEvents', () => {
  it('writes each record at its level, and a logger that throws never reaches the committer', () => {
    const lines: [string, object, string][] = [];
    let listener: ((committed: Committed) => void) | undefined;
    const logger: EngineLogger = {
      debug: () => undefined,
      info: (fields, message) => lines.push(['info', fields, message]),
      warn: (fields, message) => {
        lines.push(['warn', fields, message]);
        throw new Error('disk full');
      },
      error: () => undefined,
    };
    logNotableEvents({ onCommitted: (added) => ((listener = added), () => undefined) }, logger);

    expect(() =>
      listener!(
        committed(
          activityEvent('a1', 'TaskStarted', { taskId: TASK, attempt: 1, seq: 0 }),
          activityEvent('a1', 'TaskFailed', { taskId: TASK, attempt: 1, seq: 1, kind: 'internal', message: 'boom' }),
        ),
      ),
    ).not.toThrow();
    expect(lines.map(([level, , message]) => `${level} ${message}`)).toEqual(['info task started', 'warn task failed']);
  });
});
