/** How much raw output is kept for failure messages (the lines themselves are all kept). */
const RAW_TAIL_CHARS = 20_000;

/**
 * A process's output, stdout and stderr interleaved as they arrive: every complete line (per
 * stream, so a line is never torn by the other stream's chunk), the raw text's tail, and
 * listeners that hear each new line — what `waitForLine` is built on, with no polling.
 */
export class OutputLines {
  private readonly complete: string[] = [];
  private readonly partial = { stdout: '', stderr: '' };
  private readonly listeners = new Set<(line: string, index: number) => void>();
  private tail = '';

  append(stream: 'stdout' | 'stderr', chunk: string): void {
    this.tail = (this.tail + chunk).slice(-RAW_TAIL_CHARS);
    const pieces = (this.partial[stream] + chunk).split('\n');
    this.partial[stream] = pieces.pop()!;
    for (const line of pieces) this.add(line);
  }

  /** At exit: an unterminated last line still counts. */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.add(this.partial[stream]);
      this.partial[stream] = '';
    }
  }

  get lines(): readonly string[] {
    return this.complete;
  }

  /** The raw output's last 20 kB, exactly as printed. */
  get raw(): string {
    return this.tail;
  }

  /** The first line at or after index `from` that matches, with its index. */
  find(pattern: RegExp, from = 0): { readonly match: RegExpExecArray; readonly index: number } | undefined {
    for (let index = from; index < this.complete.length; index += 1) {
      const match = pattern.exec(this.complete[index]!);
      if (match) return { match, index };
    }
    return undefined;
  }

  /** Hears every line added from now on; returns the unsubscribe. */
  onLine(listener: (line: string, index: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private add(line: string): void {
    this.complete.push(line);
    for (const listener of [...this.listeners]) listener(line, this.complete.length - 1);
  }
}
