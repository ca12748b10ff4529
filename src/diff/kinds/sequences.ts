import type { Sequence, SequenceOptions } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent } from '../../db/quote.js';
import type { Action } from '../change.js';
import type { DiffContext, KindHandler } from '../context.js';

const name = (o: Sequence) => `${o.schema}.${o.name}`;

/** The options of CREATE/ALTER SEQUENCE and of an identity column. */
export function sequenceOptions(o: SequenceOptions, withType = true): string {
  return [
    withType ? `AS ${o.dataType}` : '',
    `START WITH ${o.start}`, `INCREMENT BY ${o.increment}`, `MINVALUE ${o.min}`, `MAXVALUE ${o.max}`,
    `CACHE ${o.cache}`, o.cycle ? 'CYCLE' : 'NO CYCLE',
  ].filter(Boolean).join(' ');
}

/**
 * OWNED BY, keyed apart from the sequence: a column's default needs the
 * sequence before the column exists, and the ownership needs the column.
 */
function ownership(ctx: DiffContext, o: Sequence, action: Action): void {
  const owner = o.ownedBy;
  // A sequence linked to a table must have the table's owner: one the target keeps, when it is not the applying role.
  const tableKey = owner ? objectKey('table', owner.schema, owner.table) : '';
  const table = owner && !ctx.invalidated.has(tableKey) ? ctx.target.tables.get(tableKey) : undefined;
  const reowned = table !== undefined && table.owner !== ctx.target.currentUser;
  if (reowned) {
    ctx.emit({ key: `${o.key}#owner`, phase: 'create', action, kind: 'sequence', object: name(o), after: [o.key], sql: `ALTER SEQUENCE ${qualified(o.schema, o.name)} OWNER TO ${quoteIdent(table.owner)}` });
  }
  // A new sequence's link is keyed apart: the column whose default uses the sequence waits for it to exist, not to be linked.
  ctx.emit({
    key: `${o.key}#owned`, phase: 'create', action, kind: 'sequence', object: name(o),
    sql: `ALTER SEQUENCE ${qualified(o.schema, o.name)} OWNED BY ${owner ? `${qualified(owner.schema, owner.table)}.${quoteIdent(owner.column)}` : 'NONE'}`,
    after: [o.key, ...(owner ? [objectKey('column', owner.schema, owner.table, owner.column)] : []), ...(reowned ? [`${o.key}#owner`] : [])],
  });
}

/**
 * A sequence the source keeps, owned on the target by a column that goes
 * (alone or with its table), would go with it: it is released first, and
 * owned again once its source owner exists.
 */
export function releaseOwnedSequences(ctx: DiffContext, decision: (key: string) => string | undefined): void {
  for (const t of ctx.target.sequences.values()) {
    const owner = t.ownedBy;
    const s = ctx.source.sequences.get(t.key);
    if (!owner || !s || decision(t.key) === 'drop' || decision(t.key) === 'replace') continue;
    const columnKey = objectKey('column', owner.schema, owner.table, owner.column);
    if (!ctx.droppedColumns.has(columnKey)) continue;
    ctx.emit({
      key: `${t.key}#owned`, phase: 'drop', action: 'alter', kind: 'sequence', object: name(t),
      sql: `ALTER SEQUENCE ${qualified(t.schema, t.name)} OWNED BY NONE`, before: [columnKey, objectKey('table', owner.schema, owner.table)],
    });
    const same = JSON.stringify(s.ownedBy) === JSON.stringify(t.ownedBy);
    if (s.ownedBy && same) ownership(ctx, s, 'alter');
  }
}

export const sequences: KindHandler<Sequence> = {
  collection: (m) => m.sequences,
  same: (a, b) => sequenceOptions(a) === sequenceOptions(b) && JSON.stringify(a.ownedBy) === JSON.stringify(b.ownedBy),
  create(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'create', action, kind: 'sequence', object: name(o), sql: `CREATE SEQUENCE ${qualified(o.schema, o.name)} ${sequenceOptions(o)}` });
    if (o.ownedBy) ownership(ctx, o, action);
  },
  drop(ctx, o, action) {
    // IF EXISTS: dropping the owning table or column drops the sequence too.
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'sequence', object: name(o), sql: `DROP SEQUENCE IF EXISTS ${qualified(o.schema, o.name)}`, hazards: ['destructive'] });
  },
  alter(ctx, s, t) {
    if (sequenceOptions(s) !== sequenceOptions(t)) {
      const changed: string[] = [];
      if (s.dataType !== t.dataType) changed.push(`AS ${s.dataType}`);
      if (s.increment !== t.increment) changed.push(`INCREMENT BY ${s.increment}`);
      if (s.min !== t.min || s.dataType !== t.dataType) changed.push(`MINVALUE ${s.min}`);
      if (s.max !== t.max || s.dataType !== t.dataType) changed.push(`MAXVALUE ${s.max}`);
      if (s.start !== t.start) changed.push(`START WITH ${s.start}`);
      if (s.cache !== t.cache) changed.push(`CACHE ${s.cache}`);
      if (s.cycle !== t.cycle) changed.push(s.cycle ? 'CYCLE' : 'NO CYCLE');
      // PostgreSQL refuses bounds the current value falls outside: the counter moves to the nearest bound.
      const current = BigInt(t.lastValue ?? t.start);
      if (current < BigInt(s.min)) changed.push(`RESTART WITH ${s.min}`);
      else if (current > BigInt(s.max)) changed.push(`RESTART WITH ${s.max}`);
      ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'sequence', object: name(s), sql: `ALTER SEQUENCE ${qualified(s.schema, s.name)} ${changed.join(' ')}` });
    }
    if (JSON.stringify(s.ownedBy) !== JSON.stringify(t.ownedBy)) ownership(ctx, s, 'alter');
  },
};
