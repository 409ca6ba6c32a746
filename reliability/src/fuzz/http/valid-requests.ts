import fc from 'fast-check';
import { bearer, type HttpRecipe } from './http-case.js';
import { ROUTES, type RouteModel } from './route-models.js';

/**
 * Well-formed requests among the malformed ones: each must still get its proper answer, which
 * shows that what came before left the server healthy.
 */
const wellFormed = (route: RouteModel): fc.Arbitrary<HttpRecipe> =>
  route.valid.map((body) => ({
    class: 'valid',
    kind: `${route.name}-well-formed`,
    build: (target) => ({ request: { method: 'POST', path: route.path(target), headers: bearer(target), body: JSON.stringify(body) }, expected: route.answer }),
  }));

export function validRequest(): fc.Arbitrary<HttpRecipe> {
  return fc.oneof(...ROUTES.map(wellFormed));
}

/** A session is created: the probe run after every batch and at the end. */
export const livenessProbe: HttpRecipe = {
  class: 'valid',
  kind: 'liveness-create-session',
  build: (target) => ({ request: { method: 'POST', path: '/v1/sessions', headers: bearer(target), body: '{"agent":"fuzz_desk"}' }, expected: { status: 201 } }),
};
