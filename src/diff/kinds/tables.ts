import type { Table } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified } from '../../db/quote.js';
import type { Action } from '../change.js';
import type { DiffContext, KindHandler } from '../context.js';
import { addColumn, alterColumn, columnDefinition, dropColumn, sameColumn } from './columns.js';

const name = (o: Table) => `${o.schema}.${o.name}`;
const REPLICA_IDENTITY: Record<string, string> = { d: 'DEFAULT', f: 'FULL', n: 'NOTHING' };

function emitTable(ctx: DiffContext, o: Table, sql: string, extra: { phase?: 'drop' | 'create'; action?: Action; after?: string[]; hazards?: ('rewrite' | 'lock' | 'access' | 'destructive')[] } = {}): void {
  ctx.emit({ key: o.key, phase: extra.phase ?? 'create', action: extra.action ?? 'alter', kind: 'table', object: name(o), sql, after: extra.after, hazards: extra.hazards });
}

function createSql(o: Table): string {
  const id = qualified(o.schema, o.name);
  const partitionBy = o.partitionKey ? ` PARTITION BY ${o.partitionKey}` : '';
  const withOptions = o.options.length > 0 ? ` WITH (${o.options.join(', ')})` : '';
  const unlogged = o.unlogged ? 'UNLOGGED ' : '';
  if (o.partitionOf) {
    return `CREATE ${unlogged}TABLE ${id} PARTITION OF ${qualified(o.partitionOf.schema, o.partitionOf.name)} ${o.partitionOf.bound}${partitionBy}${withOptions}`;
  }
  const columns = o.columns.filter((c) => c.local).map((c) => `    ${columnDefinition(c)}`);
  const inherits = o.inherits.length > 0 ? ` INHERITS (${o.inherits.map((p) => qualified(p.schema, p.name)).join(', ')})` : '';
  return `CREATE ${unlogged}TABLE ${id} (\n${columns.join(',\n')}\n)${inherits}${partitionBy}${withOptions}`;
}

function rowSecurity(ctx: DiffContext, s: Table, t: Pick<Table, 'rlsEnabled' | 'rlsForced'>): void {
  const id = qualified(s.schema, s.name);
  if (s.rlsEnabled !== t.rlsEnabled) emitTable(ctx, s, `ALTER TABLE ${id} ${s.rlsEnabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`, { hazards: ['access'] });
  if (s.rlsForced !== t.rlsForced) emitTable(ctx, s, `ALTER TABLE ${id} ${s.rlsForced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`, { hazards: ['access'] });
}

function replicaIdentity(ctx: DiffContext, s: Table, current: string): void {
  const wanted = REPLICA_IDENTITY[s.replicaIdentity];
  if (s.replicaIdentity !== current && wanted) emitTable(ctx, s, `ALTER TABLE ${qualified(s.schema, s.name)} REPLICA IDENTITY ${wanted}`);
}

function attach(ctx: DiffContext, s: Table): void {
  if (!s.partitionOf) return;
  const parent = qualified(s.partitionOf.schema, s.partitionOf.name);
  emitTable(ctx, s, `ALTER TABLE ${parent} ATTACH PARTITION ${qualified(s.schema, s.name)} ${s.partitionOf.bound}`, {
    after: [objectKey('table', s.partitionOf.schema, s.partitionOf.name)], hazards: ['lock'],
  });
}

export const tables: KindHandler<Table> = {
  collection: (m) => m.tables,
  same(s, t) {
    if (
      JSON.stringify([s.kind, s.unlogged, s.partitionKey, s.partitionOf, s.inherits, s.rlsEnabled, s.rlsForced, s.options, s.replicaIdentity]) !==
      JSON.stringify([t.kind, t.unlogged, t.partitionKey, t.partitionOf, t.inherits, t.rlsEnabled, t.rlsForced, t.options, t.replicaIdentity])
    ) return false;
    if (s.columns.length !== t.columns.length) return false;
    // Whether a column is also declared locally (attislocal) has no ALTER: it is not compared.
    return s.columns.every((c) => {
      const other = t.columns.find((x) => x.name === c.name);
      return other !== undefined && sameColumn(c, other);
    });
  },
  create(ctx, o, action) {
    emitTable(ctx, o, createSql(o), { action });
    ctx.statements[ctx.statements.length - 1]!.provides = o.columns.map((c) => c.key);
    rowSecurity(ctx, o, { rlsEnabled: false, rlsForced: false });
    replicaIdentity(ctx, o, 'd');
  },
  drop(ctx, o, action) {
    emitTable(ctx, o, `DROP TABLE IF EXISTS ${qualified(o.schema, o.name)}`, { phase: 'drop', action, hazards: ['destructive'] });
    // Dropping the table drops its columns: what depends on them goes first.
    ctx.statements[ctx.statements.length - 1]!.provides = o.columns.map((c) => c.key);
  },
  alter(ctx, s, t) {
    if (s.kind !== t.kind || s.partitionKey !== t.partitionKey) return 'replace';
    const id = qualified(s.schema, s.name);
    const samePartition = JSON.stringify(s.partitionOf) === JSON.stringify(t.partitionOf);
    if (t.partitionOf && !samePartition) {
      emitTable(ctx, t, `ALTER TABLE ${qualified(t.partitionOf.schema, t.partitionOf.name)} DETACH PARTITION ${id}`, { phase: 'drop', hazards: ['lock'] });
    }
    for (const p of t.inherits) {
      if (!s.inherits.some((x) => x.schema === p.schema && x.name === p.name)) {
        emitTable(ctx, t, `ALTER TABLE ${id} NO INHERIT ${qualified(p.schema, p.name)}`, { phase: 'drop' });
      }
    }
    if (s.unlogged !== t.unlogged) emitTable(ctx, s, `ALTER TABLE ${id} SET ${s.unlogged ? 'UNLOGGED' : 'LOGGED'}`, { hazards: ['rewrite', 'lock'] });

    // Columns by name: position never matters.
    for (const c of t.columns) {
      if (c.local && !s.columns.some((x) => x.name === c.name)) dropColumn(ctx, c, 'drop');
    }
    for (const c of s.columns) {
      const other = t.columns.find((x) => x.name === c.name);
      if (!other) {
        // Inherited columns come with the parent, unless the table is only now joining it:
        // INHERIT and ATTACH PARTITION need them in place first.
        if (c.local || !samePartition || s.inherits.length !== t.inherits.length) addColumn(ctx, c, 'create');
      } else if (!sameColumn(c, other) && (c.local || other.local)) {
        // A column inherited on both sides changes with its parent.
        alterColumn(ctx, c, other);
      }
    }

    for (const p of s.inherits) {
      if (!t.inherits.some((x) => x.schema === p.schema && x.name === p.name)) {
        emitTable(ctx, s, `ALTER TABLE ${id} INHERIT ${qualified(p.schema, p.name)}`, { after: [objectKey('table', p.schema, p.name)] });
      }
    }
    if (!samePartition) attach(ctx, s);
    rowSecurity(ctx, s, t);
    const removed = t.options.filter((o) => !s.options.includes(o)).map((o) => o.split('=')[0]);
    const added = s.options.filter((o) => !t.options.includes(o));
    if (removed.length > 0) emitTable(ctx, s, `ALTER TABLE ${id} RESET (${removed.join(', ')})`);
    if (added.length > 0) emitTable(ctx, s, `ALTER TABLE ${id} SET (${added.join(', ')})`);
    replicaIdentity(ctx, s, t.replicaIdentity);
  },
};
