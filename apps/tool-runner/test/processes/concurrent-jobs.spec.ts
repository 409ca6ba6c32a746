import { describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { foldedReports, isTerminalReport } from './support/folded-reports.js';
import { useRunnerProcesses } from './support/use-runner-processes.js';

describe('two runner processes share the work', () => {
  const t = useRunnerProcesses('processes-concurrent');

  it('50 concurrent jobs are spread over both runners and every result is folded exactly once', async () => {
    const runners = await t.fleet.start(2);
    const calls = Array.from({ length: 50 }, (_, n) => ({ callId: `c${n}`, name: 'gated_pid', arguments: { n } }));

    const { sessionId, taskIds } = await t.gateway.callTools(calls);
    // A runner takes at most its concurrency (10) at once: 20 bodies running means both are full.
    await eventually('both runners full: 20 bodies started', async () => Number(await t.redis.get(t.keys.gatedStarted)) >= 20, { detail: () => t.fleet.describe() });
    await t.redis.set(t.keys.gate, 'open');
    await eventually('all 50 tasks succeeded', async () => (await t.gateway.gateway.getSession(sessionId)).tasks.every((task) => task.status === 'succeeded'));

    const outputs = await t.gateway.outputs(sessionId);
    expect(outputs.map((output) => output.callId).sort()).toEqual(calls.map((call) => call.callId).sort());
    const pids = outputs.map((output) => {
      const match = /^job (\d+) ran on pid (\d+)$/.exec(output.output);
      expect(match && `c${match[1]}`).toBe(output.callId);
      return Number(match![2]);
    });
    expect([...new Set(pids)].sort()).toEqual(runners.map((runner) => runner.pid).sort());
    const log = await t.gateway.auditLog(sessionId);
    for (const taskId of taskIds) {
      expect(foldedReports(log, taskId).filter(isTerminalReport)).toEqual([expect.objectContaining({ attempt: 1, discarded: null })]);
    }
  });
});
