import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore } from '@aside/events/store';
import { Gateway, InProcessTaskQueue } from '@aside/engine';
import { ScriptedLlm } from '@aside/llm';
import { describeDeferredReplyScenarios } from './deferred-replies.scenarios.js';
import { describeDuplicateAndErrorScenarios } from './duplicates-and-errors.scenarios.js';
import { describeOwnershipScenarios } from './ownership.scenarios.js';
import type { HarnessFactory } from './scenario-harness.js';
import { scenarioRegistry } from './scenario-agents.js';

/** Embedded mode, driven through the gateway API directly (the HTTP transport runs the same suite). */
const embedded: HarnessFactory = async (script) => {
  const llm = new ScriptedLlm([...script]);
  const gateway = await Gateway.start({
    store: new InMemoryEventStore({ catalogue: asideCatalogue }),
    registry: scenarioRegistry(),
    llm,
    taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
  });
  return { api: gateway, gateway, llm, whenQuiet: (sessionId, options) => gateway.whenQuiet(sessionId, options), close: () => gateway.close({ graceMs: 0 }) };
};

describeDeferredReplyScenarios('embedded, gateway API', embedded);
describeDuplicateAndErrorScenarios('embedded, gateway API', embedded);
describeOwnershipScenarios('embedded, gateway API', embedded);
