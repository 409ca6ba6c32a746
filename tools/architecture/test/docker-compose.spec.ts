import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// No container engine runs on our machines (so no `docker compose config` either): the compose
// file is checked as data — against the Compose Specification's JSON schema (vendored in
// ../compose-spec, see its NOTICE.md), and for the properties Aside's correctness depends on.
// apps/agent-gateway/test/topology runs the same topology as plain processes.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | null>;
  ports?: unknown[];
  expose?: (string | number)[];
  volumes?: string[];
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition?: string }> | string[];
  deploy?: { replicas?: number };
  scale?: number;
  container_name?: string;
  stop_grace_period?: string;
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/**
 * Compose's interpolation as `docker compose up` does it on a host that sets none of the
 * variables: `${VAR:-default}` and `${VAR-default}` give the default, `${VAR}` and `$VAR` give
 * '', `$$` is a literal `$`. The file uses no other form; an unknown one fails here.
 */
function interpolate<T>(value: T, env: Readonly<Record<string, string>> = {}): T {
  if (typeof value === 'string') {
    return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\{[^}]*\}/g, (match, braced?: string, operator?: string, fallback?: string, bare?: string) => {
      if (match === '$$') return '$';
      const name = braced ?? bare;
      if (name === undefined) throw new Error(`unsupported interpolation ${match}`);
      const set = env[name];
      if (operator === ':-') return set === undefined || set === '' ? fallback! : set;
      if (operator === '-') return set === undefined ? fallback! : set;
      return set ?? '';
    }) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => interpolate(item, env)) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, env)])) as T;
  return value;
}

/** A compose duration ("20s", "1m30s", "1500ms") in milliseconds. */
function durationMs(text: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) throw new Error(`not a compose duration: ${text}`);
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * units[unit!]!, 0);
}

const raw = parse(read('docker-compose.yml')) as ComposeFile;
const compose = interpolate(raw);
const redis = compose.services['redis']!;
const gateway = compose.services['agent-gateway']!;
const runner = compose.services['tool-runner']!;
const appServices = [
  ['agent-gateway', gateway],
  ['tool-runner', runner],
] as const;

describe('docker-compose.yml against the Compose Specification schema', () => {
  const schema = JSON.parse(read('tools/architecture/compose-spec/compose-spec.json')) as Record<string, unknown>;
  // Its `$schema` says https://json-schema.org/draft-07/schema, which Ajv knows as http://…#;
  // draft-07 is Ajv's default meta-schema anyway.
  const { $schema: _metaSchema, ...body } = schema;
  const validate = new Ajv({ allErrors: true }).compile(body);
  const problems = (document: unknown): string[] =>
    validate(document) ? [] : (validate.errors ?? []).map((error) => `${(error as { instancePath?: string }).instancePath ?? error.dataPath} ${error.message} ${JSON.stringify(error.params)}`);

  it('is valid, as written and with its variables interpolated', () => {
    expect(problems(raw)).toEqual([]);
    expect(problems(compose)).toEqual([]);
  });

  it('is a schema that catches mistakes (a misspelt key, a wrong type)', () => {
    const broken = structuredClone(raw);
    (broken.services['tool-runner']!.healthcheck as Record<string, unknown>)['intervall'] = '5s';
    (broken.services['tool-runner']!.deploy as Record<string, unknown>)['replicas'] = [2];
    const found = problems(broken);
    expect(found.some((problem) => problem.includes('additionalProperty') && problem.includes('intervall'))).toBe(true);
    expect(found.some((problem) => problem.includes('replicas'))).toBe(true);
  });
});

describe('docker-compose.yml: Redis', () => {
  const setting = (name: string) => {
    const index = redis.command!.indexOf(`--${name}`);
    return index < 0 ? undefined : redis.command![index + 1];
  };

  it('runs Redis 7.2 or newer with AOF on, fsync every second', () => {
    expect(redis.image).toMatch(/^redis:7\.[2-9]/);
    expect(setting('appendonly')).toBe('yes');
    expect(setting('appendfsync')).toBe('everysec');
  });

  it('keeps the AOF on a named volume (/data is where the image writes it)', () => {
    expect(redis.volumes).toContain('redis-data:/data');
    expect(compose.volumes).toHaveProperty('redis-data');
  });

  it('never lets Redis evict a key', () => {
    expect(setting('maxmemory-policy')).toBe('noeviction');
  });

  it('health-checks Redis', () => {
    expect(redis.healthcheck?.test).toContain('ping');
  });
});

