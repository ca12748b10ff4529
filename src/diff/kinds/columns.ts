import type { Column, Identity } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent } from '../../db/quote.js';
import type { Hazard } from '../change.js';
import type { DiffContext } from '../context.js';
import { sequenceOptions } from './sequences.js';

const columnName = (c: Column) => `${c.schema}.${c.table}.${c.name}`;

/** A column as it stands in CREATE TABLE or ADD COLUMN. */
export function columnDefinition(c: Column): string {
  let sql = `${quoteIdent(c.name)} ${c.type}`;
  if (c.collation) sql += ` COLLATE ${c.collation}`;
  if (c.generated !== null) sql += ` GENERATED ALWAYS AS (${c.generated}) STORED`;
  else if (c.identity) sql += ` GENERATED ${c.identity.generation} AS IDENTITY (${identityOptions(c)})`;
  else if (c.defaultExpr !== null) sql += ` DEFAULT ${c.defaultExpr}`;
  if (c.notNull) sql += ' NOT NULL';
  return sql;
}

/** An identity's options, its sequence named: PostgreSQL would otherwise pick a name that may differ. */
function identityOptions(c: Column): string {
  return `SEQUENCE NAME ${qualified(c.schema, c.identity!.sequenceName)} ${sequenceOptions(c.identity!, false)}`;
}

// Conversions that keep every value: int -> bigint, varchar(n) -> varchar(m >= n) or text, ...
const WIDENINGS: [RegExp, RegExp][] = [
  [/^smallint$/, /^(integer|bigint|numeric.*)$/],
  [/^integer$/, /^(bigint|numeric.*)$/],
  [/^bigint$/, /^numeric$/],
  [/^real$/, /^double precision$/],
  [/^character varying(\(\d+\))?$/, /^text$/],
  [/^character\(\d+\)$/, /^text$/],
];

export function isWidening(from: string, to: string): boolean {
  if (WIDENINGS.some(([a, b]) => a.test(from) && b.test(to))) return true;
  const len = (t: string, base: string) => new RegExp(`^${base}\\((\\d+)\\)$`).exec(t)?.[1];
  for (const base of ['character varying', 'bit varying']) {
    const a = len(from, base);
    const b = len(to, base);
    if (a !== undefined && (to === base || (b !== undefined && Number(b) >= Number(a)))) return true;
  }
  const num = (t: string) => /^numeric\((\d+),(\d+)\)$/.exec(t);
  const a = num(from);
  const b = num(to);
  if (a && (to === 'numeric' || (b && Number(b[2]) === Number(a[2]) && Number(b[1]) >= Number(a[1])))) return true;
  return false;
}

const typmod = (t: string, base: string) => new RegExp(`^${base}(?:\\((\\d+)(?:,(\\d+))?\\))?$`).exec(t);

/**
 * Changes PostgreSQL makes without rewriting the table: the stored bytes are
 * already valid (varchar(n) -> text, varchar(m >= n), numeric(p,s) -> numeric,
 * a longer timestamp precision...).
 */
export function isBinaryCoercible(from: string, to: string): boolean {
  if (from === to) return true;
  const textual = /^(text|character varying(\(\d+\))?)$/;
  if (textual.test(from) && (to === 'text' || to === 'character varying')) return true;
  if (from === 'cidr' && to === 'inet') return true;
  for (const base of ['character varying', 'bit varying', 'numeric']) {
    const a = typmod(from, base);
    const b = typmod(to, base);
    if (!a || !b) continue;
    if (b[1] === undefined) return true;
    if (a[1] === undefined) return false;
    if (base === 'numeric') return (a[2] ?? '0') === (b[2] ?? '0') && Number(b[1]) >= Number(a[1]);
    return Number(b[1]) >= Number(a[1]);
  }
  return false;
}

