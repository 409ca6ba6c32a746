import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { Gateway } from '@aside/engine';
import { ScriptedLlm } from '@aside/llm';
import { AgentGatewayModule, LoggingModule, startHttpApp } from '@aside/nest';
import { describeDeferredReplyScenarios } from './deferred-replies.scenarios.js';
import { describeDuplicateAndErrorScenarios } from './duplicates-and-errors.scenarios.js';
import { HttpGatewayClient } from './http-gateway-client.js';
import { describeOwnershipScenarios } from './ownership.scenarios.js';
import { scenarioAgents } from './scenario-agents.js';
import type { HarnessFactory } from './scenario-harness.js';

const TOKEN = 'scenario-token';

/** Embedded mode behind the real HTTP surface: Nest app on a loopback port, bearer token on. */
const overHttp: HarnessFactory = async (script) => {
  const llm = new ScriptedLlm([...script]);
  @Module({ imports: [LoggingModule.forRoot({ level: 'silent' }), AgentGatewayModule.forRoot({ agents: scenarioAgents, llm, apiTokens: [TOKEN] })] })
  class ScenarioAppModule {}
  const app = await startHttpApp(ScenarioAppModule, { port: 0, host: '127.0.0.1' }, { logger: false });
  const gateway = app.get(Gateway);
  return {
    api: new HttpGatewayClient(await app.getUrl(), TOKEN),
    gateway,
    llm,
    whenQuiet: (sessionId, options) => gateway.whenQuiet(sessionId, options),
    close: async () => {
      await gateway.close({ graceMs: 0 });
      await app.close();
    },
  };
};

describeDeferredReplyScenarios('embedded, HTTP', overHttp);
describeDuplicateAndErrorScenarios('embedded, HTTP', overHttp);
describeOwnershipScenarios('embedded, HTTP', overHttp);
