import type { Redis } from 'ioredis';
import { elapsedMs, nowNs, type FromRunner } from './cancel-runner-protocol.js';
import { settable, within, type Settable } from './settable.js';

const ROUND_DEADLINE_MS = 5_000;

/**
 * The floor under a remote cancel: a raw PUBLISH from the bench process to a plain subscriber
 * in the runner process, on the same Redis, timed like the cancel (same clock, same IPC
 * carrying the receiver's timestamp). A cancel cannot beat it; the gap is Aside's cost.
 */
export class PublishFloor {
  private readonly heard = new Map<string, Settable<bigint>>();

  constructor(
    private readonly publisher: Redis,
    private readonly channel: string,
  ) {}

  onRunnerMessage(message: FromRunner): void {
    if (message.type === 'floor-heard') this.heard.get(message.id)?.resolve(BigInt(message.atNs));
  }

  /** Publishes `count` messages at once (one tick, one connection, like the cancels) and returns each one's latency in ms. */
  async round(count: number, roundId: string): Promise<number[]> {
    const ids = Array.from({ length: count }, (_, i) => `${roundId}-${i}`);
    for (const id of ids) this.heard.set(id, settable<bigint>());
    const sentAtNs: bigint[] = [];
    const published = ids.map((id) => {
      sentAtNs.push(nowNs());
      return this.publisher.publish(this.channel, id);
    });
    try {
      await Promise.all(published);
      const heardAtNs = await within(Promise.all(ids.map((id) => this.heard.get(id)!.promise)), ROUND_DEADLINE_MS, `floor round ${roundId}`);
      return heardAtNs.map((at, i) => elapsedMs(sentAtNs[i]!, at));
    } finally {
      for (const id of ids) this.heard.delete(id);
    }
  }
}
