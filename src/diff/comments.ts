import type { SchemaModel } from '../catalog/model.js';
import { objectKey } from '../catalog/keys.js';
import { qualified, quoteIdent, quoteLiteral } from '../db/quote.js';
import type { DiffContext } from './context.js';
import { routineSignature } from './kinds/routines.js';

interface Commentable {
  comment: string | null;
  /** A column's table: re-created with it. */
  tableKey?: string;
  /** Further keys its comment waits for (an extension's own wrapper: the extension). */
  after?: string[];
  /** `TABLE public.t`, `COLUMN public.t.c`, ... and the display name: built only when a statement is needed. */
  describe: () => { target: string; object: string };
}

/** Every object that can carry a comment, one at a time: a whole model's list at once would be short-lived bulk. */
function* commentables(m: SchemaModel, eventTriggers: boolean): Generator<[string, Commentable]> {
  const add = (key: string, comment: string | null, describe: () => { target: string; object: string }, tableKey?: string): [string, Commentable] =>
    [key, tableKey ? { comment, describe, tableKey } : { comment, describe }];
  const rel = (schema: string, name: string) => ({ id: qualified(schema, name), object: `${schema}.${name}` });
  for (const o of m.schemas.values()) yield add(o.key, o.comment, () => ({ target: `SCHEMA ${quoteIdent(o.name)}`, object: o.name }));
  for (const o of m.extensions.values()) yield add(o.key, o.comment, () => ({ target: `EXTENSION ${quoteIdent(o.name)}`, object: o.name }));
  for (const o of m.collations.values()) yield add(o.key, o.comment, () => ({ target: `COLLATION ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
  for (const o of m.types.values()) {
    yield add(o.key, o.comment, () => ({ target: `${o.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
  }
  for (const o of m.sequences.values()) yield add(o.key, o.comment, () => ({ target: `SEQUENCE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
  for (const o of m.identitySequences.values()) {
    yield add(o.key, o.comment, () => ({ target: `SEQUENCE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }), `table:${JSON.stringify([o.of.schema, o.of.table])}`);
  }
  for (const o of m.tables.values()) {
    yield add(o.key, o.comment, () => ({ target: `TABLE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    for (const c of o.columns) {
      yield add(c.key, c.comment, () => ({ target: `COLUMN ${qualified(o.schema, o.name)}.${quoteIdent(c.name)}`, object: `${o.schema}.${o.name}.${c.name}` }), o.key);
    }
  }
  for (const o of m.constraints.values()) {
    yield add(o.key, o.comment, () => ({ target: `CONSTRAINT ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
  }
  for (const o of [...m.indexes.values(), ...m.partitionIndexes.values()]) yield add(o.key, o.comment, () => ({ target: `INDEX ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
  for (const o of m.views.values()) {
    yield add(o.key, o.comment, () => ({ target: `${o.kind === 'materialized' ? 'MATERIALIZED VIEW' : 'VIEW'} ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
  }
  for (const o of m.routines.values()) {
    const kw = o.kind === 'procedure' ? 'PROCEDURE' : o.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
    yield add(o.key, o.comment, () => ({ target: `${kw} ${routineSignature(o)}`, object: `${o.schema}.${o.name}(${o.identityArgs})` }));
  }
  for (const o of m.triggers.values()) {
    yield add(o.key, o.comment, () => ({ target: `TRIGGER ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
  }
  for (const o of m.rules.values()) {
    yield add(o.key, o.comment, () => ({ target: `RULE ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
  }
  // Only a superuser can comment on an event trigger, as only one can create it (see the event trigger kind).
  if (eventTriggers) for (const o of m.eventTriggers.values()) yield add(o.key, o.comment, () => ({ target: `EVENT TRIGGER ${quoteIdent(o.name)}`, object: o.name }));
  for (const o of m.policies.values()) {
    yield add(o.key, o.comment, () => ({ target: `POLICY ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
  }
  for (const o of m.publications.values()) yield add(o.key, o.comment, () => ({ target: `PUBLICATION ${quoteIdent(o.name)}`, object: o.name }));
  for (const o of m.foreignDataWrappers.values()) {
    const entry = add(o.key, o.comment, () => ({ target: `FOREIGN DATA WRAPPER ${quoteIdent(o.name)}`, object: o.name }));
    if (o.extension) entry[1].after = [objectKey('extension', o.extension)];
    yield entry;
  }
  for (const o of m.foreignServers.values()) yield add(o.key, o.comment, () => ({ target: `SERVER ${quoteIdent(o.name)}`, object: o.name }));
  for (const o of m.foreignTables.values()) {
    yield add(o.key, o.comment, () => ({ target: `FOREIGN TABLE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    for (const c of o.columns) {
      yield add(c.key, c.comment, () => ({ target: `COLUMN ${qualified(o.schema, o.name)}.${quoteIdent(c.name)}`, object: `${o.schema}.${o.name}.${c.name}` }), o.key);
    }
  }
}

/** COMMENT ON so every synced object's comment equals the source's. */
export function diffComments(ctx: DiffContext): void {
  // Only the target's comments are kept to look up: an object without one reads as NULL either way.
  const target = new Map<string, string>();
  for (const [key, t] of commentables(ctx.target, ctx.target.superuser)) if (t.comment !== null) target.set(key, t.comment);
  for (const [key, s] of commentables(ctx.source, ctx.target.superuser)) {
    const t = target.get(key) ?? null;
    if (s.comment === null && t === null) continue;
    const fresh = ctx.fresh.has(key) || (s.tableKey !== undefined && ctx.fresh.has(s.tableKey));
    if (s.comment === (fresh ? null : t)) continue;
    const { target: what, object } = s.describe();
    ctx.emit({
      key: `${key}#comment`, phase: 'create', action: 'alter', kind: 'comment', object, after: [key, ...(s.after ?? [])],
      sql: `COMMENT ON ${what} IS ${s.comment === null ? 'NULL' : quoteLiteral(s.comment)}`,
    });
  }
}
