import { describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { useRunnerProcesses } from './support/use-runner-processes.js';

describe('a runner process at boot', () => {
  const t = useRunnerProcesses('processes-boot');

  it('prints its settings from the environment in one line, naming Redis by host and port only', async () => {
    const { hostname, port } = new URL(process.env['REDIS_URL']!);
    const withPassword = `redis://:not-a-real-secret@${hostname}:${port}`;
    const runner = t.fleet.spawn({ REDIS_URL: withPassword, ASIDE_RUNNER_CONCURRENCY: '4', ASIDE_GRACE_MS: '250' });
    await runner.ready();

    expect(runner.printed).toContain(
      `tool-runner: redis ${hostname}:${port}, prefix ${t.prefix}, queue aside-tools, concurrency 4, lock 1000 ms, stalled check every 500 ms, max stalled 1, grace 250 ms\n`,
    );
    expect(runner.printed).not.toContain('not-a-real-secret');
  });

  it('refuses a malformed setting with one line naming it, and exit code 1', async () => {
    const runner = t.fleet.spawn({ ASIDE_LOCK_DURATION_MS: '1s' });

    expect(await eventually('the runner exited', () => runner.exitStatus, { detail: () => runner.describe() })).toEqual({ code: 1, signal: null });
    expect(runner.printed).toBe("tool-runner failed to start: ASIDE_LOCK_DURATION_MS must be a positive integer (milliseconds), got '1s'\n");
  });
});
