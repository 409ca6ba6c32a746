/**
 * Collects what escaped every handler while the suite ran: unhandled rejections and uncaught
 * exceptions of the process. Each is a crash the gateway would not survive in production (Node
 * exits on an unhandled rejection by default).
 */
export class CrashWatch {
  private readonly seen: string[] = [];
  private readonly onRejection = (reason: unknown) => this.seen.push(`unhandled rejection: ${describe(reason)}`);
  private readonly onException = (error: unknown) => this.seen.push(`uncaught exception: ${describe(error)}`);

  start(): this {
    process.on('unhandledRejection', this.onRejection);
    process.on('uncaughtException', this.onException);
    return this;
  }

  stop(): void {
    process.off('unhandledRejection', this.onRejection);
    process.off('uncaughtException', this.onException);
  }

  /** What arrived since the last call. */
  take(): string[] {
    return this.seen.splice(0);
  }
}

function describe(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
}
