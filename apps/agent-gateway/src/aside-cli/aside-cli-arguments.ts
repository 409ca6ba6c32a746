import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseRedisUrl } from '@aside/bullmq';
import { isSessionId } from '@aside/events';

/**
 * The gateway's default key prefix (`DEFAULT_GATEWAY_PREFIX` of @aside/nest, which a test pins
 * to this): not imported, so that the CLI does not load Nest and LiveKit to read a log.
 */
export const DEFAULT_KEY_PREFIX = 'aside';

export const USAGE = [
  'usage: aside tail <sessionId> [--after <position>] [--no-follow] [--json] [--redis <url>] [--key-prefix <prefix>]',
  '       aside replay <sessionId> [--json] [--gateway <url> [--token <token>]] [--redis <url>] [--key-prefix <prefix>]',
  '  Reads the session log straight from Redis (--redis or REDIS_URL; --key-prefix or ASIDE_PREFIX, default aside),',
  '  so it works while every gateway is down. tail prints each event, then follows new ones until Ctrl-C;',
  '  replay folds the log, prints the state and checks that snapshot + tail and the gateway (--gateway, with',
  '  --token or ASIDE_API_TOKEN) agree with it. Exit: 0 ok, 1 failed, 2 bad arguments, 3 replay mismatch.',
].join('\n');

/** Where the session logs are: the gateway's Redis and key prefix. */
export interface LogSourceSettings {
  /** May hold a password: print `describeRedisAddress(redisUrl)`, never this. */
  readonly redisUrl: string;
  readonly keyPrefix: string;
}

export interface TailArguments {
  readonly command: 'tail';
  readonly sessionId: string;
  readonly source: LogSourceSettings;
  /** Exclusive log position to start after (0: from the first event). */
  readonly after: number;
  readonly follow: boolean;
  readonly json: boolean;
}

export interface ReplayArguments {
  readonly command: 'replay';
  readonly sessionId: string;
  readonly source: LogSourceSettings;
  readonly json: boolean;
  /** Compare with this gateway's `GET /v1/sessions/:id`. */
  readonly gateway: { readonly url: string; readonly token: string | undefined } | undefined;
}

export type AsideArguments = TailArguments | ReplayArguments | { readonly command: 'help' };

/** A command line that cannot run: one line saying why, printed above the usage (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const positionSchema = z.string().regex(/^\d+$/, 'must be a log position (0 or a positive integer)').transform(Number).pipe(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER));
// The gateway's own rule for ASIDE_PREFIX: its hash tags use braces.
const prefixSchema = z.string().regex(/^[^\s{}]+$/, 'must be a non-empty name without whitespace or braces');
const gatewayUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const tokenSchema = z.string().min(1, 'must not be empty');

const OPTIONS = {
  after: { type: 'string' },
  follow: { type: 'boolean', default: true },
  json: { type: 'boolean', default: false },
  redis: { type: 'string' },
  'key-prefix': { type: 'string' },
  gateway: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

const ONLY_FOR: Readonly<Record<string, 'tail' | 'replay'>> = { after: 'tail', follow: 'tail', gateway: 'replay', token: 'replay' };

/**
 * Reads `aside <command> <sessionId> [options]`; settings left out come from the environment
 * (REDIS_URL, ASIDE_PREFIX, ASIDE_API_TOKEN). Anything it cannot use throws a `UsageError`
 * naming the one thing wrong, rather than being ignored.
 */
export function parseAsideArguments(argv: readonly string[], env: NodeJS.ProcessEnv): AsideArguments {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true, allowNegative: true, tokens: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const { values, positionals, tokens } = parsed;
  if (values.help || positionals[0] === 'help') return { command: 'help' };
  const [command, sessionId, ...extra] = positionals;
  if (command === undefined) throw new UsageError('no command: give tail or replay');
  if (command !== 'tail' && command !== 'replay') throw new UsageError(`unknown command '${command}': give tail or replay`);
  if (sessionId === undefined) throw new UsageError(`${command} needs a session id`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const owner = ONLY_FOR[token.name];
    if (owner !== undefined && owner !== command) throw new UsageError(`${token.rawName} is for aside ${owner}, not ${command}`);
  }
  if (!isSessionId(sessionId)) throw new UsageError(`'${sessionId}' is not a session id (expected sess-<partition>-<token>)`);
  const common = { sessionId, source: logSource(values, env) };
  if (command === 'tail') {
    const after = values.after === undefined ? 0 : check(positionSchema, values.after, '--after');
    return { command, ...common, after, follow: values.follow, json: values.json };
  }
  if (values.gateway === undefined && values.token !== undefined) throw new UsageError('--token needs --gateway');
  return { command, ...common, json: values.json, gateway: values.gateway === undefined ? undefined : gatewayOf(values.gateway, values.token, env) };
}

function logSource(values: { readonly redis?: string | undefined; readonly 'key-prefix'?: string | undefined }, env: NodeJS.ProcessEnv): LogSourceSettings {
  const fromFlag = values.redis !== undefined;
  const url = values.redis ?? blankToUndefined(env['REDIS_URL']);
  if (url === undefined) throw new UsageError('no Redis to read the log from: give --redis <url> or set REDIS_URL');
  let redisUrl: string;
  try {
    redisUrl = parseRedisUrl(url.trim(), fromFlag ? '--redis' : 'REDIS_URL');
  } catch (error) {
    throw new UsageError((error as Error).message); // parseRedisUrl never repeats the URL (it may hold a password)
  }
  const prefixFlag = values['key-prefix'];
  const keyPrefix = prefixFlag !== undefined ? check(prefixSchema, prefixFlag, '--key-prefix') : check(prefixSchema, blankToUndefined(env['ASIDE_PREFIX']) ?? DEFAULT_KEY_PREFIX, 'ASIDE_PREFIX');
  return { redisUrl, keyPrefix };
}

function gatewayOf(url: string, token: string | undefined, env: NodeJS.ProcessEnv): ReplayArguments['gateway'] {
  const checked = check(gatewayUrlSchema, url, '--gateway').replace(/\/+$/, '');
  const chosen = token !== undefined ? check(tokenSchema, token, '--token') : blankToUndefined(env['ASIDE_API_TOKEN']);
  return { url: checked, token: chosen };
}

function check<T>(schema: z.ZodType<T, string>, value: string, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${what} ${result.error.issues[0]?.message ?? 'is not valid'}, got '${value}'`);
  return result.data;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