function identityOptionChanges(s: Identity, t: Identity): string[] {
  const out: string[] = [];
  if (s.increment !== t.increment) out.push(`SET INCREMENT BY ${s.increment}`);
  if (s.start !== t.start) out.push(`SET START WITH ${s.start}`);
  if (s.min !== t.min) out.push(`SET MINVALUE ${s.min}`);
  if (s.max !== t.max) out.push(`SET MAXVALUE ${s.max}`);
  if (s.cache !== t.cache) out.push(`SET CACHE ${s.cache}`);
  if (s.cycle !== t.cycle) out.push(s.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
  return out;
}

/** Whether ADD COLUMN rewrites the table: a stored or volatile value per row, or a domain's checks to run. */
function addRewrites(ctx: DiffContext, c: Column): boolean {
  if (c.generated !== null || c.identity || c.volatileDefault) return true;
  const domain = [...ctx.source.types.values()].find((t) => t.kind === 'domain' && qualified(t.schema, t.name) === c.type);
  return domain !== undefined && (domain.checks.length > 0 || domain.notNull);
}

/** The identity's sequence is new, with the grants default privileges give it, whatever a sequence of its name held before. */
function identityCreated(ctx: DiffContext, c: Column): void {
  ctx.fresh.add(objectKey('sequence', c.schema, c.identity!.sequenceName));
}

export function addColumn(ctx: DiffContext, c: Column, action: 'create' | 'replace'): void {
  const hazards: Hazard[] = addRewrites(ctx, c) ? ['rewrite', 'lock'] : [];
  ctx.emit({
    key: c.key, phase: 'create', action, kind: 'column', object: columnName(c), hazards,
    sql: `ALTER TABLE ${qualified(c.schema, c.table)} ADD COLUMN ${columnDefinition(c)}`,
  });
  if (c.identity) identityCreated(ctx, c);
  columnDetails(ctx, c, null);
}

const STORAGE: Record<string, string> = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' };
const COMPRESSION: Record<string, string> = { p: 'pglz', l: 'lz4' };

/**
 * Storage, compression and statistics target: set after the column exists
 * (STORAGE in a column definition needs PostgreSQL 16). `t` null: a new
 * column, which starts with the type's defaults. An inherited column follows
 * its parents' statements (`parents`: their column keys), which reach it too.
 */
export function columnDetails(ctx: DiffContext, s: Column, t: Column | null, parents: string[] = []): void {
  const prefix = `ALTER TABLE ${qualified(s.schema, s.table)} ALTER COLUMN ${quoteIdent(s.name)}`;
  const parts: string[] = [];
  if (s.storage !== (t?.storage ?? s.defaultStorage) && STORAGE[s.storage]) parts.push(`SET STORAGE ${STORAGE[s.storage]}`);
  if (s.compression !== (t?.compression ?? null)) parts.push(`SET COMPRESSION ${s.compression ? COMPRESSION[s.compression] ?? s.compression : 'DEFAULT'}`);
  if (s.statistics !== (t?.statistics ?? null)) parts.push(`SET STATISTICS ${s.statistics ?? -1}`);
  if (parts.length === 0) return;
  ctx.emit({
    key: s.key, phase: 'create', action: 'alter', kind: 'column', object: columnName(s),
    sql: `${prefix} ${parts.join(', ALTER COLUMN '.concat(quoteIdent(s.name), ' '))}`,
    after: [objectKey('table', s.schema, s.table), ...parents],
  });
}

export function dropColumn(ctx: DiffContext, c: Column, action: 'drop' | 'replace'): void {
  ctx.emit({
    key: c.key, phase: 'drop', action, kind: 'column', object: columnName(c), hazards: ['destructive'],
    sql: `ALTER TABLE ${qualified(c.schema, c.table)} DROP COLUMN IF EXISTS ${quoteIdent(c.name)}`,
  });
  ctx.invalidated.add(c.key);
  ctx.droppedColumns.add(c.key);
}

/** Brings one column from its target state to its source state, in place where PostgreSQL allows. */
export function alterColumn(ctx: DiffContext, s: Column, t: Column): void {
  const prefix = `ALTER TABLE ${qualified(s.schema, s.table)} ALTER COLUMN ${quoteIdent(s.name)}`;
  const emit = (sql: string, hazards: Hazard[] = []) =>
    ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'column', object: columnName(s), sql: `${prefix} ${sql}`, hazards });

  // A new or changed generation expression: re-create the column (PG 17 can change it in place).
  if (s.generated !== null && s.generated !== t.generated) {
    if (t.generated !== null && s.type === t.type && ctx.target.serverVersion >= 170000) {
      emit(`SET EXPRESSION AS (${s.generated})`, ['rewrite', 'lock']);
      ctx.invalidated.add(s.key);
      return;
    }
    dropColumn(ctx, t, 'replace');
    addColumn(ctx, s, 'replace');
    return;
  }
  // In the drop phase: a serial's sequence may take the identity sequence's name.
  if (t.identity && !s.identity) {
    ctx.emit({ key: s.key, phase: 'drop', action: 'alter', kind: 'column', object: columnName(s), sql: `${prefix} DROP IDENTITY` });
  }
  if (t.generated !== null && s.generated === null) emit('DROP EXPRESSION');
  // Narrower bounds go first: the identity's sequence takes the column's new type, which refuses bounds that do not fit it.
  const identityChanges = s.identity && t.identity ? identityOptionChanges(s.identity, t.identity) : [];
  if (s.identity && t.identity && s.identity.generation !== t.identity.generation) identityChanges.unshift(`SET GENERATED ${s.identity.generation}`);
  const narrower = s.identity && t.identity && BigInt(s.identity.max) <= BigInt(t.identity.max) && BigInt(s.identity.min) >= BigInt(t.identity.min);
  if (identityChanges.length > 0 && narrower) emit(identityChanges.join(' '));
  if (s.identity && t.identity && s.identity.sequenceName !== t.identity.sequenceName) {
    ctx.emit({
      key: s.key, phase: 'create', action: 'alter', kind: 'column', object: columnName(s),
      sql: `ALTER SEQUENCE ${qualified(t.schema, t.identity.sequenceName)} RENAME TO ${quoteIdent(s.identity.sequenceName)}`,
    });
  }

  const typeChanged = s.type !== t.type || s.collation !== t.collation;
  const oldDefault = t.generated === null && !t.identity ? t.defaultExpr : null;
  let currentDefault = oldDefault;
  if (currentDefault !== null && (typeChanged || s.defaultExpr !== currentDefault || s.identity)) {
    emit('DROP DEFAULT');
    currentDefault = null;
  }
  if (typeChanged) {
    const collate = s.collation ? ` COLLATE ${s.collation}` : s.type === t.type ? ' COLLATE pg_catalog."default"' : '';
    // User-defined types (enums, domains) rarely cast to each other directly, but always through text.
    const viaText = s.type.includes('.') || t.type.includes('.') ? `::text${t.type.endsWith('[]') ? '[]' : ''}` : '';
    // A generated column is computed again from its expression: PostgreSQL refuses USING there.
    const using = s.type !== t.type && s.generated === null ? ` USING ${quoteIdent(s.name)}${viaText}::${s.type}` : '';
    const hazards: Hazard[] = isBinaryCoercible(t.type, s.type) ? ['lock'] : ['rewrite', 'lock'];
    if (s.type !== t.type && !isWidening(t.type, s.type)) hazards.push('destructive');
    emit(`TYPE ${s.type}${collate}${using}`, hazards);
    ctx.invalidated.add(s.key);
  }
  if (s.defaultExpr !== null && s.defaultExpr !== currentDefault) emit(`SET DEFAULT ${s.defaultExpr}`);
  if (s.notNull !== t.notNull && !(s.identity && !t.identity && s.notNull === false)) {
    if (s.notNull) emit('SET NOT NULL', ['lock']);
    else if (!s.identity) emit('DROP NOT NULL');
  }
  if (s.identity && !t.identity) {
    // After the serial's sequence of the same name is gone.
    ctx.emit({
      key: s.key, phase: 'create', action: 'alter', kind: 'column', object: columnName(s), after: [objectKey('sequence', s.schema, s.identity.sequenceName)],
      sql: `${prefix} ADD GENERATED ${s.identity.generation} AS IDENTITY (${identityOptions(s)})`,
    });
    identityCreated(ctx, s);
  }
  if (identityChanges.length > 0 && !narrower) emit(identityChanges.join(' '));
}

export function sameColumn(s: Column, t: Column): boolean {
  return (
    s.type === t.type && s.notNull === t.notNull && s.defaultExpr === t.defaultExpr && s.collation === t.collation &&
    s.generated === t.generated && JSON.stringify(s.identity) === JSON.stringify(t.identity)
  );
}

export function sameDetails(s: Column, t: Column): boolean {
  return s.storage === t.storage && s.compression === t.compression && s.statistics === t.statistics;
}
