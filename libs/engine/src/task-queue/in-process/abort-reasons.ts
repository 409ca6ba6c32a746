/**
 * Reasons an attempt's `ctx.signal` is aborted with. Standard DOMExceptions, so a body that hands
 * its signal to `fetch` or `timers/promises` gets the behaviour those APIs already document.
 */
export function cancelledReason(taskId: string): DOMException {
  return new DOMException(`Task ${taskId} was cancelled`, 'AbortError');
}

export function shutdownReason(): DOMException {
  return new DOMException('The task queue closed before the task finished', 'AbortError');
}

/** Its message is what the LLM is shown (SEMANTICS.md §10: a timeout ends with an error it sees). */
export function timeoutReason(toolName: string, timeoutMs: number): DOMException {
  return new DOMException(`Tool \`${toolName}\` timed out after ${timeoutMs} ms.`, 'TimeoutError');
}
