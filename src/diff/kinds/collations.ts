import type { Collation } from '../../catalog/model.js';
import { qualified, quoteLiteral } from '../../db/quote.js';
import { sameExcept, type KindHandler } from '../context.js';

function options(o: Collation): string {
  const parts = [`provider = ${o.provider}`];
  if (o.provider === 'libc') {
    parts.push(`lc_collate = ${quoteLiteral(o.lcCollate ?? '')}`, `lc_ctype = ${quoteLiteral(o.lcCtype ?? '')}`);
  } else {
    parts.push(`locale = ${quoteLiteral(o.locale ?? '')}`);
  }
  if (!o.deterministic) parts.push('deterministic = false');
  return parts.join(', ');
}

export const collations: KindHandler<Collation> = {
  collection: (m) => m.collations,
  same: (a, b) => sameExcept(a, b, ['comment']),
  create(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'create', action, kind: 'collation', object: `${o.schema}.${o.name}`, sql: `CREATE COLLATION ${qualified(o.schema, o.name)} (${options(o)})` });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'collation', object: `${o.schema}.${o.name}`, sql: `DROP COLLATION IF EXISTS ${qualified(o.schema, o.name)}` });
  },
  alter: () => 'replace',
};
