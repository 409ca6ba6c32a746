import type { AnyToolDefinition, ToolContext } from '@aside/domain';

/**
 * Counts the `ctx.update()` calls whose report is still on its way to the inbox, so a test can
 * tell a body parked on its gate from one whose update has not landed yet. Wraps only the
 * context: the body, its arguments and everything else it sees are the runner's.
 */
export class TrackedUpdates {
  private pending = 0;

  get inFlight(): number {
    return this.pending;
  }

  track(tool: AnyToolDefinition | undefined): AnyToolDefinition | undefined {
    if (tool === undefined) return undefined;
    const execute = tool.execute as (args: unknown, ctx: ToolContext) => unknown;
    return {
      ...tool,
      execute: (args: unknown, ctx: ToolContext) => execute(args, { ...ctx, update: (message: string) => this.counted(ctx.update(message)) }),
    } as AnyToolDefinition;
  }

  private async counted(write: Promise<void>): Promise<void> {
    this.pending += 1;
    try {
      await write;
    } finally {
      this.pending -= 1;
    }
  }
}
