import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@aside/events/store';
import { freePort } from '@aside/testing';
import { runAsideCli } from '../../src/aside-cli/run-aside-cli.js';
import { CapturedOutput, recordSession, type RecordedSession } from './support/recorded-session.js';

/** The position a pretty line starts with. */
const positionOf = (line: string): number => Number(/^\s*(\d+)\s/.exec(line)?.[1]);

describe('aside tail', () => {
  let session: RecordedSession;
  let log: readonly StoredEvent[];

  beforeAll(async () => {
    session = await recordSession(); // the flight search has reported progress and is still running
    log = (await session.store.readLog(session.sessionId, { limit: 10_000 })).events;
  });
  afterAll(async () => session?.close());

  it('prints every event of the log in order, one line each with what matters about it, and with --no-follow exits', async () => {
    const out = new CapturedOutput();

    expect(await runAsideCli(['tail', session.sessionId, '--no-follow'], { env: session.env, out })).toBe(0);

    expect(out.lines.map(positionOf)).toEqual(log.map((event) => event.position));
    expect(out.lines.map((line) => line.split(/\s+/)[4])).toEqual(log.map((event) => event.type));
    expect(out.lines[0]).toMatch(/^\s+1 {2}\d\d:\d\d:\d\d\.\d{3}Z {2}session {9}SessionStarted {10}agent travel in a1, playout instant, partition 0$/);
    const line = (type: string) => out.lines.filter((text) => text.includes(` ${type} `));
    expect(line('ChatItemAdded')[0]).toMatch(/activity\/a1 .* user: "Flights to Lisbon, please\."$/);
    expect(line('ToolCallDispatched')).toEqual([expect.stringMatching(/search_flights call c1 → task$/)]);
    expect(line('TaskProgressed')).toEqual([expect.stringMatching(/search_flights c1, update 1: "searching airlines"$/)]);
    expect(line('SpeechQueued')).toEqual([expect.stringMatching(/a1-s1 "Sure, searching now\."$/)]);
    expect(out.notes).toEqual([`aside: ${session.sessionId} in Redis ${new URL(session.env['REDIS_URL']!).host}, prefix ${session.prefix}`]);
  });

  it('starts after --after, and prints the stored envelopes as JSON lines with --json', async () => {
    const out = new CapturedOutput();

    expect(await runAsideCli(['tail', session.sessionId, '--after', '5', '--json', '--no-follow'], { env: session.env, out })).toBe(0);

    expect(out.lines.map((line) => JSON.parse(line) as unknown)).toEqual(log.slice(5));
  });

  it('names the tool of a task introduced before --after', async () => {
    const progressed = log.find((event) => event.type === 'TaskProgressed')!;
    const out = new CapturedOutput();

    await runAsideCli(['tail', session.sessionId, '--after', String(progressed.position - 1), '--no-follow'], { env: session.env, out });

    expect(out.lines[0]).toMatch(/TaskProgressed +search_flights c1, update 1/);
  });

  it('follows: prints the log, then each event committed after it started, until aborted', async () => {
    const out = new CapturedOutput();
    const stop = new AbortController();
    const tailing = runAsideCli(['tail', session.sessionId], { env: session.env, out, signal: stop.signal });
    await out.waitForLine(new RegExp(`^\\s*${log.length} `));

    await session.finishSearch(); // the result, then the deferred reply, committed while tail runs
    const end = await session.store.logPosition(session.sessionId);
    await out.waitForLine(new RegExp(`^\\s*${end} `));
    stop.abort();

    expect(await tailing).toBe(0);
    expect(out.lines.map(positionOf)).toEqual(Array.from({ length: end }, (_, index) => index + 1));
    const live = out.lines.slice(log.length);
    expect(live.find((line) => line.includes(' TaskSucceeded '))).toMatch(/search_flights c1, attempt 1: "42 flights"$/);
    expect(live.find((line) => line.includes(' ReplyDeliveryStarted '))).toMatch(/\[c1_finished\] spoken by a1 travel \(when_idle\)$/);
    expect(live.find((line) => line.includes(' ReplyGenerated '))).toMatch(/"By the way, I found 42 flights\."$/);
    expect(out.notes.at(-1)).toMatch(/; Ctrl-C to stop$/);
  });

  it('says there is no such session (exit 1): an unknown id, or the right id under another prefix', async () => {
    for (const [argv, env] of [
      [['tail', 'sess-0-nosuchsession1'], session.env],
      [['tail', session.sessionId, '--no-follow'], { ...session.env, ASIDE_PREFIX: 'elsewhere' }],
    ] as const) {
      const out = new CapturedOutput();
      expect(await runAsideCli(argv, { env, out })).toBe(1);
      expect(out.notes).toEqual([expect.stringMatching(new RegExp(`^aside: no session ${argv[1]} in Redis [\\d.:]+, prefix (elsewhere|${session.prefix})$`))]);
      expect(out.lines).toEqual([]);
    }
  });

  it('fails with one line when Redis does not answer (exit 1), never with the password', async () => {
    const out = new CapturedOutput();
    const started = Date.now();

    expect(await runAsideCli(['tail', session.sessionId, '--redis', `redis://:hunter2@127.0.0.1:${await freePort()}`], { env: {}, out })).toBe(1);

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(out.notes).toEqual([expect.stringMatching(/^aside: Redis 127\.0\.0\.1:\d+, prefix aside is unreachable: connect ECONNREFUSED/)]);
    expect(out.notes[0]).not.toContain('hunter2');
  });
});
