import { configFromEnv, OpenAiLlm, type LlmPort } from '@aside/llm';
import { demoLlm } from './demo-llm.js';
import { runDemo } from './run-demo.js';

/** `npm start`: the embedded demo. With OPENAI_API_KEY set it talks to a real model. */
function chooseLlm(): { llm: LlmPort; label: string } {
  if (!process.env['OPENAI_API_KEY']) return { llm: demoLlm(), label: 'a rule-based stand-in model (set OPENAI_API_KEY to use a real one)' };
  const config = configFromEnv(process.env);
  return { llm: new OpenAiLlm(config), label: `${config.model} at ${config.baseURL ?? 'api.openai.com'}` };
}

try {
  const { llm, label } = chooseLlm();
  console.log(`Aside embedded demo — one process, in-memory event store, tools in-process; LLM: ${label}`);
  await runDemo(llm, (line) => console.log(line));
} catch (error) {
  console.error(`demo failed: ${(error as Error).message}`);
  process.exit(1);
}
