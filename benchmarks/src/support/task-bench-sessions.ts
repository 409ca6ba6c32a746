/**
 * A bench conversation that is replaced by a fresh one every `usesPerSession` uses (shared by
 * the three latency benches). Without it a session driven for thousands of turns would grow a
 * chat context no real call has, and every LLM request, fold and projection would get slower
 * for that reason alone, not for the runtime's: 25 uses is a long call.
 */
export const USES_PER_SESSION = 25;

export class RotatingSession<Session> {
  private session: Session | undefined;
  private uses = 0;

  constructor(
    private readonly open: () => Promise<Session>,
    private readonly retire: (session: Session) => Promise<void>,
    private readonly usesPerSession = USES_PER_SESSION,
  ) {}

  /** The session for the next use: the current one, or a fresh one once it has had its uses. */
  async next(): Promise<Session> {
    if (this.session !== undefined && this.uses >= this.usesPerSession) await this.close();
    this.session ??= await this.open();
    this.uses += 1;
    return this.session;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.uses = 0;
    if (session !== undefined) await this.retire(session);
  }
}
