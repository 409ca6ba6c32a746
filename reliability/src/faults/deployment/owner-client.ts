import { SessionsClient, type GatewayProcess, type RawResponse } from '@aside/testing-deployment';
import { setTimeout as sleep } from 'node:timers/promises';

/** Ownership moves within a lease TTL and a renewal round (about 1.5 s); a slow takeover after a Redis restart takes a few more. */
const FOLLOW_TIMEOUT_MS = 20_000;
const RETRY_EVERY_MS = 20;

/**
 * The HTTP API of whichever gateway owns the partition now — what a client following redirects
 * and retrying `503 Retry-After` sees. A request refused because it reached the wrong gateway (a
 * redirect, a 503 while no owner is known or the owner's lease is being renewed, a connection
 * refused by a dead one) is sent again to the owner named by the lease; a request that was
 * answered is never sent twice.
 */
export class OwnerClient extends SessionsClient {
  constructor(private readonly leaseHolder: () => Promise<GatewayProcess | undefined>) {
    super('http://<owner of partition 0>');
  }

  override async request(method: string, path: string, body?: unknown): Promise<RawResponse> {
    const until = Date.now() + FOLLOW_TIMEOUT_MS;
    for (;;) {
      const answer = await this.tryOwner(method, path, body);
      if (answer !== undefined) return answer;
      if (Date.now() > until) throw new Error(`No gateway owning partition 0 answered ${method} ${path} within ${FOLLOW_TIMEOUT_MS} ms`);
      await sleep(RETRY_EVERY_MS);
    }
  }

  private async tryOwner(method: string, path: string, body: unknown): Promise<RawResponse | undefined> {
    const owner = await this.leaseHolder();
    if (owner === undefined) return undefined;
    try {
      const answer = await owner.client.request(method, path, body);
      return answer.status === 307 || answer.status === 503 ? undefined : answer;
    } catch (error) {
      if (isConnectionRefused(error)) return undefined; // nothing was sent
      throw error;
    }
  }
}

function isConnectionRefused(error: unknown): boolean {
  return error instanceof TypeError && (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED';
}
