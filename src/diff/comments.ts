import type { SchemaModel } from '../catalog/model.js';
import { qualified, quoteIdent, quoteLiteral } from '../db/quote.js';
import type { DiffContext } from './context.js';

interface Commentable {
  /** `TABLE public.t`, `COLUMN public.t.c`, `CONSTRAINT c ON public.t`, ... */
  target: string;
  object: string;
  comment: string | null;
}

function commentables(m: SchemaModel): Map<string, Commentable> {
  const out = new Map<string, Commentable>();
  for (const o of m.schemas.values()) out.set(o.key, { target: `SCHEMA ${quoteIdent(o.name)}`, object: o.name, comment: o.comment });
  for (const o of m.extensions.values()) out.set(o.key, { target: `EXTENSION ${quoteIdent(o.name)}`, object: o.name, comment: o.comment });
  for (const o of m.collations.values()) out.set(o.key, { target: `COLLATION ${qualified(o.schema, o.name)}`, object: `${o.schema}.${o.name}`, comment: o.comment });
  for (const o of m.types.values()) {
    out.set(o.key, { target: `${o.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${qualified(o.schema, o.name)}`, object: `${o.schema}.${o.name}`, comment: o.comment });
  }
  for (const o of m.sequences.values()) out.set(o.key, { target: `SEQUENCE ${qualified(o.schema, o.name)}`, object: `${o.schema}.${o.name}`, comment: o.comment });
  for (const o of m.tables.values()) {
    out.set(o.key, { target: `TABLE ${qualified(o.schema, o.name)}`, object: `${o.schema}.${o.name}`, comment: o.comment });
    for (const c of o.columns) {
      out.set(c.key, { target: `COLUMN ${qualified(o.schema, o.name)}.${quoteIdent(c.name)}`, object: `${o.schema}.${o.name}.${c.name}`, comment: c.comment });
    }
  }
  for (const o of m.constraints.values()) {
    out.set(o.key, { target: `CONSTRAINT ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}`, comment: o.comment });
  }
  for (const o of m.indexes.values()) out.set(o.key, { target: `INDEX ${qualified(o.schema, o.name)}`, object: `${o.schema}.${o.name}`, comment: o.comment });
  for (const o of m.views.values()) {
    out.set(o.key, { target: `${o.kind === 'materialized' ? 'MATERIALIZED VIEW' : 'VIEW'} ${qualified(o.schema, o.name)}`, object: `${o.schema}.${o.name}`, comment: o.comment });
  }
  for (const o of m.routines.values()) {
    const kw = o.kind === 'procedure' ? 'PROCEDURE' : o.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
    const args = o.kind === 'aggregate' && o.identityArgs === '' ? '*' : o.identityArgs;
    out.set(o.key, { target: `${kw} ${qualified(o.schema, o.name)}(${args})`, object: `${o.schema}.${o.name}(${o.identityArgs})`, comment: o.comment });
  }
  for (const o of m.triggers.values()) {
    out.set(o.key, { target: `TRIGGER ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}`, comment: o.comment });
  }
  for (const o of m.policies.values()) {
    out.set(o.key, { target: `POLICY ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}`, comment: o.comment });
  }
  for (const o of m.publications.values()) out.set(o.key, { target: `PUBLICATION ${quoteIdent(o.name)}`, object: o.name, comment: o.comment });
  return out;
}

/** COMMENT ON so every synced object's comment equals the source's. */
export function diffComments(ctx: DiffContext): void {
  const target = commentables(ctx.target);
  for (const [key, s] of commentables(ctx.source)) {
    const tableKey = key.startsWith('column:') ? `table:${JSON.stringify(JSON.parse(key.slice(7)).slice(0, 2))}` : undefined;
    const fresh = ctx.fresh.has(key) || (tableKey !== undefined && ctx.fresh.has(tableKey));
    const current = fresh ? null : (target.get(key)?.comment ?? null);
    if (s.comment === current) continue;
    ctx.emit({
      key: `${key}#comment`, phase: 'create', action: 'alter', kind: 'comment', object: s.object, after: [key],
      sql: `COMMENT ON ${s.target} IS ${s.comment === null ? 'NULL' : quoteLiteral(s.comment)}`,
    });
  }
}
