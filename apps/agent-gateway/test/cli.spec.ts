import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { describeRedisAddress } from '@aside/bullmq';
import { chooseGatewayMode, parseGatewayArguments, USAGE } from '../src/cli-arguments.js';
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

  describe('mode selection', () => {
    const flags = { agents: undefined, embedded: false };

    it('runs embedded without REDIS_URL (or with a blank one)', () => {
      for (const env of [{}, { REDIS_URL: '' }, { REDIS_URL: '  ' }]) {
        expect(chooseGatewayMode(flags, env)).toEqual({ redis: undefined, line: 'agent-gateway: embedded mode (in-memory store, tools in this process)' });
      }
    });

    it('runs distributed with REDIS_URL, ASIDE_PREFIX, ASIDE_PARTITIONS and ASIDE_QUEUE, and says where without the password', () => {
      const mode = chooseGatewayMode(flags, { REDIS_URL: 'redis://gateway:s3cret@10.0.0.5:6379', ASIDE_PREFIX: 'prod', ASIDE_PARTITIONS: '4' });
      expect(mode.redis).toEqual({ connection: 'redis://gateway:s3cret@10.0.0.5:6379', prefix: 'prod', partitions: 4, queueName: 'aside-tools' });
      expect(mode.line).toBe('agent-gateway: distributed mode, Redis 10.0.0.5:6379 (prefix prod, partitions 0-3 shared by lease)');
      expect(chooseGatewayMode(flags, { REDIS_URL: 'rediss://:pw@cache.internal/2', ASIDE_QUEUE: 'tools-v2' }).line).toBe(
        'agent-gateway: distributed mode, Redis cache.internal:6379/2 (TLS) (prefix aside, partition 0, queue tools-v2)',
      );
    });

    it('reads where clients reach this gateway (for the others\' redirects) and the lease time to live', () => {
      const mode = chooseGatewayMode(flags, { REDIS_URL: 'redis://10.0.0.5:6379', ASIDE_ADVERTISED_URL: 'http://gw-1.internal:3000', ASIDE_LEASE_TTL_MS: '4000' });
      expect(mode.redis).toMatchObject({ advertisedUrl: 'http://gw-1.internal:3000', leaseTtlMs: 4000 });
    });

    it('--embedded wins over REDIS_URL, and says so', () => {
      const mode = chooseGatewayMode({ ...flags, embedded: true }, { REDIS_URL: 'redis://10.0.0.5:6379' });
      expect(mode.redis).toBeUndefined();
      expect(mode.line).toBe('agent-gateway: embedded mode (in-memory store, tools in this process); --embedded, so REDIS_URL is ignored');
    });

    it.each([
      [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must use redis:// or rediss://, not localhost://'],
      [{ REDIS_URL: 'http://10.0.0.5:6379' }, 'REDIS_URL must use redis:// or rediss://, not http://'],
      [{ REDIS_URL: 'not a url' }, 'REDIS_URL is not a URL (expected redis://host:port or rediss://host:port)'],
      [{ REDIS_URL: 'redis://' }, 'REDIS_URL has no host (expected redis://host:port)'],
      [{ REDIS_URL: 'redis://10.0.0.5:6379/cache' }, 'REDIS_URL database must be a number (redis://host:port/<db>)'],
      [{ REDIS_URL: 'redis://10.0.0.5', ASIDE_PARTITIONS: '0' }, "ASIDE_PARTITIONS must be an integer from 1 to 10000, got '0'"],
      [{ REDIS_URL: 'redis://10.0.0.5', ASIDE_ADVERTISED_URL: 'gw-1:3000' }, "ASIDE_ADVERTISED_URL must be an http:// or https:// URL where clients reach this gateway, got 'gw-1:3000'"],
      [{ REDIS_URL: 'redis://10.0.0.5', ASIDE_LEASE_TTL_MS: '100' }, "ASIDE_LEASE_TTL_MS must be an integer number of milliseconds, at least 500, got '100'"],
      [{ REDIS_URL: 'redis://10.0.0.5', ASIDE_PARTITIONS: '1e3' }, "ASIDE_PARTITIONS must be an integer from 1 to 10000, got '1e3'"],
      [{ REDIS_URL: 'redis://10.0.0.5', ASIDE_PREFIX: 'my{app}' }, "ASIDE_PREFIX must be a non-empty name without whitespace or braces, got 'my{app}'"],
      [{ REDIS_URL: 'redis://10.0.0.5', ASIDE_QUEUE: 'tool jobs' }, "ASIDE_QUEUE must be a non-empty name without whitespace, got 'tool jobs'"],
    ])('fails at boot with one line naming the setting: %j', (env, line) => {
      expect(() => chooseGatewayMode(flags, env)).toThrow(new Error(line));
    });

    it('never echoes a malformed REDIS_URL, which may carry a password', () => {
      expect(() => chooseGatewayMode(flags, { REDIS_URL: 'http://user:hunter2@host' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
    });

    it('describes ioredis options the same way', () => {
      expect(describeRedisAddress({ host: 'redis', port: 6380, password: 'pw', db: 1, tls: {} })).toBe('redis:6380/1 (TLS)');
      expect(describeRedisAddress({})).toBe('localhost:6379');
    });
  });
});
