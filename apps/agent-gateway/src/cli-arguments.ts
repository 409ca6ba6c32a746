import { parseArgs } from 'node:util';
import { describeGatewayMode, readGatewayRedisSettings, type GatewayRedisSettings } from '@aside/nest';

export interface GatewayCliArguments {
  /** A module exporting agents; the built-in travel-desk demo when left out. */
  readonly agents: string | undefined;
  /** Embedded mode (in-memory store, tool bodies in this process) even when REDIS_URL is set. */
  readonly embedded: boolean;
}

export const USAGE =
  'usage: aside-gateway [--agents <module>] [--embedded]   (REDIS_URL selects distributed mode, with ASIDE_PREFIX, ASIDE_PARTITIONS, ASIDE_QUEUE; ' +
  '--embedded ignores them; PORT, HOST, OPENAI_*, ASIDE_API_TOKENS, LOG_LEVEL from the environment; ' +
  'LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, ASIDE_LIVEKIT_ROOM, ASIDE_LIVEKIT_AGENT join a LiveKit room)';

/** Reads the command line; unknown flags fail with the usage line rather than being ignored. */
export function parseGatewayArguments(argv: readonly string[]): GatewayCliArguments {
  const { values } = parseArgs({
    args: [...argv],
    options: { agents: { type: 'string' }, embedded: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) throw new Error(USAGE);
  return { agents: values.agents, embedded: values.embedded ?? false };
}

export interface GatewayMode {
  /** Distributed mode's settings; undefined in embedded mode. */
  readonly redis: GatewayRedisSettings | undefined;
  /** The one boot line that says which mode, with the Redis address but never a secret. */
  readonly line: string;
}

/**
 * REDIS_URL set → distributed mode; unset, or `--embedded` → embedded mode. A malformed
 * setting throws one line naming it — also under `--embedded`, which ignores the settings but
 * should not hide that they are broken.
 */
export function chooseGatewayMode(args: GatewayCliArguments, env: NodeJS.ProcessEnv): GatewayMode {
  const redis = readGatewayRedisSettings(env);
  if (args.embedded && redis !== undefined) return { redis: undefined, line: `agent-gateway: ${describeGatewayMode(undefined)}; --embedded, so REDIS_URL is ignored` };
  return { redis, line: `agent-gateway: ${describeGatewayMode(redis)}` };
}
