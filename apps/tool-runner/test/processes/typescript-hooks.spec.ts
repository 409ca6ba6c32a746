import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('tools/node/register-typescript.js', () => {
  it('runs decorated TypeScript sources in a plain Node process, with Nest constructor injection by type', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@aside/source', '--import', './tools/node/register-typescript.js', 'apps/tool-runner/test/processes/fixtures/implicit-injection.ts'],
      { cwd: root, timeout: 20_000 },
    );

    expect(stdout).toBe('injected: tick\n');
  });
});
