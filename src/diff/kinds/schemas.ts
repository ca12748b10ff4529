import type { SchemaObject } from '../../catalog/model.js';
import { quoteIdent } from '../../db/quote.js';
import type { KindHandler } from '../context.js';

export const schemas: KindHandler<SchemaObject> = {
  collection: (m) => m.schemas,
  same: () => true,
  create(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'create', action, kind: 'schema', object: o.name, sql: `CREATE SCHEMA ${quoteIdent(o.name)}` });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'schema', object: o.name, sql: `DROP SCHEMA ${quoteIdent(o.name)}`, hazards: ['destructive'] });
  },
  alter() {},
};
