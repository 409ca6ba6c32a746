import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { parseRunnerArguments, USAGE } from '../src/cli-arguments.js';
import { loadToolDefinitions } from '../src/load-tools.js';
import { describeRunnerSettings, readRunnerSettings, RUNNER_DEFAULTS } from '../src/runner-settings.js';

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
  const redis = { REDIS_URL: 'redis://localhost:6379' };

  it('takes REDIS_URL', () => {
    expect(readRunnerSettings({ REDIS_URL: 'redis://localhost:6379/2' }).redisUrl).toBe('redis://localhost:6379/2');
    expect(readRunnerSettings({ REDIS_URL: 'rediss://user:pw@cache.example:6380' }).redisUrl).toBe('rediss://user:pw@cache.example:6380');
  });

  it('fails with one clear line when REDIS_URL is missing or malformed', () => {
    expect(() => readRunnerSettings({})).toThrow('REDIS_URL is required (e.g. redis://localhost:6379)');
    expect(() => readRunnerSettings({ REDIS_URL: ' ' })).toThrow('REDIS_URL is required');
    expect(() => readRunnerSettings({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must use redis:\/\/ or rediss:\/\//);
    expect(() => readRunnerSettings({ REDIS_URL: 'not a url' })).toThrow('REDIS_URL is not a URL');
    expect(() => readRunnerSettings({ REDIS_URL: 'http://localhost:6379' })).toThrow('REDIS_URL must use redis:// or rediss://, not http://');
    expect(() => readRunnerSettings({ REDIS_URL: 'redis://localhost:6379/x' })).toThrow('REDIS_URL database must be a number');
  });

  it('has production defaults for everything else (an empty variable counts as unset)', () => {
    const defaults = { redisUrl: 'redis://localhost:6379', prefix: 'aside', queueName: 'aside-tools', concurrency: 10, lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 1, graceMs: 5_000 };
    expect(readRunnerSettings(redis)).toEqual(defaults);
    expect(readRunnerSettings({ ...redis, ASIDE_PREFIX: '', ASIDE_LOCK_DURATION_MS: '' })).toEqual(defaults);
    expect(RUNNER_DEFAULTS).toEqual({ ...defaults, redisUrl: undefined });
  });

  it('reads the prefix, the queue and the timings from the environment', () => {
    const env = {
      ...redis,
      ASIDE_PREFIX: 'test-abc:1',
      ASIDE_QUEUE: 'tools-b',
      ASIDE_RUNNER_CONCURRENCY: '3',
      ASIDE_LOCK_DURATION_MS: '1000',
      ASIDE_STALLED_INTERVAL_MS: '500',
      ASIDE_MAX_STALLED_COUNT: '0',
      ASIDE_GRACE_MS: '0',
    };
    expect(readRunnerSettings(env)).toEqual({
      redisUrl: 'redis://localhost:6379',
      prefix: 'test-abc:1',
      queueName: 'tools-b',
      concurrency: 3,
      lockDurationMs: 1_000,
      stalledIntervalMs: 500,
      maxStalledCount: 0,
      graceMs: 0,
    });
  });

  it.each([
    ['ASIDE_LOCK_DURATION_MS', 'x', "ASIDE_LOCK_DURATION_MS must be a positive integer (milliseconds), got 'x'"],
    ['ASIDE_LOCK_DURATION_MS', '0', "ASIDE_LOCK_DURATION_MS must be a positive integer (milliseconds), got '0'"],
    ['ASIDE_STALLED_INTERVAL_MS', '1.5', "ASIDE_STALLED_INTERVAL_MS must be a positive integer (milliseconds), got '1.5'"],
    ['ASIDE_STALLED_INTERVAL_MS', '1e3', "ASIDE_STALLED_INTERVAL_MS must be a positive integer (milliseconds), got '1e3'"],
    ['ASIDE_RUNNER_CONCURRENCY', '0', "ASIDE_RUNNER_CONCURRENCY must be a positive integer, got '0'"],
    ['ASIDE_RUNNER_CONCURRENCY', ' 5', "ASIDE_RUNNER_CONCURRENCY must be a positive integer, got ' 5'"],
    ['ASIDE_MAX_STALLED_COUNT', '-1', "ASIDE_MAX_STALLED_COUNT must be a non-negative integer, got '-1'"],
    ['ASIDE_GRACE_MS', 'soon', "ASIDE_GRACE_MS must be a non-negative integer (milliseconds), got 'soon'"],
    ['ASIDE_PREFIX', 'my prefix', "ASIDE_PREFIX must be a non-empty name without whitespace, got 'my prefix'"],
    ['ASIDE_QUEUE', ' ', "ASIDE_QUEUE must be a non-empty name without whitespace, got ' '"],
  ])('refuses %s=%j with one line naming it', (name, value, message) => {
    expect(() => readRunnerSettings({ ...redis, [name]: value })).toThrow(message);
  });

  it('describes itself in one boot line that names Redis by host and port only, never its credentials', () => {
    const line = describeRunnerSettings(readRunnerSettings({ REDIS_URL: 'rediss://runner:s3cret@cache.example:6380/2', ASIDE_GRACE_MS: '300' }));

    expect(line).toBe(
      'tool-runner: redis cache.example:6380/2 (TLS), prefix aside, queue aside-tools, concurrency 10, lock 30000 ms, stalled check every 30000 ms, max stalled 1, grace 300 ms',
    );
    expect(describeRunnerSettings(readRunnerSettings(redis))).toContain('redis localhost:6379,');
  });

  it('lists every variable in the usage line', () => {
    for (const name of ['REDIS_URL', 'PORT', 'ASIDE_PREFIX', 'ASIDE_QUEUE', 'ASIDE_RUNNER_CONCURRENCY', 'ASIDE_LOCK_DURATION_MS', 'ASIDE_STALLED_INTERVAL_MS', 'ASIDE_MAX_STALLED_COUNT', 'ASIDE_GRACE_MS']) {
      expect(USAGE).toContain(name);
    }
  });
});
