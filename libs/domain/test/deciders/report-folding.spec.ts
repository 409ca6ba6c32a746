import { describe, expect, it } from '@jest/globals';
import type { DecidedEvent } from '../../src/deciders/index.js';
import { call, command, failed, progress, report, started, succeeded, taskIdOf } from './support/commands.js';
import { given } from './support/given-when-then.js';
import { scenario } from './support/scenario.js';

const T1 = taskIdOf('c1');
const onActivity = { kind: 'activity', activityId: 'a1' } as const;

/** The log of a session whose `search` call c1 was dispatched, plus whatever reports are given. */
function dispatched(...reports: Parameters<ReturnType<typeof scenario>['report']>[]): readonly DecidedEvent[] {
  const s = scenario('Plain');
  s.userSays('go');
  s.llm('', [call('c1', 'search', { query: 'x' })]);
  for (const args of reports) s.report(...args);
  return s.log();
}

const discarded = (attempt: number, seq: number, reason: string, body: ReturnType<typeof started>): DecidedEvent =>
  ({ aggregate: onActivity, type: 'ReportDiscarded', data: { taskId: T1, attempt, seq, reason, report: body } }) as DecidedEvent;

describe('exactly-once folding of runner reports (DESIGN §3.5, SEMANTICS §10)', () => {
  it('started (seq 0) of the first attempt is folded', () => {
    given(dispatched())
      .when(report(T1, 1, 0, started()))
      .then([{ aggregate: onActivity, type: 'TaskStarted', data: { taskId: T1, attempt: 1, seq: 0 } }]);
  });

  it('the same report twice → the second is ReportDiscarded and nothing else', () => {
    given(dispatched(['c1', started()], ['c1', progress('one')]))
      .when(report(T1, 1, 1, progress('one')))
      .then([discarded(1, 1, 'already_folded', progress('one'))]);
  });

  it('a seq not newer than the last folded → discarded', () => {
    given(dispatched(['c1', started()], ['c1', progress('one')], ['c1', progress('two')]))
      .when(report(T1, 1, 1, progress('late one')))
      .then([discarded(1, 1, 'already_folded', progress('late one'))]);
  });

  it("a newer attempt's started supersedes the old attempt; the old attempt's reports are then discarded", () => {
    const log = dispatched(['c1', started()], ['c1', progress('one')], ['c1', started(), { attempt: 2 }]);
    given(log)
      .when(report(T1, 1, 2, succeeded('zombie result')))
      .then([discarded(1, 2, 'superseded_attempt', succeeded('zombie result'))]);
  });

  it('the new attempt continues the update numbering (no duplicate _update_n ids)', () => {
    const log = dispatched(['c1', started()], ['c1', progress('one')], ['c1', started(), { attempt: 2 }]);
    given(log)
      .when(report(T1, 2, 1, progress('retrying')))
      .thenEvents((events, state) => {
        expect(events[0]).toEqual({ aggregate: onActivity, type: 'TaskProgressed', data: { taskId: T1, attempt: 2, seq: 1, message: 'retrying', update: 2 } });
        expect(state.activities['a1']?.chat.some((item) => item.type === 'function_call' && item.callId === 'c1_update_1')).toBe(true);
      });
  });

  it('a newer attempt whose started was lost is accepted from its first report', () => {
    given(dispatched(['c1', started()]))
      .when(report(T1, 2, 1, progress('on runner 2')))
      .thenEvents((events) => expect(events[0]?.type).toBe('TaskProgressed'));
  });

  it('anything after a terminal state → discarded', () => {
    given(dispatched(['c1', started()], ['c1', succeeded('done')]))
      .when(report(T1, 1, 5, failed('internal', 'crash after the fact')))
      .then([discarded(1, 5, 'task_finished', failed('internal', 'crash after the fact'))]);
  });

  it('a report after a cancel → discarded', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.send(command('CancelTask', { callId: 'c1' }));
    given(s.log())
      .when(report(T1, 1, 1, progress('still going')))
      .then([discarded(1, 1, 'task_finished', progress('still going'))]);
  });

  it('a gateway timeout backstop (a terminal report with a high seq) wins; the runner’s late result is discarded', () => {
    const log = dispatched(['c1', started()], ['c1', failed('timeout', 'Timed out after 30 s'), { seq: Number.MAX_SAFE_INTEGER }]);
    given(log)
      .when(report(T1, 1, 1, succeeded('too late')))
      .then([discarded(1, 1, 'task_finished', succeeded('too late'))]);
  });
});
