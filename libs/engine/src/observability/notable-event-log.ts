import type { EngineLogger } from '../reactors/reactor-context.js';
import type { SessionEngine } from '../sessions/session-engine.js';
import { notableLogRecords } from './notable-events.js';

/**
 * Writes one structured line per notable event the engine commits (see `notableLogRecords`),
 * through the gateway's logger: pino JSON lines in production. Logging only: it reads what was
 * committed and never acts on it. A logger that throws cannot break a commit. Returns the
 * unsubscribe function.
 */
export function logNotableEvents(engine: Pick<SessionEngine, 'onCommitted'>, logger: EngineLogger): () => void {
  return engine.onCommitted((committed) => {
    try {
      for (const record of notableLogRecords(committed)) logger[record.level](record.fields, record.msg);
    } catch {
      // A broken log destination must not reach the committer; pino reports its own stream errors.
    }
  });
}
