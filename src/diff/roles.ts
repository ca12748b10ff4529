import type { Grant, SchemaModel } from '../catalog/model.js';
import { quoteIdent } from '../db/quote.js';
import type { Statement } from './change.js';

/** Every role the source's synced objects name (grants, policies, default privileges, user mappings), with what names it. */
export function rolesNamed(model: SchemaModel): Map<string, string[]> {
  // Sets, in the order first named: a role granted on every table is named thousands of times.
  const out = new Map<string, Set<string>>();
  const need = (role: string, what: string) => {
    // '' is an object's owner, whoever that is (OWNER_GRANTEE).
    if (role === 'PUBLIC' || role === 'public' || role === '') return;
    (out.get(role) ?? out.set(role, new Set()).get(role)!).add(what);
  };
  const grants = (list: readonly Grant[], what: string) => list.forEach((g) => need(g.grantee, `grants on ${what}`));
  for (const s of model.schemas.values()) grants(s.grants, `schema ${s.name}`);
  for (const t of model.types.values()) grants(t.grants, `type ${t.schema}.${t.name}`);
  for (const s of model.sequences.values()) grants(s.grants, `sequence ${s.schema}.${s.name}`);
  for (const t of model.tables.values()) {
    grants(t.grants, `${t.schema}.${t.name}`);
    for (const c of t.columns) grants(c.grants, `${t.schema}.${t.name}.${c.name}`);
  }
  for (const t of model.foreignTables.values()) {
    grants(t.grants, `foreign table ${t.schema}.${t.name}`);
    for (const c of t.columns) grants(c.grants, `${t.schema}.${t.name}.${c.name}`);
  }
  for (const w of model.foreignDataWrappers.values()) grants(w.grants, `foreign-data wrapper ${w.name}`);
  for (const s of model.foreignServers.values()) grants(s.grants, `server ${s.name}`);
  for (const m of model.userMappings.values()) need(m.role, `user mapping on server ${m.server}`);
  for (const v of model.views.values()) grants(v.grants, `view ${v.schema}.${v.name}`);
  for (const r of model.routines.values()) grants(r.grants, `${r.kind} ${r.schema}.${r.name}(${r.identityArgs})`);
  for (const p of model.policies.values()) for (const r of p.roles) need(r, `policy ${p.name} on ${p.schema}.${p.table}`);
  for (const d of model.defaultPrivileges.values()) {
    const what = `default privileges for role ${d.role}${d.schema ? ` in schema ${d.schema}` : ''}`;
    need(d.role, what);
    grants(d.grants, what);
  }
  return new Map([...out].map(([role, what]) => [role, [...what]]));
}

/** Roles the source's objects name that the target's cluster lacks, with what needs each. */
export function missingRoles(source: SchemaModel, target: SchemaModel): Map<string, string[]> {
  return new Map([...rolesNamed(source)].filter(([role]) => !target.roles.has(role)).sort(([a], [b]) => a.localeCompare(b)));
}

export class MissingRolesError extends Error {
  override name = 'MissingRolesError';
  constructor(readonly missing: Map<string, string[]>) {
    const list = [...missing].map(([role, what]) => `  ${role}: ${what.slice(0, 3).join('; ')}${what.length > 3 ? `; and ${what.length - 3} more` : ''}`);
    super(
      `the target lacks ${missing.size === 1 ? 'a role' : `${missing.size} roles`} that production's objects are granted to, so its schema cannot equal production's ` +
        `(without them, row-level security would let nobody read):\n${list.join('\n')}\n` +
        'Create them on the target, or set create-roles (--create-roles; create_roles = true in the config) to have them created NOLOGIN before the sync. Nothing was changed.',
    );
  }
}

/** CREATE ROLE ... NOLOGIN for each missing role: they only carry privileges, nobody logs in as them. */
export function createRoleStatements(roles: Iterable<string>): Statement[] {
  return [...roles].map((role) => ({
    sql: `CREATE ROLE ${quoteIdent(role)} NOLOGIN;`, object: role, kind: 'role', action: 'create', hazards: ['access'], key: `role:${JSON.stringify([role])}`, phase: 'create',
  }));
}
