import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// No container engine runs on our machines, so the compose file is checked as data: the
// properties Aside's correctness depends on must be there.
const compose = parse(readFileSync(new URL('../../../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, { image?: string; command?: string[]; healthcheck?: { test: string[] } }>;
};

describe('docker-compose.yml', () => {
  const redis = compose.services['redis']!;
  const setting = (name: string) => {
    const index = redis.command!.indexOf(`--${name}`);
    return index < 0 ? undefined : redis.command![index + 1];
  };

  it('runs Redis 7.2 or newer with AOF on', () => {
    expect(redis.image).toMatch(/^redis:7\.[2-9]/);
    expect(setting('appendonly')).toBe('yes');
  });

  it('never lets Redis evict a key', () => {
    expect(setting('maxmemory-policy')).toBe('noeviction');
  });

  it('health-checks Redis', () => {
    expect(redis.healthcheck?.test).toContain('ping');
  });
});
