/**
 * Which session each user of the room has, so that the gateway that joins the room next (after
 * a takeover, a restart) resumes their conversation instead of starting a new one. Keyed by the
 * user's identity within one room.
 */
export interface RoomSessionDirectory {
  find(identity: string): Promise<string | undefined>;
  remember(identity: string, sessionId: string): Promise<void>;
  forget(identity: string): Promise<void>;
}

/** In this process only: enough for one gateway (embedded mode); distributed mode keeps it in Redis. */
export class InMemoryRoomSessionDirectory implements RoomSessionDirectory {
  private readonly sessions = new Map<string, string>();

  async find(identity: string): Promise<string | undefined> {
    return this.sessions.get(identity);
  }

  async remember(identity: string, sessionId: string): Promise<void> {
    this.sessions.set(identity, sessionId);
  }

  async forget(identity: string): Promise<void> {
    this.sessions.delete(identity);
  }
}
