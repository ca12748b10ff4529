import type { Table } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent } from '../../db/quote.js';
import type { Action } from '../change.js';
import type { DiffContext, KindHandler } from '../context.js';
import type { Column } from '../../catalog/model.js';
import { addColumn, alterColumn, columnDefinition, columnDetails, dropColumn, sameColumn, sameDetails } from './columns.js';

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
  if (o.ofType) {
    // The type gives the columns; each may add a default and NOT NULL of its own.
    const own = o.columns.filter((c) => c.defaultExpr !== null || c.notNull)
      .map((c) => `    ${quoteIdent(c.name)} WITH OPTIONS${c.defaultExpr !== null ? ` DEFAULT ${c.defaultExpr}` : ''}${c.notNull ? ' NOT NULL' : ''}`);
    return `CREATE ${unlogged}TABLE ${id} OF ${qualified(o.ofType.schema, o.ofType.name)}${own.length > 0 ? ` (\n${own.join(',\n')}\n)` : ''}${partitionBy}${withOptions}`;
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

/** The parents' keys of a column's table, for the column's own statements to follow theirs. */
function parentColumns(o: Table, c: Column): string[] {
  const parents = [...o.inherits, ...(o.partitionOf ? [o.partitionOf] : [])];
  return parents.map((p) => objectKey('column', p.schema, p.name, c.name));
}

/**
 * The keys of the ancestors' copies of a table's inherited columns (up the
 * whole partition or inheritance tree): dropping or retyping one there
 * reaches this table, so this table's drop goes before and its create after.
 */
function ancestorColumns(m: DiffContext['source'], o: Table): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  const walk = (x: Table, names: string[]) => {
    for (const p of [...x.inherits, ...(x.partitionOf ? [x.partitionOf] : [])]) {
      const parent = m.tables.get(objectKey('table', p.schema, p.name));
      if (!parent || seen.has(parent.key)) continue;
      seen.add(parent.key);
      const held = names.filter((n) => parent.columns.some((c) => c.name === n));
      keys.push(...held.map((n) => objectKey('column', parent.schema, parent.name, n)));
      walk(parent, held);
    }
  };
  walk(o, o.columns.filter((c) => !c.local).map((c) => c.name));
  return keys;
}

/** A column of the partition key changes type or collation: PostgreSQL refuses to alter it, so the table is re-created. */
function partitionKeyRetyped(s: Table, t: Table): boolean {
  return t.partitionColumns.some((n) => {
    const a = s.columns.find((x) => x.name === n);
    const b = t.columns.find((x) => x.name === n);
    return a !== undefined && b !== undefined && (a.type !== b.type || a.collation !== b.collation);
  });
}

/**
 * Whether a column's own declaration (attislocal) would end differing: no ALTER
 * sets it, so only re-creating the table gets there (the plan says it is destructive).
 */
function localityDiffers(ctx: DiffContext, s: Table, t: Table): boolean {
  if (s.partitionOf || t.partitionOf) return false;
  const inherited = (m: typeof ctx.source, parents: Table['inherits'], column: string) =>
    parents.some((p) => m.tables.get(objectKey('table', p.schema, p.name))?.columns.some((x) => x.name === column));
  const joined = s.inherits.filter((p) => !t.inherits.some((x) => x.schema === p.schema && x.name === p.name));
  return s.columns.some((c) => {
    const other = t.columns.find((x) => x.name === c.name);
    if (other !== undefined && other.local !== c.local && inherited(ctx.source, s.inherits, c.name) && inherited(ctx.target, t.inherits, c.name)) return true;
    // Joining a parent (INHERIT) needs its columns in place first, and leaves them declared locally.
    return !c.local && inherited(ctx.source, joined, c.name);
  });
}

/**
 * REPLICA IDENTITY USING INDEX and CLUSTER ON name an index: set once the
 * index exists, again when the plan re-creates it. Run after every kind has
 * emitted (it reads which objects are fresh).
 */
