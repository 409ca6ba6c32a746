import fc from 'fast-check';
import { bearer, invalidRequest, JSON_TYPE, type HttpRecipe, type HttpTarget } from './http-case.js';
import { createSession, ROUTES, setUserState, submitTurn, type RouteModel } from './route-models.js';

/**
 * Hostile requests: bodies past the 1 MiB limit (declared or chunked), nesting 10,000 to
 * 100,000 deep, prototype-poisoning keys, thousands of keys, numbers JSON cannot hold, bad
 * bytes, a missing or wrong token, oversized headers, a body that never arrives whole, bytes
 * that are not HTTP. Each gets its 4xx and the error body naming the problem.
 */
const MB = 1024 * 1024;

function hostile(kind: string, build: (target: HttpTarget) => ReturnType<HttpRecipe['build']>): HttpRecipe {
  return { class: 'hostile', kind, build };
}

const post = (route: RouteModel, target: HttpTarget, body: string | Buffer, headers = bearer(target)) => ({ method: 'POST', path: route.path(target), headers, body });

const oversized: fc.Arbitrary<HttpRecipe> = fc
  .tuple(fc.constantFrom(...ROUTES), fc.integer({ min: MB + 1, max: 4 * MB }), fc.boolean())
  .map(([route, size, chunked]) =>
    hostile(`${route.name} ${chunked ? 'oversized-chunked' : 'oversized'}`, (target) => ({
      request: post(route, target, `{"text":"${'x'.repeat(size)}"}`, { ...bearer(target), ...(chunked ? { 'transfer-encoding': 'chunked' } : {}) }),
      expected: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    })),
  );

