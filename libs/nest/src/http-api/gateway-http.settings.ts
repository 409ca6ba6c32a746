import { Logger } from '@nestjs/common';
import { z } from 'zod';
import { ApiTokens, parseApiTokens, readApiTokens } from './auth/api-tokens.js';
import type { StreamOptions } from './gateway-http.options.js';

export interface StreamSettings {
  readonly highWaterBytes: number;
  readonly stallTimeoutMs: number;
  readonly heartbeatMs: number;
}

export interface GatewayHttpSettings {
  readonly tokens: ApiTokens;
  readonly stream: StreamSettings;
}

const streamSchema = z.strictObject({
  highWaterBytes: z.number().int().min(1).default(1024 * 1024),
  stallTimeoutMs: z.number().int().min(1).default(30_000),
  heartbeatMs: z.number().int().min(0).default(30_000),
});

/** Resolves the module's options once, at boot; a bad value fails the boot with one line. */
export function resolveGatewayHttpSettings(
  options: { readonly apiTokens?: readonly string[] | undefined; readonly stream?: StreamOptions | undefined },
  env: NodeJS.ProcessEnv = process.env,
): GatewayHttpSettings {
  const tokens = options.apiTokens === undefined ? readApiTokens(env) : options.apiTokens.length === 0 ? [] : parseApiTokens(options.apiTokens);
  if (options.apiTokens === undefined && tokens.length === 0) {
    new Logger('GatewayHttp').warn('ASIDE_API_TOKENS is not set: every route accepts requests without a token');
  }
  const stream = streamSchema.safeParse(options.stream ?? {});
  if (!stream.success) {
    const issue = stream.error.issues[0]!;
    throw new Error(`GatewayHttpModule stream.${issue.path.join('.')}: ${issue.message}`);
  }
  return { tokens: new ApiTokens(tokens), stream: stream.data };
}
