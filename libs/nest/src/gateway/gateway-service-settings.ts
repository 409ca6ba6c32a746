import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RETENTION_MS, MIN_WEBHOOK_SECRET_LENGTH } from '@aside/engine';
import { integerRule, readEnvSetting, type EnvRule } from '../config/env-settings.js';

/** Late-result webhooks and retention as the CLI reads them from the environment. */
export interface GatewayServiceSettings {
  readonly lateResults?: { readonly secret: string };
  readonly retention?: { readonly archiveDir: string; readonly retentionMs: number };
}

const directoryRule: EnvRule<string> = { schema: z.string().regex(/\S/), expected: 'a directory path' };
const retentionRule = integerRule(0, 'an integer number of milliseconds (0 keeps closed sessions for good)');

/**
 * ASIDE_WEBHOOK_SECRET (at least 16 characters) turns late-result webhooks on; without it a
 * session asking for one is refused. ASIDE_ARCHIVE_DIR turns retention on: closed sessions are
 * archived there and deleted after ASIDE_RETENTION_MS (default 7 days; 0 keeps them for good).
 * A malformed value throws one line naming the variable — never repeating the secret.
 */
export function readGatewayServiceSettings(env: NodeJS.ProcessEnv): GatewayServiceSettings {
  const secret = env['ASIDE_WEBHOOK_SECRET'];
  if (secret !== undefined && secret !== '' && secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
    throw new Error(`ASIDE_WEBHOOK_SECRET must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters, got ${secret.length}`);
  }
  const archiveDir = readEnvSetting<string | undefined>(env, 'ASIDE_ARCHIVE_DIR', directoryRule, undefined);
  const retentionMs = readEnvSetting<number | undefined>(env, 'ASIDE_RETENTION_MS', retentionRule, undefined);
  if (archiveDir === undefined && retentionMs !== undefined && retentionMs > 0) {
    throw new Error('ASIDE_RETENTION_MS needs ASIDE_ARCHIVE_DIR: a closed session is archived there before it is deleted');
  }
  return {
    ...(secret ? { lateResults: { secret } } : {}),
    ...(archiveDir !== undefined && retentionMs !== 0 ? { retention: { archiveDir: resolve(archiveDir), retentionMs: retentionMs ?? DEFAULT_RETENTION_MS } } : {}),
  };
}

/** The boot line's words: `late-result webhooks on; retention 7 d, archives in /var/lib/aside/archive`. */
export function describeGatewayServices(settings: GatewayServiceSettings): string {
  const webhooks = settings.lateResults ? 'late-result webhooks on (signed)' : 'late-result webhooks off (no ASIDE_WEBHOOK_SECRET)';
  const retention = settings.retention
    ? `retention ${duration(settings.retention.retentionMs)}, archives in ${settings.retention.archiveDir}`
    : 'retention off (closed sessions are kept)';
  return `${webhooks}; ${retention}`;
}

function duration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1_000]] as const) {
    if (ms % size === 0) return `${ms / size} ${unit}`;
  }
  return `${ms} ms`;
}
