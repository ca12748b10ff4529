import type { Policy } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent } from '../../db/quote.js';
import type { DiffContext, KindHandler } from '../context.js';

const name = (o: Policy) => `${o.schema}.${o.table}.${o.name}`;
const roleList = (roles: string[]) => roles.map((r) => (r === 'PUBLIC' ? 'PUBLIC' : quoteIdent(r))).join(', ');

/** Roles a policy names that the target lacks: the statement would fail, so it is held back with a note. */
function missingRoles(ctx: DiffContext, o: Policy): string[] {
  return o.roles.filter((r) => r !== 'PUBLIC' && !ctx.target.roles.has(r));
}

export const policies: KindHandler<Policy> = {
  collection: (m) => m.policies,
  same: (a, b) => JSON.stringify([a.permissive, a.command, a.roles, a.using, a.withCheck]) === JSON.stringify([b.permissive, b.command, b.roles, b.using, b.withCheck]),
  create(ctx, o, action) {
    const missing = missingRoles(ctx, o);
    if (missing.length > 0) {
      ctx.note(name(o), `not created: role ${missing.join(', ')} does not exist on the target (create it there first)`);
      return;
    }
    let sql = `CREATE POLICY ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)} AS ${o.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${o.command} TO ${roleList(o.roles)}`;
    if (o.using !== null) sql += ` USING (${o.using})`;
    if (o.withCheck !== null) sql += ` WITH CHECK (${o.withCheck})`;
    ctx.emit({ key: o.key, phase: 'create', action, kind: 'policy', object: name(o), sql, hazards: ['access'], after: [objectKey('table', o.schema, o.table)] });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'policy', object: name(o), sql: `DROP POLICY IF EXISTS ${quoteIdent(o.name)} ON ${qualified(o.schema, o.table)}`, hazards: ['access'] });
  },
  alter(ctx, s, t) {
    if (s.permissive !== t.permissive || s.command !== t.command || (s.using === null) !== (t.using === null) || (s.withCheck === null) !== (t.withCheck === null)) return 'replace';
    const missing = missingRoles(ctx, s);
    if (missing.length > 0) {
      ctx.note(name(s), `not altered: role ${missing.join(', ')} does not exist on the target (create it there first)`);
      return;
    }
    let sql = `ALTER POLICY ${quoteIdent(s.name)} ON ${qualified(s.schema, s.table)} TO ${roleList(s.roles)}`;
    if (s.using !== null) sql += ` USING (${s.using})`;
    if (s.withCheck !== null) sql += ` WITH CHECK (${s.withCheck})`;
    ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'policy', object: name(s), sql, hazards: ['access'] });
  },
};
