import type { z } from 'zod';
import { InvalidEventError, type SchemaProblem } from '../errors.js';
import type { EventDefinition, EventOf } from './define-event.js';

export interface ValidatedData {
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * The set of events a store accepts. Writes are validated against the schema of the version
 * they are written at (the current one by default) and stored in their parsed, canonical form;
 * reads are validated against the version they were stored at and upcast step by step to the
 * current version, so readers only ever see current shapes.
 */
export interface Catalogue<Defs extends EventDefinition = EventDefinition> {
  readonly definitions: readonly Defs[];
  has(type: string): boolean;
  currentVersion(type: string): number;
  validate(type: string, schemaVersion: number | undefined, data: unknown): ValidatedData;
  upcast(type: string, schemaVersion: number, data: unknown): ValidatedData;
}

export type CatalogueEvent<C> = C extends Catalogue<infer Defs> ? EventOf<Defs> : never;

export function createCatalogue<const Defs extends readonly EventDefinition[]>(
  definitions: Defs,
): Catalogue<Defs[number]> {
  const byType = new Map<string, EventDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new RangeError(`Event type ${definition.type} is defined twice`);
    byType.set(definition.type, definition);
  }

  const definitionOf = (type: string, schemaVersion: number | undefined): EventDefinition => {
    const definition = byType.get(type);
    if (!definition) throw new InvalidEventError(type, schemaVersion, [{ path: '', message: `unknown event type "${type}"` }]);
    return definition;
  };

  const schemaAt = (definition: EventDefinition, version: number): z.ZodType => {
    if (version === definition.version) return definition.data;
    const past = definition.history.find((candidate) => candidate.version === version);
    if (!past) {
      throw new InvalidEventError(definition.type, version, [
        { path: '', message: `unknown schema version ${version} (current is ${definition.version})` },
      ]);
    }
    return past.data;
  };

  const parse = (definition: EventDefinition, version: number, data: unknown): unknown => {
    const result = schemaAt(definition, version).safeParse(data);
    if (!result.success) throw new InvalidEventError(definition.type, version, problemsOf(result.error));
    return result.data;
  };

  return {
    definitions: [...definitions] as Defs[number][],
    has: (type) => byType.has(type),
    currentVersion: (type) => definitionOf(type, undefined).version,
    validate(type, schemaVersion, data) {
      const definition = definitionOf(type, schemaVersion);
      const version = schemaVersion ?? definition.version;
      return { schemaVersion: version, data: parse(definition, version, data) };
    },
    upcast(type, schemaVersion, data) {
      const definition = definitionOf(type, schemaVersion);
      let version = schemaVersion;
      let current = parse(definition, version, data);
      while (version < definition.version) {
        const past = definition.history.find((candidate) => candidate.version === version)!;
        version += 1;
        current = parse(definition, version, past.upcast(current as never));
      }
      return { schemaVersion: version, data: current };
    },
  };
}

function problemsOf(error: z.ZodError): SchemaProblem[] {
  return error.issues.map((issue) => ({ path: ['data', ...issue.path.map(String)].join('.'), message: issue.message }));
}
