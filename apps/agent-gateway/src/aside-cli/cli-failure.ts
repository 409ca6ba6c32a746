/**
 * How the `aside` command ends: 0 done (also `tail` ended by Ctrl-C, its normal end), 1 could
 * not do it, 2 bad arguments, 3 replay found a difference, 130 `replay` interrupted by Ctrl-C.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, mismatch: 3, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Something the command could not do for a reason outside it (no such session, Redis or the
 * gateway unreachable): one line for the operator, never a stack.
 */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}