describe('docker-compose.yml: gateway and runners', () => {
  it('health-checks every service, none disabled', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, service.healthcheck?.disable ?? false]).toEqual([name, false]);
      const test = service.healthcheck?.test;
      expect([name, Array.isArray(test) && test.length > 1 && test[0] !== 'NONE']).toEqual([name, true]);
    }
  });

  it('starts the gateway and the runners once Redis is healthy', () => {
    for (const [, service] of appServices) expect(service.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
  });

  it('runs two runners by default, which `--scale tool-runner=N` can change: no fixed host port, no container name', () => {
    expect(runner.deploy?.replicas).toBe(2);
    expect(runner.scale).toBeUndefined(); // one place for the count (compose refuses two that disagree)
    expect(runner.ports).toBeUndefined();
    expect(runner.container_name).toBeUndefined();
    expect(runner.expose).toEqual([runner.environment!['PORT']]);
  });

  it('publishes the gateway on its PORT, on loopback only (its routes are open while ASIDE_API_TOKENS is blank)', () => {
    expect(gateway.ports).toEqual([`127.0.0.1:3000:${gateway.environment!['PORT']}`]);
  });

  it('gives a runner time to finish its bodies on SIGTERM: stop_grace_period > ASIDE_GRACE_MS + BullMQ\'s 5 s close deadline', () => {
    const graceMs = Number(runner.environment!['ASIDE_GRACE_MS']);
    expect(graceMs).toBeGreaterThan(0);
    expect(durationMs(runner.stop_grace_period!)).toBeGreaterThan(graceMs + 5_000);
  });

  it('builds both from the one image', () => {
    expect(gateway.build).toBe('.');
    expect(runner.build).toBe('.');
    expect(gateway.image).toBe(runner.image);
  });

  it('points the gateway and the runners at the same Redis, key prefix and queue', () => {
    for (const name of ['REDIS_URL', 'ASIDE_PREFIX', 'ASIDE_QUEUE']) {
      expect([name, runner.environment![name]]).toEqual([name, gateway.environment![name]]);
    }
    expect(gateway.environment!['REDIS_URL']).toBe('redis://redis:6379');
  });
});

/** A workspace package's folder by its name (`@aside/nest` → `libs/nest`). */
const workspaceDirs = new Map(
  ['libs', 'apps'].flatMap((parent) =>
    readdirSync(join(root, parent)).flatMap((child) => {
      const manifest = join(root, parent, child, 'package.json');
      return existsSync(manifest) ? [[(JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name, `${parent}/${child}`] as const] : [];
    }),
  ),
);

/** The folders of an app and every workspace package it depends on, transitively. */
function workspaceClosure(dir: string, seen = new Set<string>()): Set<string> {
  if (seen.has(dir)) return seen;
  seen.add(dir);
  const { dependencies = {} } = JSON.parse(read(`${dir}/package.json`)) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(dependencies)) {
    const found = workspaceDirs.get(name);
    if (found) workspaceClosure(found, seen);
  }
  return seen;
}

/**
 * The environment variables some source file reads, by the patterns the code base uses:
 * `env['NAME']`, `env.NAME`, or a settings reader called as `readX(env, 'NAME', …)`.
 */
