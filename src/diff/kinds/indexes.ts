import type { Index } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified } from '../../db/quote.js';
import type { KindHandler } from '../context.js';

const name = (o: Index) => `${o.schema}.${o.name}`;

export const indexes: KindHandler<Index> = {
  collection: (m) => m.indexes,
  same: (a, b) => a.definition === b.definition,
  create(ctx, o, action) {
    // ON ONLY (a partitioned parent's index as pg_get_indexdef prints it) would not reach the partitions.
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'index', object: name(o), hazards: ['index-build', 'lock'],
      sql: o.definition.replace(/ ON ONLY /, ' ON '), after: [objectKey('table', o.schema, o.table)],
    });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'index', object: name(o), sql: `DROP INDEX IF EXISTS ${qualified(o.schema, o.name)}` });
  },
  alter: () => 'replace',
};
