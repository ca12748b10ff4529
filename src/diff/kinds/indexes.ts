import type { Index, SchemaModel } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified } from '../../db/quote.js';
import type { KindHandler } from '../context.js';
import { adopts, detachedInto } from './partition-indexes.js';

const name = (o: Index) => `${o.schema}.${o.name}`;

/** The keys of every partition below a table, at any depth. */
function partitionsBelow(m: SchemaModel, schema: string, table: string): string[] {
  const out: string[] = [];
  const walk = (s: string, t: string) => {
    for (const x of m.tables.values()) {
      if (x.partitionOf?.schema === s && x.partitionOf.name === t) {
        out.push(x.key);
        walk(x.schema, x.name);
      }
    }
  };
  walk(schema, table);
  return out;
}

export const indexes: KindHandler<Index> = {
  collection: (m) => m.indexes,
  same: (a, b) => a.definition === b.definition,
  create(ctx, o, action) {
    // The target's index partition of this name becomes it when its table is detached.
    if (detachedInto(ctx, o)) return;
    // A partitioned table's index is created ON ONLY, after its partitions: their own indexes, named and
    // stored as the source has them, are attached to it (see the index partitions).
    const partitioned = ctx.source.tables.get(objectKey('table', o.schema, o.table))?.kind === 'partitioned';
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'index', object: name(o), hazards: ['index-build', 'lock'],
      sql: partitioned ? o.definition : o.definition.replace(/ ON ONLY /, ' ON '),
      after: [objectKey('table', o.schema, o.table), ...(partitioned ? partitionsBelow(ctx.source, o.schema, o.table) : [])],
    });
  },
  drop(ctx, o, action) {
    if (adopts(ctx, o)) return;
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'index', object: name(o), sql: `DROP INDEX IF EXISTS ${qualified(o.schema, o.name)}` });
  },
  alter: () => 'replace',
};
