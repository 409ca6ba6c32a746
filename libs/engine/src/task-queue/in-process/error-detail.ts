/** The text of anything a body may throw (bodies can throw non-Errors). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  return String(error);
}

/** Fields for the log line of an internal failure: the detail and, when there is one, the stack. */
export function errorFields(error: unknown): { readonly error: string; readonly stack?: string } {
  const stack = error instanceof Error ? error.stack : undefined;
  return stack === undefined ? { error: errorMessage(error) } : { error: errorMessage(error), stack };
}
