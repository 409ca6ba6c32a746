import type { TailArguments } from './aside-cli-arguments.js';
import type { CliOutput } from './cli-output.js';
import { eventLine } from './event-line.js';
import { LogNames } from './log-names.js';
import { readLog } from './read-log.js';
import type { SessionLogSource } from './session-log-source.js';

/**
 * `aside tail`: the session's events after `--after`, one line each (or the stored envelope as
 * a JSON line with `--json`), then — unless `--no-follow` — each new one as it is committed,
 * until `signal` aborts (Ctrl-C). Through the store's own subscription: the same catch-up,
 * ordering and reconnect rules every gateway's session stream relies on.
 */
export async function tailSession(source: SessionLogSource, args: TailArguments, out: CliOutput, signal: AbortSignal): Promise<void> {
  const { store } = source;
  await source.requireSession(args.sessionId);
  const names = new LogNames();
  // Events before --after still name the tasks and activities the printed ones refer to.
  if (!args.json) for await (const event of readLog(store, args.sessionId, { upTo: args.after })) names.learn(event);
  const print = (event: Parameters<LogNames['learn']>[0]): void => {
    names.learn(event);
    out.line(args.json ? JSON.stringify(event) : eventLine(event, names));
  };
  const from = args.after > 0 ? ` after position ${args.after}` : '';
  if (!args.follow) {
    out.note(`aside: ${args.sessionId} in ${source.description}${from}`);
    for await (const event of readLog(store, args.sessionId, { after: args.after })) print(event);
    return;
  }
  out.note(`aside: following ${args.sessionId} in ${source.description}${from}; Ctrl-C to stop`);
  for await (const event of store.subscribeToLog(args.sessionId, { after: args.after, signal })) print(event);
}
