import fc from 'fast-check';
import { bearer, invalidRequest, type HttpRecipe, type HttpTarget } from './http-case.js';
import { createSession, ROUTES, type BodyField, type RouteModel } from './route-models.js';

/**
 * Malformed requests, each a well-formed one with one thing wrong: a field missing, of the wrong
 * JSON type or refused by its schema, an unknown key, a body that is not an object, not JSON,
 * empty or of another media type, an unknown agent, a session id that names no session.
 */
function malformed(route: RouteModel, kind: string, edit: fc.Arbitrary<{ body: string; expected: ReturnType<typeof invalidRequest> } | undefined>): fc.Arbitrary<HttpRecipe> {
  return edit
    .filter((found) => found !== undefined)
    .map(({ body, expected }) => ({
      class: 'invalid',
      kind: `${route.name} ${kind}`,
      build: (target: HttpTarget) => ({ request: { method: 'POST', path: route.path(target), headers: bearer(target), body }, expected }),
    }));
}

const pickField = (route: RouteModel, filter: (field: BodyField) => boolean) => {
  const fields = route.fields.filter(filter);
  return fields.length === 0 ? fc.constant(undefined) : fc.constantFrom(...fields);
};

const missingField = (route: RouteModel) =>
  malformed(
    route,
    'missing-field',
    fc.tuple(route.valid, pickField(route, (field) => field.required)).map(([body, field]) => {
      if (!field) return undefined;
      const { [field.name]: _left, ...rest } = body;
      return { body: JSON.stringify(rest), expected: invalidRequest({ path: ['body', field.name] }) };
    }),
  );

const WRONG_TYPES: Record<BodyField['type'], readonly unknown[]> = {
  string: [42, true, null, ['x'], { x: 1 }],
  boolean: ['true', 1, 0, null, [], {}],
  object: ['https://example.com', 7, false, null, []],
};

const wrongType = (route: RouteModel) =>
  malformed(
    route,
    'wrong-type',
    fc.tuple(route.valid, pickField(route, () => true), fc.nat()).map(([body, field, which]) => {
      if (!field) return undefined;
      const wrong = WRONG_TYPES[field.type][which % WRONG_TYPES[field.type].length];
      return { body: JSON.stringify({ ...body, [field.name]: wrong }), expected: invalidRequest({ path: ['body', field.name] }) };
    }),
  );

const refusedValue = (route: RouteModel) =>
  malformed(
    route,
    'refused-value',
    fc.tuple(route.valid, pickField(route, (field) => field.refused.length > 0), fc.nat()).map(([body, field, which]) => {
      if (!field) return undefined;
      return { body: JSON.stringify({ ...body, [field.name]: field.refused[which % field.refused.length] }), expected: invalidRequest({ path: ['body', field.name] }) };
    }),
  );

const unknownKey = (route: RouteModel) =>
  malformed(
    route,
    'unknown-key',
    fc.tuple(route.valid, fc.string({ minLength: 1, maxLength: 12 }).filter((key) => key !== '__proto__' && !route.fields.some((field) => field.name === key))).map(([body, key]) => ({
      body: JSON.stringify({ ...body, [key]: 1 }),
      // zod quotes the key as it is, without escaping.
      expected: invalidRequest({ path: ['body'], mentions: `"${key}"` }),
    })),
  );

const notAnObject = (route: RouteModel) =>
  malformed(
    route,
    'not-an-object',
    fc.oneof(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 10 })).map((value) => ({
      body: JSON.stringify(value),
      expected: invalidRequest({ path: ['body'] }),
    })),
  );

const GARBAGE = ['{"agent": "fuzz_desk"', "{'agent': 'fuzz_desk'}", '{agent: 1}', '{"a":1,}', 'NaN', 'undefined', '{"speaking": NaN}', '}{', '\u0000', '{"text": "\t"}'];

