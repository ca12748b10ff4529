import { objectKey } from '../catalog/keys.js';
import { OWNER_GRANTEE, type SchemaModel } from '../catalog/model.js';
import { qualified, quoteIdent } from '../db/quote.js';
import type { DiffContext } from './context.js';
import { routineSignature } from './kinds/routines.js';

/** An object with an owner of its own (a sequence owned by a column follows its table's). */
interface Ownable {
  owner: string;
  /**
   * What PostgreSQL asks besides SET ROLE to the new owner: the applier's CREATE on the database (a
   * schema), the new owner's CREATE on the object's schema, or its USAGE on a server's wrapper.
   */
  needs: { database: true } | { schema: string } | { wrapper: string };
  /** Statements about the object that must run while the applying role still acts as its current owner: worked out only for a change. */
  before: () => string[];
  describe: () => { target: string; object: string };
}

/** Every object with an owner, one at a time: only the target's owners are kept, to look up. */
function* ownables(m: SchemaModel): Generator<[string, Ownable]> {
  const NONE = (): string[] => [];
  const own = (key: string, owner: string, describe: Ownable['describe'], parts: () => string[] = NONE, needs: string | Ownable['needs'] = { database: true }): [string, Ownable] =>
    [key, { owner, needs: typeof needs === 'string' ? { schema: needs } : needs, before: () => [key, ...parts()].flatMap((k) => [`${k}#grant`, `${k}#comment`]), describe }];
  const rel = (kw: string, schema: string, name: string) => () => ({ target: `${kw} ${qualified(schema, name)}`, object: `${schema}.${name}` });
  for (const s of m.schemas.values()) yield own(s.key, s.owner, () => ({ target: `SCHEMA ${quoteIdent(s.name)}`, object: s.name }));
  // ALTER TABLE ... OWNER TO takes the table's own sequences (serial, identity) along.
  const sequencesOf = new Map<string, string[]>();
  const belongs = (schema: string, table: string, key: string) => {
    const tableKey = objectKey('table', schema, table);
    sequencesOf.set(tableKey, [...(sequencesOf.get(tableKey) ?? []), key]);
  };
  for (const i of m.identitySequences.values()) belongs(i.of.schema, i.of.table, i.key);
  for (const s of m.sequences.values()) if (s.ownedBy) belongs(s.ownedBy.schema, s.ownedBy.table, s.key);
  for (const t of m.tables.values()) {
    yield own(t.key, t.owner, rel('TABLE', t.schema, t.name), () => [...t.columns.map((c) => c.key), ...(sequencesOf.get(t.key) ?? [])], t.schema);
  }
  for (const v of m.views.values()) {
    yield own(v.key, v.owner, rel(v.kind === 'materialized' ? 'MATERIALIZED VIEW' : 'VIEW', v.schema, v.name), () => v.columnGrants.map((c) => `column:${JSON.stringify([v.schema, v.name, c.column])}`), v.schema);
  }
  for (const s of m.sequences.values()) if (!s.ownedBy) yield own(s.key, s.owner, rel('SEQUENCE', s.schema, s.name), NONE, s.schema);
  for (const r of m.routines.values()) {
    const kw = r.kind === 'procedure' ? 'PROCEDURE' : r.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
    yield own(r.key, r.owner, () => ({ target: `${kw} ${routineSignature(r)}`, object: `${r.schema}.${r.name}(${r.identityArgs})` }), NONE, r.schema);
  }
  for (const t of m.types.values()) yield own(t.key, t.owner, rel(t.kind === 'domain' ? 'DOMAIN' : 'TYPE', t.schema, t.name), NONE, t.schema);
  for (const t of m.foreignTables.values()) yield own(t.key, t.owner, rel('FOREIGN TABLE', t.schema, t.name), () => t.columns.map((c) => c.key), t.schema);
  for (const s of m.foreignServers.values()) yield own(s.key, s.owner, () => ({ target: `SERVER ${quoteIdent(s.name)}`, object: s.name }), NONE, { wrapper: s.wrapper });
}

/** `role` and every role it is a member of, directly or not. */
function withMemberships(m: SchemaModel, role: string): Set<string> {
  const out = new Set([role]);
  for (const r of out) for (const parent of m.access.memberOf.get(r) ?? []) out.add(parent);
  return out;
}

