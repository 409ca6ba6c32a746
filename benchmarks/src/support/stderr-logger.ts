import type { ToolLogger } from '@aside/domain';
import type { EngineLogger } from '@aside/engine';

/** Warnings and errors on stderr, the rest dropped: a bench that hid the queue's complaints would lie. */
export function stderrLogger(tag: string): ToolLogger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => console.error(`[${tag}] warn: ${message}`, fields ?? ''),
    error: (message, fields) => console.error(`[${tag}] error: ${message}`, fields ?? ''),
  };
}

/** The same for the engine's logger shape (fields first). */
export function stderrEngineLogger(tag: string): EngineLogger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields, message) => console.error(`[${tag}] warn: ${message}`, fields),
    error: (fields, message) => console.error(`[${tag}] error: ${message}`, fields),
  };
}