export function tableIndexFlags(ctx: DiffContext): void {
  for (const s of ctx.source.tables.values()) {
    const t = ctx.target.tables.get(s.key);
    const tableFresh = ctx.fresh.has(s.key) || !t;
    const indexKeys = (index: string) => [objectKey('index', s.schema, index), objectKey('constraint', s.schema, s.name, index)];
    const remade = (index: string) => indexKeys(index).some((k) => ctx.fresh.has(k));
    const id = qualified(s.schema, s.name);
    // Keyed apart from the table: the index waits for the table's statements, these wait for the index.
    const emit = (sql: string, after: string[] = []) =>
      ctx.emit({ key: `${s.key}#index`, phase: 'create', action: 'alter', kind: 'table', object: `${s.schema}.${s.name}`, sql, after: [s.key, ...after] });
    if (s.replicaIdentity === 'i' && s.replicaIndex && (tableFresh || t.replicaIdentity !== 'i' || t.replicaIndex !== s.replicaIndex || remade(s.replicaIndex))) {
      emit(`ALTER TABLE ${id} REPLICA IDENTITY USING INDEX ${quoteIdent(s.replicaIndex)}`, indexKeys(s.replicaIndex));
    }
    if (s.clusterIndex && (tableFresh || t.clusterIndex !== s.clusterIndex || remade(s.clusterIndex))) {
      emit(`ALTER TABLE ${id} CLUSTER ON ${quoteIdent(s.clusterIndex)}`, indexKeys(s.clusterIndex));
    } else if (!s.clusterIndex && t?.clusterIndex && !tableFresh) {
      emit(`ALTER TABLE ${id} SET WITHOUT CLUSTER`);
    }
  }
}

/**
 * Drops a column of a parent table. When a child keeps it in the source,
 * ONLY leaves the child's copy in place as its own column; children that lose
 * it too then drop theirs after.
 */
function dropParentColumn(ctx: DiffContext, s: Table, t: Table, c: Column): void {
  const children = [...ctx.target.tables.values()].filter((x) => x.inherits.some((p) => p.schema === t.schema && p.name === t.name));
  const keeps = children.filter((x) => ctx.source.tables.get(x.key)?.columns.some((y) => y.name === c.name));
  if (keeps.length === 0) {
    dropColumn(ctx, c, 'drop');
    return;
  }
  const loses = children.filter((x) => !keeps.includes(x) && ctx.source.tables.has(x.key) && x.columns.some((y) => y.name === c.name && !y.local));
  const losing = loses.map((x) => x.columns.find((y) => y.name === c.name)!);
  ctx.emit({
    key: c.key, phase: 'drop', action: 'drop', kind: 'column', object: `${c.schema}.${c.table}.${c.name}`, hazards: ['destructive'],
    sql: `ALTER TABLE ONLY ${qualified(s.schema, s.name)} DROP COLUMN IF EXISTS ${quoteIdent(c.name)}`, before: losing.map((x) => x.key),
  });
  ctx.invalidated.add(c.key);
  ctx.droppedColumns.add(c.key);
  for (const x of losing) dropColumn(ctx, x, 'drop');
}

