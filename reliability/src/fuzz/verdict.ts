/**
 * How one generated input was answered. `right`: the answer owed. `wrong`: an answer, but not
 * that one (a precise error was owed and a vague one came, a body ran that must not, …).
 * `crash`: no proper answer at all — an exception escaped, a hang, a 5xx, a corrupted log.
 */
export type Verdict = { readonly outcome: 'right' } | { readonly outcome: 'wrong' | 'crash'; readonly detail: string };
