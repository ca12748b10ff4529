import { createHash } from 'node:crypto';
import type { SchemaModel } from './model.js';

/**
 * A digest of a schema model: equal for two reads of the same schema,
 * different as soon as anything the model holds differs. The serialisation
 * is fixed: Maps go by key order and Sets sorted (a reader's insertion order
 * is not part of a schema); plain objects keep the order of their fields,
 * which the reader's code fixes. Data a model carries is left out: a
 * sequence's last value moves with every insert.
 */
export function modelDigest(model: SchemaModel): string {
  const hash = createHash('sha256');
  for (const field of Object.keys(model).sort() as (keyof SchemaModel)[]) {
    hash.update(`${field}\0`);
    hash.update(isCollection(field) ? collectionJson(field, model[field] as ReadonlyMap<string, object>) : canonicalJson(model[field]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** JSON of any value, Maps as sorted [key, value] pairs and Sets sorted, wherever they are. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(toPlain(value)) ?? 'undefined';
}

/** The model's keyed collections of catalog objects (tables, routines, ...): the bulk of it. */
type Collection = { [K in keyof SchemaModel]: SchemaModel[K] extends Map<string, { key: string }> ? K : never }[keyof SchemaModel];

/**
 * Catalog objects are plain (strings, numbers, arrays, records), so a
 * collection goes to JSON.stringify as it is, which is what makes this cheap.
 * A Map or Set inside one would print as {} and go unseen: this fails to
 * compile first, naming the collection.
 */
type Plain<T> = T extends Map<unknown, unknown> | Set<unknown> ? never : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
type NotPlain = { [K in Collection]: SchemaModel[K] extends Map<string, infer V> ? (V extends Plain<V> ? never : K) : never }[Collection];
const CATALOG_OBJECTS_ARE_PLAIN: [NotPlain] extends [never] ? true : NotPlain = true;

/** Fields of catalog objects that hold data, not schema: never part of the digest. */
const DATA_FIELDS: Partial<Record<Collection, readonly string[]>> = { sequences: ['lastValue'] };

function isCollection(field: keyof SchemaModel): field is Collection {
  return CATALOG_OBJECTS_ARE_PLAIN && COLLECTIONS.has(field);
}

// Every collection, by type: one the model gains fails to compile until it is listed here.
const COLLECTION_FIELDS: Record<Collection, true> = {
  schemas: true, extensions: true, collations: true, types: true, sequences: true, identitySequences: true, tables: true, constraints: true,
  indexes: true, partitionIndexes: true, views: true, routines: true, triggers: true, rules: true, eventTriggers: true, policies: true,
  defaultPrivileges: true, publications: true, foreignDataWrappers: true, foreignServers: true, userMappings: true, foreignTables: true, platformAcls: true,
};
const COLLECTIONS = new Set<string>(Object.keys(COLLECTION_FIELDS));

function collectionJson(field: Collection, map: ReadonlyMap<string, object>): string {
  const data = DATA_FIELDS[field];
  const entries = sortedEntries(map);
  if (!data) return JSON.stringify(entries);
  const omitted = Object.fromEntries(data.map((f) => [f, undefined]));
  return JSON.stringify(entries.map(([k, v]) => [k, { ...v, ...omitted }]));
}

function toPlain(value: unknown): unknown {
  if (value instanceof Map) return sortedEntries(value).map(([k, v]) => [k, toPlain(v)]);
  if (value instanceof Set) {
    const items = [...value];
    return items.every((v) => typeof v === 'string') ? items.sort() : items.map((v) => canonicalJson(v)).sort();
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

function sortedEntries<V>(map: ReadonlyMap<unknown, V>): [string, V][] {
  const entries = [...map].map(([k, v]): [string, V] => [typeof k === 'string' ? k : canonicalJson(k), v]);
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
