import { INBOX_GROUP } from '@aside/bullmq';
import type { TaskReportMessage } from '@aside/events';
import { eventually } from '@aside/testing';
import type { FaultDeployment } from '../deployment/fault-deployment.js';
import { startRound, taskIdsOf, untilDelivered, type Round } from '../deployment/round.js';
import { faultDelay } from '../fault-timing.js';
import type { FaultScenario } from './fault-scenario.js';

/**
 * Writes into the partition's inbox what a confused network, a re-sending runner or a racing
 * backstop would: copies of the reports the runner wrote for the round's task — `started` and
 * `progress` again, in reverse order, while it runs; its result (the very report the runner is
 * about to write) 0–30 ms after the release, so that it lands before or after the runner's own;
 * after delivery the result again, a gateway's "runner stopped" ending numbered after it, then
 * `progress` and `started`, oldest last — and one entry that is not a report at all. None may
 * change anything: each report key folded once, the late ending discarded, the result
 * delivered once, the malformed entry dead-lettered.
 */
export const injectReports: FaultScenario = {
  name: 'inject-reports',
  injects: 'copies of the task’s reports re-sent out of order around and after its result, plus a malformed entry',
  async run({ index, deployment, random, track, note }) {
    const round = await startRound(deployment, `ir${index}`, 1);
    track(round);
    const reports = reportsOf(round);
    await inject(deployment, [reports.progress, reports.started]);
    const poison = (await deployment.commands.xadd(deployment.keys.inbox(0), '*', 'm', 'not a report'))!;
    await deployment.release(taskIdsOf(round));
    const delayMs = random.upTo(30);
    await faultDelay(delayMs);
    await inject(deployment, [reports.succeeded]);
    await untilDelivered(deployment, round);
    const last = await inject(deployment, [reports.succeeded, reports.lateEnding, reports.progress, reports.started]);
    await untilConsumed(deployment, last);
    if (!(await deadLettered(deployment, poison))) throw new Error(`the malformed inbox entry ${poison} was not dead-lettered`);
    note(`re-sent the reports of ${round.callIds[0]}; its result ${delayMs} ms after the release`);
  },
};

/**
 * What the fixture runner writes for the round's (only) task, attempt 1: `started`, its update,
 * its result — and the ending a gateway writes for a job BullMQ failed on its own (numbered after
 * the last report), as a backstop racing the runner's own result would.
 */
function reportsOf(round: Round): Readonly<Record<'started' | 'progress' | 'succeeded' | 'lateEnding', TaskReportMessage>> {
  const { callId, taskId } = round.tasks[0]!;
  const pid = round.runnerPids.get(callId)!;
  const key = { taskId, sessionId: round.sessionId, attempt: 1 };
  return {
    started: { ...key, seq: 0, report: { type: 'started' } },
    progress: { ...key, seq: 1, report: { type: 'progress', message: `attempt 1 running on pid ${pid}` } },
    succeeded: { ...key, seq: 2, report: { type: 'succeeded', result: `${callId} finished by attempt 1 on pid ${pid}`, handoff: null } },
    lateEnding: { ...key, seq: 3, report: { type: 'failed', kind: 'internal', message: 'The tool runner stopped: job stalled more than allowable limit' } },
  };
}

/** Appends the reports to the inbox as a runner's writes are stored (field `m`); resolves with the last entry id. */
async function inject(deployment: FaultDeployment, reports: readonly TaskReportMessage[]): Promise<string> {
  let id = '';
  for (const report of reports) id = (await deployment.commands.xadd(deployment.keys.inbox(0), '*', 'm', JSON.stringify(report)))!;
  return id;
}

/** Resolves once the gateways' group has read past this entry and acknowledged everything it read. */
async function untilConsumed(deployment: FaultDeployment, entryId: string): Promise<void> {
  await eventually(
    `inbox entry ${entryId} consumed`,
    async () => {
      const groups = (await deployment.commands.xinfo('GROUPS', deployment.keys.inbox(0))) as unknown[][];
      const group = groups.map((fields) => fieldsOf(fields)).find((fields) => fields['name'] === INBOX_GROUP);
      return group !== undefined && Number(group['pending']) === 0 && !isBefore(String(group['last-delivered-id']), entryId);
    },
    { timeoutMs: 15_000, detail: () => deployment.describe() },
  );
}

/** Whether the inbox's dead letters hold the entry (they name it in their `source` field). */
async function deadLettered(deployment: FaultDeployment, entryId: string): Promise<boolean> {
  const letters = (await deployment.commands.xrange(deployment.keys.inboxDead(0), '-', '+')) as [string, string[]][];
  return letters.some(([, fields]) => fieldsOf(fields)['source'] === entryId);
}

function fieldsOf(flat: readonly unknown[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[String(flat[i])] = flat[i + 1];
  return fields;
}

/** Stream ids `<ms>-<seq>`, compared as numbers. */
function isBefore(a: string, b: string): boolean {
  const [aMs, aSeq] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bMs, bSeq] = b.split('-').map(BigInt) as [bigint, bigint];
  return aMs < bMs || (aMs === bMs && aSeq < bSeq);
}
