import type { TypeObject } from '../../catalog/model.js';
import { keyKind, keyParts, objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import type { DiffContext } from '../context.js';

/**
 * An enum that loses or reorders values cannot be altered in place: the old
 * type is renamed, the new one created, each column using it converted
 * through text, and the old type dropped. Columns and their dependents
 * (views...) are re-created around it by the cascade.
 */
export function rebuildEnum(ctx: DiffContext, s: TypeObject, t: TypeObject): void {
  const id = qualified(s.schema, s.name);
  const oldName = `${s.name}__old`;
  const removed = t.labels.filter((l) => !s.labels.includes(l));
  const hazards = removed.length > 0 ? (['destructive'] as const) : [];
  const emit = (sql: string, extra: Partial<{ hazards: ('destructive' | 'rewrite' | 'lock')[] }> = {}) =>
    ctx.emit({ key: s.key, phase: 'create', action: 'replace', kind: 'type', object: `${s.schema}.${s.name}`, sql, hazards: [...hazards, ...(extra.hazards ?? [])] });

  emit(`ALTER TYPE ${id} RENAME TO ${quoteIdent(oldName)}`);
  emit(`CREATE TYPE ${id} AS ENUM (${s.labels.map(quoteLiteral).join(', ')})`);
  for (const columnKey of ctx.dependentsInTarget(s.key).filter((k) => keyKind(k) === 'column')) {
    const [schema = '', table = '', column = ''] = keyParts(columnKey);
    const target = ctx.target.tables.get(objectKey('table', schema, table))?.columns.find((c) => c.name === column);
    const source = ctx.source.tables.get(objectKey('table', schema, table))?.columns.find((c) => c.name === column);
    // A column that changes type anyway is the table diff's business.
    if (!target || !source || source.type !== target.type) continue;
    const array = target.type.endsWith('[]');
    const alter = `ALTER TABLE ${qualified(schema, table)} ALTER COLUMN ${quoteIdent(column)}`;
    if (target.defaultExpr !== null) emit(`${alter} DROP DEFAULT`);
    emit(`${alter} TYPE ${id}${array ? '[]' : ''} USING ${quoteIdent(column)}::text${array ? '[]' : ''}::${id}${array ? '[]' : ''}`, { hazards: ['rewrite', 'lock'] });
    if (source.defaultExpr !== null) emit(`${alter} SET DEFAULT ${source.defaultExpr}`);
    ctx.invalidated.add(columnKey);
  }
  emit(`DROP TYPE ${qualified(s.schema, oldName)}`);
  ctx.invalidated.add(s.key);
}