const nested = (depth: number, object: boolean) => (object ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`);

/** Deep nesting where a string or boolean belongs, or as the body itself: the schema refuses it at once. */
const deepNesting: fc.Arbitrary<HttpRecipe> = fc
  .tuple(fc.constantFrom(...ROUTES), fc.integer({ min: 10_000, max: 100_000 }), fc.boolean(), fc.boolean())
  .map(([route, depth, object, atRoot]) => {
    const field = route.fields[0]!.name;
    return hostile(`${route.name} deep-nesting`, (target) => ({
      request: post(route, target, atRoot ? nested(depth, false) : `{${JSON.stringify(field)}:${nested(object ? Math.min(depth, 80_000) : depth, object)}}`),
      expected: invalidRequest({ path: atRoot ? ['body'] : ['body', field] }),
    }));
  });

/** `__proto__` (plainly or escaped) and `constructor.prototype`, at the top or nested: refused by name and place. */
const poisoningKeys: fc.Arbitrary<HttpRecipe> = fc
  .tuple(fc.constantFrom('"__proto__"', '"__pro\\u0074o__"'), fc.constantFrom('top', 'late-results', 'constructor', 'in-array'))
  .map(([spelling, where]) => {
    const cases = {
      top: { body: `{"agent":"fuzz_desk",${spelling}:{"polluted":true}}`, path: ['body', '__proto__'] },
      'late-results': { body: `{"agent":"fuzz_desk","lateResults":{"webhook":"https://h.example.com",${spelling}:{"polluted":true}}}`, path: ['body', 'lateResults', '__proto__'] },
      constructor: { body: '{"agent":"fuzz_desk","constructor":{"prototype":{"polluted":true}}}', path: ['body', 'constructor', 'prototype'] },
      'in-array': { body: `{"agent":[1,{${spelling}:1}]}`, path: ['body', 'agent', 1, '__proto__'] },
    }[where];
    return hostile(`create-session poisoning-key-${where}`, (target) => ({ request: post(createSession, target, cases.body), expected: invalidRequest({ path: cases.path }) }));
  });

/** Keys named after Object.prototype's members, as plain data: unknown keys of a strict body. */
const prototypeLikeKeys: fc.Arbitrary<HttpRecipe> = fc.constantFrom('constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__').map((key) =>
  hostile('create-session prototype-like-key', (target) => ({
    request: post(createSession, target, `{"agent":"fuzz_desk",${JSON.stringify(key)}:"x"}`),
    expected: invalidRequest({ path: ['body'], mentions: `"${key}"` }),
  })),
);

const manyKeys: fc.Arbitrary<HttpRecipe> = fc.integer({ min: 1_000, max: 50_000 }).map((count) =>
  hostile('user-state many-keys', (target) => {
    const keys = Array.from({ length: count }, (_, index) => `"k${index}":${index}`).join(',');
    return { request: post(setUserState, target, `{"speaking":true,${keys}}`), expected: invalidRequest({ path: ['body'], mentions: '"k0"' }) };
  }),
);

const nonFinite: fc.Arbitrary<HttpRecipe> = fc.constantFrom('1e999', '-1e999', `1${'0'.repeat(400)}`).map((literal) =>
  hostile('user-state non-finite-number', (target) => ({ request: post(setUserState, target, `{"speaking":${literal}}`), expected: invalidRequest({ path: ['body', 'speaking'] }) })),
);

/** Lone surrogates and bytes that are not UTF-8 in a turn's text: read as text, the turn accepted. */
const oddText: fc.Arbitrary<HttpRecipe> = fc.constantFrom('lone-surrogate', 'invalid-utf8', 'bom').map((odd) =>
  hostile(`submit-turn ${odd}`, (target) => {
    const body =
      odd === 'lone-surrogate'
        ? '{"text":"a\\ud800b\\udfff"}'
        : odd === 'bom'
          ? '\uFEFF{"text":"hello"}'
          : Buffer.concat([Buffer.from('{"text":"a'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]);
    return { request: post(submitTurn, target, body), expected: { status: 202 } };
  }),
);

const WRONG_AUTHORIZATION: readonly (string | undefined)[] = [undefined, '', 'Bearer', 'Bearer ', 'Bearer wrong-token', 'Basic ZnV6ei10b2tlbjo=', 'Token fuzz-token', 'Bearer fuzz-token extra', 'bearer  ', `Bearer ${'x'.repeat(512)}`];

/** A well-formed request without a valid bearer token. */
const wrongAuth: fc.Arbitrary<HttpRecipe> = fc.tuple(fc.constantFrom(...ROUTES), fc.constantFrom(...WRONG_AUTHORIZATION)).chain(([route, authorization]) =>
  route.valid.map((body) =>
    hostile(`${route.name} wrong-auth`, (target) => ({
      request: post(route, target, JSON.stringify(body), { 'content-type': JSON_TYPE, ...(authorization === undefined ? {} : { authorization }) }),
      expected: { status: 401, code: 'UNAUTHORIZED' },
    })),
  ),
);

const hugeHeader: fc.Arbitrary<HttpRecipe> = fc.integer({ min: 17 * 1024, max: 64 * 1024 }).map((size) =>
  hostile('create-session huge-header', (target) => ({
    request: post(createSession, target, '{"agent":"fuzz_desk"}', { ...bearer(target), 'x-filler': 'f'.repeat(size) }),
    expected: { status: 431, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' },
  })),
);

/** A body shorter than its Content-Length, the connection left open: answered 408, never waited on for ever. */
const neverArrives: fc.Arbitrary<HttpRecipe> = fc.constantFrom(...ROUTES).map((route) =>
  hostile(`${route.name} body-never-arrives`, (target) => ({
    request: { ...post(route, target, '{"text":'), framing: 'short' as const },
    expected: { status: 408, code: 'REQUEST_TIMEOUT' },
  })),
);

const notHttp: fc.Arbitrary<HttpRecipe> = fc.constantFrom('GARBAGE\r\n\r\n', 'POST /v1/sessions HTTP/9.9\r\n\r\n', 'POST /v1/sessions HTTP/1.1\r\nContent-Length: -5\r\n\r\n', '\u0000\u0001\u0002\r\n\r\n').map((bytes) =>
  hostile('not-http', () => ({ request: { method: 'POST', path: '/', headers: {}, body: bytes, framing: 'raw' as const }, expected: { status: 400, code: 'INVALID_REQUEST' } })),
);

export function hostileRequest(): fc.Arbitrary<HttpRecipe> {
  return fc.oneof(
    { weight: 3, arbitrary: oversized },
    { weight: 3, arbitrary: deepNesting },
    { weight: 3, arbitrary: poisoningKeys },
    { weight: 1, arbitrary: prototypeLikeKeys },
    { weight: 2, arbitrary: manyKeys },
    { weight: 1, arbitrary: nonFinite },
    { weight: 2, arbitrary: oddText },
    { weight: 4, arbitrary: wrongAuth },
    { weight: 1, arbitrary: hugeHeader },
    { weight: 1, arbitrary: neverArrives },
    { weight: 1, arbitrary: notHttp },
  );
}
