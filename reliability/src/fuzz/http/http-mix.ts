import fc from 'fast-check';
import type { HttpRecipe } from './http-case.js';
import { hostileRequest } from './hostile-requests.js';
import { malformedRequest } from './malformed-requests.js';
import { validRequest } from './valid-requests.js';

/** One well-formed request in ten among the malformed (five in ten) and the hostile (four in ten). */
export function httpArbitrary(): fc.Arbitrary<HttpRecipe> {
  return fc.oneof({ weight: 1, arbitrary: validRequest() }, { weight: 5, arbitrary: malformedRequest() }, { weight: 4, arbitrary: hostileRequest() });
}

/** `count` request recipes, the same ones for the same seed. */
export function planRequests(count: number, seed: number): HttpRecipe[] {
  return count <= 0 ? [] : fc.sample(httpArbitrary(), { seed, numRuns: count });
}
