/** The statistics and the Markdown table every bench prints, so their output reads the same. */

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
}

/** Nearest-rank p50 and p99 of the samples (sorted here; the input is left alone). */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { p50: Number.NaN, p99: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

/** "p50 / p99" in milliseconds with two decimals; "n/a" when there were no samples. */
export function formatPercentiles({ p50, p99 }: Percentiles): string {
  return Number.isNaN(p50) ? 'n/a' : `${p50.toFixed(2)} / ${p99.toFixed(2)}`;
}

/** A right-aligned Markdown table, so it can be pasted into docs/performance.md as is. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i]!)).join(' | ')} |`;
  console.log(['', line(header), `|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`, ...rows.map(line)].join('\n'));
}
