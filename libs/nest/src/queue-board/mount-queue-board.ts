import type { ToolQueue } from '@aside/bullmq';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
// Types only: fastify is @nestjs/platform-fastify's, the server this mounts on.
import type { FastifyInstance } from 'fastify';
import type { ApiTokens } from '../http-api/auth/api-tokens.js';
import { queueBoardAuth } from './queue-board-auth.js';

export const DEFAULT_QUEUE_BOARD_PATH = '/admin/queues';

export interface QueueBoardMount {
  /** Where the board is served. Default `/admin/queues`. */
  readonly path: string;
  readonly queues: readonly ToolQueue[];
  readonly tokens: ApiTokens;
  /** No retry, clean, remove or pause from the board. */
  readonly readOnly: boolean;
}

/**
 * Registers Bull Board (its page, assets and JSON API) on Nest's Fastify adapter under `path`,
 * in a plugin context of its own: the token hook, the board's view engine, static files and
 * error handler apply to the board's routes only. Call before the server starts listening.
 *
 * Bull Board is loaded here, not when this library is: its static-file plugin requires an
 * ESM-only package, which Node 22 loads but a test runner without require(esm) cannot — such a
 * caller gets a rejection to report, and everything else of the library still loads.
 */
export async function mountQueueBoard(adapter: FastifyAdapter, mount: QueueBoardMount): Promise<void> {
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter: BullBoardFastifyAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
  ]);
  const board = new BullBoardFastifyAdapter();
  board.setBasePath(mount.path);
  createBullBoard({
    queues: mount.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: mount.readOnly, description: 'Tool jobs; each job is named after its tool' })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Aside tool queues' } },
  });
  await adapter.getInstance<FastifyInstance>().register(
    async (scope) => {
      scope.addHook('onRequest', queueBoardAuth(mount.tokens, mount.path));
      await scope.register(board.registerPlugin());
    },
    { prefix: mount.path },
  );
}
