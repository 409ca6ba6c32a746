import { parseArgs } from 'node:util';

export interface GatewayCliArguments {
  /** A module exporting agents; the built-in travel-desk demo when left out. */
  readonly agents: string | undefined;
  /** Gateway and tool runner in one process (the only mode until the distributed runner lands). */
  readonly embedded: boolean;
}

export const USAGE = 'usage: aside-gateway [--agents <module>] [--embedded]   (PORT, HOST, OPENAI_*, ASIDE_API_TOKENS, LOG_LEVEL from the environment)';

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
