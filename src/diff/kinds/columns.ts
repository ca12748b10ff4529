import type { Column, Identity } from '../../catalog/model.js';
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
  else if (c.identity) sql += ` GENERATED ${c.identity.generation} AS IDENTITY (${sequenceOptions(c.identity, false)})`;
  else if (c.defaultExpr !== null) sql += ` DEFAULT ${c.defaultExpr}`;
  if (c.notNull) sql += ' NOT NULL';
  return sql;
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

export function addColumn(ctx: DiffContext, c: Column, action: 'create' | 'replace'): void {
  const hazards: Hazard[] = c.generated !== null || c.identity || (c.defaultExpr !== null && /\(/.test(c.defaultExpr)) ? ['rewrite', 'lock'] : [];
  ctx.emit({
    key: c.key, phase: 'create', action, kind: 'column', object: columnName(c), hazards,
    sql: `ALTER TABLE ${qualified(c.schema, c.table)} ADD COLUMN ${columnDefinition(c)}`,
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
  if (t.identity && !s.identity) emit('DROP IDENTITY');
  if (t.generated !== null && s.generated === null) emit('DROP EXPRESSION');

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
    const using = s.type !== t.type ? ` USING ${quoteIdent(s.name)}${viaText}::${s.type}` : '';
    const hazards: Hazard[] = s.type !== t.type ? ['rewrite', 'lock'] : ['lock'];
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
    emit(`ADD GENERATED ${s.identity.generation} AS IDENTITY (${sequenceOptions(s.identity, false)})`);
  } else if (s.identity && t.identity) {
    const changes = identityOptionChanges(s.identity, t.identity);
    if (s.identity.generation !== t.identity.generation) changes.unshift(`SET GENERATED ${s.identity.generation}`);
    if (changes.length > 0) emit(changes.join(' '));
  }
}

export function sameColumn(s: Column, t: Column): boolean {
  return (
    s.type === t.type && s.notNull === t.notNull && s.defaultExpr === t.defaultExpr && s.collation === t.collation &&
    s.generated === t.generated && JSON.stringify(s.identity) === JSON.stringify(t.identity)
  );
}
