#!/usr/bin/env node
import 'reflect-metadata';
import { bootHttpService } from '@aside/nest';
import { parseRunnerArguments, USAGE } from './cli-arguments.js';
import { exampleTools } from './example-tools.js';
import { loadToolDefinitions } from './load-tools.js';
import { RunnerAppModule } from './runner-app.module.js';
import { readRunnerSettings } from './runner-settings.js';

/**
 * `aside-runner`: a tool runner from the command line, with a user's own tools
 * (`--tools ./my-tools.js`), the way `livekit-agents` users start a worker from their file.
 */
async function main(): Promise<void> {
  let args;
  try {
    args = parseRunnerArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message.includes('usage:') ? USAGE : `${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  let settings;
  try {
    settings = readRunnerSettings(process.env);
  } catch (error) {
    console.error(`tool-runner failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
  const tools = args.tools ? await loadToolDefinitions(args.tools) : exampleTools;
  console.log(`tool-runner: tools ${tools.map((definition) => definition.name).join(', ')}${args.tools ? '' : ' (the built-in examples)'}`);
  await bootHttpService({ name: 'tool-runner', module: RunnerAppModule.forTools({ connection: settings.redisUrl, tools }), defaultPort: 3100 });
}

main().catch((error: unknown) => {
  console.error(`tool-runner failed to start: ${(error as Error).message}`);
  process.exit(1);
});
