import type { Grant, SchemaModel } from '../catalog/model.js';
import { objectKey } from '../catalog/keys.js';
import { qualified, quoteIdent } from '../db/quote.js';
import type { DiffContext } from './context.js';
import { routineGrantSignature } from './kinds/routines.js';

/** An object that carries privileges. */
interface Grantable {
  key: string;
  /** pg_default_acl object type that seeds a new object's privileges. */
  defaclType: 'r' | 'S' | 'f' | 'T' | 'n' | null;
  schema: string | null;
  grants: Grant[];
  /** Column privileges: `SELECT (col)` on the table. */
  column?: string;
  /** A column's table: re-created with it. */
  tableKey?: string;
  /** `TABLE public.t` as GRANT names it, and the display name: built only when a statement is needed. */
  describe: () => { target: string; object: string };
}

function grantables(m: SchemaModel): Map<string, Grantable> {
  const out = new Map<string, Grantable>();
  const add = (g: Grantable) => out.set(g.key, g);
  const rel = (kind: string, schema: string, name: string) => () => ({ target: `${kind} ${qualified(schema, name)}`, object: `${schema}.${name}` });
  for (const s of m.schemas.values()) {
    add({ key: s.key, defaclType: 'n', schema: null, grants: s.grants, describe: () => ({ target: `SCHEMA ${quoteIdent(s.name)}`, object: s.name }) });
  }
  for (const t of m.tables.values()) {
    add({ key: t.key, defaclType: 'r', schema: t.schema, grants: t.grants, describe: rel('TABLE', t.schema, t.name) });
    for (const c of t.columns) {
      add({
        key: c.key, defaclType: null, schema: t.schema, grants: c.grants, column: c.name, tableKey: t.key,
        describe: () => ({ target: `TABLE ${qualified(t.schema, t.name)}`, object: `${t.schema}.${t.name}.${c.name}` }),
      });
    }
  }
  for (const v of m.views.values()) add({ key: v.key, defaclType: 'r', schema: v.schema, grants: v.grants, describe: rel('TABLE', v.schema, v.name) });
  for (const s of m.sequences.values()) add({ key: s.key, defaclType: 'S', schema: s.schema, grants: s.grants, describe: rel('SEQUENCE', s.schema, s.name) });
  for (const r of m.routines.values()) {
    const kw = r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
    add({
      key: r.key, defaclType: 'f', schema: r.schema, grants: r.grants,
      describe: () => ({ target: `${kw} ${routineGrantSignature(r)}`, object: `${r.schema}.${r.name}(${r.identityArgs})` }),
    });
  }
  for (const t of m.types.values()) add({ key: t.key, defaclType: 'T', schema: t.schema, grants: t.grants, describe: rel('TYPE', t.schema, t.name) });
  return out;
}

/** What a new object gets on the target: its default privileges for the applying role, or the built-in ones. */
function initialGrants(target: SchemaModel, g: Grantable): Grant[] {
  if (!g.defaclType) return [];
  const role = target.currentUser;
  const global = target.defaultPrivileges.get(objectKey('defacl', role, '', g.defaclType));
  const builtIn: Grant[] =
    g.defaclType === 'f' ? [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }]
    : g.defaclType === 'T' ? [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }]
    : [];
  const base = global ? global.grants : builtIn;
  const perSchema = g.schema !== null ? target.defaultPrivileges.get(objectKey('defacl', role, g.schema, g.defaclType))?.grants ?? [] : [];
  return [...base, ...perSchema];
}

const grantId = (g: Grant) => `${g.grantee}\0${g.privilege}\0${g.grantable}`;
const who = (grantee: string) => (grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(grantee));

/** GRANT and REVOKE so every synced object's privileges equal the source's. */
export function diffGrants(ctx: DiffContext): void {
  const source = grantables(ctx.source);
  const target = grantables(ctx.target);
  for (const [key, s] of source) {
    const fresh = ctx.fresh.has(key) || (s.tableKey !== undefined && ctx.fresh.has(s.tableKey));
    const current = fresh || !target.has(key) ? initialGrants(ctx.target, s) : target.get(key)!.grants;
    if (current.length === 0 && s.grants.length === 0) continue;
    const wanted = new Set(s.grants.map(grantId));
    const have = new Set(current.map(grantId));
    const revoke = current.filter((g) => !wanted.has(grantId(g)));
    const grant = s.grants.filter((g) => !have.has(grantId(g)));
    if (revoke.length === 0 && grant.length === 0) continue;
    const { target: on, object } = s.describe();
    const privs = (list: Grant[]) => list.map((g) => (s.column ? `${g.privilege} (${quoteIdent(s.column)})` : g.privilege)).join(', ');
    // Keyed apart from the object, so waiting for the object never waits for its grants.
    const emit = (sql: string) =>
      ctx.emit({ key: `${key}#grant`, phase: 'create', action: 'alter', kind: 'grant', object, sql, hazards: ['access'], after: [key] });

    // One statement per privilege set: GRANT SELECT ON TABLE t TO anon, authenticated.
    const known = (g: Grant) => g.grantee === 'PUBLIC' || ctx.target.roles.has(g.grantee);
    for (const { grantees, list } of byPrivileges(revoke.filter(known))) {
      emit(`REVOKE ${privs(list)} ON ${on} FROM ${grantees.map(who).join(', ')}`);
    }
    for (const g of grant.filter((x) => !known(x))) {
      ctx.note(object, `${privs([g])} not granted: role ${g.grantee} does not exist on the target (create it there first)`);
    }
    for (const { grantees, list } of byPrivileges(grant.filter(known))) {
      emit(`GRANT ${privs(list)} ON ${on} TO ${grantees.map(who).join(', ')}${list[0]!.grantable ? ' WITH GRANT OPTION' : ''}`);
    }
  }
}

/** Grants grouped by grantee, then grantees with the same privileges (and grant option) grouped together. */
function byPrivileges(grants: Grant[]): { grantees: string[]; list: Grant[] }[] {
  const perGrantee = new Map<string, Grant[]>();
  for (const g of grants) perGrantee.set(g.grantee, [...(perGrantee.get(g.grantee) ?? []), g]);
  const groups = new Map<string, { grantees: string[]; list: Grant[] }>();
  for (const [grantee, list] of perGrantee) {
    for (const grantable of [false, true]) {
      const part = list.filter((g) => g.grantable === grantable);
      if (part.length === 0) continue;
      const id = `${grantable}\0${part.map((g) => g.privilege).join(',')}`;
      const group = groups.get(id) ?? { grantees: [], list: part };
      group.grantees.push(grantee);
      groups.set(id, group);
    }
  }
  return [...groups.values()];
}
