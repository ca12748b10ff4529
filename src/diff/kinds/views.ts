import type { View } from '../../catalog/model.js';
import { qualified } from '../../db/quote.js';
import type { Action } from '../change.js';
import type { DiffContext, KindHandler } from '../context.js';

const name = (o: View) => `${o.schema}.${o.name}`;
const body = (o: View) => o.definition.trim().replace(/;$/, '');

function emitCreate(ctx: DiffContext, o: View, action: Action, orReplace: boolean): void {
  const id = qualified(o.schema, o.name);
  const withOptions = o.options.length > 0 ? ` WITH (${o.options.join(', ')})` : '';
  const sql =
    o.kind === 'materialized'
      ? `CREATE MATERIALIZED VIEW ${id}${withOptions} AS\n${body(o)}\nWITH DATA`
      : `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${id}${withOptions} AS\n${body(o)}`;
  ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind === 'materialized' ? 'materialized view' : 'view', object: name(o), sql });
}

export const views: KindHandler<View> = {
  collection: (m) => m.views,
  same: (a, b) => a.kind === b.kind && body(a) === body(b) && JSON.stringify(a.options) === JSON.stringify(b.options) && JSON.stringify(a.columns) === JSON.stringify(b.columns),
  create: (ctx, o, action) => emitCreate(ctx, o, action, false),
  drop(ctx, o, action) {
    const what = o.kind === 'materialized' ? 'MATERIALIZED VIEW' : 'VIEW';
    ctx.emit({ key: o.key, phase: 'drop', action, kind: o.kind === 'materialized' ? 'materialized view' : 'view', object: name(o), sql: `DROP ${what} IF EXISTS ${qualified(o.schema, o.name)}` });
  },
  alter(ctx, s, t) {
    // CREATE OR REPLACE VIEW may only append columns, and cannot remove options.
    const keepsColumns = t.columns.every((c, i) => s.columns[i] === c);
    const keepsOptions = t.options.every((o) => s.options.includes(o));
    if (s.kind !== 'view' || t.kind !== 'view' || !keepsColumns || !keepsOptions) return 'replace';
    emitCreate(ctx, s, 'alter', true);
  },
};
