import 'reflect-metadata';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { AgentGatewayModule, LoggingModule, startHttpApp } from '@aside/nest';
import { FuzzModel } from '../tool-calls/fuzz-model.js';
import { FUZZ_AGENT, fuzzAgent } from '../tool-calls/fuzz-tools.js';

export const FUZZ_TOKEN = 'fuzz-token';

/**
 * Short, so that a request that never arrives whole is answered within the run; not so short
 * that a loaded machine (a stalled event loop) answers a slow but whole request 408.
 */
export const FUZZ_REQUEST_TIMEOUT_MS = 2_000;

/**
 * The real HTTP surface — `AgentGatewayModule` (embedded mode, the fuzz agent, the scripted
 * fake model) on Fastify through `startHttpApp`, bearer tokens on — on an ephemeral port.
 */
export class FuzzHttpApp {
  private constructor(
    private readonly app: NestFastifyApplication,
    readonly port: number,
  ) {}

  static async start(): Promise<FuzzHttpApp> {
    const model = new FuzzModel();
    @Module({
      imports: [LoggingModule.forRoot({ level: 'silent' }), AgentGatewayModule.forRoot({ agents: [fuzzAgent(() => undefined)], llm: model.llm, apiTokens: [FUZZ_TOKEN] })],
    })
    class FuzzHttpAppModule {}
    const app = await startHttpApp(FuzzHttpAppModule, { port: 0, host: '127.0.0.1' }, { logger: false, requestTimeoutMs: FUZZ_REQUEST_TIMEOUT_MS });
    return new FuzzHttpApp(app, (app.getHttpServer().address() as AddressInfo).port);
  }

  /** A fresh session for the session routes to aim at (valid turns make its chat grow). */
  async newSession(): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${this.port}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FUZZ_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agent: FUZZ_AGENT, playout: 'instant' }),
    });
    if (response.status !== 201) throw new Error(`the fuzz app did not create a session: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { sessionId: string }).sessionId;
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
