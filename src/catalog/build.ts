import type { SchemaFilter } from './filter.js';
import { selectSchemas } from './filter.js';
import { objectKey } from './keys.js';
import * as map from './map.js';
import * as mapForeign from './map-foreign.js';
import { emptyModel, type Column, type SchemaModel } from './model.js';
import type { CatalogRows } from './rows.js';
import { CATALOG, type CatalogName, type DependRow } from './sql/depends.sql.js';
import type { ColumnRow } from './sql/tables.sql.js';

/** The oids of the schemas a read covers: those read in full, and the platform-managed ones. */
export function schemaOids(rows: Pick<CatalogRows, 'schemas'>, filter: SchemaFilter): { included: number[]; managed: number[]; includedNames: string[] } {
  const selection = selectSchemas(rows.schemas.map((s) => s.name), filter);
  const oidsOf = (names: string[]) => rows.schemas.filter((s) => names.includes(s.name)).map((s) => s.oid);
  return { included: oidsOf(selection.included), managed: oidsOf(selection.managed), includedNames: selection.included };
}

/** Turns the catalog rows of one snapshot into the keyed model, dependencies resolved to keys. */
export function buildModel(rows: CatalogRows, filter: SchemaFilter): SchemaModel {
  const model = emptyModel(Number(rows.session.version), rows.session.user, rows.session.superuser);
  model.access.superuser = rows.session.superuser;
  model.access.databaseCreate = rows.session.database_create;
  const { includedNames } = schemaOids(rows, filter);

  // (catalog, oid, subid) -> key, to resolve pg_depend.
  const keyOf = new CatalogKeys();
  const remember = (cls: CatalogName, oid: number, key: string, subid = 0) => keyOf.set(CATALOG[cls], oid, subid, key);

  for (const r of rows.schemas.filter((s) => includedNames.includes(s.name))) {
    const o = map.toSchema(r);
    model.schemas.set(o.key, o);
    remember('pg_namespace', r.oid, o.key);
  }
  for (const r of rows.extensions) {
    const o = map.toExtension(r);
    model.extensions.set(o.key, o);
    remember('pg_extension', r.oid, o.key);
  }
  for (const r of rows.collations) {
    const o = map.toCollation(r);
    model.collations.set(o.key, o);
    remember('pg_collation', r.oid, o.key);
  }
  for (const r of rows.types) {
    const o = map.toType(r);
    model.types.set(o.key, o);
    remember('pg_type', r.oid, o.key);
    remember('pg_type', r.array_oid, o.key);
    if (r.rel_oid) remember('pg_class', r.rel_oid, o.key);
    // A domain's CHECK orders on its own: it may call functions made after the domain.
    for (const [name, , , oid] of r.checks ?? []) remember('pg_constraint', oid, objectKey('constraint', r.schema, r.name, name));
  }
  for (const r of rows.sequences) {
    if (r.identity_of) {
      model.identitySequences.set(objectKey('sequence', r.schema, r.name), map.toIdentitySequence(r, r.identity_of));
      continue;
    }
    const o = map.toSequence(r);
    model.sequences.set(o.key, o);
    remember('pg_class', r.oid, o.key);
  }

  const columnsByTable = new Map<number, ColumnRow[]>();
  for (const c of rows.columns) {
    const list = columnsByTable.get(c.table_oid) ?? [];
    list.push(c);
    columnsByTable.set(c.table_oid, list);
  }
  for (const r of rows.tables) {
    const columns: Column[] = (columnsByTable.get(r.oid) ?? []).map((c) => map.toColumn(c, r));
    const o = map.toTable(r, columns);
    model.tables.set(o.key, o);
    remember('pg_class', r.oid, o.key);
    remember('pg_type', r.type_oid, o.key);
    for (const c of columns) remember('pg_class', r.oid, c.key, c.position);
  }
  for (const r of rows.constraints) {
    const o = map.toConstraint(r);
    model.constraints.set(o.key, o);
    remember('pg_constraint', r.oid, o.key);
    // A foreign key's conindid is the referenced key's index: only p/u/x own theirs.
    if (r.index_oid && r.type !== 'c' && r.type !== 'f') remember('pg_class', r.index_oid, o.key);
  }
  for (const r of rows.indexes) {
    const o = map.toIndex(r);
    model.indexes.set(o.key, o);
    remember('pg_class', r.oid, o.key);
  }
  addPartitionIndexes(model, rows, remember);
  for (const r of rows.views) {
    const o = map.toView(r);
    model.views.set(o.key, o);
    remember('pg_class', r.oid, o.key);
    remember('pg_type', r.type_oid, o.key);
  }
  for (const r of rows.routines) {
    const o = map.toRoutine(r);
    model.routines.set(o.key, o);
    remember('pg_proc', r.oid, o.key);
  }
  for (const r of rows.triggers) {
    const o = map.toTrigger(r);
    model.triggers.set(o.key, o);
    remember('pg_trigger', r.oid, o.key);
  }
  for (const r of rows.rules) {
    const o = map.toRule(r);
    model.rules.set(o.key, o);
    remember('pg_rewrite', r.oid, o.key);
  }
  for (const r of rows.eventTriggers) {
    const o = map.toEventTrigger(r);
    model.eventTriggers.set(o.key, o);
    remember('pg_event_trigger', r.oid, o.key);
  }
  for (const r of rows.policies) {
    const o = map.toPolicy(r);
    model.policies.set(o.key, o);
    remember('pg_policy', r.oid, o.key);
  }
  for (const r of rows.defaultPrivileges) {
    const o = map.toDefaultPrivilege(r);
    model.defaultPrivileges.set(o.key, o);
    // pg_default_acl is not among the catalogs the dependency map reads.
    if (r.schema !== null) model.depends.set(o.key, new Set([objectKey('schema', r.schema)]));
  }
  for (const r of rows.publications) {
    const o = map.toPublication(r);
    model.publications.set(o.key, o);
    // A member row depends on its table and listed columns: the publication changes before they go.
    for (const t of r.tables) remember('pg_publication_rel', t.oid, o.key);
    for (const n of r.schemas) remember('pg_publication_namespace', n.oid, o.key);
  }
  addForeign(model, rows, columnsByTable, remember);
  for (const r of rows.platformAcls) {
    const o = map.toPlatformAcl(r);
    model.platformAcls.set(o.key, o);
  }
  for (const r of rows.roles) {
    model.roles.add(r.name);
    if (r.usage) model.access.usage.add(r.name);
    if (r.set) model.access.set.add(r.name);
    if (r.superuser) model.access.superusers.add(r.name);
    if (r.member_of.length > 0) model.access.memberOf.set(r.name, r.member_of);
  }

  addDepends(model, rows.depends, keyOf);
  return model;
}

