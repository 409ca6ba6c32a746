import fc from 'fast-check';
import { hostileSizes } from './hostile-sizes.js';
import { hostileStructures } from './hostile-structures.js';
import { hostileValues } from './hostile-values.js';
import { invalidPayload } from './invalid-payloads.js';
import { hostileCancel, invalidCancel, validCancel } from './management-payloads.js';
import type { PayloadRecipe } from './payload.js';
import { validPayload } from './valid-payloads.js';

/** Every payload generator, weighted: four in ten valid, three invalid, three hostile. */
export function payloadArbitrary(): fc.Arbitrary<PayloadRecipe> {
  return fc.oneof(
    { weight: 40, arbitrary: fc.oneof({ weight: 12, arbitrary: validPayload() }, { weight: 1, arbitrary: validCancel }) },
    { weight: 30, arbitrary: fc.oneof({ weight: 12, arbitrary: invalidPayload() }, { weight: 1, arbitrary: invalidCancel }) },
    { weight: 30, arbitrary: fc.oneof(...hostileSizes, ...hostileStructures, ...hostileValues, { weight: 1, arbitrary: hostileCancel }) },
  );
}

/** `count` payload recipes, the same ones for the same seed. */
export function planPayloads(count: number, seed: number): PayloadRecipe[] {
  return count <= 0 ? [] : fc.sample(payloadArbitrary(), { seed, numRuns: count });
}
