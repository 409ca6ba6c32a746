import type { ToolLogger } from '@aside/domain';

/** Warnings and errors on stderr, the rest dropped: a bench that hid the queue's complaints would lie. */
export function stderrLogger(tag: string): ToolLogger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => console.error(`[${tag}] warn: ${message}`, fields ?? ''),
    error: (message, fields) => console.error(`[${tag}] error: ${message}`, fields ?? ''),
  };
}
