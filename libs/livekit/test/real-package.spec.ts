import { afterAll, describe, expect, it } from '@jest/globals';
import { TokenVerifier } from 'livekit-server-sdk';
import { mintAgentToken } from '../src/connection/agent-token.js';
import { LiveKitRoomTransport } from '../src/livekit-room-transport.js';
import { rtcRoomFactory } from '../src/rtc-room-factory.js';
import type { TransportPort } from '@aside/engine';

describe('the real @livekit/rtc-node package', () => {
  let dispose: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await dispose?.(); // else the native binding keeps the process alive
  });

  it('loads, builds a room and the transport over it without connecting', async () => {
    const factory = await rtcRoomFactory();
    dispose = factory.dispose;
    const room = factory.createRoom();
    expect(room.isConnected).toBe(false);
    expect(room.remoteParticipants.size).toBe(0);
    // Registering handlers works offline, and a second one for a topic is refused as the fake does.
    room.registerTextStreamHandler('lk.chat', () => undefined);
    expect(() => room.registerTextStreamHandler('lk.chat', () => undefined)).toThrow();
    room.on('participantConnected', () => undefined);
    room.removeAllListeners();

    const transport = new LiveKitRoomTransport({
      port: {} as TransportPort, // never called: nothing connects
      url: 'ws://127.0.0.1:1',
      token: async () => 'unused',
      createRoom: factory.createRoom,
      agent: 'desk',
    });
    expect(await transport.sessionIds()).toEqual(new Map());
  });

  it('mints the agent join token with the official server SDK', async () => {
    const jwt = await mintAgentToken({ apiKey: 'APIkey123', apiSecret: 'a-secret-of-at-least-32-characters!!', room: 'lobby', identity: 'aside-agent' });
    const claims = await new TokenVerifier('APIkey123', 'a-secret-of-at-least-32-characters!!').verify(jwt);
    expect(claims.sub).toBe('aside-agent');
    expect(claims.video).toMatchObject({ roomJoin: true, room: 'lobby', agent: true, canPublish: true, canSubscribe: true, canPublishData: true });
  });
});
