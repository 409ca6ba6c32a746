import { parseArgs } from 'node:util';

export interface RunnerCliArguments {
  /** A module exporting tools; the built-in example tools when left out. */
  readonly tools: string | undefined;
}

export const USAGE = 'usage: aside-runner [--tools <module>]   (REDIS_URL required; PORT (default 3100), HOST, LOG_LEVEL from the environment)';

/** Reads the command line; unknown flags fail with the usage line rather than being ignored. */
export function parseRunnerArguments(argv: readonly string[]): RunnerCliArguments {
  const { values } = parseArgs({
    args: [...argv],
    options: { tools: { type: 'string' }, help: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) throw new Error(USAGE);
  return { tools: values.tools };
}
