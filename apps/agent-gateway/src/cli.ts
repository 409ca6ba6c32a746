#!/usr/bin/env node
import 'reflect-metadata';
import { bootHttpService } from '@aside/nest';
import { parseGatewayArguments, USAGE } from './cli-arguments.js';
import { chooseLlm } from './demo/demo-gateway.js';
import { demoAgents } from './demo/travel-desk.js';
import { GatewayAppModule } from './gateway-app.module.js';
import { loadAgentDefinitions } from './load-definitions.js';

/**
 * `aside-gateway`: the gateway from the command line, with a user's own agents
 * (`--agents ./my-agents.js`), the way `livekit-agents` users start a worker from their file.
 */
async function main(): Promise<void> {
  let args;
  try {
    args = parseGatewayArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message.includes('usage:') ? USAGE : `${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const agents = args.agents ? await loadAgentDefinitions(args.agents) : demoAgents;
  const { llm, label } = chooseLlm();
  console.log(`agent-gateway: LLM ${label}`);
  if (process.env['REDIS_URL']) console.warn('REDIS_URL is set, but the distributed mode is not built yet: running embedded (in-memory store, tools in-process)');
  console.log(`agent-gateway: embedded mode, agents ${agents.map((definition) => definition.name).join(', ')}`);
  await bootHttpService({ name: 'agent-gateway', module: GatewayAppModule.forAgents({ agents, llm }), defaultPort: 3000 });
}

main().catch((error: unknown) => {
  console.error(`agent-gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
});
