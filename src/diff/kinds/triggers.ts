import type { Trigger } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent } from '../../db/quote.js';
import type { Action } from '../change.js';
import type { DiffContext, KindHandler } from '../context.js';

const name = (o: Trigger) => `${o.schema}.${o.table}.${o.name}`;
const STATE: Record<string, string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

function setState(ctx: DiffContext, o: Trigger, action: Action): void {
  ctx.emit({
    key: o.key, phase: 'create', action, kind: 'trigger', object: name(o),
    sql: `ALTER TABLE ${qualified(o.schema, o.table)} ${STATE[o.enabled] ?? 'ENABLE'} TRIGGER ${quoteIdent(o.name)}`,
  });
}

export const triggers: KindHandler<Trigger> = {
  collection: (m) => m.triggers,
  same: (a, b) => a.definition === b.definition && a.enabled === b.enabled,
  create(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'create', action, kind: 'trigger', object: name(o), sql: o.definition, after: [objectKey('table', o.schema, o.table)] });
    if (o.enabled !== 'O') setState(ctx, o, action);
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'trigger', object: name(o), sql: `DROP TRIGGER IF EXISTS ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}` });
  },
  alter(ctx, s, t) {
    if (s.definition !== t.definition) return 'replace';
    setState(ctx, s, 'alter');
  },
};
