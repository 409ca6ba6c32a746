import type { DeciderContext, SessionState } from '@aside/domain';
import { coldLoad, type ColdLoad, type LogReadObservingStore } from './rehydration-cold-load.js';

/** One way of loading a session, and where its replay must start for the load to count. */
export interface LoadMode {
  readonly label: string;
  /** The engine's `snapshotEvery` (0: never reads a snapshot). */
  readonly snapshotEvery: number;
  /** The log position replay must start after: the latest snapshot's, or 0 for a full replay. */
  readonly replayAfter: number;
}

export interface Cell {
  readonly mode: LoadMode;
  readonly logEvents: number;
  readonly loadsMs: number[];
  /** Why some loads do not count (another state, another position, another path); empty when all are sound. */
  readonly problems: string[];
}

export interface CellLimits {
  readonly repetitions: number;
  readonly minRepetitions: number;
  /** Past this, no new repetition starts once minRepetitions are done. */
  readonly capMs: number;
}

/**
 * Loads the session cold in each mode: one warm-up load per mode (discarded), then rounds of
 * one load per mode, alternating so a noisy moment hits every mode alike, until `repetitions`
 * or the time cap. Every load is checked against what the writer holds.
 */
export async function measureCells(
  store: LogReadObservingStore,
  context: DeciderContext,
  sessionId: string,
  expected: { readonly state: SessionState; readonly position: number },
  modes: readonly LoadMode[],
  limits: CellLimits,
): Promise<Cell[]> {
  const expectedState = JSON.stringify(expected.state);
  const cells = modes.map((mode): Cell => ({ mode, logEvents: expected.position, loadsMs: [], problems: [] }));
  for (const mode of modes) await coldLoad(store, context, sessionId, mode.snapshotEvery);
  const started = performance.now();
  for (let repetition = 0; repetition < limits.repetitions; repetition += 1) {
    if (repetition >= limits.minRepetitions && performance.now() - started > limits.capMs) break;
    for (const cell of cells) {
      const load = await coldLoad(store, context, sessionId, cell.mode.snapshotEvery);
      cell.loadsMs.push(load.ms);
      cell.problems.push(...problemsOf(load, cell.mode, expectedState, expected.position));
    }
  }
  return cells;
}

function problemsOf(load: ColdLoad, mode: LoadMode, expectedState: string, expectedPosition: number): string[] {
  const problems: string[] = [];
  if (load.position !== expectedPosition) problems.push(`loaded up to position ${load.position}, the log is at ${expectedPosition}`);
  if (load.replayedAfter !== mode.replayAfter) problems.push(`replay started after ${load.replayedAfter}, expected after ${mode.replayAfter}`);
  if (JSON.stringify(load.state) !== expectedState) problems.push('the loaded state differs from the writer’s');
  return problems;
}
