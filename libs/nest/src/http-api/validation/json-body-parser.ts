import { ApiError } from '../errors/api-error.js';

/**
 * The JSON body parser of the HTTP API, in place of Fastify's own. Fastify's refuses a body with
 * a `__proto__` key (or a `constructor.prototype`) as it should — but with the very error of a
 * syntax error, so a client sending valid JSON was told "not valid JSON". This one keeps the
 * refusal and says what it is, and where; a syntax error says what the JSON parser found.
 */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) throw new ApiError(400, 'INVALID_JSON', 'The request body is empty but its content type is application/json');
  let value: unknown;
  try {
    // A leading byte-order mark is tolerated, as Fastify's parser does.
    value = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON', { reason: error instanceof Error ? error.message : 'unreadable' });
  }
  const forbidden = forbiddenKeyPath(value);
  if (forbidden !== undefined) {
    throw new ApiError(400, 'INVALID_REQUEST', 'The request body is invalid', {
      issues: [{ path: ['body', ...forbidden], message: 'Forbidden key: it could change an object prototype' }],
    });
  }
  return value;
}

/** The Fastify content-type parser around `parseJsonBody`. */
export function jsonBodyParser(_request: unknown, body: Buffer, done: (error: Error | null, value?: unknown) => void): void {
  try {
    done(null, parseJsonBody(body));
  } catch (error) {
    done(error as Error);
  }
}

/**
 * The path of the first `__proto__` key, or of a `constructor` object with a `prototype` key,
 * walked without recursion and without copying paths (a body may nest 100,000 levels deep
 * within the size limit): each node points at its parent, and only a finding builds a path.
 */
function forbiddenKeyPath(root: unknown): (string | number)[] | undefined {
  interface Node {
    readonly value: unknown;
    readonly parent?: Node;
    readonly key?: string | number;
  }
  const pending: Node[] = [{ value: root }];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const { value } = node;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, parent: node, key: index }));
      continue;
    }
    if (Object.hasOwn(value, '__proto__')) return [...pathOf(node), '__proto__'];
    const constructor = (value as Record<string, unknown>)['constructor'];
    if (Object.hasOwn(value, 'constructor') && typeof constructor === 'object' && constructor !== null && Object.hasOwn(constructor, 'prototype')) {
      return [...pathOf(node), 'constructor', 'prototype'];
    }
    for (const key of Object.keys(value)) pending.push({ value: (value as Record<string, unknown>)[key], parent: node, key });
  }
  return undefined;

  function pathOf(node: Node): (string | number)[] {
    const path: (string | number)[] = [];
    for (let current: Node | undefined = node; current?.key !== undefined; current = current.parent) path.unshift(current.key);
    return path;
  }
}
