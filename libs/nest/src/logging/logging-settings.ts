import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export interface LoggingSettings {
  readonly level: LogLevelName;
  /** Human-readable lines (pino-pretty) instead of JSON lines. */
  readonly pretty: boolean;
}

const levelSchema = z.enum(LOG_LEVELS);

/**
 * `LOG_LEVEL` (default `info`, case-insensitive); pretty output when stdout is a terminal.
 * A malformed level fails at boot with one line naming the variable.
 */
export function readLoggingSettings(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): LoggingSettings {
  const raw = env['LOG_LEVEL'];
  const level = raw === undefined || raw.trim() === '' ? 'info' : levelSchema.safeParse(raw.trim().toLowerCase());
  if (typeof level !== 'string' && !level.success) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  }
  return { level: typeof level === 'string' ? level : level.data, pretty: stdoutIsTTY };
}