/** Not JSON, truncated JSON, an empty body: refused as INVALID_JSON, before any schema. */
const invalidJson = (route: RouteModel): fc.Arbitrary<HttpRecipe> =>
  fc
    .oneof(
      fc.constantFrom(...GARBAGE),
      route.valid.chain((body) => {
        const text = JSON.stringify(body);
        return fc.integer({ min: 1, max: text.length - 1 }).map((cut) => text.slice(0, cut));
      }),
      fc.constant(''),
    )
    .map((body) => ({
      class: 'invalid',
      kind: `${route.name} ${body === '' ? 'empty-body' : 'invalid-json'}`,
      build: (target: HttpTarget) => ({ request: { method: 'POST', path: route.path(target), headers: bearer(target), body }, expected: { status: 400, code: 'INVALID_JSON' } }),
    }));

const OTHER_TYPES = ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/merge-patch+json', 'image/png'];

const wrongContentType = (route: RouteModel): fc.Arbitrary<HttpRecipe> =>
  fc.tuple(route.valid, fc.constantFrom<string | null>(...OTHER_TYPES, null)).map(([body, type]) => ({
    class: 'invalid',
    kind: `${route.name} wrong-content-type`,
    build: (target: HttpTarget) => ({
      request: { method: 'POST', path: route.path(target), headers: bearer(target, type), body: JSON.stringify(body) },
      expected: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    }),
  }));

const unknownAgent: fc.Arbitrary<HttpRecipe> = fc.string({ minLength: 1, maxLength: 40 }).filter((agent) => agent !== 'fuzz_desk').map((agent) => ({
  class: 'invalid',
  kind: 'create-session unknown-agent',
  build: (target: HttpTarget) => ({ request: { method: 'POST', path: '/v1/sessions', headers: bearer(target), body: JSON.stringify({ agent }) }, expected: { status: 422, code: 'UNKNOWN_AGENT' } }),
}));

/** Well formed, but the fuzz app signs no webhooks: the gateway refuses rather than ignores it. */
const lateResultsUnavailable: fc.Arbitrary<HttpRecipe> = fc.constant({
  class: 'invalid',
  kind: 'create-session late-results-unavailable',
  build: (target: HttpTarget) => ({
    request: { method: 'POST', path: '/v1/sessions', headers: bearer(target), body: JSON.stringify({ agent: 'fuzz_desk', lateResults: { webhook: 'https://hooks.example.com/late' } }) },
    expected: { status: 400, code: 'INVALID_REQUEST' },
  }),
});

/** Ids that name no session: malformed, unknown, or of a partition the deployment does not have. */
const noSuchSession: fc.Arbitrary<HttpRecipe> = fc
  .tuple(
    fc.constantFrom(...ROUTES.filter((route) => route !== createSession)),
    fc.constantFrom('x', 'sess-0-', 'sess-0-abc', 'sess-01-abcdefgh', 'sess-0-zzzzzzzzzzzz', 'sess-7-abcdefgh', 'sess-9999-abcdefgh', 'sess-10000-abcdefgh', '%2e%2e', 'sess-0-abc%00def'),
  )
  .chain(([route, id]) =>
    route.valid.map((body) => ({
      class: 'invalid' as const,
      kind: `${route.name} no-such-session`,
      build: (target: HttpTarget) => ({
        request: { method: 'POST', path: route.path({ ...target, sessionId: id }), headers: bearer(target), body: JSON.stringify(body) },
        expected: { status: 404, code: 'SESSION_NOT_FOUND' },
      }),
    })),
  );

export function malformedRequest(): fc.Arbitrary<HttpRecipe> {
  return fc.oneof(
    ...ROUTES.flatMap((route) => [
      missingField(route),
      wrongType(route),
      ...(route.fields.some((field) => field.refused.length > 0) ? [refusedValue(route)] : []),
      unknownKey(route),
      notAnObject(route),
      invalidJson(route),
      wrongContentType(route),
    ]),
    unknownAgent,
    lateResultsUnavailable,
    noSuchSession,
  );
}
