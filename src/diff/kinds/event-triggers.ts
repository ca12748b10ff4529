import type { EventTrigger } from '../../catalog/model.js';
import { routineKey } from '../../catalog/keys.js';
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import type { Action } from '../change.js';
import type { DiffContext, KindHandler } from '../context.js';

const STATE: Record<string, string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

/** Only a superuser may create, alter or drop an event trigger: otherwise the plan says so and leaves it. */
function allowed(ctx: DiffContext, o: EventTrigger, what: string): boolean {
  if (ctx.target.superuser) return true;
  ctx.note(o.name, `event trigger not ${what}: the target's role is not a superuser, which PostgreSQL requires (apply it as a superuser)`);
  return false;
}

function setState(ctx: DiffContext, o: EventTrigger, action: Action): void {
  ctx.emit({ key: o.key, phase: 'create', action, kind: 'event trigger', object: o.name, sql: `ALTER EVENT TRIGGER ${quoteIdent(o.name)} ${STATE[o.enabled] ?? 'ENABLE'}` });
}

export const eventTriggers: KindHandler<EventTrigger> = {
  collection: (m) => m.eventTriggers,
  same: (a, b) => JSON.stringify([a.event, a.tags, a.functionSchema, a.functionName, a.enabled]) === JSON.stringify([b.event, b.tags, b.functionSchema, b.functionName, b.enabled]),
  create(ctx, o, action) {
    if (!allowed(ctx, o, 'created')) return;
    const when = o.tags.length > 0 ? ` WHEN TAG IN (${o.tags.map(quoteLiteral).join(', ')})` : '';
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'event trigger', object: o.name, after: [routineKey(o.functionSchema, o.functionName, '')],
      sql: `CREATE EVENT TRIGGER ${quoteIdent(o.name)} ON ${quoteIdent(o.event)}${when} EXECUTE FUNCTION ${qualified(o.functionSchema, o.functionName)}()`,
    });
    if (o.enabled !== 'O') setState(ctx, o, action);
  },
  drop(ctx, o, action) {
    if (!allowed(ctx, o, 'dropped')) return;
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'event trigger', object: o.name, sql: `DROP EVENT TRIGGER IF EXISTS ${quoteIdent(o.name)}` });
  },
  alter(ctx, s, t) {
    if (JSON.stringify([s.event, s.tags, s.functionSchema, s.functionName]) !== JSON.stringify([t.event, t.tags, t.functionSchema, t.functionName])) return 'replace';
    if (allowed(ctx, s, 'altered')) setState(ctx, s, 'alter');
  },
};
