import type { Routine, SchemaModel } from '../../catalog/model.js';
import { qualified } from '../../db/quote.js';
import type { DiffContext, KindHandler } from '../context.js';

const name = (o: Routine) => `${o.schema}.${o.name}(${o.identityArgs})`;

/** `public.f(integer)` as DROP, GRANT and COMMENT name a routine (an aggregate of no arguments is `(*)`). */
export function routineSignature(o: Routine): string {
  return `${qualified(o.schema, o.name)}(${o.kind === 'aggregate' && o.identityArgs === '' ? '*' : o.identityArgs})`;
}
/**
 * As GRANT names a routine: its argument types in one list. An ordered-set
 * aggregate's `x ORDER BY y` is written `x, y` there.
 */
export function routineGrantSignature(o: Routine): string {
  if (o.kind !== 'aggregate') return routineSignature(o);
  const args = o.identityArgs.replace(/^ORDER BY /, '').replace(/ ORDER BY /, ', ');
  return `${qualified(o.schema, o.name)}(${args === '' ? '*' : args})`;
}

// Names called in a body: `name(` or `"Name"(`, optionally schema-qualified (the last part counts).
const CALL = /("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*\(/g;

const mentionsCache = new WeakMap<SchemaModel, Map<string, Set<string>>>();

/** Routine key -> keys of the source's other routines its (quoted) body calls by name. */
function mentions(m: SchemaModel): Map<string, Set<string>> {
  const cached = mentionsCache.get(m);
  if (cached) return cached;
  const byName = new Map<string, string[]>();
  for (const r of m.routines.values()) byName.set(r.name, [...(byName.get(r.name) ?? []), r.key]);
  const out = new Map<string, Set<string>>();
  for (const r of m.routines.values()) {
    if (r.kind === 'aggregate') continue;
    const found = new Set<string>();
    for (const [, raw] of r.definition.matchAll(CALL)) {
      const name = raw!.startsWith('"') ? raw!.slice(1, -1).replaceAll('""', '"') : raw!.toLowerCase();
      for (const k of byName.get(name) ?? []) if (k !== r.key) found.add(k);
    }
    out.set(r.key, found);
  }
  mentionsCache.set(m, out);
  return out;
}

/**
 * Quoted bodies have no pg_depend entries, and are not checked when created
 * (check_function_bodies is off), but a CHECK or a materialized view runs
 * them during the apply: a routine is created after the routines its body
 * calls, unless they call it back (a cycle, left to emission order).
 */
function calledRoutines(ctx: DiffContext, o: Routine): string[] {
  const graph = mentions(ctx.source);
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (k === to) return true;
      if (seen.has(k)) continue;
      seen.add(k);
      stack.push(...(graph.get(k) ?? []));
    }
    return false;
  };
  return [...(graph.get(o.key) ?? [])].filter((k) => !reaches(k, o.key));
}

const KEYWORD = { function: 'FUNCTION', window: 'FUNCTION', procedure: 'PROCEDURE', aggregate: 'AGGREGATE' } as const;

export const routines: KindHandler<Routine> = {
  collection: (m) => m.routines,
  same: (a, b) => a.definition === b.definition,
  create(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind, object: name(o), sql: o.definition, after: calledRoutines(ctx, o) });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: o.kind, object: name(o), sql: `DROP ${KEYWORD[o.kind]} IF EXISTS ${routineSignature(o)}` });
  },
  alter(ctx, s, t) {
    // CREATE OR REPLACE keeps dependents, but cannot change the result, argument names or defaults.
    if (s.kind !== t.kind || s.kind === 'aggregate' || s.returns !== t.returns || s.args !== t.args) return 'replace';
    ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: s.kind, object: name(s), sql: s.definition, after: calledRoutines(ctx, s) });
  },
};
