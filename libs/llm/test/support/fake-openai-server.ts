/**
 * A small OpenAI-compatible Chat Completions server for testing the adapter over real HTTP with
 * the real SDK. Each request takes the next scripted reply: a streamed completion (SSE chunks
 * shaped like OpenAI's: `role` in the first delta, `type: "function"` on a call's first delta,
 * `finish_reason` in the last choice chunk, optional usage chunk, `data: [DONE]`), an HTTP error
 * status, or a hang. A stream may stop partway and then hang or drop the connection. Every
 * request body is recorded; `waitForRequests(n)` lets a test await arrival instead of sleeping.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments JSON, as the pieces it is streamed in. */
  readonly argumentPieces: readonly string[];
}

export interface StreamReply {
  readonly kind: 'stream';
  readonly text?: readonly string[];
  readonly toolCalls?: readonly FakeToolCall[];
  /** Defaults to `tool_calls` with tool calls, `stop` otherwise; `null` omits it. */
  readonly finishReason?: string | null;
  readonly usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  /** Send only the first `afterChunks` chunks (role chunk included), then hang or drop the socket. */
  readonly cutOff?: { readonly afterChunks: number; readonly then: 'hang' | 'drop' };
}

export interface StatusReply {
  readonly kind: 'status';
  readonly status: number;
  readonly message?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Accept the request and never answer. */
export interface HangReply {
  readonly kind: 'hang';
}

export type FakeReply = StreamReply | StatusReply | HangReply;

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  // The wire body as JSON; tests read it the way the API would.
  readonly body: any;
  /** Settles when the connection of this request's response closes (either side). */
  readonly closed: Promise<void>;
}

export const reply = {
  text: (...pieces: string[]): StreamReply => ({ kind: 'stream', text: pieces }),
  toolCalls: (...calls: FakeToolCall[]): StreamReply => ({ kind: 'stream', toolCalls: calls }),
  status: (status: number, message = `fake status ${status}`, headers: Record<string, string> = {}): StatusReply => ({
    kind: 'status',
    status,
    message,
    headers,
  }),
  hang: (): HangReply => ({ kind: 'hang' }),
};

export class FakeOpenAiServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly replies: FakeReply[] = [];
  private readonly unfinished = new Set<ServerResponse>();
  private readonly waiters: Array<{ count: number; resolve: () => void }> = [];
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
  }

  get baseURL(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Queues replies for the next requests, in order. */
  script(...replies: FakeReply[]): void {
    this.replies.push(...replies);
  }

  /**
   * Forgets replies and requests, and cuts any response the previous test left hanging. Idle
   * keep-alive connections stay: closing them under the client would fail its next request.
   */
  reset(): void {
    this.replies.length = 0;
    this.requests.length = 0;
    for (const res of this.unfinished) res.socket?.destroy();
    this.unfinished.clear();
  }

  get unusedReplies(): number {
    return this.replies.length;
  }

  /** Resolves once at least `count` requests have arrived. */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      sendError(res, 404, `FakeOpenAiServer: no route ${req.method} ${req.url}`);
      return;
    }
    this.unfinished.add(res);
    const closed = new Promise<void>((resolve) =>
      res.once('close', () => {
        this.unfinished.delete(res);
        resolve();
      }),
    );
    this.requests.push({ path: req.url, headers: req.headers, body: JSON.parse(raw), closed });
    const number = this.requests.length;
    const next = this.replies.shift();
    for (const waiter of this.waiters.filter((w) => this.requests.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }

    if (next === undefined) {
      // 400 so the adapter does not retry and the test fails with this line.
      sendError(res, 400, `FakeOpenAiServer: no reply scripted for request #${number}`);
      return;
    }
    switch (next.kind) {
      case 'status':
        sendError(res, next.status, next.message ?? `fake status ${next.status}`, next.headers);
        return;
      case 'hang':
        // Leave the response open with nothing sent; reset() or close() cuts the socket.
        return;
      case 'stream':
        sendStream(res, next);
        return;
    }
  }
}

function sendStream(res: ServerResponse, spec: StreamReply): void {
  const chunks = streamChunks(spec);
  const limit = spec.cutOff?.afterChunks ?? chunks.length;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const chunk of chunks.slice(0, limit)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  if (spec.cutOff?.then === 'hang') return;
  if (spec.cutOff?.then === 'drop') {
    // Let the written chunks reach the client first, then tear the connection down mid-body.
    res.socket?.end(() => res.socket?.destroy());
    return;
  }
  res.end('data: [DONE]\n\n');
}

function streamChunks(spec: StreamReply): object[] {
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'fake-model' };
  const choice = (delta: object, finishReason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const chunks: object[] = [choice({ role: 'assistant', content: '', refusal: null })];
  for (const piece of spec.text ?? []) chunks.push(choice({ content: piece }));
  (spec.toolCalls ?? []).forEach((call, index) => {
    chunks.push(choice({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of call.argumentPieces) chunks.push(choice({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  const finishReason = spec.finishReason === undefined ? ((spec.toolCalls ?? []).length > 0 ? 'tool_calls' : 'stop') : spec.finishReason;
  if (finishReason !== null) chunks.push(choice({}, finishReason));
  if (spec.usage) chunks.push({ ...base, choices: [], usage: spec.usage });
  return chunks;
}

function sendError(res: ServerResponse, status: number, message: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message, type: 'fake_error', param: null, code: null } }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
