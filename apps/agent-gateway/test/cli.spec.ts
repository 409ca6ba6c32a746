import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { parseGatewayArguments, USAGE } from '../src/cli-arguments.js';
import { loadAgentDefinitions } from '../src/load-definitions.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('aside-gateway command line', () => {
  it('reads --agents and --embedded', () => {
    expect(parseGatewayArguments(['--agents', './mine.js', '--embedded'])).toEqual({ agents: './mine.js', embedded: true });
    expect(parseGatewayArguments([])).toEqual({ agents: undefined, embedded: false });
  });

  it('refuses unknown flags and answers --help with the usage line', () => {
    expect(() => parseGatewayArguments(['--agent', 'x'])).toThrow();
    expect(() => parseGatewayArguments(['--help'])).toThrow(USAGE);
  });

  it('collects the agents and agent tasks a module exports, once each', async () => {
    const definitions = await loadAgentDefinitions(fixture('my-agents.ts'));
    expect(definitions.map((d) => d.name).sort()).toEqual(['confirm_email', 'helper']);
  });

  it('refuses a module that exports no agent', async () => {
    await expect(loadAgentDefinitions(fixture('no-agents.ts'))).rejects.toThrow('exports no agent');
  });
});
