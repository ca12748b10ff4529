import { keyKind, keyParts } from '../catalog/keys.js';
import type { SchemaModel } from '../catalog/model.js';
import type { SeedObject } from '../apply/ledger.js';
import { diffModels } from '../diff/plan.js';

type Collection = 'schemas' | 'extensions' | 'collations' | 'types' | 'sequences' | 'tables' | 'constraints' | 'indexes' | 'views' | 'routines' | 'triggers' | 'policies' | 'defaultPrivileges' | 'publications'
  | 'foreignDataWrappers' | 'foreignServers' | 'userMappings' | 'foreignTables';

const COLLECTIONS: Collection[] = [
  'schemas', 'extensions', 'collations', 'types', 'sequences', 'tables', 'constraints', 'indexes', 'views', 'routines', 'triggers', 'policies',
  'defaultPrivileges', 'publications', 'foreignDataWrappers', 'foreignServers', 'userMappings', 'foreignTables',
];

/** How users read a key: `function public.reseed()`, `table public.scratch`. */
export function keyLabel(key: string): string {
  const kind = keyKind(key);
  const parts = keyParts(key);
  if (kind === 'function') return `function ${parts[0]}.${parts[1]}(${parts[2] ?? ''})`;
  return `${kind} ${parts.join('.')}`;
}

/** Objects of `model` that `base` lacks: after a seed, what it made beside the desired schema. */
export function objectsNotIn(model: SchemaModel, base: SchemaModel): SeedObject[] {
  return COLLECTIONS.flatMap((name) => {
    const known = base[name] as Map<string, unknown>;
    return [...(model[name] as Map<string, unknown>).keys()].filter((key) => !known.has(key)).map((key) => ({ key, label: keyLabel(key) }));
  });
}

/** Every object key of a model. */
export function modelKeys(model: SchemaModel): Set<string> {
  return new Set(COLLECTIONS.flatMap((name) => [...(model[name] as Map<string, unknown>).keys()]));
}

// Kinds a seed can replace in place (CREATE OR REPLACE): production's, replaced, is a clash rather than drift.
const REPLACEABLE = new Set(['function', 'view', 'type', 'sequence']);

/**
 * After the seed files: production's objects they replaced with something
 * else. `desired` is the schema the target was made equal to; `after` the
 * target read after the files, less the seed's own objects.
 */
export function replacedBySeed(desired: SchemaModel, after: SchemaModel): string[] {
  const plan = diffModels(desired, after);
  const replaced = plan.changes.filter((c) => REPLACEABLE.has(keyKind(c.key)) && (c.action === 'alter' || c.action === 'replace'));
  return [...new Set(replaced.map((c) => keyLabel(c.key)))];
}

/** The seed's objects as production has them too: each is an error, naming both. */
export function seedClashes(source: SchemaModel, objects: readonly SeedObject[]): string[] {
  const keys = modelKeys(source);
  return objects.filter((o) => keys.has(o.key)).map((o) => o.label);
}

export function clashError(labels: readonly string[]): Error {
  return new Error(
    `the seed files make ${labels.join(', ')}, and production has ${labels.length === 1 ? 'an object' : 'objects'} of the same name: ` +
      "a seed's helper must not stand in for production's. Rename the seed's object (or drop it from production); nothing was changed.",
  );
}

/** The model without the seed's objects: what the schema sync and the drift check compare with the desired schema. */
export function withoutSeedObjects(model: SchemaModel, objects: readonly SeedObject[]): SchemaModel {
  if (objects.length === 0) return model;
  const keys = new Set(objects.map((o) => o.key));
  const out = { ...model };
  for (const name of COLLECTIONS) {
    (out as Record<Collection, Map<string, unknown>>)[name] = new Map([...(model[name] as Map<string, unknown>)].filter(([key]) => !keys.has(key)));
  }
  return out;
}
