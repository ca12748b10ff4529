import { OWNER_GRANTEE, type Grant, type SchemaModel } from '../catalog/model.js';
import { objectKey } from '../catalog/keys.js';
import { qualified, quoteIdent } from '../db/quote.js';
import type { DiffContext } from './context.js';
import { routineGrantSignature } from './kinds/routines.js';

type DefaclType = 'r' | 'S' | 'f' | 'T' | 'n';

/** An object that carries privileges. */
interface Grantable {
  key: string;
  /** pg_default_acl object type that seeds a new object's privileges. */
  defaclType: DefaclType | null;
  schema: string | null;
  grants: Grant[];
  /** Its owner; for a column or an identity sequence, its table's. */
  owner: string;
  /** The key whose owner acts for it (a column's table), if not its own. */
  ownerKey?: string;
  /** Column privileges: `SELECT (col)` on the table. */
  column?: string;
  /** A column's (or identity sequence's) table: re-created with it. */
  tableKey?: string;
  /** On an object of a platform-managed schema: synced only where the target has it. */
  platform?: boolean;
  /** What a new one has when it has no default privileges (a wrapper's or server's owner: USAGE). */
  initial?: Grant[];
  /** Further keys its grants wait for (an extension's own wrapper: the extension). */
  after?: string[];
  /** `TABLE public.t` as GRANT names it, and the display name: built only when a statement is needed. */
  describe: () => { target: string; object: string };
}

const OWNER_USAGE: Grant[] = [{ grantee: OWNER_GRANTEE, privilege: 'USAGE', grantable: false }];

/** Every object that carries privileges, one at a time: only the target's are kept, to look up. */
function* grantables(m: SchemaModel): Generator<Grantable> {
  const rel = (kind: string, schema: string, name: string) => () => ({ target: `${kind} ${qualified(schema, name)}`, object: `${schema}.${name}` });
  // A table's columns carry their key already; a view's column privileges do not.
  function* columns(schema: string, table: string, tableKey: string, owner: string, list: { name: string; grants: Grant[]; key?: string }[]): Generator<Grantable> {
    for (const c of list) {
      yield {
        key: c.key ?? objectKey('column', schema, table, c.name), defaclType: null, schema, grants: c.grants, owner, ownerKey: tableKey, column: c.name, tableKey,
        describe: () => ({ target: `TABLE ${qualified(schema, table)}`, object: `${schema}.${table}.${c.name}` }),
      };
    }
  }
  for (const p of m.platformAcls.values()) {
    const describe = p.kind === 'SCHEMA' ? () => ({ target: `SCHEMA ${quoteIdent(p.name)}`, object: p.name })
      : p.kind === 'FUNCTION' || p.kind === 'PROCEDURE'
        ? () => ({ target: `${p.kind} ${qualified(p.schema, p.name)}(${p.identityArgs})`, object: `${p.schema}.${p.name}(${p.identityArgs})` })
        : rel(p.kind, p.schema, p.name);
    yield { key: p.key, defaclType: null, schema: p.schema, grants: p.grants, owner: p.owner, platform: true, describe };
  }
  for (const s of m.schemas.values()) {
    yield { key: s.key, defaclType: 'n', schema: null, grants: s.grants, owner: s.owner, describe: () => ({ target: `SCHEMA ${quoteIdent(s.name)}`, object: s.name }) };
  }
  for (const t of [...m.tables.values(), ...m.foreignTables.values()]) {
    yield { key: t.key, defaclType: 'r', schema: t.schema, grants: t.grants, owner: t.owner, describe: rel('TABLE', t.schema, t.name) };
    yield* columns(t.schema, t.name, t.key, t.owner, t.columns);
  }
  for (const v of m.views.values()) {
    yield { key: v.key, defaclType: 'r', schema: v.schema, grants: v.grants, owner: v.owner, describe: rel('TABLE', v.schema, v.name) };
    yield* columns(v.schema, v.name, v.key, v.owner, v.columnGrants.map((c) => ({ name: c.column, grants: c.grants })));
  }
  for (const s of m.sequences.values()) yield { key: s.key, defaclType: 'S', schema: s.schema, grants: s.grants, owner: s.owner, describe: rel('SEQUENCE', s.schema, s.name) };
  for (const s of m.identitySequences.values()) {
    const tableKey = objectKey('table', s.of.schema, s.of.table);
    yield { key: s.key, defaclType: 'S', schema: s.schema, grants: s.grants, owner: s.owner, ownerKey: tableKey, tableKey, describe: rel('SEQUENCE', s.schema, s.name) };
  }
  for (const r of m.routines.values()) {
    const kw = r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
    yield {
      key: r.key, defaclType: 'f', schema: r.schema, grants: r.grants, owner: r.owner,
      describe: () => ({ target: `${kw} ${routineGrantSignature(r)}`, object: `${r.schema}.${r.name}(${r.identityArgs})` }),
    };
  }
  for (const t of m.types.values()) yield { key: t.key, defaclType: 'T', schema: t.schema, grants: t.grants, owner: t.owner, describe: rel('TYPE', t.schema, t.name) };
  for (const w of m.foreignDataWrappers.values()) {
    yield {
      key: w.key, defaclType: null, schema: null, grants: w.grants, owner: w.owner, initial: OWNER_USAGE, after: w.extension ? [objectKey('extension', w.extension)] : undefined,
      describe: () => ({ target: `FOREIGN DATA WRAPPER ${quoteIdent(w.name)}`, object: w.name }),
    };
  }
  for (const s of m.foreignServers.values()) {
    yield { key: s.key, defaclType: null, schema: null, grants: s.grants, owner: s.owner, initial: OWNER_USAGE, describe: () => ({ target: `FOREIGN SERVER ${quoteIdent(s.name)}`, object: s.name }) };
  }
}

