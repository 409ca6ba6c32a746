import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root, errorOnUnmatchedPattern: false });

async function problemsIn(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('module boundaries (DESIGN.md §1)', () => {
  beforeAll(() => {
    // The Nx rule reads the cached project graph and silently checks nothing without one
    // (as on a fresh clone): compute it first.
    execFileSync(`${root}node_modules/.bin/nx`, ['show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
  }, 60_000);

  it('the whole workspace respects them', async () => {
    const results = await eslint.lintFiles(['libs', 'apps', 'benchmarks', 'reliability', 'tools']);
    const errors = results.flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  }, 60_000);

  it.each([
    ['ioredis', "import { Redis } from 'ioredis';"],
    ['bullmq', "import { Queue } from 'bullmq';"],
    ['openai', "import OpenAI from 'openai';"],
    ['@nestjs/common', "import { Injectable } from '@nestjs/common';"],
    ['the store entry point', "import { RedisEventStore } from '@aside/events/store';"],
    ['a Node built-in', "import { randomUUID } from 'node:crypto';"],
    ['the Nest library', "import { HealthModule } from '@aside/nest';"],
  ])('libs/domain may not import %s', async (_what, line) => {
    const problems = await problemsIn(`${line}\nexport const used = [typeof ${line.includes('{') ? line.split('{')[1]!.split('}')[0]!.trim() : line.split(' ')[1]}];\n`, 'libs/domain/src/fixture.ts');
    expect(problems.length).toBeGreaterThan(0);
  });

  it('libs/domain may import zod and the pure entry point of @aside/events', async () => {
    const code = "import { z } from 'zod';\nimport { streamName } from '@aside/events';\nexport const used = [z, streamName];\n";
    expect(await problemsIn(code, 'libs/domain/src/fixture.ts')).toEqual([]);
  });

  it('libs/events may not import Nest', async () => {
    expect(await problemsIn("import { Injectable } from '@nestjs/common';\nexport const i = Injectable;\n", 'libs/events/src/fixture.ts')).not.toEqual([]);
  });
});
