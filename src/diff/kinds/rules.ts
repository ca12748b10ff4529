import type { Rule } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent } from '../../db/quote.js';
import type { Action } from '../change.js';
import type { DiffContext, KindHandler } from '../context.js';

const name = (o: Rule) => `${o.schema}.${o.table}.${o.name}`;
const STATE: Record<string, string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

function emitCreate(ctx: DiffContext, o: Rule, action: Action, orReplace: boolean): void {
  const sql = orReplace ? o.definition.replace(/^CREATE RULE /, 'CREATE OR REPLACE RULE ') : o.definition;
  ctx.emit({ key: o.key, phase: 'create', action, kind: 'rule', object: name(o), sql, after: [objectKey('table', o.schema, o.table), objectKey('view', o.schema, o.table)] });
}

function setState(ctx: DiffContext, o: Rule, action: Action): void {
  ctx.emit({
    key: o.key, phase: 'create', action, kind: 'rule', object: name(o),
    sql: `ALTER TABLE ${qualified(o.schema, o.table)} ${STATE[o.enabled] ?? 'ENABLE'} RULE ${quoteIdent(o.name)}`,
  });
}

export const rules: KindHandler<Rule> = {
  collection: (m) => m.rules,
  same: (a, b) => a.definition === b.definition && a.enabled === b.enabled,
  create(ctx, o, action) {
    emitCreate(ctx, o, action, false);
    if (o.enabled !== 'O') setState(ctx, o, action);
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'rule', object: name(o), sql: `DROP RULE IF EXISTS ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}` });
  },
  alter(ctx, s, t) {
    if (s.definition !== t.definition) emitCreate(ctx, s, 'alter', true);
    if (s.enabled !== t.enabled) setState(ctx, s, 'alter');
  },
};
