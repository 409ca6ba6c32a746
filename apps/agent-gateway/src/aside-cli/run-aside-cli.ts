import { parseAsideArguments, USAGE, UsageError } from './aside-cli-arguments.js';
import { CliFailure, EXIT, type ExitCode } from './cli-failure.js';
import type { CliOutput } from './cli-output.js';
import { replaySession } from './replay-command.js';
import { SessionLogSource } from './session-log-source.js';
import { tailSession } from './tail-command.js';

export interface AsideCliContext {
  readonly env: NodeJS.ProcessEnv;
  readonly out: CliOutput;
  /** Ctrl-C: ends `tail`'s following (exit 0), abandons a `replay` (exit 130). */
  readonly signal?: AbortSignal;
  /** How `replay --gateway` reaches the gateway. */
  readonly fetch?: typeof fetch;
}

/**
 * `aside <command>` as a function: parses the command line, runs the command against the
 * session log in Redis, and answers the exit code. Every way it can fail ends in one line on
 * `out.note`, never a stack: bad arguments (2, with the usage), a session or a dependency that
 * is not there (1), a replay that differs (3).
 */
export async function runAsideCli(argv: readonly string[], context: AsideCliContext): Promise<ExitCode> {
  const { out } = context;
  let args;
  try {
    args = parseAsideArguments(argv, context.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.note(`aside: ${error.message}`);
    out.note(USAGE);
    return EXIT.usage;
  }
  if (args.command === 'help') {
    out.line(USAGE);
    return EXIT.ok;
  }
  const signal = context.signal ?? new AbortController().signal;
  const source = new SessionLogSource(args.source, (line) => out.note(`aside: ${line}`));
  try {
    await source.open();
    if (args.command === 'tail') {
      await tailSession(source, args, out, signal);
      return EXIT.ok;
    }
    return await Promise.race([replaySession(source, args, out, context.fetch), aborted(signal).then(() => EXIT.interrupted)]);
  } catch (error) {
    // A corrupt event, a Redis that went away mid-read: said in one line as well.
    out.note(`aside: ${error instanceof CliFailure ? '' : `${args.command} failed: `}${(error as Error).message}`);
    return EXIT.failed;
  } finally {
    await source.close();
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}
