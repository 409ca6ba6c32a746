import type { Verdict } from './verdict.js';

export interface ClassCounts {
  generated: number;
  answeredRight: number;
  wrongAnswer: number;
  crashes: number;
}

/** One input that was not answered right, enough to reproduce it: the seed, its index, what it was. */
export interface FailingExample {
  readonly inputClass: string;
  readonly kind: string;
  readonly seed: number;
  readonly index: number;
  readonly outcome: 'wrong' | 'crash';
  /** The input, truncated. */
  readonly input: string;
  readonly detail: string;
}

export interface FuzzSuiteReport {
  readonly seed: number;
  readonly durationMs: number;
  /** Per input class (`tool-call/valid`, `http/hostile`…). */
  readonly classes: Readonly<Record<string, ClassCounts>>;
  /** Per class and generator kind (`tool-call/hostile huge-string`…). */
  readonly kinds: Readonly<Record<string, ClassCounts>>;
  readonly totals: ClassCounts;
  /** The first few failures, in the order met. */
  readonly failures: readonly FailingExample[];
  /** Inputs planned but not run because the time budget ran out. */
  readonly skipped: number;
  /** Every input generated was answered right. */
  readonly passed: boolean;
  /** The per-class table, the seed and duration above it, the first failures below. */
  toMarkdown(): string;
  /** The per-kind table. */
  kindsToMarkdown(): string;
}

const MAX_EXAMPLES = 10;
const MAX_INPUT_SHOWN = 200;

const zero = (): ClassCounts => ({ generated: 0, answeredRight: 0, wrongAnswer: 0, crashes: 0 });

/** Accumulates verdicts into the counts and examples of a `FuzzSuiteReport`. */
export class FuzzReport implements FuzzSuiteReport {
  readonly classes: Record<string, ClassCounts> = {};
  readonly kinds: Record<string, ClassCounts> = {};
  readonly totals = zero();
  readonly failures: FailingExample[] = [];
  durationMs = 0;
  skipped = 0;

  constructor(readonly seed: number) {}

  get passed(): boolean {
    return this.totals.generated > 0 && this.totals.wrongAnswer === 0 && this.totals.crashes === 0;
  }

  /** Counts one verdict; returns the failing example it made, if it was one. */
  record(input: { readonly inputClass: string; readonly kind: string; readonly index: number; readonly text: () => string }, verdict: Verdict): FailingExample | undefined {
    for (const counts of [(this.classes[input.inputClass] ??= zero()), (this.kinds[`${input.inputClass} ${input.kind}`] ??= zero()), this.totals]) {
      counts.generated += 1;
      if (verdict.outcome === 'right') counts.answeredRight += 1;
      else if (verdict.outcome === 'wrong') counts.wrongAnswer += 1;
      else counts.crashes += 1;
    }
    if (verdict.outcome === 'right') return undefined;
    const example: FailingExample = {
      inputClass: input.inputClass,
      kind: input.kind,
      seed: this.seed,
      index: input.index,
      outcome: verdict.outcome,
      input: truncate(input.text(), MAX_INPUT_SHOWN),
      detail: truncate(verdict.detail, 600),
    };
    if (this.failures.length < MAX_EXAMPLES) this.failures.push(example);
    return example;
  }

  toMarkdown(): string {
    const row = (name: string, counts: ClassCounts) => `| ${name} | ${counts.generated} | ${counts.answeredRight} | ${counts.wrongAnswer} | ${counts.crashes} |`;
    const header = ['| class | generated | answered right | wrong answer | crashes |', '|---|---:|---:|---:|---:|'];
    const lines = [
      `Seed ${this.seed}, ${(this.durationMs / 1000).toFixed(1)} s${this.skipped > 0 ? `, ${this.skipped} inputs skipped (time budget)` : ''}.`,
      '',
      ...header,
      ...Object.entries(this.classes)
        .sort(([a], [b]) => classRank(a) - classRank(b))
        .map(([name, counts]) => row(name, counts)),
      row('**total**', this.totals),
    ];
    if (this.failures.length > 0) {
      lines.push('', 'First failures (reproduce with the seed and index):', '');
      for (const failure of this.failures) {
        lines.push(`* ${failure.outcome} — ${failure.inputClass} ${failure.kind} #${failure.index}: ${escapeCell(failure.detail)} — input \`${escapeCell(failure.input)}\``);
      }
    }
    return lines.join('\n');
  }

  /** The per-kind breakdown, as a second table. */
  kindsToMarkdown(): string {
    const lines = ['| class and kind | generated | answered right | wrong answer | crashes |', '|---|---:|---:|---:|---:|'];
    for (const [name, counts] of Object.entries(this.kinds).sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`| ${name} | ${counts.generated} | ${counts.answeredRight} | ${counts.wrongAnswer} | ${counts.crashes} |`);
    }
    return lines.join('\n');
  }
}

const CLASS_ORDER = ['tool-call/valid', 'tool-call/invalid', 'tool-call/hostile', 'http/valid', 'http/invalid', 'http/hostile'];

function classRank(name: string): number {
  const rank = CLASS_ORDER.indexOf(name);
  return rank === -1 ? CLASS_ORDER.length : rank;
}

/** At most `max` characters, control characters shown as escapes (a report is read in a terminal). */
export function truncate(text: string, max: number): string {
  const visible = JSON.stringify(text.length <= max ? text : text.slice(0, max)).slice(1, -1);
  return text.length <= max ? visible : `${visible}… (${text.length} characters)`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/`/g, "'");
}
