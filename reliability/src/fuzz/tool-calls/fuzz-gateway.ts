import { createAgentRegistry } from '@aside/domain';
import { Gateway, InProcessTaskQueue, type EngineLogger } from '@aside/engine';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore, type StoredEvent } from '@aside/events/store';
import { FuzzModel } from './fuzz-model.js';
import { FUZZ_AGENT, fuzzAgent, type BodyRun } from './fuzz-tools.js';
import type { ToolCallPayload } from './payload.js';

/** Everything one call left behind: its session's log, the bodies that ran, what went wrong on the way. */
export interface CallObservation {
  readonly sessionId: string;
  readonly callId: string;
  readonly events: readonly StoredEvent[];
  readonly runs: readonly BodyRun[];
  /** The gateway's error and warning logs while the call was served. */
  readonly logged: readonly string[];
  /** A gateway API call that threw, or a session that never went quiet. */
  readonly failure?: string;
}

/**
 * The real gateway path in embedded mode — in-memory event store, tool bodies in this process,
 * the scripted fake model — set up so that each payload gets a session of its own: a user turn,
 * the model's tool call with exactly the payload's arguments text, the tool reply.
 */
export class FuzzGateway {
  private readonly runs: BodyRun[] = [];
  private readonly logged: string[] = [];
  private served = 0;

  private constructor(
    private readonly gateway: Gateway,
    private readonly store: InMemoryEventStore,
    private readonly model: FuzzModel,
  ) {}

  static async start(): Promise<FuzzGateway> {
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const model = new FuzzModel();
    let self: FuzzGateway | undefined;
    const gateway = await Gateway.start({
      store,
      registry: createAgentRegistry([fuzzAgent((run) => self?.runs.push(run))]),
      llm: model.llm,
      taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
      logger: capturingLogger((line) => self?.logged.push(line)),
    });
    self = new FuzzGateway(gateway, store, model);
    return self;
  }

  /** How many calls this gateway served (a run recycles it now and then, to bound memory). */
  get callsServed(): number {
    return this.served;
  }

  async serve(payload: ToolCallPayload, key: string, timeoutMs: number): Promise<CallObservation> {
    this.served += 1;
    this.runs.length = 0;
    this.logged.length = 0;
    const callId = `fuzz-${key}`;
    let sessionId = '';
    let failure: string | undefined;
    try {
      sessionId = (await this.gateway.createSession({ agent: FUZZ_AGENT, playout: 'instant' })).sessionId;
      const text = this.model.expect(key, { callId, name: payload.tool, arguments: payload.rawArguments });
      await this.gateway.submitTurn(sessionId, { text });
      await withTimeout(this.gateway.whenQuiet(sessionId, { tasks: true }), timeoutMs, `the session did not go quiet within ${timeoutMs} ms`);
    } catch (error) {
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } finally {
      this.model.forget(key);
    }
    const events = sessionId === '' ? [] : await this.readLog(sessionId).catch((error: unknown) => ((failure ??= `the log could not be read: ${String(error)}`), []));
    const observation = { sessionId, callId, events, runs: [...this.runs], logged: [...this.logged], ...(failure ? { failure } : {}) };
    if (sessionId !== '' && failure === undefined) await this.forgetSession(sessionId);
    return observation;
  }

  async close(): Promise<void> {
    await this.gateway.close({ graceMs: 0 });
  }

  private async readLog(sessionId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let after = 0; ; ) {
      const page = await this.store.readLog(sessionId, { after, limit: 1_000 });
      events.push(...page.events);
      if (page.next === null) return events;
      after = page.next;
    }
  }

  /** Closes the session and drops its log, so a long run does not keep every payload in memory. */
  private async forgetSession(sessionId: string): Promise<void> {
    await this.gateway.closeSession(sessionId);
    await this.gateway.whenQuiet(sessionId);
    await this.store.deleteSession(sessionId);
  }
}

/** An engine logger that keeps warnings and errors as one line each (the call's observation shows them). */
function capturingLogger(keep: (line: string) => void): EngineLogger {
  const line = (level: string) => (fields: object, message: string) => {
    const error = (fields as { err?: unknown }).err;
    keep(`${level}: ${message}${error instanceof Error ? ` (${error.name}: ${error.message.slice(0, 300)})` : ''}`);
  };
  return { debug: () => undefined, info: () => undefined, warn: line('warn'), error: line('error') };
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
