import { tableLabel } from '../db/names.js';
import { tableKey, type DataForeignKey, type DataTable } from './model.js';

export interface LoadPlan {
  /** Tables in load order: each after the tables it references (cycles aside). */
  order: DataTable[];
  /** Foreign keys deferred to commit (deferrable ones inside a cycle), as `schema.table` + name. */
  deferred: { table: DataTable; key: DataForeignKey }[];
  /** Foreign keys loaded as NULL and filled in after every table is loaded (nullable ones inside a cycle). */
  nulled: { table: DataTable; key: DataForeignKey }[];
}

export class CycleError extends Error {
  override name = 'CycleError';
}

/**
 * Orders the selected tables by their foreign keys to each other. A
 * self-reference needs nothing (COPY checks it at the end of the statement).
 * A cycle is broken without superuser rights: by deferring its deferrable
 * keys to commit, else by loading nullable key columns as NULL and filling
 * them in afterwards (needs a primary key), else it is an error naming it.
 */
export function planLoadOrder(tables: readonly DataTable[]): LoadPlan {
  const byKey = new Map(tables.map((t) => [tableKey(t), t]));
  const edgesOf = (t: DataTable) =>
    t.foreignKeys
      .map((key) => ({ key, to: byKey.get(tableKey({ schema: key.refSchema, name: key.refTable })) }))
      .filter((e): e is { key: DataForeignKey; to: DataTable } => e.to !== undefined && e.to !== t);
  const deferred: LoadPlan['deferred'] = [];
  const nulled: LoadPlan['nulled'] = [];
  const broken = new Set<DataForeignKey>();

  for (;;) {
    const { order, rest } = kahn(tables, (t) => edgesOf(t).filter((e) => !broken.has(e.key)).map((e) => e.to));
    if (rest.length === 0) return { order, deferred, nulled };
    const cycle = findCycle(rest, (t) => edgesOf(t).filter((e) => !broken.has(e.key) && rest.includes(e.to)));
    const deferrable = cycle.filter((e) => e.key.deferrable);
    if (deferrable.length > 0) {
      for (const e of deferrable) {
        broken.add(e.key);
        deferred.push({ table: e.from, key: e.key });
      }
      continue;
    }
    const nullable = cycle.find((e) => e.from.primaryKey && e.key.columns.every((c) => !e.from.columns.find((col) => col.name === c)?.notNull));
    if (nullable) {
      broken.add(nullable.key);
      nulled.push({ table: nullable.from, key: nullable.key });
      continue;
    }
    const path = [...cycle.map((e) => `${tableLabel(e.from)} (${e.key.name})`), tableLabel(cycle[0]!.from)].join(' → ');
    throw new CycleError(
      `the foreign keys of the selected tables form a cycle that cannot be loaded without superuser rights: ${path}. ` +
        'Make one of these keys DEFERRABLE, or its columns nullable (on a table with a primary key), or leave a table of the cycle out of [data].tables.',
    );
  }
}

/** Kahn's algorithm, keeping the given order among tables that are free at the same time. */
function kahn(tables: readonly DataTable[], dependsOn: (t: DataTable) => DataTable[]): { order: DataTable[]; rest: DataTable[] } {
  const order: DataTable[] = [];
  const placed = new Set<DataTable>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const t of tables) {
      if (placed.has(t)) continue;
      if (dependsOn(t).every((d) => placed.has(d))) {
        order.push(t);
        placed.add(t);
        progress = true;
      }
    }
  }
  return { order, rest: tables.filter((t) => !placed.has(t)) };
}

interface Edge {
  from: DataTable;
  to: DataTable;
  key: DataForeignKey;
}

/** One cycle among tables that Kahn's algorithm could not place: follow edges until a table repeats. */
function findCycle(rest: readonly DataTable[], edges: (t: DataTable) => { key: DataForeignKey; to: DataTable }[]): Edge[] {
  const path: Edge[] = [];
  const seenAt = new Map<DataTable, number>();
  let at = rest[0]!;
  for (;;) {
    seenAt.set(at, path.length);
    // Every table left has an edge inside the rest; take the first for a stable message.
    const next = edges(at)[0]!;
    path.push({ from: at, to: next.to, key: next.key });
    const start = seenAt.get(next.to);
    if (start !== undefined) return path.slice(start);
    at = next.to;
  }
}
