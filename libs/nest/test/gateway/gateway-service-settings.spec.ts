import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RETENTION_MS, FileSessionArchive } from '@aside/engine';
import { describeGatewayServices, readGatewayServiceSettings } from '../../src/index.js';
import { gatewayServiceOptions } from '../../src/gateway/gateway-service-options.js';
import { createGateway } from '../../src/gateway/create-gateway.js';
import { ScriptedLlm } from '@aside/llm';
import { agent } from '@aside/domain';

const SECRET = 'test-webhook-secret-0123456789';

describe('late-result webhooks and retention from the environment', () => {
  it('both off when nothing is set', () => {
    const settings = readGatewayServiceSettings({});
    expect(settings).toEqual({});
    expect(describeGatewayServices(settings)).toBe('late-result webhooks off (no ASIDE_WEBHOOK_SECRET); retention off (closed sessions are kept)');
  });

  it('ASIDE_WEBHOOK_SECRET turns webhooks on; ASIDE_ARCHIVE_DIR turns retention on with 7 days by default', () => {
    const settings = readGatewayServiceSettings({ ASIDE_WEBHOOK_SECRET: SECRET, ASIDE_ARCHIVE_DIR: 'var/archive' });
    expect(settings).toEqual({ lateResults: { secret: SECRET }, retention: { archiveDir: resolve('var/archive'), retentionMs: DEFAULT_RETENTION_MS } });
    expect(describeGatewayServices(settings)).toBe(`late-result webhooks on (signed); retention 7 d, archives in ${resolve('var/archive')}`);
  });

  it('ASIDE_RETENTION_MS sets the period; 0 keeps closed sessions for good', () => {
    expect(readGatewayServiceSettings({ ASIDE_ARCHIVE_DIR: '/archive', ASIDE_RETENTION_MS: '3600000' }).retention).toEqual({ archiveDir: '/archive', retentionMs: 3_600_000 });
    expect(describeGatewayServices(readGatewayServiceSettings({ ASIDE_ARCHIVE_DIR: '/archive', ASIDE_RETENTION_MS: '90000' }))).toContain('retention 90 s');
    expect(readGatewayServiceSettings({ ASIDE_ARCHIVE_DIR: '/archive', ASIDE_RETENTION_MS: '0' })).toEqual({});
    expect(readGatewayServiceSettings({ ASIDE_ARCHIVE_DIR: '', ASIDE_WEBHOOK_SECRET: '' })).toEqual({});
  });

  it.each([
    [{ ASIDE_WEBHOOK_SECRET: 'too-short' }, 'ASIDE_WEBHOOK_SECRET must be at least 16 characters, got 9'],
    [{ ASIDE_ARCHIVE_DIR: '/archive', ASIDE_RETENTION_MS: '7d' }, "ASIDE_RETENTION_MS must be an integer number of milliseconds (0 keeps closed sessions for good), got '7d'"],
    [{ ASIDE_RETENTION_MS: '60000' }, 'ASIDE_RETENTION_MS needs ASIDE_ARCHIVE_DIR: a closed session is archived there before it is deleted'],
    [{ ASIDE_ARCHIVE_DIR: '   ' }, "ASIDE_ARCHIVE_DIR must be a directory path, got '   '"],
  ])('fails at boot with one line naming the setting: %j', (env, line) => {
    expect(() => readGatewayServiceSettings(env)).toThrow(new Error(line));
  });

  it('never prints the secret', () => {
    expect(() => readGatewayServiceSettings({ ASIDE_WEBHOOK_SECRET: 'hunter2' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
    expect(describeGatewayServices(readGatewayServiceSettings({ ASIDE_WEBHOOK_SECRET: SECRET }))).not.toContain(SECRET);
  });
});

describe('the module\'s options mapped to the engine\'s', () => {
  it('embedded: in-memory indexes (left to the engine), a file archive for archiveDir', () => {
    const options = gatewayServiceOptions({ lateResults: { secret: SECRET }, retention: { archiveDir: '/archive' } }, undefined);
    expect(options.lateResults).toEqual({ secret: SECRET });
    expect(options.retention?.archive).toBeInstanceOf(FileSessionArchive);
    expect((options.retention?.archive as FileSessionArchive).directory).toBe('/archive');
    expect(options.retention?.retentionMs).toBe(DEFAULT_RETENTION_MS);
    expect(options.closedSessions).toBeUndefined();
  });

  it('distributed: the Redis indexes — the closed sessions even while retention is off', () => {
    const distributed = { closedSessions: { kind: 'closed-index' }, lateResultOutbox: { kind: 'outbox' } } as unknown as Parameters<typeof gatewayServiceOptions>[1];
    expect(gatewayServiceOptions({}, distributed)).toEqual({ closedSessions: distributed!.closedSessions });
    expect(gatewayServiceOptions({ lateResults: { secret: SECRET } }, distributed).lateResults).toEqual({ secret: SECRET, outbox: distributed!.lateResultOutbox });
  });

  it('nothing when neither is configured', () => {
    expect(gatewayServiceOptions({}, undefined)).toEqual({});
  });

  it('a gateway with retention but nowhere to archive fails to start with that line; an unwritable directory fails too', async () => {
    const agents = [agent({ name: 'greeter', instructions: 'Greet.' })];
    await expect(createGateway({ agents, llm: new ScriptedLlm([]), retention: {} })).rejects.toThrow('retention needs `archiveDir` or `archive`');
    const directory = await mkdtemp(join(tmpdir(), 'aside-archive-'));
    try {
      await writeFile(join(directory, 'file'), '');
      await expect(createGateway({ agents, llm: new ScriptedLlm([]), retention: { archiveDir: join(directory, 'file', 'archive') } })).rejects.toMatchObject({ code: 'ENOTDIR' });
      const opened = await createGateway({ agents, llm: new ScriptedLlm([]), retention: { archiveDir: join(directory, 'archive') }, lateResults: { secret: SECRET } });
      expect(opened.gateway.services.retention).toBeDefined();
      expect(opened.gateway.services.lateResults).toBeDefined();
      await opened.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
