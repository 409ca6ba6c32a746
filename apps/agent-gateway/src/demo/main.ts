import { chooseLlm } from './demo-gateway.js';
import { runDemo } from './run-demo.js';

// `npm start`: the embedded demo. With OPENAI_API_KEY set it talks to a real model.

try {
  const { llm, label } = chooseLlm();
  console.log(`Aside embedded demo — one process, in-memory event store, tools in-process; LLM: ${label}`);
  await runDemo(llm, (line) => console.log(line));
} catch (error) {
  console.error(`demo failed: ${(error as Error).message}`);
  process.exit(1);
}
