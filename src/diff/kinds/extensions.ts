import type { Extension } from '../../catalog/model.js';
import { quoteIdent, quoteLiteral } from '../../db/quote.js';
import type { KindHandler } from '../context.js';

export const extensions: KindHandler<Extension> = {
  collection: (m) => m.extensions,
  same: (a, b) => a.schema === b.schema && a.version === b.version,
  create(ctx, o, action) {
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'extension', object: o.name,
      sql: `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(o.name)} WITH SCHEMA ${quoteIdent(o.schema)} VERSION ${quoteLiteral(o.version)}`,
    });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'extension', object: o.name, sql: `DROP EXTENSION IF EXISTS ${quoteIdent(o.name)}`, hazards: ['destructive'] });
  },
  alter(ctx, s, t) {
    // PostgreSQL refuses SET SCHEMA for an extension that is not relocatable: only drop and create move it.
    if (s.schema !== t.schema && !t.relocatable) return 'replace';
    if (s.schema !== t.schema) {
      ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'extension', object: s.name, sql: `ALTER EXTENSION ${quoteIdent(s.name)} SET SCHEMA ${quoteIdent(s.schema)}` });
    }
    if (s.version !== t.version) {
      if (ctx.options.extensionVersions === false) return;
      ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'extension', object: s.name, sql: `ALTER EXTENSION ${quoteIdent(s.name)} UPDATE TO ${quoteLiteral(s.version)}` });
    }
  },
};
