import { describe, expect, it } from '@jest/globals';
import { DEFAULT_GATEWAY_PREFIX } from '@aside/nest';
import { DEFAULT_KEY_PREFIX, parseAsideArguments, USAGE } from '../../src/aside-cli/aside-cli-arguments.js';
import { runAsideCli } from '../../src/aside-cli/run-aside-cli.js';
import { CapturedOutput } from './support/recorded-session.js';

const SESSION = 'sess-0-abcdef123456';
const env = { REDIS_URL: 'redis://:s3cret@10.0.0.5:6379' };

describe('aside command line', () => {
  it('reads tail with its defaults: from the start, following, pretty, Redis and prefix from the environment', () => {
    expect(parseAsideArguments(['tail', SESSION], env)).toEqual({
      command: 'tail',
      sessionId: SESSION,
      source: { redisUrl: 'redis://:s3cret@10.0.0.5:6379', keyPrefix: 'aside' },
      after: 0,
      follow: true,
      json: false,
    });
    expect(parseAsideArguments(['tail', SESSION, '--after', '12', '--no-follow', '--json'], { ...env, ASIDE_PREFIX: 'prod' })).toMatchObject({
      after: 12,
      follow: false,
      json: true,
      source: { keyPrefix: 'prod' },
    });
  });

  it('reads replay; flags win over REDIS_URL, ASIDE_PREFIX and ASIDE_API_TOKEN', () => {
    const withEnv = { ...env, ASIDE_PREFIX: 'prod', ASIDE_API_TOKEN: 'from-env' };
    expect(parseAsideArguments(['replay', SESSION, '--gateway', 'http://gw:3000/'], withEnv)).toEqual({
      command: 'replay',
      sessionId: SESSION,
      source: { redisUrl: env.REDIS_URL, keyPrefix: 'prod' },
      json: false,
      gateway: { url: 'http://gw:3000', token: 'from-env' },
    });
    expect(parseAsideArguments(['replay', SESSION, '--redis', 'redis://other:6380', '--key-prefix', 'stage', '--gateway', 'https://gw', '--token', 't0k', '--json'], withEnv)).toEqual({
      command: 'replay',
      sessionId: SESSION,
      source: { redisUrl: 'redis://other:6380', keyPrefix: 'stage' },
      json: true,
      gateway: { url: 'https://gw', token: 't0k' },
    });
    expect(parseAsideArguments(['replay', SESSION], env)).toMatchObject({ gateway: undefined });
  });

  it("defaults to the gateway's own key prefix", () => {
    expect(DEFAULT_KEY_PREFIX).toBe(DEFAULT_GATEWAY_PREFIX);
  });

  it('answers --help and help with the usage, exit 0', async () => {
    for (const argv of [['--help'], ['help'], ['tail', '--help']]) {
      const out = new CapturedOutput();
      expect(await runAsideCli(argv, { env: {}, out })).toBe(0);
      expect(out.lines.join('\n')).toBe(USAGE);
    }
  });

  it.each([
    [[], 'no command: give tail or replay'],
    [['watch', SESSION], "unknown command 'watch': give tail or replay"],
    [['tail'], 'tail needs a session id'],
    [['tail', SESSION, 'extra'], "unexpected argument 'extra'"],
    [['tail', 'session-1'], "'session-1' is not a session id (expected sess-<partition>-<token>)"],
    [['tail', SESSION, '--after=-1'], "--after must be a log position (0 or a positive integer), got '-1'"],
    [['tail', SESSION, '--after', '1e3'], "--after must be a log position (0 or a positive integer), got '1e3'"],
    [['tail', SESSION, '--follw'], "Unknown option '--follw'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--follw\""],
    [['tail', SESSION, '--gateway', 'http://gw'], '--gateway is for aside replay, not tail'],
    [['replay', SESSION, '--no-follow'], '--no-follow is for aside tail, not replay'],
    [['replay', SESSION, '--after', '3'], '--after is for aside tail, not replay'],
    [['replay', SESSION, '--token', 't'], '--token needs --gateway'],
    [['replay', SESSION, '--gateway', 'ftp://gw'], "--gateway must be an http:// or https:// URL, got 'ftp://gw'"],
    [['replay', SESSION, '--gateway', 'http://gw', '--token', ''], "--token must not be empty, got ''"],
    [['tail', SESSION, '--key-prefix', 'my{app}'], "--key-prefix must be a non-empty name without whitespace or braces, got 'my{app}'"],
  ])('refuses %j with one line and the usage, exit 2', async (argv, line) => {
    const out = new CapturedOutput();
    expect(await runAsideCli(argv, { env, out })).toBe(2);
    expect(out.notes[0]).toBe(`aside: ${line}`);
    expect(out.notes.slice(1).join('\n')).toBe(USAGE);
    expect(out.lines).toEqual([]);
  });

  it('needs a Redis to read from, and never echoes its URL (it may hold a password)', async () => {
    const cases: [NodeJS.ProcessEnv, readonly string[], string][] = [
      [{}, [], 'no Redis to read the log from: give --redis <url> or set REDIS_URL'],
      [{ REDIS_URL: '  ' }, [], 'no Redis to read the log from: give --redis <url> or set REDIS_URL'],
      [{ REDIS_URL: 'http://user:hunter2@host:6379' }, [], 'REDIS_URL must use redis:// or rediss://, not http://'],
      [{}, ['--redis', 'localhost:hunter2@6379'], '--redis must use redis:// or rediss://, not localhost://'],
      [{ ...env, ASIDE_PREFIX: 'a b' }, [], "ASIDE_PREFIX must be a non-empty name without whitespace or braces, got 'a b'"],
    ];
    for (const [environment, flags, line] of cases) {
      const out = new CapturedOutput();
      expect(await runAsideCli(['tail', SESSION, ...flags], { env: environment, out })).toBe(2);
      expect(out.notes[0]).toBe(`aside: ${line}`);
      expect(out.notes.join('\n')).not.toContain('hunter2');
    }
  });
});
