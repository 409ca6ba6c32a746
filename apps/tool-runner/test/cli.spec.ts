import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { parseRunnerArguments, USAGE } from '../src/cli-arguments.js';
import { loadToolDefinitions } from '../src/load-tools.js';
import { readRunnerSettings } from '../src/runner-settings.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('aside-runner command line', () => {
  it('reads --tools', () => {
    expect(parseRunnerArguments(['--tools', './mine.js'])).toEqual({ tools: './mine.js' });
    expect(parseRunnerArguments([])).toEqual({ tools: undefined });
  });

  it('refuses unknown flags and positionals, and answers --help with the usage line', () => {
    expect(() => parseRunnerArguments(['--tool', 'x'])).toThrow();
    expect(() => parseRunnerArguments(['mine.js'])).toThrow();
    expect(() => parseRunnerArguments(['--help'])).toThrow(USAGE);
  });

  it('collects the tools a module exports (named, default, arrays, toolsets), once each', async () => {
    const tools = await loadToolDefinitions(fixture('my-tools.ts'));
    expect(tools.map((definition) => definition.name).sort()).toEqual(['greet', 'shout', 'whisper']);
  });

  it('refuses a module that exports no tool', async () => {
    await expect(loadToolDefinitions(fixture('no-tools.ts'))).rejects.toThrow('exports no tool');
  });
});

describe('runner settings', () => {
  it('takes REDIS_URL', () => {
    expect(readRunnerSettings({ REDIS_URL: 'redis://localhost:6379/2' })).toEqual({ redisUrl: 'redis://localhost:6379/2' });
    expect(readRunnerSettings({ REDIS_URL: 'rediss://user:pw@cache.example:6380' })).toEqual({ redisUrl: 'rediss://user:pw@cache.example:6380' });
  });

  it('fails with one clear line when REDIS_URL is missing or malformed', () => {
    expect(() => readRunnerSettings({})).toThrow('REDIS_URL is required (e.g. redis://localhost:6379)');
    expect(() => readRunnerSettings({ REDIS_URL: ' ' })).toThrow('REDIS_URL is required');
    expect(() => readRunnerSettings({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must use redis:\/\/ or rediss:\/\//);
    expect(() => readRunnerSettings({ REDIS_URL: 'not a url' })).toThrow('REDIS_URL is not a URL');
    expect(() => readRunnerSettings({ REDIS_URL: 'http://localhost:6379' })).toThrow('REDIS_URL must use redis:// or rediss://, not http://');
    expect(() => readRunnerSettings({ REDIS_URL: 'redis://localhost:6379/x' })).toThrow('REDIS_URL database must be a number');
  });
});
