/**
 * The work's answer, or `undefined` once `ms` passed without one. A Redis client queues commands
 * while it reconnects, so probes, pings and quits that must not hang are raced against a
 * deadline; the work itself goes on (its late answer is ignored).
 */
export async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