/** Everything an owner holds on a new object of this kind (acldefault's owner part). */
export function ownerPrivileges(type: DefaclType, serverVersion: number): string[] {
  switch (type) {
    case 'r': return ['DELETE', 'INSERT', ...(serverVersion >= 170000 ? ['MAINTAIN'] : []), 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];
    case 'S': return ['SELECT', 'UPDATE', 'USAGE'];
    case 'f': return ['EXECUTE'];
    case 'T': return ['USAGE'];
    case 'n': return ['CREATE', 'USAGE'];
  }
}

/** The privileges PostgreSQL gives a new object when no default privileges say otherwise, `owner` standing for its owner. */
export function builtInGrants(type: DefaclType, owner: string, serverVersion: number): Grant[] {
  const own = ownerPrivileges(type, serverVersion).map((privilege) => ({ grantee: owner, privilege, grantable: false }));
  if (type === 'f') return [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }, ...own];
  if (type === 'T') return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }, ...own];
  return own;
}

/** What a new object gets on the target: its default privileges for the applying role, or the built-in ones. */
function initialGrants(target: SchemaModel, g: Grantable, memo: Map<string, Grant[]>): Grant[] {
  if (!g.defaclType) return g.initial ?? [];
  // The same for every object of a kind in a schema: worked out once (the list is only read).
  const id = `${g.defaclType}\0${g.schema ?? ''}`;
  let known = memo.get(id);
  if (!known) memo.set(id, (known = initialGrantsOf(target, g.defaclType, g.schema)));
  return known;
}

function initialGrantsOf(target: SchemaModel, type: DefaclType, schema: string | null): Grant[] {
  const role = target.currentUser;
  const asOwner = (list: Grant[]) => list.map((x) => (x.grantee === role ? { ...x, grantee: OWNER_GRANTEE } : x));
  const global = target.defaultPrivileges.get(objectKey('defacl', role, '', type));
  const base = global ? asOwner(global.grants) : builtInGrants(type, OWNER_GRANTEE, target.serverVersion);
  const perSchema = schema !== null ? asOwner(target.defaultPrivileges.get(objectKey('defacl', role, schema, type))?.grants ?? []) : [];
  const seen = new Set(base.map(grantId));
  return [...base, ...perSchema.filter((x) => !seen.has(grantId(x)))];
}

function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.grantee !== y.grantee || x.privilege !== y.privilege || x.grantable !== y.grantable) return false;
  }
  return true;
}

const grantId = (g: Grant) => `${g.grantee}\0${g.privilege}\0${g.grantable}`;

/** How many times each id occurs. */
function counts(ids: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of ids) out.set(id, (out.get(id) ?? 0) + 1);
  return out;
}

/**
 * GRANT and REVOKE so every synced object's privileges equal the source's,
 * the owner's own included. They run as the object's current owner: where
 * the applying role cannot act as it, a grant it holds WITH GRANT OPTION is
 * still given, and the rest is a note.
 */
export function diffGrants(ctx: DiffContext): void {
  const target = new Map<string, Grantable>();
  for (const t of grantables(ctx.target)) target.set(t.key, t);
  const initial = new Map<string, Grant[]>();
  const seen = new Set<string>();
  for (const s of grantables(ctx.source)) {
    if (s.column) seen.add(s.key);
    grantsOf(ctx, s, target.get(s.key), initial);
  }
  // A view column privileged only on the target is not in the source's list: it has none there.
  for (const [key, t] of target) {
    if (t.column && t.tableKey && ctx.source.views.has(t.tableKey) && !seen.has(key)) grantsOf(ctx, { ...t, grants: [] }, t, initial);
  }
}

