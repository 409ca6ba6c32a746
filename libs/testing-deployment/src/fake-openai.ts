import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the model was asked for, as the fake tells it from the request. */
export type ChatKind = 'deferred_reply' | 'tool_calls' | 'text';

export interface ChatRequest {
  /** Which gateway asked: each gets its own base URL, `/<gateway>/v1`. */
  readonly gateway: string;
  readonly kind: ChatKind;
  /** Set once the answer was sent in full. */
  answered: boolean;
}

interface Answer {
  readonly text?: string;
  readonly toolCalls?: readonly { readonly id: string; readonly name: string; readonly arguments: string }[];
}

interface WireMessage {
  readonly role: string;
  readonly content?: string | null;
}

/** The user text that makes the model call tools: `callTools([...])` (see `answerFor`). */
export interface ToolCallSpec {
  readonly callId: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

export const callTools = (calls: readonly ToolCallSpec[]): string => JSON.stringify({ calls });

/**
 * An OpenAI-compatible Chat Completions endpoint for gateway processes, answering by rule (so
 * any number of gateways and sessions can share it, in any order):
 *  - a deferred reply (`tool_choice: none`) → `[<gateway>] by the way: <call ids listed in the reply instructions>`;
 *  - a user message that is `callTools([...])` JSON → exactly those tool calls;
 *  - anything else → `[<gateway>] noted`.
 * The gateway's name in every text tells which process produced what the log holds. A test can
 * `hold` one gateway's requests (a reaction in flight) and `release` them later. Streams are
 * shaped like OpenAI's (role in the first delta, `type: "function"` on a call's first delta,
 * a finish reason last), which the SDK's helpers require.
 */
export class FakeOpenAi {
  readonly requests: ChatRequest[] = [];
  private readonly held = new Map<string, (() => void)[]>();
  private readonly holding = new Set<string>();
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));

  static async start(): Promise<FakeOpenAi> {
    const fake = new FakeOpenAi();
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  baseUrlFor(gateway: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${gateway}/v1`;
  }

  /** From now on the gateway's requests get no answer until `release`. */
  hold(gateway: string): void {
    this.holding.add(gateway);
  }

  /** Answers the held requests and stops holding. */
  release(gateway: string): void {
    this.holding.delete(gateway);
    for (const answer of this.held.get(gateway)?.splice(0) ?? []) answer();
  }

  heldCount(gateway: string): number {
    return this.held.get(gateway)?.length ?? 0;
  }

  requestsOf(gateway: string, kind?: ChatKind): ChatRequest[] {
    return this.requests.filter((request) => request.gateway === gateway && (kind === undefined || request.kind === kind));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/([^/]+)\/v1\/chat\/completions$/.exec(req.url ?? '');
    const raw = await readBody(req);
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    const gateway = match[1]!;
    const { kind, answer } = answerFor(JSON.parse(raw) as { tool_choice?: string; messages: WireMessage[] }, gateway);
    const request: ChatRequest = { gateway, kind, answered: false };
    this.requests.push(request);
    const send = (): void => {
      if (res.destroyed) return; // the gateway died meanwhile
      sendStream(res, answer);
      request.answered = true;
    };
    if (!this.holding.has(gateway)) return send();
    const queue = this.held.get(gateway) ?? [];
    queue.push(send);
    this.held.set(gateway, queue);
  }
}

function answerFor(body: { tool_choice?: string; messages: WireMessage[] }, gateway: string): { kind: ChatKind; answer: Answer } {
  const last = body.messages.at(-1);
  if (body.tool_choice === 'none') {
    // The reply instructions are the last (system) message and name the call ids they cover.
    const ids = [...new Set(String(last?.content ?? '').match(/\b\w+_(?:finished|update_\d+)\b/g) ?? [])];
    return { kind: 'deferred_reply', answer: { text: `[${gateway}] by the way: ${ids.join(', ')}` } };
  }
  const calls = last?.role === 'user' ? parseCalls(last.content) : undefined;
  if (calls) {
    return { kind: 'tool_calls', answer: { toolCalls: calls.map((call) => ({ id: call.callId, name: call.name, arguments: JSON.stringify(call.arguments) })) } };
  }
  return { kind: 'text', answer: { text: `[${gateway}] noted` } };
}

function parseCalls(content: string | null | undefined): ToolCallSpec[] | undefined {
  try {
    const parsed = JSON.parse(content ?? '') as { calls?: ToolCallSpec[] };
    return Array.isArray(parsed.calls) ? parsed.calls : undefined;
  } catch {
    return undefined;
  }
}

function sendStream(res: ServerResponse, answer: Answer): void {
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'fake-model' };
  const chunk = (delta: object, finishReason: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  const chunks: object[] = [chunk({ role: 'assistant', content: '' })];
  if (answer.text) chunks.push(chunk({ content: answer.text }));
  (answer.toolCalls ?? []).forEach((call, index) => {
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    chunks.push(chunk({ tool_calls: [{ index, function: { arguments: call.arguments } }] }));
  });
  chunks.push(chunk({}, answer.toolCalls?.length ? 'tool_calls' : 'stop'));
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const piece of chunks) res.write(`data: ${JSON.stringify(piece)}\n\n`);
  res.end('data: [DONE]\n\n');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