function addForeign(model: SchemaModel, rows: CatalogRows, columnsByTable: Map<number, ColumnRow[]>, remember: (cls: CatalogName, oid: number, key: string, subid?: number) => void): void {
  for (const r of rows.wrappers) {
    const o = mapForeign.toWrapper(r);
    model.foreignDataWrappers.set(o.key, o);
    remember('pg_foreign_data_wrapper', r.oid, o.key);
    // An extension's own wrapper: its grants wait for the extension (pg_depend's 'e' rows are not read as dependencies).
    if (r.extension) model.depends.set(o.key, new Set([objectKey('extension', r.extension)]));
  }
  for (const r of rows.servers) {
    const o = mapForeign.toServer(r);
    model.foreignServers.set(o.key, o);
    remember('pg_foreign_server', r.oid, o.key);
  }
  for (const r of rows.userMappings) {
    const o = mapForeign.toUserMapping(r);
    model.userMappings.set(o.key, o);
    remember('pg_user_mapping', r.oid, o.key);
  }
  const optionsByTable = new Map<number, CatalogRows['foreignColumnOptions']>();
  for (const c of rows.foreignColumnOptions) optionsByTable.set(c.table_oid, [...(optionsByTable.get(c.table_oid) ?? []), c]);
  for (const r of rows.foreignTables) {
    const columns = (columnsByTable.get(r.oid) ?? []).map((c) => map.toColumn(c, r));
    const o = mapForeign.toForeignTable(r, columns, optionsByTable.get(r.oid) ?? []);
    model.foreignTables.set(o.key, o);
    remember('pg_class', r.oid, o.key);
    remember('pg_type', r.type_oid, o.key);
    for (const c of columns) remember('pg_class', r.oid, c.key, c.position);
  }
}

