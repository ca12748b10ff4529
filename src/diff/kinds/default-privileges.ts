import type { DefaultPrivilege, Grant } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { quoteIdent } from '../../db/quote.js';
import type { DiffContext, KindHandler } from '../context.js';
import { builtInGrants } from '../grants.js';

const OBJECTS = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' } as const;
const name = (o: DefaultPrivilege) => `default privileges of ${o.role}${o.schema ? ` in ${o.schema}` : ''} on ${OBJECTS[o.objectType].toLowerCase()}`;

/** Without an entry: nothing extra in a schema; the built-in defaults globally (the role's own privileges among them). */
function implicit(ctx: DiffContext, o: DefaultPrivilege): Grant[] {
  return o.schema !== null ? [] : builtInGrants(o.objectType, o.role, ctx.target.serverVersion);
}

const id = (g: Grant) => `${g.grantee}\0${g.privilege}\0${g.grantable}`;

function sync(ctx: DiffContext, o: DefaultPrivilege, from: Grant[], to: Grant[], action: 'create' | 'alter' | 'drop' | 'replace'): void {
  // Removing an entry goes with the drops: before its schema, if that goes too.
  const phase = action === 'drop' ? 'drop' : 'create';
  if (!ctx.target.roles.has(o.role)) {
    ctx.note(name(o), `not synced: role ${o.role} does not exist on the target`);
    return;
  }
  const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(o.role)}${o.schema ? ` IN SCHEMA ${quoteIdent(o.schema)}` : ''}`;
  const who = (g: string) => (g === 'PUBLIC' ? 'PUBLIC' : quoteIdent(g));
  const wanted = new Set(to.map(id));
  const have = new Set(from.map(id));
  const after = o.schema ? [objectKey('schema', o.schema)] : [];
  for (const g of from.filter((x) => !wanted.has(id(x)))) {
    if (g.grantee !== 'PUBLIC' && !ctx.target.roles.has(g.grantee)) continue;
    ctx.emit({ key: o.key, phase, action, kind: 'default privileges', object: name(o), hazards: ['access'], after, sql: `${prefix} REVOKE ${g.privilege} ON ${OBJECTS[o.objectType]} FROM ${who(g.grantee)}` });
  }
  for (const g of to.filter((x) => !have.has(id(x)))) {
    if (g.grantee !== 'PUBLIC' && !ctx.target.roles.has(g.grantee)) {
      ctx.note(name(o), `${g.privilege} for ${g.grantee} not synced: the role does not exist on the target`);
      continue;
    }
    ctx.emit({
      key: o.key, phase, action, kind: 'default privileges', object: name(o), hazards: ['access'], after,
      sql: `${prefix} GRANT ${g.privilege} ON ${OBJECTS[o.objectType]} TO ${who(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`,
    });
  }
}

export const defaultPrivileges: KindHandler<DefaultPrivilege> = {
  collection: (m) => m.defaultPrivileges,
  same: (a, b) => JSON.stringify(a.grants) === JSON.stringify(b.grants),
  create: (ctx, o, action) => sync(ctx, o, implicit(ctx, o), o.grants, action),
  drop: (ctx, o, action) => sync(ctx, o, o.grants, implicit(ctx, o), action),
  alter: (ctx, s, t) => sync(ctx, s, t.grants, s.grants, 'alter'),
};
