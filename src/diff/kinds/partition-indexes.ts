import type { Index, PartitionIndex, SchemaModel } from '../../catalog/model.js';
import { keyKind, objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent } from '../../db/quote.js';
import type { DiffContext, KindHandler } from '../context.js';

const display = (o: PartitionIndex) => `${o.schema}.${o.name}`;
const NAME_BYTES = 63;

/** Cuts a name to `bytes` bytes of UTF-8 without splitting a character, as PostgreSQL does. */
function clip(name: string, bytes: number): string {
  let out = '';
  for (const ch of name) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * The name PostgreSQL gives the index it creates on a partition for an index
 * of its parent (ChooseIndexName): `table_columns_idx`, `table_pkey`,
 * `table_columns_key`, `table_columns_excl`, cut to fit in 63 bytes.
 */
export function chosenName(o: Pick<PartitionIndex, 'table' | 'columns' | 'constraintType'>): string {
  const label = o.constraintType === 'p' ? 'pkey' : o.constraintType === 'u' ? 'key' : o.constraintType === 'x' ? 'excl' : 'idx';
  let columns = '';
  if (o.constraintType !== 'p') {
    for (const c of o.columns) {
      columns += (columns ? '_' : '') + c;
      if (Buffer.byteLength(columns) >= NAME_BYTES) break;
    }
  }
  const available = NAME_BYTES - label.length - 1 - (columns ? 1 : 0);
  let a = Buffer.byteLength(o.table);
  let b = Buffer.byteLength(columns);
  while (a + b > available) {
    if (a > b) a--;
    else b--;
  }
  const first = clip(o.table, a);
  const second = clip(columns, b);
  return [first, ...(second ? [second] : []), label].join('_');
}

/** The regular index of the other database an index partition takes over (same table, name and definition). */
function sameIndex(m: SchemaModel, o: PartitionIndex): Index | undefined {
  const i = m.indexes.get(objectKey('index', o.schema, o.name));
  return i && i.table === o.table && i.definition === o.definition ? i : undefined;
}

/**
 * Whether the source's plain index `o` is the target's index partition of that
 * name once its table leaves the partition tree (DETACH keeps it), its top
 * index staying.
 */
export function detachedInto(ctx: DiffContext, o: Index): boolean {
  const kept = (root: string) => (ctx.source.indexes.has(root) || ctx.source.constraints.has(root)) && !ctx.creating.has(root);
  return [...ctx.target.partitionIndexes.values()].some((p) => kept(p.root) && sameIndex(ctx.source, p) === o);
}

/** Whether the source's index partition takes over the target's plain index `o` (attached, not rebuilt). */
export function adopts(ctx: DiffContext, o: Index): boolean {
  return [...ctx.source.partitionIndexes.values()].some((p) =>
    keyKind(p.root) === 'index' && !ctx.target.partitionIndexes.has(p.key) && sameIndex(ctx.target, p) === o);
}

function storage(ctx: DiffContext, s: PartitionIndex, t: Pick<PartitionIndex, 'options' | 'tablespace'>, after: string[]): void {
  const id = qualified(s.schema, s.name);
  const emit = (sql: string) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'index', object: display(s), sql, after });
  const removed = t.options.filter((o) => !s.options.includes(o)).map((o) => o.split('=')[0]);
  const added = s.options.filter((o) => !t.options.includes(o));
  if (removed.length > 0) emit(`ALTER INDEX ${id} RESET (${removed.join(', ')})`);
  if (added.length > 0) emit(`ALTER INDEX ${id} SET (${added.join(', ')})`);
  if (s.tablespace !== t.tablespace) emit(`ALTER INDEX ${id} SET TABLESPACE ${quoteIdent(s.tablespace ?? 'pg_default')}`);
}

/**
 * Index partitions. One whose top index the plan creates is created on its
 * own (the top index is created ON ONLY) and attached, with its name and
 * storage; a plain index of the same definition is attached instead. One
 * PostgreSQL creates by itself (a partition created or attached under an
 * existing index) gets its name and storage afterwards. None is dropped on its
 * own: it goes with its parent index or its table.
 */
export const partitionIndexes: KindHandler<PartitionIndex> = {
  collection: (m) => m.partitionIndexes,
  same: (a, b) => a.name === b.name && JSON.stringify(a.options) === JSON.stringify(b.options) && a.tablespace === b.tablespace,
  create(ctx, o, action) {
    const table = objectKey('table', o.schema, o.table);
    const after = [table, o.parent.key];
    if (keyKind(o.root) === 'index' && ctx.creating.has(o.root)) {
      const parent = qualified(o.parent.schema, o.parent.name);
      if (!sameIndex(ctx.target, o)) {
        const tablespace = o.tablespace ? ` TABLESPACE ${quoteIdent(o.tablespace)}` : '';
        const where = o.definition.match(/ WHERE .*$/s)?.[0] ?? '';
        const sql = `${o.definition.slice(0, o.definition.length - where.length)}${tablespace}${where}`;
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'index', object: display(o), hazards: ['index-build', 'lock'], sql, after: [table] });
      }
      ctx.emit({ key: o.key, phase: 'create', action, kind: 'index', object: display(o), sql: `ALTER INDEX ${parent} ATTACH PARTITION ${qualified(o.schema, o.name)}`, after });
      return;
    }
    // PostgreSQL made it with the partition (or attached the plain index of its name, kept for it).
    const adopted = sameIndex(ctx.target, o) !== undefined && keyKind(o.root) === 'index';
    const made = chosenName(o);
    if (!adopted && made !== o.name) {
      ctx.emit({ key: o.key, phase: 'create', action, kind: 'index', object: display(o), sql: `ALTER INDEX ${qualified(o.schema, made)} RENAME TO ${quoteIdent(o.name)}`, after });
    }
    if (!adopted) storage(ctx, o, { options: [], tablespace: null }, after);
  },
  drop: () => undefined,
  alter(ctx, s, t) {
    const after = [objectKey('table', s.schema, s.table), s.parent.key];
    if (s.name !== t.name) {
      ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'index', object: display(s), sql: `ALTER INDEX ${qualified(t.schema, t.name)} RENAME TO ${quoteIdent(s.name)}`, after });
    }
    storage(ctx, s, t, after);
  },
};
