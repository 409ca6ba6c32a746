import { z } from 'zod';
import { agent, createAgentRegistry, tool } from '@aside/domain';
import { Gateway, InProcessTaskQueue, type EngineLogger } from '@aside/engine';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore, type StoredEvent } from '@aside/events/store';
import { LiveKitRoomTransport, type LiveKitRoomTransportOptions } from '../../src/livekit-room-transport.js';
import { FakeLiveKitServer } from './fake-livekit.js';
import { ScriptedModel, type ModelStep } from './scripted-model.js';

/** A promise with its resolve in hand: lets a test decide when a tool body may go on. */
export function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/**
 * An embedded gateway (in-memory store, tools in process, scripted LLM) whose `desk` agent has
 * a slow `search` tool that narrates progress, and a LiveKit transport joined to a fake room.
 */
export async function roomHarness(script: readonly ModelStep[], extra: Partial<Pick<LiveKitRoomTransportOptions, 'speech' | 'hearing' | 'directory'>> = {}) {
  const searchGate = gate();
  const search = tool({
    name: 'search',
    description: 'Search, slowly.',
    parameters: z.object({ query: z.string() }),
    execute: async ({ query }, ctx) => {
      await ctx.update(`searching for ${query}`);
      await searchGate.promise;
      return `found ${query}`;
    },
  });
  const desk = agent({ name: 'desk', instructions: 'You help.', tools: [search] });
  const store = new InMemoryEventStore({ catalogue: asideCatalogue });
  const llm = new ScriptedModel([...script]);
  const gateway = await Gateway.start({
    store,
    registry: createAgentRegistry([desk]),
    llm,
    taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
  });
  const server = new FakeLiveKitServer();
  gateway.engine.onCommitted(() => server.changed());
  const logged: LoggedLine[] = [];
  const logger: EngineLogger = {
    debug: (fields, message) => logged.push({ level: 'debug', message, fields: fields as Record<string, unknown> }),
    info: (fields, message) => logged.push({ level: 'info', message, fields: fields as Record<string, unknown> }),
    warn: (fields, message) => logged.push({ level: 'warn', message, fields: fields as Record<string, unknown> }),
    error: (fields, message) => logged.push({ level: 'error', message, fields: fields as Record<string, unknown> }),
  };
  let tokens = 0;
  const transports: LiveKitRoomTransport[] = [];
  /** Another transport on the same gateway and room (as the next owner of the room's partition would be). */
  const openTransport = (options: Partial<Pick<LiveKitRoomTransportOptions, 'speech' | 'hearing' | 'directory'>> = extra): LiveKitRoomTransport => {
    const opened = new LiveKitRoomTransport({
      port: gateway,
      url: 'wss://livekit.test',
      token: async () => `token-${++tokens}`,
      createRoom: server.createRoom,
      agent: 'desk',
      reconnect: { wait: async () => undefined },
      logger,
      ...options,
    });
    transports.push(opened);
    return opened;
  };
  const transport = openTransport();

  const log = async (sessionId: string): Promise<StoredEvent[]> => [...(await store.readLog(sessionId, { limit: 10_000 })).events];
  /** The user's session id (a joined user's session is being opened at once; this awaits it). */
  const sessionOf = async (identity: string): Promise<string> => {
    const id = (await transport.sessionIds()).get(identity);
    if (id === undefined) throw new Error(`no session for ${identity}`);
    return id;
  };
  /** Waits until the session's log holds an event matching `match`. */
  const untilLogged = async (sessionId: string, what: string, match: (event: StoredEvent) => boolean): Promise<StoredEvent> => {
    let found: StoredEvent | undefined;
    const check = async () => (found = (await log(sessionId)).find(match));
    await check();
    while (found === undefined) {
      await new Promise<void>((resolve, reject) => {
        const stop = gateway.engine.onCommitted((committed) => {
          if (committed.sessionId !== sessionId) return;
          stop();
          resolve();
        });
        setTimeout(() => {
          stop();
          reject(new Error(`timed out waiting for ${what}`));
        }, 5_000).unref();
      });
      await check();
    }
    return found;
  };

  return {
    gateway,
    llm,
    store,
    server,
    transport,
    logged,
    searchGate,
    log,
    sessionOf,
    untilLogged,
    openTransport,
    async close() {
      for (const opened of transports) await opened.leave({ closeSessions: true });
      await gateway.close();
    },
  };
}