/**
 * Index partitions, keyed by their table and the top index of their tree
 * (found by walking up their parents). Each depends on its table and its parent
 * index (pg_depend has those as partition dependencies, which it does not read).
 */
function addPartitionIndexes(model: SchemaModel, rows: CatalogRows, remember: (cls: CatalogName, oid: number, key: string) => void): void {
  const tops = new Map<number, { schema: string; name: string; key: string }>();
  for (const r of rows.indexes) tops.set(r.oid, { schema: r.schema, name: r.name, key: objectKey('index', r.schema, r.name) });
  for (const r of rows.constraints) if (r.type !== 'c' && r.type !== 'f') tops.set(r.index_oid, { schema: r.schema, name: r.name, key: objectKey('constraint', r.schema, r.table, r.name) });
  const byOid = new Map(rows.partitionIndexes.map((r) => [r.oid, r]));
  const rootOf = (oid: number, seen = 0): string | undefined => {
    const r = byOid.get(oid);
    return r ? (seen > 64 ? undefined : rootOf(r.parent_oid, seen + 1)) : tops.get(oid)?.key;
  };
  const keys = new Map<number, string>();
  for (const r of rows.partitionIndexes) {
    const root = rootOf(r.oid);
    if (root) keys.set(r.oid, objectKey('partition-index', r.schema, r.table, root));
  }
  for (const r of rows.partitionIndexes) {
    const key = keys.get(r.oid);
    const parentRow = byOid.get(r.parent_oid);
    const parent = parentRow ? { schema: parentRow.schema, name: parentRow.name, key: keys.get(parentRow.oid)! } : tops.get(r.parent_oid);
    if (!key || !parent) continue;
    model.partitionIndexes.set(key, map.toPartitionIndex(r, key, parent, rootOf(r.oid)!));
    remember('pg_class', r.oid, key);
    model.depends.set(key, new Set([objectKey('table', r.schema, r.table), parent.key]));
  }
}

/**
 * Keys by catalog, oid and sub-id (a column's number, an int2), numbered
 * rather than spelled out: pg_depend asks tens of thousands of times.
 */
class CatalogKeys {
  private readonly byCatalog = new Map<number, Map<number, string>>();
  set(cls: number, oid: number, subid: number, key: string): void {
    let keys = this.byCatalog.get(cls);
    if (!keys) this.byCatalog.set(cls, (keys = new Map()));
    keys.set(oid * 65536 + subid, key);
  }
  get(cls: number, oid: number, subid: number): string | undefined {
    return this.byCatalog.get(cls)?.get(oid * 65536 + subid);
  }
}

function addDepends(model: SchemaModel, rows: DependRow[], keyOf: CatalogKeys): void {
  const resolve = (cls: number, oid: number, subid: number): string | undefined =>
    keyOf.get(cls, oid, subid) ?? (subid !== 0 ? keyOf.get(cls, oid, 0) : undefined);
  for (const r of rows) {
    const from = resolve(Number(r.cls), Number(r.objid), Number(r.subid));
    if (!from) continue;
    let to = resolve(Number(r.refcls), Number(r.refobjid), Number(r.refsubid));
    if (!to && r.refext) {
      const ext = objectKey('extension', r.refext);
      if (model.extensions.has(ext)) to = ext;
    }
    if (!to || to === from) continue;
    // A sequence OWNED BY a column is created before the table and owned after it (see the diff).
    if (from.startsWith('sequence:') && to.startsWith('column:')) continue;
    let set = model.depends.get(from);
    if (!set) model.depends.set(from, (set = new Set()));
    set.add(to);
  }
}
