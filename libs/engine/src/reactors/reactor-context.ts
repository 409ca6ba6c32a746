import type { Actor } from '@aside/events';
import type { EventStore } from '@aside/events/store';
import type { LiveAgentRegistry } from '@aside/domain';
import type { LlmPort } from '@aside/llm';
import type { SessionEngine } from '../sessions/session-engine.js';
import type { TaskQueue } from '../task-queue/task-queue.js';

/** Where a reactor's diagnostics go; pino's API shape, so a pino logger fits as is. */
export interface EngineLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentLogger: EngineLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface ReactorContext {
  readonly engine: SessionEngine;
  readonly store: EventStore;
  readonly registry: LiveAgentRegistry;
  readonly llm: LlmPort;
  readonly queue: TaskQueue;
  readonly logger: EngineLogger;
  /** The gateway process, as the actor of the commands its reactors send. */
  readonly actor: Actor;
  /** With client playout, a speech never reported counts as played after this long. */
  readonly playoutTimeoutMs: number;
}
