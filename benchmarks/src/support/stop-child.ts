import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Sends a forked bench child its stop message and waits for it to exit; kills it (by its
 * handle, never by name) when it has not exited within the deadline.
 */
export async function stopChild(child: ChildProcess, stopMessage: object, name: string, deadlineMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.send(stopMessage);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overdue = new Promise<'overdue'>((resolve) => (timer = setTimeout(() => resolve('overdue'), deadlineMs)));
  const outcome = await Promise.race([exited, overdue]);
  clearTimeout(timer);
  if (outcome === 'overdue') {
    console.error(`[bench] ${name} did not exit within ${deadlineMs} ms; killing it`);
    child.kill();
    await exited;
  }
}
