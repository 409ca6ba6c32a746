/**
 * The measuring loop of the three latency benches (task overhead, delivery decision, turn
 * latency): rounds, each doing N things at once and yielding their samples, one after the
 * other, until the cell has used its share of BENCH_SECONDS and has enough samples — or until
 * its cap, when a slow machine cannot get them in time. The first rounds are warm-up and
 * discarded (connections, script loading, JIT). A round that throws ends the cell: its message
 * is kept, so a flow that did not happen is reported instead of hanging the bench.
 */

export interface CellBudget {
  /** The cell's share of BENCH_SECONDS. */
  readonly shareMs: number;
  /** Past the share, rounds go on until this many samples (up to capMs). */
  readonly minSamples: number;
  /** The hard stop, however few samples there are. */
  readonly capMs: number;
  /** Rounds whose samples are thrown away. */
  readonly warmupRounds: number;
}

export interface CellOutcome<Sample> {
  readonly samples: Sample[];
  /** The error of the round that ended the cell. */
  readonly error?: string;
}

/** The share of each cell when `cells` cells split `benchSeconds`, and a cap of 1.5 shares. */
export function cellBudget(benchSeconds: number, cells: number, minSamples: number, warmupRounds: number): CellBudget {
  const shareMs = (benchSeconds * 1_000) / cells;
  return { shareMs, minSamples, capMs: 1.5 * shareMs, warmupRounds };
}

export async function measureRounds<Sample>(budget: CellBudget, round: (index: number) => Promise<readonly Sample[]>): Promise<CellOutcome<Sample>> {
  const samples: Sample[] = [];
  const started = performance.now();
  for (let index = 0; ; index += 1) {
    const elapsed = performance.now() - started;
    if (elapsed >= budget.capMs || (elapsed >= budget.shareMs && samples.length >= budget.minSamples)) return { samples };
    try {
      const produced = await round(index);
      if (index >= budget.warmupRounds) samples.push(...produced);
    } catch (error) {
      return { samples, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