/** The GRANT and REVOKE statements (or notes) for one object. */
function grantsOf(ctx: DiffContext, s: Grantable, t: Grantable | undefined, initial: Map<string, Grant[]>): void {
  const key = s.key;
  if (s.platform && !t?.platform) return;
  const fresh = ctx.fresh.has(key) || (s.tableKey !== undefined && ctx.fresh.has(s.tableKey));
  const current = fresh || !t ? initialGrants(ctx.target, s, initial) : t.grants;
  if (current.length === 0 && s.grants.length === 0) return;
  // The same grants in the same order: nothing to revoke or give (the common case, decided without building anything).
  if (sameGrants(current, s.grants)) return;
  const currentIds = current.map(grantId);
  const wanted = counts(s.grants.map(grantId));
  const have = counts(currentIds);
  const owner = ctx.owners.get(s.ownerKey ?? key) ?? (fresh || !t ? ctx.target.currentUser : t.owner);
  // An owner that stays other than the source's holds what it holds as the owner: a grant to it by name cannot be told apart.
  const kept = ctx.ownerKept.has(s.ownerKey ?? key) ? (g: Grant) => g.grantee !== owner : () => true;
  // A privilege given twice (by two grantors) where the source has it once: revoked, and given again once.
  const twice = current.filter((_, i) => {
    const id = currentIds[i]!;
    return wanted.has(id) && have.get(id)! > wanted.get(id)! && currentIds.indexOf(id) === i;
  });
  let revoke = [...current.filter((_, i) => !wanted.has(currentIds[i]!)), ...twice].filter(kept);
  let grant = [...s.grants.filter((g) => !have.has(grantId(g))), ...twice].filter(kept);
  if (revoke.length === 0 && grant.length === 0) return;
  const { target: on, object } = s.describe();
  const who = (grantee: string) => (grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(grantee === OWNER_GRANTEE ? owner : grantee));
  const shown = (grantee: string) => (grantee === OWNER_GRANTEE ? `${owner} (its owner)` : grantee);
  const privs = (list: Grant[]) => list.map((g) => (s.column ? `${g.privilege} (${quoteIdent(s.column)})` : g.privilege)).join(', ');
  // Keyed apart from the object, so waiting for the object never waits for its grants.
  const emit = (sql: string) =>
    ctx.emit({ key: `${key}#grant`, phase: 'create', action: 'alter', kind: 'grant', object, sql, hazards: ['access'], after: [key, ...(s.after ?? [])] });
  // A member of the owner's role that holds grant options itself would grant and revoke as itself, and a revoke
  // would leave the owner's grants in place: it switches to the owner, and revokes as itself too.
  const applier = ctx.target.currentUser;
  const switches = !fresh && !ctx.target.access.superuser && owner !== applier && ctx.target.access.set.has(owner);
  const asOwner = (sql: string, revoking: boolean) =>
    switches ? `SET ROLE ${quoteIdent(owner)};\n${sql};\nSET ROLE ${quoteIdent(applier)}${revoking ? `;\n${sql}` : ''}` : sql;

  if (!fresh && t && !ctx.actsAs(owner)) {
    const holds = (g: Grant) => current.some((c) => c.privilege === g.privilege && c.grantable && c.grantee !== OWNER_GRANTEE && ctx.actsAs(c.grantee));
    const reason = `${ctx.target.currentUser} is neither a superuser nor a member of its owner ${owner}`;
    for (const g of revoke) ctx.note(object, `${privs([g])} not revoked from ${shown(g.grantee)}: ${reason}`, true);
    for (const g of grant.filter((x) => !holds(x))) ctx.note(object, `${privs([g])} not granted to ${shown(g.grantee)}: ${reason}, and it holds no grant option for it`, true);
    revoke = [];
    grant = grant.filter(holds);
  }

  // One statement per privilege set: GRANT SELECT ON TABLE t TO anon, authenticated.
  const known = (g: Grant) => g.grantee === 'PUBLIC' || g.grantee === OWNER_GRANTEE || ctx.target.roles.has(g.grantee);
  for (const { grantees, list } of byPrivileges(revoke.filter(known))) {
    emit(asOwner(`REVOKE ${privs(list)} ON ${on} FROM ${grantees.map(who).join(', ')}`, true));
  }
  for (const g of grant.filter((x) => !known(x))) {
    ctx.note(object, `${privs([g])} not granted: role ${g.grantee} does not exist on the target (create it there first)`);
  }
  for (const { grantees, list } of byPrivileges(grant.filter(known))) {
    emit(asOwner(`GRANT ${privs(list)} ON ${on} TO ${grantees.map(who).join(', ')}${list[0]!.grantable ? ' WITH GRANT OPTION' : ''}`, false));
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

