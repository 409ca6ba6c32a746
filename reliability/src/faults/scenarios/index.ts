import type { FaultScenario } from './fault-scenario.js';
import { injectReports } from './inject-reports.js';
import { killGatewayMidDelivery } from './kill-gateway-mid-delivery.js';
import { killGatewayMidTask } from './kill-gateway-mid-task.js';
import { killRunner } from './kill-runner.js';
import { redisKill, redisShutdown } from './restart-redis.js';

export type { FaultScenario, Iteration } from './fault-scenario.js';

/** Every scenario, in the order the suite runs them. */
export const FAULT_SCENARIOS: readonly FaultScenario[] = [killRunner, killGatewayMidTask, killGatewayMidDelivery, injectReports, redisShutdown, redisKill];