function variablesReadIn(dirs: Iterable<string>, include: (file: string) => boolean = () => true): Set<string> {
  const names = new Set<string>();
  for (const dir of dirs) {
    const files = (readdirSync(join(root, dir, 'src'), { recursive: true }) as string[]).map((file) => `${dir}/src/${file}`);
    for (const file of files.filter((candidate) => candidate.endsWith('.ts') && !candidate.endsWith('.spec.ts') && include(candidate))) {
      for (const match of read(file).matchAll(/env\[['"]([A-Z][A-Z0-9_]*)['"]\]|env\.([A-Z][A-Z0-9_]*)\b|\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g)) {
        names.add((match[1] ?? match[2] ?? match[3])!);
      }
    }
  }
  return names;
}

describe('docker-compose.yml: environment variables the CLIs read', () => {
  it.each(appServices)('%s sets no variable that its code never reads (its CLI\'s, and its --tools module\'s)', (_name, service) => {
    const loaded = service.command!.filter((arg) => /^apps\/[^/]+\/dist\//.test(arg)).map((arg) => arg.split('/').slice(0, 2).join('/'));
    const read = variablesReadIn(new Set(loaded.flatMap((app) => [...workspaceClosure(app)])));
    expect(Object.keys(service.environment!).filter((name) => !read.has(name))).toEqual([]);
  });

  it('sets every runner setting (the ASIDE_* the runner reads), so that each one shows and can be changed', () => {
    const settings = [...variablesReadIn(['apps/tool-runner'])].filter((name) => name.startsWith('ASIDE_'));
    expect(settings.length).toBeGreaterThan(5);
    expect(settings.filter((name) => !(name in runner.environment!))).toEqual([]);
  });

  it('sets every gateway setting (the ASIDE_* of the Nest library outside its tool-runner module)', () => {
    const settings = [...variablesReadIn(['libs/nest'], (file) => !file.startsWith('libs/nest/src/tool-runner/'))].filter((name) => name.startsWith('ASIDE_'));
    expect(settings).toEqual(expect.arrayContaining(['ASIDE_PREFIX', 'ASIDE_PARTITIONS', 'ASIDE_QUEUE', 'ASIDE_ADVERTISED_URL', 'ASIDE_API_TOKENS']));
    expect(settings.filter((name) => !(name in gateway.environment!))).toEqual([]);
  });

  it('passes the OpenAI settings through to the gateway, blank (the stand-in model) unless the host sets them', () => {
    for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL']) {
      expect([name, raw.services['agent-gateway']!.environment![name]]).toEqual([name, `\${${name}:-}`]);
      expect(interpolate(raw.services['agent-gateway']!.environment![name], { [name]: 'from-host' })).toBe('from-host');
    }
  });

  it('listens on every interface inside the container (HOST), on the port the health check probes (PORT)', () => {
    expect(gateway.environment).toMatchObject({ HOST: '0.0.0.0', PORT: '3000' });
    expect(runner.environment).toMatchObject({ HOST: '0.0.0.0', PORT: '3100' });
  });
});

describe('docker-compose.yml: commands', () => {
  /** `apps/x/dist/a/b.js` → `apps/x/src/a/b.ts`, as each app's tsconfig.build.json lays out dist/. */
  const sourceOf = (built: string): string => {
    const [apps, app, dist, ...rest] = built.split('/');
    const build = JSON.parse(read(`${apps}/${app}/tsconfig.build.json`)) as { compilerOptions: { rootDir: string; outDir: string } };
    expect([dist, build.compilerOptions]).toEqual([build.compilerOptions.outDir, expect.objectContaining({ rootDir: 'src', outDir: 'dist' })]);
    return `${apps}/${app}/src/${rest.join('/').replace(/\.js$/, '.ts')}`;
  };

  it('starts the gateway CLI (no --agents: the demo agents)', () => {
    expect(gateway.command).toEqual(['node', 'apps/agent-gateway/dist/cli.js']);
    expect(existsSync(join(root, sourceOf(gateway.command![1]!)))).toBe(true);
  });

  // That the demo's conversation works with them is apps/agent-gateway/test/topology's to show.
  it('starts the runner CLI (no --tools: the built-in examples, whose search_flights the demo agent calls)', () => {
    expect(runner.command).toEqual(['node', 'apps/tool-runner/dist/cli.js']);
    expect(existsSync(join(root, sourceOf(runner.command![1]!)))).toBe(true);
  });
});

describe('docker-compose.yml: the health checks, run', () => {
  let server: Server;
  let status = 200;
  let port: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.writeHead(request.url === '/readyz' ? status : 404, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Runs a service's health check command as Docker would, with the service's PORT pointed at the test's server; its exit code. */
  function runCheck(service: Service, portOverride: number): Promise<number> {
    const [form, command, ...args] = service.healthcheck!.test as string[];
    expect([form, command]).toEqual(['CMD', 'node']); // the image has node, not curl
    return new Promise((resolve) => {
      execFile(process.execPath, args, { env: { ...process.env, PORT: String(portOverride) }, timeout: 10_000 }, (error) => {
        resolve(error ? (typeof error.code === 'number' ? error.code : -1) : 0);
      });
    });
  }

  it.each(appServices)('%s: healthy on GET /readyz 200, unhealthy on 503 or when nothing listens', async (_name, service) => {
    status = 200;
    expect(await runCheck(service, port)).toBe(0);
    status = 503;
    expect(await runCheck(service, port)).toBe(1);
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    expect(await runCheck(service, closedPort)).toBe(1);
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = read('Dockerfile');
  const ignored = read('.dockerignore').split('\n').map((line) => line.trim());

  it('copies into the runtime image the build of every workspace package the two apps use, with their Lua scripts', () => {
    const dirs = new Set([...workspaceClosure('apps/agent-gateway'), ...workspaceClosure('apps/tool-runner')]);
    expect(dirs.has('libs/testing')).toBe(false);
    for (const dir of dirs) {
      expect(dockerfile).toContain(`COPY --from=build /app/${dir}/dist/ ${dir}/dist/`);
      if (existsSync(join(root, dir, 'lua'))) expect(dockerfile).toContain(`COPY --from=build /app/${dir}/lua/ ${dir}/lua/`);
    }
  });

  it('builds on Node 22 and runs as a user other than root', () => {
    expect(dockerfile).toMatch(/^ARG NODE_BUILD_IMAGE=node:22[-\w.]*$/m);
    expect(dockerfile).toMatch(/^ARG NODE_RUNTIME_IMAGE=node:22[-\w.]*$/m);
    const users = [...dockerfile.matchAll(/^USER (\S+)$/gm)].map((match) => match[1]);
    expect(users.at(-1)).toBe('node');
  });

  it('keeps node_modules and build output out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.nx', '.git']));
  });
});
