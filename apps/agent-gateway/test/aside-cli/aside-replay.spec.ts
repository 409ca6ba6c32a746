import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sessionKeys } from '@aside/events/store';
import { eventually, freePort } from '@aside/testing';
import { Redis } from 'ioredis';
import { runAsideCli } from '../../src/aside-cli/run-aside-cli.js';
import { API_TOKEN, CapturedOutput, recordSession, type RecordedSession } from './support/recorded-session.js';
import { tamperingGateway } from './support/tampering-gateway.js';

describe('aside replay', () => {
  let session: RecordedSession;
  let end: number;
  let redis: Redis;
  /** The session snapshot as the engine saved it (its shape is the engine's: the state and the position it was folded to). */
  const savedSnapshot = async (): Promise<{ state: { position: number; state: { agent: string } } } | undefined> => {
    const raw = await redis.hget(sessionKeys(session.prefix, session.sessionId).snapshots, `session/${session.sessionId}`);
    return raw === null ? undefined : JSON.parse(raw);
  };
  const replay = async (...flags: string[]): Promise<{ code: number; out: CapturedOutput }> => {
    const out = new CapturedOutput();
    const code = await runAsideCli(['replay', session.sessionId, ...flags], { env: session.env, out });
    return { code, out };
  };

  beforeAll(async () => {
    redis = new Redis(process.env['REDIS_URL']!);
    session = await recordSession({ http: true });
    await session.finishSearch(); // the gateway snapshots every 6 events: the last snapshot is at the end of the log…
    await session.gateway.setUserState(session.sessionId, { speaking: true }); // …and one event more makes a tail after it
    end = await session.store.logPosition(session.sessionId);
    // Snapshots are saved in the background.
    await eventually('the snapshot of the finished search is saved', async () => (await savedSnapshot())?.state.position === end - 1);
  });
  afterAll(async () => {
    await session?.close();
    redis?.disconnect();
  });

  it('prints the state and proves the replay against the engine (snapshot + tail) and the gateway, byte for byte', async () => {
    const { code, out } = await replay('--gateway', session.url!, '--token', API_TOKEN);

    expect(code).toBe(0);
    expect(out.lines[0]).toBe(`${session.sessionId}: active, agent travel, playout instant, at log position ${end}`);
    expect(out.lines).toContain('current activity: a1 travel (busy); user speaking');
    expect(out.lines).toContainEqual(expect.stringMatching(/^ {2}a1 +travel +agent started +current, 7 chat items$/));
    expect(out.lines).toContainEqual(expect.stringMatching(/^ {2}search_flights c1 +succeeded attempt 1, 1 update, last "searching airlines"$/));
    expect(out.lines).toContain('pending replies (0):');
    const verdict = out.lines.slice(out.lines.findIndex((line) => line.startsWith('replayed ')));
    expect(verdict).toEqual([
      `replayed ${end} events of ${session.sessionId} from position 0, snapshots ignored (Redis ${new URL(session.env['REDIS_URL']!).host}, prefix ${session.prefix})`,
      `  = the engine's load at position ${end} (snapshot at position ${end - 1} + 1 event)`,
      expect.stringMatching(new RegExp(`^ {2}= ${session.url} GET /v1/sessions/${session.sessionId} at position ${end}, byte for byte \\(\\d+ bytes\\)$`)),
      'replay matches',
    ]);
  });

  it('with --json prints the whole state alone on stdout (the state the gateway holds) and the verdict on stderr', async () => {
    const { code, out } = await replay('--json');

    expect(code).toBe(0);
    expect(JSON.parse(out.lines.join('\n'))).toEqual(JSON.parse(JSON.stringify(await session.gateway.engine.state(session.sessionId))));
    expect(out.notes.at(-1)).toBe('replay matches');
  });

  it('shows a pending reply and why it waits', async () => {
    // The same session seen while the search result waits for the user to stop talking.
    const waiting = await recordSession();
    try {
      await waiting.gateway.setUserState(waiting.sessionId, { speaking: true });
      await waiting.finishSearch();
      const out = new CapturedOutput();
      expect(await runAsideCli(['replay', waiting.sessionId], { env: waiting.env, out })).toBe(0);
      expect(out.lines).toContainEqual(expect.stringMatching(/^ {2}batch 1 of activity\/a1 \(when_idle\): \[c1_finished\], waiting: user talking$/));
    } finally {
      await waiting.close();
    }
  });

  it('finds a gateway projection that differs in a value, and says where (exit 3)', async () => {
    const tampered = await tamperingGateway(session.url!, (body) => body.replace('"status":"succeeded"', '"status":"running"'));
    try {
      const { code, out } = await replay('--gateway', tampered.url, '--token', API_TOKEN);

      expect(code).toBe(3);
      expect(out.lines.at(-1)).toBe(
        `replay differs from ${tampered.url} GET /v1/sessions/${session.sessionId} at position ${end}: first difference at $.tasks[0].status: replayed "succeeded", theirs "running"`,
      );
      expect(out.lines).not.toContain('replay matches');
    } finally {
      await tampered.close();
    }
  });

  it('finds a projection with the same data in other bytes (exit 3): byte for byte means it', async () => {
    const reformatted = await tamperingGateway(session.url!, (body) => JSON.stringify(JSON.parse(body), null, 1));
    try {
      const { code, out } = await replay('--gateway', reformatted.url, '--token', API_TOKEN);

      expect(code).toBe(3);
      expect(out.lines.at(-1)).toMatch(/first difference at byte 1: replayed "\{\\"sessionId.*", theirs "\{\\n \\"sessionId/);
    } finally {
      await reformatted.close();
    }
  });

  it('fails in the gateway\'s own words when it refuses or is not there (exit 1)', async () => {
    const refused = await replay('--gateway', session.url!, '--token', 'wrong-token');
    expect(refused.code).toBe(1);
    expect(refused.out.notes).toEqual([expect.stringMatching(new RegExp(`^aside: gateway ${session.url} answered 401 to GET /v1/sessions/${session.sessionId}: UNAUTHORIZED: `))]);

    const anonymous = await replay('--gateway', session.url!);
    expect(anonymous.out.notes[0]).toMatch(/answered 401 .* \(give --token or set ASIDE_API_TOKEN\)$/);

    const gone = await replay('--gateway', `http://127.0.0.1:${await freePort()}`);
    expect(gone.code).toBe(1);
    expect(gone.out.notes[0]).toMatch(/^aside: gateway http:\/\/127\.0\.0\.1:\d+ did not answer GET \/v1\/sessions\/.*: connect ECONNREFUSED/);
  });

  it('says there is no such session (exit 1)', async () => {
    const out = new CapturedOutput();
    expect(await runAsideCli(['replay', 'sess-0-nosuchsession1'], { env: session.env, out })).toBe(1);
    expect(out.notes).toEqual([`aside: no session sess-0-nosuchsession1 in Redis ${new URL(session.env['REDIS_URL']!).host}, prefix ${session.prefix}`]);
  });

  it('gives up at Ctrl-C with 130', async () => {
    const out = new CapturedOutput();
    expect(await runAsideCli(['replay', session.sessionId], { env: session.env, out, signal: AbortSignal.abort() })).toBe(130);
    expect(out.lines).not.toContain('replay matches');
  });

  // Last: it corrupts the session's snapshot.
  it('finds a snapshot that no longer folds to what the log says, and says where (exit 3)', async () => {
    const saved = (await savedSnapshot())!;
    saved.state.state.agent = 'billing';
    await redis.hset(sessionKeys(session.prefix, session.sessionId).snapshots, `session/${session.sessionId}`, JSON.stringify(saved));

    const { code, out } = await replay();

    expect(code).toBe(3);
    expect(out.lines.at(-1)).toBe(`replay differs from the engine's load (snapshot at position ${end - 1} + 1 event) at position ${end}: first difference at $.agent: replayed "travel", theirs "billing"`);
  });
});
