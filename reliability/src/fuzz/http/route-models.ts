import fc from 'fast-check';
import { FUZZ_AGENT } from '../tool-calls/fuzz-tools.js';
import type { ExpectedResponse, HttpTarget } from './http-case.js';

/**
 * The POST routes of DESIGN.md §5 (there is no PUT) as the fuzz knows them, independently of
 * the API's zod schemas: a valid body, the answer it gets, and each field with the values of the
 * right JSON type that it refuses.
 */
export interface BodyField {
  readonly name: string;
  readonly required: boolean;
  readonly type: 'string' | 'boolean' | 'object';
  /** Values of the right JSON type the API refuses (too long, not an option, bad pattern…). */
  readonly refused: readonly unknown[];
}

export interface RouteModel {
  readonly name: string;
  readonly path: (target: HttpTarget) => string;
  readonly valid: fc.Arbitrary<Record<string, unknown>>;
  /** What a valid body gets from the fuzz app. */
  readonly answer: ExpectedResponse;
  readonly fields: readonly BodyField[];
}

const sessionPath = (suffix: string) => (target: HttpTarget) => `/v1/sessions/${target.sessionId}/${suffix}`;

/** Text a client may send: any code point, controls and quotes included. */
const text = (maxLength: number) => fc.string({ unit: 'binary', minLength: 1, maxLength }).filter((value) => value.length <= maxLength);

export const createSession: RouteModel = {
  name: 'create-session',
  path: () => '/v1/sessions',
  valid: fc.record({ agent: fc.constant(FUZZ_AGENT), playout: fc.constantFrom('client', 'instant') }, { requiredKeys: ['agent'] }),
  answer: { status: 201 },
  fields: [
    { name: 'agent', required: true, type: 'string', refused: ['', 'a'.repeat(201)] },
    { name: 'playout', required: false, type: 'string', refused: ['server', 'INSTANT', ''] },
    { name: 'lateResults', required: false, type: 'object', refused: [{}, { webhook: 'ftp://example.com/x' }, { webhook: 'not a url' }, { webhook: `https://example.com/${'x'.repeat(2100)}` }] },
  ],
};

export const submitTurn: RouteModel = {
  name: 'submit-turn',
  path: sessionPath('turns'),
  valid: fc.record({ text: text(200), commandId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._~-]{0,40}$/) }, { requiredKeys: ['text'] }),
  answer: { status: 202 },
  fields: [
    { name: 'text', required: true, type: 'string', refused: ['', 'x'.repeat(10_001)] },
    { name: 'commandId', required: false, type: 'string', refused: ['', '-starts-with-dash', 'has space', 'a'.repeat(129), 'ünïcode'] },
  ],
};

export const reportPlayout: RouteModel = {
  name: 'report-playout',
  path: sessionPath('playout'),
  valid: fc.record({ speechId: fc.stringMatching(/^nope-[a-z0-9]{1,12}$/), status: fc.constantFrom('played', 'interrupted') }),
  // Well formed, about a speech the session never had: the gateway's refusal, not the edge's.
  answer: { status: 409, code: 'CONFLICT' },
  fields: [
    { name: 'speechId', required: true, type: 'string', refused: ['', 's'.repeat(201)] },
    { name: 'status', required: true, type: 'string', refused: ['timed_out', 'PLAYED', 'done', ''] },
  ],
};

export const setUserState: RouteModel = {
  name: 'user-state',
  path: sessionPath('user-state'),
  valid: fc.record({ speaking: fc.boolean() }),
  answer: { status: 204 },
  fields: [{ name: 'speaking', required: true, type: 'boolean', refused: [] }],
};

export const ROUTES: readonly RouteModel[] = [createSession, submitTurn, reportPlayout, setUserState];
