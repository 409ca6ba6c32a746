import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { ApiTokens, parseApiTokens, readApiTokens } from '../http-api/auth/api-tokens.js';
import type { AgentGatewayModuleOptions } from '../gateway/agent-gateway.options.js';
import type { OpenedGateway } from '../gateway/create-gateway.js';
import { GATEWAY_OPTIONS, OPENED_GATEWAY } from '../gateway/gateway-tokens.js';
import { DEFAULT_QUEUE_BOARD_PATH, mountQueueBoard } from './mount-queue-board.js';

/** A path of plain segments (`/admin/queues`): it goes into routes and a cookie's Path. */
const boardPathSchema = z.string().regex(/^(\/[A-Za-z0-9._~-]+)+$/, 'must look like /admin/queues');

/**
 * Mounts the queue board on the gateway's Fastify server at module init — before the server
 * listens, whoever composes `AgentGatewayModule` — when the gateway runs in distributed mode
 * (embedded mode has no queue) and `queueBoard` is not `false`. One BullMQ queue serves every
 * tool, so tools added later show up in it as job names; the list of queues is fixed at boot.
 */
@Injectable()
export class QueueBoardLifecycle implements OnModuleInit {
  private readonly logger = new Logger('QueueBoard');

  constructor(
    @Inject(OPENED_GATEWAY) private readonly opened: OpenedGateway,
    @Inject(GATEWAY_OPTIONS) private readonly options: AgentGatewayModuleOptions,
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
  ) {}

  async onModuleInit(): Promise<void> {
    const settings = this.options.queueBoard;
    if (settings === false || this.opened.toolQueues === undefined) return;
    const adapter = this.host.httpAdapter as FastifyAdapter | undefined;
    if (adapter === undefined) return; // an application context without HTTP
    if (adapter.getType() !== 'fastify') {
      this.logger.warn('The queue board needs the Fastify platform; not mounted');
      return;
    }
    const path = boardPathSchema.safeParse(settings?.path ?? DEFAULT_QUEUE_BOARD_PATH);
    if (!path.success) throw new Error(`AgentGatewayModule queueBoard.path ${path.error.issues[0]!.message}, got "${settings?.path}"`);
    const tokens = new ApiTokens(this.tokens());
    try {
      await mountQueueBoard(adapter, { path: path.data, queues: this.opened.toolQueues(), tokens, readOnly: settings?.readOnly ?? true });
    } catch (error) {
      // An operator's page: its absence must not keep the gateway from serving.
      this.logger.error({ err: error }, 'Queue board not mounted');
      return;
    }
    this.logger.log(`Queue board at ${path.data}`);
  }

  /** The API's tokens, resolved as the HTTP module resolves them (the options, else ASIDE_API_TOKENS). */
  private tokens(): readonly string[] {
    const given = this.options.apiTokens;
    if (given === undefined) return readApiTokens(process.env);
    return given.length === 0 ? [] : parseApiTokens(given);
  }
}
