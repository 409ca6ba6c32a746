#!/usr/bin/env node
import 'reflect-metadata';
import { bootHttpService, describeGatewayServices, describeLiveKit, readGatewayServiceSettings, readLiveKitSettings } from '@aside/nest';
import { chooseGatewayMode, parseGatewayArguments, USAGE } from './cli-arguments.js';
import { chooseLlm } from './demo/demo-gateway.js';
import { demoAgents } from './demo/travel-desk.js';
import { GatewayAppModule } from './gateway-app.module.js';
import { loadAgentDefinitions } from './load-definitions.js';

/**
 * `aside-gateway`: the gateway from the command line, with a user's own agents
 * (`--agents ./my-agents.js`), the way `livekit-agents` users start a worker from their file.
 * REDIS_URL selects distributed mode (tool bodies run on `aside-runner` processes); without it,
 * or with `--embedded`, everything runs in this process.
 */
async function main(): Promise<void> {
  let args;
  try {
    args = parseGatewayArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message.includes('usage:') ? USAGE : `${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  let mode;
  let services;
  let livekit;
  try {
    mode = chooseGatewayMode(args, process.env);
    services = readGatewayServiceSettings(process.env);
    livekit = readLiveKitSettings(process.env, mode.redis?.partitions ?? 1);
  } catch (error) {
    console.error(`agent-gateway failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
  const agents = args.agents ? await loadAgentDefinitions(args.agents) : demoAgents;
  const { llm, label } = chooseLlm();
  console.log(mode.line);
  console.log(`agent-gateway: ${describeGatewayServices(services)}`);
  console.log(`agent-gateway: ${describeLiveKit(livekit)}`);
  console.log(`agent-gateway: LLM ${label}`);
  console.log(`agent-gateway: agents ${agents.map((definition) => definition.name).join(', ')}`);
  if (livekit && !agents.some((definition) => definition.name === livekit.agent && definition.kind === 'agent')) {
    console.error(`agent-gateway failed to start: ASIDE_LIVEKIT_AGENT names no agent: '${livekit.agent}' (agents: ${agents.map((definition) => definition.name).join(', ')})`);
    process.exit(1);
  }
  const options = { agents, llm, ...(mode.redis ? { redis: mode.redis } : {}), ...services, ...(livekit ? { livekit } : {}) };
  await bootHttpService({ name: 'agent-gateway', module: GatewayAppModule.forAgents(options), defaultPort: 3000 });
}

main().catch((error: unknown) => {
  console.error(`agent-gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
});
