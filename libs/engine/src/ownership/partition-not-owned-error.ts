/**
 * A command for a session whose partition this gateway does not own (any more): refused before
 * anything is decided. The transport redirects the client to the owner.
 */
export class PartitionNotOwnedError extends Error {
  constructor(
    readonly sessionId: string,
    readonly partition: number,
    /** `lease`: refused before deciding (no valid lease); `fenced`: the store refused the commit, a newer owner's epoch having fenced it. */
    readonly reason: 'lease' | 'fenced' = 'lease',
  ) {
    super(`This gateway does not own partition ${partition} (session ${sessionId})`);
    this.name = 'PartitionNotOwnedError';
  }
}
