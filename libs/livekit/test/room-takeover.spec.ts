import { afterEach, describe, expect, it } from '@jest/globals';
import { testKeyPrefix } from '@aside/testing';
import { Redis } from 'ioredis';
import { RedisRoomSessionDirectory, roomSessionsKey } from '../src/session/redis-session-directory.js';
import { redisUrl } from './support/redis-url.js';
import { gate, roomHarness } from './support/room-harness.js';

type Harness = Awaited<ReturnType<typeof roomHarness>>;

describe('room takeover by another gateway (distributed mode)', () => {
  let harness: Harness | undefined;
  const connections: Redis[] = [];
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
    await Promise.all(connections.splice(0).map((connection) => connection.quit()));
  });

  /** Each gateway has its own connection to the deployment's Redis; both see the room's hash. */
  const gatewayDirectory = (key: string) => {
    const connection = new Redis(redisUrl());
    connections.push(connection);
    return new WatchedDirectory(connection, key);
  };

  it('resumes the session of a user still in the room, instead of starting a new one', async () => {
    const key = roomSessionsKey(testKeyPrefix('livekit-takeover'), 'lobby');
    harness = await roomHarness([{ text: 'First answer.' }, { text: 'Second answer.' }], { directory: gatewayDirectory(key) });
    const { server, transport } = harness;
    await transport.join();
    server.join('alice');
    const sessionId = await harness.sessionOf('alice');
    server.sendText('alice', 'lk.chat', 'one');
    await server.until(() => server.texts.some((text) => text.text === 'First answer.'), 'the first answer');

    // The first gateway loses the room's partition: it leaves, the session stays open.
    await transport.leave({ closeSessions: false });
    expect((await harness.gateway.getSession(sessionId)).status).toBe('active');

    // The next owner joins with its own view of the directory.
    const nextDirectory = gatewayDirectory(key);
    const next = harness.openTransport({ directory: nextDirectory });
    await next.join();
    expect((await next.sessionIds()).get('alice')).toBe(sessionId);

    server.sendText('alice', 'lk.chat', 'two');
    await server.until(() => server.texts.some((text) => text.text === 'Second answer.'), 'the second answer');
    const starts = (await harness.log(sessionId)).filter((event) => event.type === 'SessionStarted');
    expect(starts).toHaveLength(1);
    const turns = (await harness.log(sessionId)).filter((event) => event.type === 'ChatItemAdded' && (event.data as { item: { role?: string } }).item.role === 'user');
    expect(turns).toHaveLength(2); // both turns in the one conversation

    // The user leaves under the new owner: the session is closed and the directory entry gone.
    server.leave('alice');
    await harness.untilLogged(sessionId, 'SessionClosed', (event) => event.type === 'SessionClosed');
    await nextDirectory.forgotten.promise;
    expect(await connections[0]!.hget(key, 'alice')).toBeNull();
  });
});

/** The Redis directory, telling the test when an entry has been forgotten. */
class WatchedDirectory extends RedisRoomSessionDirectory {
  readonly forgotten = gate();

  override async forget(identity: string): Promise<void> {
    await super.forget(identity);
    this.forgotten.open();
  }
}
