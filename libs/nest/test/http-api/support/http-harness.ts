import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import WebSocket from 'ws';
import { HealthModule, startHttpApp } from '../../../src/index.js';

export interface RunningApp {
  readonly app: NestFastifyApplication;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `ws://127.0.0.1:<port>` */
  readonly wsUrl: string;
  close(): Promise<void>;
}

/** Boots the modules (plus `/healthz`) on a real socket at a free port, Nest's logger off. */
export async function boot(...modules: DynamicModule[]): Promise<RunningApp> {
  @Module({ imports: [HealthModule.forRoot({ service: 'test' }), ...modules] })
  class TestAppModule {}
  const app = await startHttpApp(TestAppModule, { port: 0, host: '127.0.0.1' }, { logger: false });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    wsUrl: `ws://127.0.0.1:${address.port}`,
    close: () => app.close(),
  };
}

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  /** The raw text, for responses that are not JSON. */
  readonly text: string;
}

/** One request; a body that is not a string is sent as JSON. */
export async function request(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (typeof init.body === 'string') body = init.body;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
  const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export interface StreamClient {
  readonly socket: WebSocket;
  /** Every frame received so far, parsed. */
  readonly frames: { type: string; event?: { position: number; type: string; data: unknown }; error?: unknown }[];
  /** Resolves with the close code and reason once the server (or client) closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Resolves when at least `count` frames arrived. */
  waitForFrames(count: number, timeoutMs?: number): Promise<void>;
}

/** Opens the stream WebSocket and collects its frames. */
export function openStream(url: string, options: { headers?: Record<string, string>; autoPong?: boolean } = {}): StreamClient {
  const socket = new WebSocket(url, { headers: options.headers, autoPong: options.autoPong ?? true });
  const frames: StreamClient['frames'] = [];
  const listeners = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)));
    for (const listener of [...listeners]) listener();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: String(reason) });
      for (const listener of [...listeners]) listener();
    });
  });
  const waitForFrames = (count: number, timeoutMs = 2_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (frames.length >= count) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        } else if (socket.readyState === WebSocket.CLOSED) {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`stream closed after ${frames.length} of ${count} frames`));
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out with ${frames.length} of ${count} frames`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { socket, frames, closed, waitForFrames };
}
