import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ProcessRoster, type SpawnedProcess } from '@aside/testing';
import { recordSession, type RecordedSession } from './support/recorded-session.js';

const ENTRY = 'apps/agent-gateway/src/aside-cli/main.ts';

/** `npx aside …` as a real process: the entry point, its exit codes and Ctrl-C. */
describe('the aside process', () => {
  let session: RecordedSession;
  const roster = new ProcessRoster();
  const aside = (...args: string[]): SpawnedProcess => roster.spawn({ name: 'aside', entry: ENTRY, args, env: session.env as Record<string, string> });

  beforeAll(async () => (session = await recordSession()));
  afterEach(async () => roster.killAll());
  afterAll(async () => session?.close());

  it('tail follows the log until Ctrl-C, then exits 0', async () => {
    const end = await session.store.logPosition(session.sessionId);
    const tail = aside('tail', session.sessionId);
    await tail.waitForLine(new RegExp(`^\\s*${end} `));

    await session.gateway.setUserState(session.sessionId, { speaking: true });
    await tail.waitForLine(new RegExp(`^\\s*${end + 1} .* UserStateChanged +user speaking$`));
    tail.signal('SIGINT');

    expect(await tail.exited).toEqual({ code: 0, signal: null });
  }, 30_000);

  it('replay prints "replay matches" and exits 0; a session that is not there exits 1', async () => {
    const replay = aside('replay', session.sessionId);
    expect(await replay.exited).toEqual({ code: 0, signal: null });
    expect(replay.lines.at(-1)).toBe('replay matches');

    const missing = aside('replay', 'sess-0-nosuchsession1');
    expect(await missing.exited).toEqual({ code: 1, signal: null });
    expect(missing.lines).toEqual([expect.stringMatching(/^aside: no session sess-0-nosuchsession1 in Redis /)]);
  }, 30_000);
});