export const tables: KindHandler<Table> = {
  collection: (m) => m.tables,
  same(s, t) {
    if (
      JSON.stringify([s.kind, s.unlogged, s.partitionKey, s.partitionOf, s.inherits, s.ofType, s.rlsEnabled, s.rlsForced, s.options, s.replicaIdentity, s.replicaIndex, s.clusterIndex]) !==
      JSON.stringify([t.kind, t.unlogged, t.partitionKey, t.partitionOf, t.inherits, t.ofType, t.rlsEnabled, t.rlsForced, t.options, t.replicaIdentity, t.replicaIndex, t.clusterIndex])
    ) return false;
    if (s.columns.length !== t.columns.length) return false;
    return s.columns.every((c) => {
      const other = t.columns.find((x) => x.name === c.name);
      return other !== undefined && sameColumn(c, other) && sameDetails(c, other) && c.local === other.local;
    });
  },
  create(ctx, o, action) {
    emitTable(ctx, o, createSql(o), { action, after: ancestorColumns(ctx.source, o) });
    ctx.statements[ctx.statements.length - 1]!.provides = o.columns.map((c) => c.key);
    for (const c of o.columns) columnDetails(ctx, c, null, parentColumns(o, c));
    rowSecurity(ctx, o, { rlsEnabled: false, rlsForced: false });
    replicaIdentity(ctx, o, 'd');
  },
  drop(ctx, o, action) {
    emitTable(ctx, o, `DROP TABLE IF EXISTS ${qualified(o.schema, o.name)}`, { phase: 'drop', action, hazards: ['destructive'] });
    // Dropping the table drops its columns: what depends on them goes first.
    const statement = ctx.statements[ctx.statements.length - 1]!;
    statement.provides = o.columns.map((c) => c.key);
    // An ancestor's column drop recurses here, and fails if this table's partition key uses it.
    statement.before = ancestorColumns(ctx.target, o);
  },
  alter(ctx, s, t) {
    if (s.kind !== t.kind || s.partitionKey !== t.partitionKey || partitionKeyRetyped(s, t) || localityDiffers(ctx, s, t)) return 'replace';
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
    const sameType = JSON.stringify(s.ofType) === JSON.stringify(t.ofType);
    // A typed table's columns are the type's: it leaves its type first, and joins the source's last.
    if (t.ofType && !sameType) emitTable(ctx, t, `ALTER TABLE ${id} NOT OF`, { phase: 'drop' });
    // Typed on both sides: columns come, go and change type with the type (ALTER TYPE ... CASCADE).
    const byType = s.ofType !== null && sameType;
    if (s.unlogged !== t.unlogged) emitTable(ctx, s, `ALTER TABLE ${id} SET ${s.unlogged ? 'UNLOGGED' : 'LOGGED'}`, { hazards: ['rewrite', 'lock'] });

    // Columns by name: position never matters.
    for (const c of t.columns) {
      if (c.local && !byType && !s.columns.some((x) => x.name === c.name)) dropParentColumn(ctx, s, t, c);
    }
    for (const c of s.columns) {
      const other = t.columns.find((x) => x.name === c.name);
      if (byType && (!other || other.type !== c.type || other.collation !== c.collation)) continue;
      if (!other) {
        // Inherited columns come with the parent, unless the table is only now joining it:
        // INHERIT and ATTACH PARTITION need them in place first.
        if (c.local || !samePartition || s.inherits.length !== t.inherits.length) addColumn(ctx, c, 'create');
      } else if (!sameColumn(c, other) && (c.local || other.local)) {
        // A column inherited on both sides changes with its parent.
        alterColumn(ctx, c, other);
      }
      if (other && !sameDetails(c, other)) columnDetails(ctx, c, other, parentColumns(s, c));
    }

    for (const p of s.inherits) {
      if (!t.inherits.some((x) => x.schema === p.schema && x.name === p.name)) {
        emitTable(ctx, s, `ALTER TABLE ${id} INHERIT ${qualified(p.schema, p.name)}`, { after: [objectKey('table', p.schema, p.name)] });
      }
    }
    if (!samePartition) attach(ctx, s);
    if (s.ofType && !sameType) emitTable(ctx, s, `ALTER TABLE ${id} OF ${qualified(s.ofType.schema, s.ofType.name)}`, { after: [objectKey('type', s.ofType.schema, s.ofType.name)] });
    rowSecurity(ctx, s, t);
    const removed = t.options.filter((o) => !s.options.includes(o)).map((o) => o.split('=')[0]);
    const added = s.options.filter((o) => !t.options.includes(o));
    if (removed.length > 0) emitTable(ctx, s, `ALTER TABLE ${id} RESET (${removed.join(', ')})`);
    if (added.length > 0) emitTable(ctx, s, `ALTER TABLE ${id} SET (${added.join(', ')})`);
    replicaIdentity(ctx, s, t.replicaIdentity);
  },
};
