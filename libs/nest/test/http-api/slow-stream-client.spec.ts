import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'node:net';
import type { StoredEvent } from '@aside/events/store';
import { GatewayHttpModule } from '../../src/index.js';
import { FakeGatewayApi } from './support/fake-gateway-api.js';
import { boot, openStream, request, type RunningApp } from './support/http-harness.js';

/** A session whose stream never runs dry: 16 KiB events, as fast as they are read. */
class FloodingGatewayApi extends FakeGatewayApi {
  pulled = 0;
  released = false;

  override async *streamEvents(sessionId: string, input: { after: number; signal: AbortSignal }): AsyncIterable<StoredEvent> {
    const template = this.append(sessionId, 'TaskProgressed', { message: 'x'.repeat(16 * 1024) });
    try {
      while (!input.signal.aborted) {
        this.pulled += 1;
        yield { ...template, position: input.after + this.pulled };
      }
    } finally {
      this.released = true;
    }
  }
}

describe('a client that stops reading the stream', () => {
  const api = new FloodingGatewayApi();
  let running: RunningApp;

  beforeAll(async () => {
    running = await boot(
      GatewayHttpModule.forRoot({ api: { useValue: api }, apiTokens: [], stream: { highWaterBytes: 64 * 1024, stallTimeoutMs: 300 } }),
    );
  });
  afterAll(() => running.close());

  it('is not buffered for without bound: reading stops, then the stream closes with 1013', async () => {
    const created = await request(`${running.url}/v1/sessions`, { body: { agent: 'greeter' } });
    const { sessionId } = created.body as { sessionId: string };
    const client = openStream(`${running.wsUrl}/v1/sessions/${sessionId}/stream`);
    await client.waitForFrames(1);
    const socket = (client.socket as unknown as { _socket: Socket })._socket;
    socket.pause();

    await waitUntil(() => api.released, 10_000);
    const pulledWhenStalled = api.pulled;
    // Bounded by the kernel's socket buffers plus the 64 KiB mark, far from "everything".
    expect(pulledWhenStalled * 16 * 1024).toBeLessThan(32 * 1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.pulled).toBe(pulledWhenStalled);

    socket.resume();
    expect(await client.closed).toEqual({ code: 1013, reason: 'client too slow' });
    expect(client.frames.length).toBeLessThanOrEqual(pulledWhenStalled);
  }, 20_000);
});

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
