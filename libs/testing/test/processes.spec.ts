import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { eventually, fileBeside, ProcessRoster } from '../src/index.js';

const fixture = fileBeside(import.meta.url, './fixtures/process-fixture.ts');

/** Gone, or a zombie nobody reaps (what an orphan may become under a container's PID 1). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('spawned TypeScript processes', () => {
  const roster = new ProcessRoster();
  afterEach(() => roster.killAll());

  it('reads the output as whole lines, waits for one still to come, and has them all once it exited', async () => {
    const child = roster.spawn({ name: 'talker', entry: fixture, args: ['talk'] });

    expect((await child.waitForLine(/^line (\d)$/, { from: 1 }))[1]).toBe('2');
    expect(await child.exited).toEqual({ code: 3, signal: null });
    expect([...child.lines].sort()).toEqual(['line 1', 'line 2', 'on stderr', 'tail without newline']);
  });

  it('fails a wait for a line the process exits without printing, with its output', async () => {
    const child = roster.spawn({ name: 'talker', entry: fixture, args: ['talk'] });

    await expect(child.waitForLine(/^never$/)).rejects.toThrow(/talker exited before printing a line matching \/\^never\$\/[\s\S]*line 2/);
  });

  it('kills a stopped process, which a plain SIGTERM would leave frozen', async () => {
    const child = roster.spawn({ name: 'sleeper', entry: fixture, args: ['sleep'] });
    await child.waitForLine(/^sleeping/);
    child.pause();

    await roster.killAll();
    expect(child.exitStatus).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('a spawned process exits by itself once the process that spawned it died without cleaning up', async () => {
    const parent = roster.spawn({ name: 'parent', entry: fixture, args: ['spawn-sleeper'] });
    const orphan = Number((await parent.waitForLine(/^child (\d+)$/))[1]);

    await parent.kill();
    await eventually('the orphan gone', () => isGone(orphan), { timeoutMs: 5_000 });
  });
});
