import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body, as the signature covers it. */
  readonly body: string;
}

/** How the receiver answers one request: a status (and headers), or `hang` until `release()`. */
export type Answer = { readonly status: number; readonly headers?: Readonly<Record<string, string>> } | 'hang';

/**
 * A real HTTP server on loopback standing in for a session's webhook: it records every request
 * and answers from a script (the last answer repeats). Tests wait on `requests(n)` — resolved
 * when the n-th request arrived — never on time.
 */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private readonly hanging: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    private answers: Answer[],
  ) {}

  static async start(answers: readonly Answer[] = [{ status: 204 }]): Promise<WebhookReceiver> {
    let receiver!: WebhookReceiver;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver.received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = receiver.answers.length > 1 ? receiver.answers.shift()! : receiver.answers[0]!;
        const respond = (status: number, headers: Readonly<Record<string, string>> = {}) => response.writeHead(status, headers).end();
        if (answer === 'hang') receiver.hanging.push(() => respond(200));
        else respond(answer.status, answer.headers);
        receiver.wake();
      });
    });
    receiver = new WebhookReceiver(server, [...answers]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/late`;
  }

  /** From now on, answer with these (the last one repeats). */
  answerWith(...answers: Answer[]): void {
    this.answers = answers;
  }

  /** Resolves once `count` requests in all have arrived. */
  requests(count: number): Promise<readonly ReceivedRequest[]> {
    if (this.received.length >= count) return Promise.resolve(this.received);
    return new Promise((resolve) => this.waiters.push({ count, resolve: () => resolve(this.received) }));
  }

  /** Answers every hanging request with 200. */
  release(): void {
    for (const respond of this.hanging.splice(0)) respond();
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      if (this.received.length < waiter.count) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}
