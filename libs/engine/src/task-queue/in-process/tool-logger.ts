import type { LogFields, ToolLogger } from '@aside/domain';

/** The default: a queue given no logger stays silent. */
export const noopLogger: ToolLogger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});

/** A logger that adds `fields` to every line (the call's own fields win on a clash). */
export function withFields(logger: ToolLogger, fields: LogFields): ToolLogger {
  return {
    debug: (message, extra) => logger.debug(message, { ...fields, ...extra }),
    info: (message, extra) => logger.info(message, { ...fields, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...fields, ...extra }),
    error: (message, extra) => logger.error(message, { ...fields, ...extra }),
  };
}
