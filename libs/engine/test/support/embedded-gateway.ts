import { InMemoryEventStore } from '@aside/events/store';
import { asideCatalogue } from '@aside/events';
import { ScriptedLlm, type ScriptStep } from '@aside/llm';
import { Gateway } from '../../src/gateway/gateway.js';
import { InProcessTaskQueue } from '../../src/task-queue/in-process/in-process-task-queue.js';
import { travelRegistry } from './travel-agents.js';

/** A gateway in embedded mode (in-memory store, in-process queue) with a scripted LLM. */
export async function embeddedGateway(script: readonly ScriptStep[], options: { readonly playoutTimeoutMs?: number } = {}) {
  const store = new InMemoryEventStore({ catalogue: asideCatalogue });
  const llm = new ScriptedLlm([...script]);
  const gateway = await Gateway.start({
    store,
    registry: travelRegistry(),
    llm,
    taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
    ...options,
  });
  return { gateway, llm, store };
}

/** A promise with its resolve in hand: lets a test decide when a tool body may go on. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
