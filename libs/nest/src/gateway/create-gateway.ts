import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore } from '@aside/events/store';
import { createAgentRegistry } from '@aside/domain';
import { Gateway, InProcessTaskQueue } from '@aside/engine';
import { configFromEnv, OpenAiLlm } from '@aside/llm';
import type { AgentGatewayModuleOptions } from './agent-gateway.options.js';

/** The engine behind the module, with the embedded defaults filled in. */
export function createGateway(options: AgentGatewayModuleOptions): Promise<Gateway> {
  return Gateway.start({
    store: options.store ?? new InMemoryEventStore({ catalogue: asideCatalogue }),
    registry: createAgentRegistry(options.agents),
    llm: options.llm ?? new OpenAiLlm(configFromEnv(process.env)),
    taskQueue: options.taskQueue ?? (({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks })),
    ...(options.templates ? { templates: options.templates } : {}),
    ...(options.gatewayId ? { gatewayId: options.gatewayId } : {}),
    ...(options.playoutTimeoutMs ? { playoutTimeoutMs: options.playoutTimeoutMs } : {}),
  });
}