/** Whether `role` may create in `schema` as the target will have it (its owner and grants as the source wants them, when synced). */
function mayCreateIn(ctx: DiffContext, role: string, schema: string): boolean {
  if (ctx.target.access.superusers.has(role)) return true;
  const s = ctx.source.schemas.get(objectKey('schema', schema)) ?? ctx.target.schemas.get(objectKey('schema', schema));
  if (!s) return true;
  const roles = withMemberships(ctx.target, role);
  return roles.has(s.owner) || s.grants.some((g) => g.privilege === 'CREATE' && (g.grantee === 'PUBLIC' || roles.has(g.grantee === OWNER_GRANTEE ? s.owner : g.grantee)));
}

/** Whether `role` may use the foreign-data wrapper as the target will have it (its grants as the source wants them). */
function mayUseWrapper(ctx: DiffContext, role: string, wrapper: string): boolean {
  if (ctx.target.access.superusers.has(role)) return true;
  const key = objectKey('foreign-data-wrapper', wrapper);
  const w = ctx.source.foreignDataWrappers.get(key) ?? ctx.target.foreignDataWrappers.get(key);
  if (!w) return true;
  const roles = withMemberships(ctx.target, role);
  return roles.has(w.owner) || w.grants.some((g) => g.privilege === 'USAGE' && (g.grantee === 'PUBLIC' || roles.has(g.grantee === OWNER_GRANTEE ? w.owner : g.grantee)));
}

/**
 * Owners: a SECURITY DEFINER function or a view runs as its owner, and the
 * owner bypasses row-level security, so each synced object gets the source's.
 * PostgreSQL lets the applying role change an owner when it is a superuser,
 * or acts as the current owner and may SET ROLE to the new one; otherwise the
 * plan says what differs. New objects start owned by the applying role.
 * Runs before the grants and comments, which it records the owners for; its
 * statements come after them, while the applying role still acts as the old owner.
 */
export function diffOwners(ctx: DiffContext): void {
  const target = new Map<string, string>();
  for (const [key, t] of ownables(ctx.target)) target.set(key, t.owner);
  const applier = ctx.target.currentUser;
  for (const [key, s] of ownables(ctx.source)) {
    const t = target.get(key);
    const current = ctx.fresh.has(key) || t === undefined ? applier : t;
    ctx.owners.set(key, current);
    if (current === s.owner) continue;
    const { target: what, object } = s.describe();
    const refuse = (why: string) => {
      ctx.ownerKept.add(key);
      ctx.note(object, `owner not changed to ${s.owner} (it is ${current} here): ${why}`, true);
    };
    if (!ctx.target.roles.has(s.owner)) {
      refuse(`role ${s.owner} does not exist on the target`);
      continue;
    }
    if (!ctx.actsAs(current)) {
      refuse(`${applier} is neither a superuser nor a member of ${current}`);
      continue;
    }
    if (!ctx.target.access.superuser && !ctx.target.access.set.has(s.owner)) {
      refuse(`${applier} is neither a superuser nor may it SET ROLE ${s.owner}`);
      continue;
    }
    const needs = s.needs;
    if (!ctx.target.access.superuser && 'database' in needs && !ctx.target.access.databaseCreate) {
      refuse(`${applier} is no superuser and lacks CREATE on the database`);
      continue;
    }
    if (!ctx.target.access.superuser && 'schema' in needs && !mayCreateIn(ctx, s.owner, needs.schema)) {
      refuse(`${s.owner} lacks CREATE on schema ${needs.schema}, which PostgreSQL asks of a new owner`);
      continue;
    }
    if (!ctx.target.access.superuser && 'wrapper' in needs && !mayUseWrapper(ctx, s.owner, needs.wrapper)) {
      refuse(`${s.owner} lacks USAGE on the foreign-data wrapper ${needs.wrapper}, which PostgreSQL asks of a server's new owner`);
      continue;
    }
    ctx.emit({
      key: `${key}#owner`, phase: 'create', action: 'alter', kind: 'owner', object, hazards: ['access'],
      sql: `ALTER ${what} OWNER TO ${quoteIdent(s.owner)}`, after: [key, ...s.before()],
    });
  }
}
