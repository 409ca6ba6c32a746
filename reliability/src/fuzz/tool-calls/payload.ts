/**
 * A generated tool call: the exact arguments text the fake model emits, and the answer the
 * gateway owes it. Payloads are planned small (a recipe) and built only when driven, so a run
 * never holds thousands of megabyte-long strings at once.
 */
export type PayloadClass = 'valid' | 'invalid' | 'hostile';

/** One `path: reason` the refusal must name. */
export interface ExpectedProblem {
  readonly path: string;
  readonly reason: RegExp;
}

export type ExpectedAnswer =
  /** The body ran once, with exactly these arguments; the output is its result. */
  | { readonly kind: 'runs'; readonly args: Readonly<Record<string, unknown>> }
  /**
   * No body ran; the output is an error starting ``Error parsing arguments for `<tool>`:``.
   * `all`: it lists exactly these problems. `any`: every problem it lists is one of these (at
   * least one), and `total`, when given, is how many there are in all (listed plus "and N more").
   */
  | { readonly kind: 'refused'; readonly problems: readonly ExpectedProblem[]; readonly match: 'all' | 'any'; readonly total?: number }
  /** Answered by the session itself (a management tool): exactly this output. */
  | { readonly kind: 'answered'; readonly output: string; readonly isError: boolean };

export interface ToolCallPayload {
  readonly tool: string;
  readonly rawArguments: string;
  readonly expected: ExpectedAnswer;
}

export interface PayloadRecipe {
  readonly class: PayloadClass;
  /** What the generator did, e.g. `missing-field`, `huge-string`: a row of the report. */
  readonly kind: string;
  readonly tool: string;
  readonly build: () => ToolCallPayload;
}

/** A concrete path into an argument value. */
export type ValuePath = readonly (string | number)[];

/** `stops[2].city`, as the gateway names places in the arguments; `arguments` for the whole. */
export function formatPath(path: ValuePath): string {
  if (path.length === 0) return 'arguments';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

export const refusedAt = (path: ValuePath | string, reason: RegExp): ExpectedAnswer => ({
  kind: 'refused',
  problems: [{ path: typeof path === 'string' ? path : formatPath(path), reason }],
  match: 'all',
});

export const runs = (args: Readonly<Record<string, unknown>>): ExpectedAnswer => ({ kind: 'runs', args });

export const INVALID_JSON = /^invalid JSON \(/;
export const TOO_DEEP = /^nested deeper than \d+ levels$/;
export const REQUIRED = /^required$/;
export const UNKNOWN_KEY = /^unknown key$/;
export const FORBIDDEN_KEY = /^forbidden key$/;
