// A deployment of real processes for black-box tests of distributed mode: gateway and runner
// processes started from the sources with the fixture agents and tools, a fake OpenAI-compatible
// model they share, the HTTP client a user would write, and readers of the audit log. Used by the
// agent-gateway's process specs and by the fault soak (reliability/).
export { deliveriesIn, delivered, duplicates, foldedReports, gatewayWriters, type DeliverySummary, type FoldedReport } from './audit-log.js';
export { outputsOf, runningOn, startConversation, untilDelivered, untilRunning, type Conversation, type StartedTask } from './conversation.js';
export { callTools, FakeOpenAi, type ChatKind, type ChatRequest, type ToolCallSpec } from './fake-openai.js';
export { releaseKey } from './fixtures/release-keys.js';
export { GatewayProcess, type GatewaySpawn, type LeaseLine } from './gateway-process.js';
export { startRunner, type RunnerSpawn } from './runner-process.js';
export { HttpStatusError, SessionsClient, type RawResponse } from './sessions-client.js';
export type { ActivityView, SessionView, TaskView } from './session-view.js';
