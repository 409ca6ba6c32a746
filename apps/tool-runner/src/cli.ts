#!/usr/bin/env node
import { parseRunnerArguments, USAGE } from './cli-arguments.js';
import { describeRunnerSettings, readRunnerSettings } from './runner-settings.js';

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
  // Nest, BullMQ and the tools load only once the command line and the settings are valid, so a
  // mistake there is reported at once rather than after a second of module loading.
  await import('reflect-metadata');
  const [{ bootHttpService }, { RunnerAppModule }, { loadToolDefinitions }, { exampleTools }] = await Promise.all([
    import('@aside/nest'),
    import('./runner-app.module.js'),
    import('./load-tools.js'),
    import('./example-tools.js'),
  ]);
  const tools = args.tools ? await loadToolDefinitions(args.tools) : exampleTools;
  console.log(`tool-runner: tools ${tools.map((definition) => definition.name).join(', ')}${args.tools ? '' : ' (the built-in examples)'}`);
  console.log(describeRunnerSettings(settings));
  const { redisUrl, ...runner } = settings;
  await bootHttpService({ name: 'tool-runner', module: RunnerAppModule.forTools({ connection: redisUrl, tools, ...runner }), defaultPort: 3100 });
}

main().catch((error: unknown) => {
  console.error(`tool-runner failed to start: ${(error as Error).message}`);
  process.exit(1);
});
