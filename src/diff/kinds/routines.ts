import type { Routine } from '../../catalog/model.js';
import { qualified } from '../../db/quote.js';
import type { KindHandler } from '../context.js';

const name = (o: Routine) => `${o.schema}.${o.name}(${o.identityArgs})`;

/** `public.f(integer)` as DROP, GRANT and COMMENT name a routine (an aggregate of no arguments is `(*)`). */
export function routineSignature(o: Routine): string {
  return `${qualified(o.schema, o.name)}(${o.kind === 'aggregate' && o.identityArgs === '' ? '*' : o.identityArgs})`;
}
const KEYWORD = { function: 'FUNCTION', window: 'FUNCTION', procedure: 'PROCEDURE', aggregate: 'AGGREGATE' } as const;

export const routines: KindHandler<Routine> = {
  collection: (m) => m.routines,
  same: (a, b) => a.definition === b.definition,
  create(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind, object: name(o), sql: o.definition });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: o.kind, object: name(o), sql: `DROP ${KEYWORD[o.kind]} IF EXISTS ${routineSignature(o)}` });
  },
  alter(ctx, s, t) {
    // CREATE OR REPLACE keeps dependents, but cannot change the result, argument names or defaults.
    if (s.kind !== t.kind || s.kind === 'aggregate' || s.returns !== t.returns || s.args !== t.args) return 'replace';
    ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: s.kind, object: name(s), sql: s.definition });
  },
};
