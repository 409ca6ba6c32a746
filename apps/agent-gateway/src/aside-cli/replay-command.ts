import { projectSession } from '@aside/engine';
import type { ReplayArguments } from './aside-cli-arguments.js';
import { EXIT, type ExitCode } from './cli-failure.js';
import type { CliOutput } from './cli-output.js';
import { loadLikeTheEngine } from './engine-load.js';
import { firstDifference, type Difference } from './first-difference.js';
import { FoldedLog } from './fold-log.js';
import { fetchGatewayProjection } from './gateway-projection.js';
import type { SessionLogSource } from './session-log-source.js';
import { summariseState } from './state-summary.js';

/**
 * `aside replay`: folds the whole log from position 0 with the domain, prints the state, and
 * proves the replay (DESIGN.md §6: the same events always fold to the same state) against
 *  1. the state the engine loads — latest snapshot, then the log's tail — at the same position;
 *  2. with `--gateway`, that gateway's `GET /v1/sessions/:id`, byte for byte, against the
 *     projection of the replayed state at the position the gateway answered for.
 * Prints "replay matches", or the first difference and exits 3.
 */
export async function replaySession(source: SessionLogSource, args: ReplayArguments, out: CliOutput, fetchImpl: typeof fetch = fetch): Promise<ExitCode> {
  const { store, description } = source;
  await source.requireSession(args.sessionId);
  // The engine first, the gateway next, the log last: a live session only moves forward, so
  // the log read afterwards reaches both positions.
  const loaded = await loadLikeTheEngine(store, args.sessionId);
  const gateway = args.gateway === undefined ? undefined : await fetchGatewayProjection(args.gateway, args.sessionId, fetchImpl);
  const log = new FoldedLog(store, args.sessionId);
  await log.readUpTo(Number.POSITIVE_INFINITY);
  const replayed = log.stateAt(log.end);

  if (args.json) out.line(JSON.stringify(replayed, null, 2));
  else for (const line of summariseState(replayed, log.end)) out.line(line);
  // With --json, stdout is the state alone (for jq); the verdict goes to stderr.
  const say = (text: string): void => (args.json ? out.note(text) : out.line(text));

  say(`replayed ${log.end} events of ${args.sessionId} from position 0, snapshots ignored (${description})`);
  const engineState = JSON.stringify(loaded.state);
  const engineDifference = firstDifference(JSON.stringify(log.stateAt(loaded.position)), engineState);
  const tail = loaded.position - loaded.snapshotPosition;
  const how = loaded.snapshotPosition > 0 ? `snapshot at position ${loaded.snapshotPosition} + ${tail} event${tail === 1 ? '' : 's'}` : 'no snapshot, the whole log';
  if (engineDifference) return mismatch(say, `the engine's load (${how}) at position ${loaded.position}`, engineDifference);
  say(`  = the engine's load at position ${loaded.position} (${how})`);

  if (gateway !== undefined) {
    const where = `${args.gateway!.url} GET /v1/sessions/${args.sessionId}`;
    if (!(await log.readUpTo(gateway.position))) {
      return mismatch(say, where, { path: '$.position', expected: `at most ${log.end} (the end of the log in ${description})`, actual: String(gateway.position) });
    }
    const projection = JSON.stringify(projectSession(log.stateAt(gateway.position), gateway.position));
    const gatewayDifference = firstDifference(projection, gateway.body);
    if (gatewayDifference) return mismatch(say, `${where} at position ${gateway.position}`, gatewayDifference);
    say(`  = ${where} at position ${gateway.position}, byte for byte (${Buffer.byteLength(gateway.body)} bytes)`);
  }
  say('replay matches');
  return EXIT.ok;
}

function mismatch(say: (text: string) => void, what: string, difference: Difference): ExitCode {
  say(`replay differs from ${what}: first difference at ${difference.path}: replayed ${difference.expected}, theirs ${difference.actual}`);
  return EXIT.mismatch;
}
