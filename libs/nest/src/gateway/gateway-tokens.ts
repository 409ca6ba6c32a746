/** The module's resolved `AgentGatewayModuleOptions`. */
export const GATEWAY_OPTIONS = Symbol.for('aside.agent-gateway.options');
/** The `OpenedGateway` (gateway, partition signals, close). */
export const OPENED_GATEWAY = Symbol.for('aside.agent-gateway.opened');
