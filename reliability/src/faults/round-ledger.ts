import { auditSession } from './checker/audit-session.js';
import type { SessionVerdict } from './checker/fault-counts.js';
import { readSessionLog } from './checker/read-session-log.js';
import type { FaultDeployment } from './deployment/fault-deployment.js';
import type { Round } from './deployment/round.js';

/**
 * The rounds of a scenario, from their fault on: each stays open for the next few iterations —
 * their faults and takeovers then pass over settled sessions too, which must stay exactly as they
 * are — then it is closed through the owner and its whole log audited.
 */
export class RoundLedger {
  private readonly open: Round[] = [];

  constructor(
    private readonly deployment: FaultDeployment,
    private readonly keepOpen: number,
  ) {}

  /** Adds a round; closes and audits the oldest ones beyond `keepOpen`. */
  async add(round: Round): Promise<SessionVerdict[]> {
    this.open.push(round);
    const verdicts: SessionVerdict[] = [];
    while (this.open.length > this.keepOpen) verdicts.push(await this.closeAndAudit(this.open.shift()!));
    return verdicts;
  }

  /** Closes and audits every round still open. */
  async closeAll(): Promise<SessionVerdict[]> {
    const verdicts: SessionVerdict[] = [];
    for (const round of this.open.splice(0)) verdicts.push(await this.closeAndAudit(round));
    return verdicts;
  }

  private async closeAndAudit(round: Round): Promise<SessionVerdict> {
    let notClosed: string | undefined;
    this.deployment.playout.unfollow(round.sessionId);
    try {
      await this.deployment.client.closeSession(round.sessionId);
    } catch (error) {
      notClosed = `could not close ${round.sessionId}: ${(error as Error).message.split('\n')[0]}`;
    }
    const verdict = auditSession(await readSessionLog(this.deployment.store, round.sessionId), round.callIds);
    return notClosed === undefined ? verdict : { ...verdict, problems: [notClosed, ...verdict.problems] };
  }
}
