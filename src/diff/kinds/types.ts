import type { DomainCheck, TypeObject } from '../../catalog/model.js';
import { keyKind, keyParts, objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import type { Action } from '../change.js';
import type { DiffContext, KindHandler } from '../context.js';
import { alterComposite } from './composite.js';
import { rebuildEnum } from './enum-rebuild.js';

const name = (o: TypeObject) => `${o.schema}.${o.name}`;

function createSql(o: TypeObject): string[] {
  const id = qualified(o.schema, o.name);
  switch (o.kind) {
    case 'enum':
      return [`CREATE TYPE ${id} AS ENUM (${o.labels.map(quoteLiteral).join(', ')})`];
    case 'composite':
      return [`CREATE TYPE ${id} AS (${o.attributes.join(', ')})`];
    case 'range':
      return [`CREATE TYPE ${id} AS RANGE (${o.rangeOptions ?? ''})`];
    case 'domain': {
      let sql = `CREATE DOMAIN ${id} AS ${o.baseType ?? 'text'}`;
      if (o.collation) sql += ` COLLATE ${o.collation}`;
      if (o.defaultExpr !== null) sql += ` DEFAULT ${o.defaultExpr}`;
      if (o.notNull) sql += ' NOT NULL';
      return [sql];
    }
  }
}

/** Whether `from` can become `to` by ADD VALUE alone: every old label kept, in the same order. */
export function enumAdditions(from: string[], to: string[]): { label: string; sql: string }[] | undefined {
  let i = 0;
  for (const label of to) if (i < from.length && label === from[i]) i++;
  if (i !== from.length || from.some((l) => !to.includes(l))) return undefined;
  const out: { label: string; sql: string }[] = [];
  to.forEach((label, index) => {
    if (from.includes(label)) return;
    const next = to.slice(index + 1).find((l) => from.includes(l));
    const prev = to.slice(0, index).reverse().find((l) => from.includes(l) || out.some((o) => o.label === l));
    const where = next !== undefined ? ` BEFORE ${quoteLiteral(next)}` : prev !== undefined ? ` AFTER ${quoteLiteral(prev)}` : '';
    out.push({ label, sql: `ADD VALUE ${quoteLiteral(label)}${where}` });
  });
  return out;
}

const checkKey = (o: TypeObject, c: DomainCheck) => objectKey('constraint', o.schema, o.name, c.name);

/** A domain's CHECK, keyed on its own: ordered after the functions it calls, which may come after the domain. */
function addCheck(ctx: DiffContext, o: TypeObject, c: DomainCheck, action: Action): void {
  ctx.emit({
    key: checkKey(o, c), phase: 'create', action, kind: 'domain', object: name(o), after: [o.key],
    sql: `ALTER DOMAIN ${qualified(o.schema, o.name)} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`,
  });
}

function dropCheck(ctx: DiffContext, o: TypeObject, c: DomainCheck): void {
  ctx.emit({ key: checkKey(o, c), phase: 'drop', action: 'alter', kind: 'domain', object: name(o), sql: `ALTER DOMAIN ${qualified(o.schema, o.name)} DROP CONSTRAINT IF EXISTS ${quoteIdent(c.name)}` });
}

function alterDomain(ctx: DiffContext, s: TypeObject, t: TypeObject): 'replace' | void {
  if (s.baseType !== t.baseType || s.collation !== t.collation) return 'replace';
  const id = qualified(s.schema, s.name);
  const emit = (sql: string) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'domain', object: name(s), sql });
  if (s.defaultExpr !== t.defaultExpr) emit(s.defaultExpr === null ? `ALTER DOMAIN ${id} DROP DEFAULT` : `ALTER DOMAIN ${id} SET DEFAULT ${s.defaultExpr}`);
  if (s.notNull !== t.notNull) emit(`ALTER DOMAIN ${id} ${s.notNull ? 'SET' : 'DROP'} NOT NULL`);
  const key = (c: { name: string; definition: string }) => `${c.name}\0${c.definition}`;
  const wanted = new Set(s.checks.map(key));
  const present = new Set(t.checks.map(key));
  for (const c of t.checks) if (!wanted.has(key(c))) dropCheck(ctx, t, c);
  for (const c of s.checks) if (!present.has(key(c))) addCheck(ctx, s, c, 'alter');
}

/**
 * A domain CHECK that calls something being dropped or replaced (a function)
 * is dropped first and added again after it. True when `key` was a domain's
 * check (handled here).
 */
export function rebuildDomainCheck(ctx: DiffContext, key: string, decision: (key: string) => string | undefined): boolean {
  if (keyKind(key) !== 'constraint') return false;
  const [schema = '', domain = '', check = ''] = keyParts(key);
  const typeKey = objectKey('type', schema, domain);
  const t = ctx.target.types.get(typeKey);
  const tc = t?.kind === 'domain' ? t.checks.find((c) => c.name === check) : undefined;
  if (!t || !tc) return false;
  if (decision(typeKey) === 'drop' || decision(typeKey) === 'replace' || ctx.statements.some((x) => x.key === key)) return true;
  dropCheck(ctx, t, tc);
  const s = ctx.source.types.get(typeKey);
  const sc = s?.kind === 'domain' ? s.checks.find((c) => c.name === check) : undefined;
  if (s && sc) addCheck(ctx, s, sc, 'alter');
  return true;
}

export const types: KindHandler<TypeObject> = {
  collection: (m) => m.types,
  same: (a, b) =>
    a.kind === b.kind && JSON.stringify([a.labels, a.baseType, a.defaultExpr, a.notNull, a.collation, a.checks, a.attributes, a.rangeOptions]) ===
    JSON.stringify([b.labels, b.baseType, b.defaultExpr, b.notNull, b.collation, b.checks, b.attributes, b.rangeOptions]),
  create(ctx, o, action) {
    for (const sql of createSql(o)) ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind === 'domain' ? 'domain' : 'type', object: name(o), sql });
    for (const c of o.checks) addCheck(ctx, o, c, action);
  },
  drop(ctx, o, action) {
    ctx.emit({
      key: o.key, phase: 'drop', action, kind: o.kind === 'domain' ? 'domain' : 'type', object: name(o),
      sql: `DROP ${o.kind === 'domain' ? 'DOMAIN' : 'TYPE'} IF EXISTS ${qualified(o.schema, o.name)}`, hazards: ['destructive'],
      // Its checks go with it: what they call is dropped after.
      provides: o.checks.map((c) => checkKey(o, c)),
    });
  },
  alter(ctx, s, t) {
    if (s.kind !== t.kind) return 'replace';
    if (s.kind === 'domain') return alterDomain(ctx, s, t);
    if (s.kind === 'composite') return alterComposite(ctx, s, t);
    if (s.kind !== 'enum') return 'replace';
    const additions = enumAdditions(t.labels, s.labels);
    // A value added by ADD VALUE cannot be used in the same transaction: rebuild when something uses it.
    const used = ctx.options.rowsFollow === true || additions?.some((a) => ctx.sourceExpressions().includes(`${quoteLiteral(a.label)}::${qualified(s.schema, s.name)}`));
    if (!additions || used) {
      rebuildEnum(ctx, s, t);
      return;
    }
    for (const a of additions) {
      ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'type', object: name(s), sql: `ALTER TYPE ${qualified(s.schema, s.name)} ${a.sql}` });
    }
  },
};
