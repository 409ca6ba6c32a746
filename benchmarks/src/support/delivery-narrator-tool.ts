/**
 * The tool of `npm run bench:delivery`: a body that goes async at once, then sends one more
 * update each time the bench opens its session's gate, until it is cancelled. The bench thereby
 * decides exactly when a result reaches the agent (while it speaks, while the user talks). It
 * runs in the gateway process in both store modes: the delivery decision is the gateway's alone.
 */
import { tool } from '@aside/domain';
import { z } from 'zod';

export const NARRATE_TOOL = 'narrate';

/** One gate per session: `open` lets its body send one update (opening before the body waits counts too). */
export class NarrationGates {
  private readonly waiting = new Map<string, () => void>();
  private readonly opened = new Set<string>();

  open(sessionId: string): void {
    const release = this.waiting.get(sessionId);
    this.waiting.delete(sessionId);
    if (release) release();
    else this.opened.add(sessionId);
  }

  /** True when the gate opened, false when the task was cancelled (the session closed). */
  pass(sessionId: string, signal: AbortSignal): Promise<boolean> {
    if (this.opened.delete(sessionId)) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const onAbort = (): void => {
        this.waiting.delete(sessionId);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(sessionId, () => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      });
    });
  }
}

export function narratorTool(gates: NarrationGates) {
  return tool({
    name: NARRATE_TOOL,
    description: 'Narrates news as it comes.',
    parameters: z.object({}),
    execute: async (_args, ctx) => {
      await ctx.update('listening for news'); // the call is async from here on
      for (let n = 1; await gates.pass(ctx.sessionId, ctx.signal); n += 1) await ctx.update(`news ${n}`);
      return 'stopped';
    },
  });
}
