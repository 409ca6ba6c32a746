import fc from 'fast-check';
import { MAX_ARGUMENT_BYTES, tooLargeReason } from './size-oracle.js';
import { FORBIDDEN_KEY, INVALID_JSON, REQUIRED, refusedAt, TOO_DEEP, type PayloadClass, type PayloadRecipe, type ToolCallPayload } from './payload.js';

/**
 * `cancel_task`, which the session answers itself (SEMANTICS §5), under the same argument rules
 * as every tool (§6). Nothing runs in a fuzz session, so a valid call is answered "not found".
 */
export const CANCEL_TASK = 'cancel_task';

const notFound = (callId: string) => `Task ${callId} not found or already completed.`;

const callId = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 });

function recipe(payloadClass: PayloadClass, kind: string, build: () => Omit<ToolCallPayload, 'tool'>): PayloadRecipe {
  return { class: payloadClass, kind: `cancel-task-${kind}`, tool: CANCEL_TASK, build: () => ({ tool: CANCEL_TASK, ...build() }) };
}

export const validCancel: fc.Arbitrary<PayloadRecipe> = fc.tuple(callId, fc.boolean()).map(([id, doubleEncoded]) =>
  recipe('valid', doubleEncoded ? 'double-encoded' : 'written', () => {
    const text = JSON.stringify({ call_id: id });
    return { rawArguments: doubleEncoded ? JSON.stringify(text) : text, expected: { kind: 'answered', output: notFound(id), isError: false } };
  }),
);

const wrongTypes = [
  { value: 42, received: 'number' },
  { value: true, received: 'boolean' },
  { value: ['c1'], received: 'array' },
  { value: { id: 'c1' }, received: 'object' },
];

export const invalidCancel: fc.Arbitrary<PayloadRecipe> = fc.oneof(
  fc.constantFrom('{}', '', 'null', '{"callId":"c1"}').map((text) => recipe('invalid', 'missing-call-id', () => ({ rawArguments: text, expected: refusedAt('call_id', REQUIRED) }))),
  fc.constantFrom(...wrongTypes).map(({ value, received }) =>
    recipe('invalid', 'wrong-type', () => ({ rawArguments: JSON.stringify({ call_id: value }), expected: refusedAt('call_id', new RegExp(`^expected string, received ${received}$`)) })),
  ),
  fc.constantFrom('{"call_id": c1}', '{"call_id":"c1"', '[', "{'call_id':'c1'}").map((text) => recipe('invalid', 'not-json', () => ({ rawArguments: text, expected: refusedAt('arguments', INVALID_JSON) }))),
  fc.constantFrom({ text: '["c1"]', type: 'array' }, { text: '7', type: 'number' }).map(({ text, type }) =>
    recipe('invalid', 'not-an-object', () => ({ rawArguments: text, expected: refusedAt('arguments', new RegExp(`^expected a JSON object, received ${type}$`)) })),
  ),
);

export const hostileCancel: fc.Arbitrary<PayloadRecipe> = fc.oneof(
  fc.integer({ min: 1024 * 1024, max: 4 * 1024 * 1024 }).map((size) =>
    recipe('hostile', 'huge-call-id', () => {
      const rawArguments = JSON.stringify({ call_id: 'c'.repeat(size) });
      return { rawArguments, expected: refusedAt('arguments', tooLargeReason(rawArguments)) };
    }),
  ),
  fc.integer({ min: 10_000, max: 50_000 }).map((depth) =>
    recipe('hostile', 'deep-nesting', () => ({ rawArguments: `{"call_id":${'['.repeat(depth)}${']'.repeat(depth)}}`, expected: refusedAt('arguments', TOO_DEEP) })),
  ),
  fc.constant(recipe('hostile', 'proto-key', () => ({ rawArguments: '{"call_id":"c1","__proto__":{"call_id":"c2"}}', expected: refusedAt('__proto__', FORBIDDEN_KEY) }))),
  fc.integer({ min: 301, max: MAX_ARGUMENT_BYTES - 100 }).map((length) =>
    recipe('hostile', 'long-call-id', () => ({ rawArguments: JSON.stringify({ call_id: 'c'.repeat(length) }), expected: refusedAt('call_id', /^Too big: /) })),
  ),
);
