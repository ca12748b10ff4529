import type pg from 'pg';
import { selectSchemas, type SchemaFilter } from './filter.js';
import { objectKey } from './keys.js';
import * as map from './map.js';
import { emptyModel, type Column, type SchemaModel } from './model.js';
import { COLLATIONS_SQL, type CollationRow } from './sql/collations.sql.js';
import { CONSTRAINTS_SQL, type ConstraintRow } from './sql/constraints.sql.js';
import { DEPENDS_SQL, type DependRow } from './sql/depends.sql.js';
import { EXTENSIONS_SQL, type ExtensionRow } from './sql/extensions.sql.js';
import { INDEXES_SQL, type IndexRow } from './sql/indexes.sql.js';
import { POLICIES_SQL, type PolicyRow } from './sql/policies.sql.js';
import { DEFAULT_PRIVILEGES_SQL, ROLES_SQL, SESSION_SQL, type DefaultPrivilegeRow } from './sql/privileges.sql.js';
import { PUBLICATIONS_SQL, type PublicationRow } from './sql/publications.sql.js';
import { ROUTINES_SQL, type RoutineRow } from './sql/routines.sql.js';
import { SCHEMAS_SQL, type SchemaRow } from './sql/schemas.sql.js';
import { SEQUENCES_SQL, type SequenceRow } from './sql/sequences.sql.js';
import { COLUMNS_SQL, TABLES_SQL, type ColumnRow, type TableRow } from './sql/tables.sql.js';
import { TRIGGERS_SQL, type TriggerRow } from './sql/triggers.sql.js';
import { TYPES_SQL, type TypeRow } from './sql/types.sql.js';
import { VIEWS_SQL, type ViewRow } from './sql/views.sql.js';

/**
 * Reads the schema of a database in one consistent snapshot, with a fixed
 * number of set-based queries whatever the number of objects. search_path is
 * emptied for the read, so every name Postgres deparses comes schema-qualified.
 */
export async function readCatalog(client: pg.Client, filter: SchemaFilter = {}): Promise<SchemaModel> {
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''");
  try {
    const model = await readInSnapshot(client, filter);
    await client.query('COMMIT');
    return model;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function readInSnapshot(client: pg.Client, filter: SchemaFilter): Promise<SchemaModel> {
  const rows = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> =>
    (await client.query<R>(sql, params)).rows;

  const session = (await rows<{ user: string; version: string }>(SESSION_SQL))[0];
  const model = emptyModel(Number(session?.version), session?.user ?? '');
  const schemaRows = await rows<SchemaRow>(SCHEMAS_SQL);
  const selection = selectSchemas(schemaRows.map((s) => s.name), filter);
  const oidsOf = (names: string[]) => schemaRows.filter((s) => names.includes(s.name)).map((s) => s.oid);
  const included = oidsOf(selection.included);
  const managed = oidsOf(selection.managed);

  // `${catalog}/${oid}/${subid}` -> key, to resolve pg_depend.
  const keyOf = new Map<string, string>();
  const remember = (cls: string, oid: number, key: string, subid = 0) => keyOf.set(`${cls}/${oid}/${subid}`, key);

  for (const r of schemaRows.filter((s) => selection.included.includes(s.name))) {
    const o = map.toSchema(r);
    model.schemas.set(o.key, o);
    remember('pg_namespace', r.oid, o.key);
  }
  for (const r of await rows<ExtensionRow>(EXTENSIONS_SQL, [included, managed])) {
    const o = map.toExtension(r);
    model.extensions.set(o.key, o);
    remember('pg_extension', r.oid, o.key);
  }
  for (const r of await rows<CollationRow>(COLLATIONS_SQL, [included])) {
    const o = map.toCollation(r);
    model.collations.set(o.key, o);
    remember('pg_collation', r.oid, o.key);
  }
  for (const r of await rows<TypeRow>(TYPES_SQL, [included])) {
    const o = map.toType(r);
    model.types.set(o.key, o);
    remember('pg_type', r.oid, o.key);
    remember('pg_type', r.array_oid, o.key);
    if (r.rel_oid) remember('pg_class', r.rel_oid, o.key);
  }
  for (const r of await rows<SequenceRow>(SEQUENCES_SQL, [included])) {
    const o = map.toSequence(r);
    model.sequences.set(o.key, o);
    remember('pg_class', r.oid, o.key);
  }

  const tableRows = await rows<TableRow>(TABLES_SQL, [included]);
  const columnsByTable = new Map<number, ColumnRow[]>();
  for (const c of await rows<ColumnRow>(COLUMNS_SQL, [included])) {
    const list = columnsByTable.get(c.table_oid) ?? [];
    list.push(c);
    columnsByTable.set(c.table_oid, list);
  }
  for (const r of tableRows) {
    const columns: Column[] = (columnsByTable.get(r.oid) ?? []).map((c) => map.toColumn(c, r));
    const o = map.toTable(r, columns);
    model.tables.set(o.key, o);
    remember('pg_class', r.oid, o.key);
    remember('pg_type', r.type_oid, o.key);
    for (const c of columns) remember('pg_class', r.oid, c.key, c.position);
  }
  for (const r of await rows<ConstraintRow>(CONSTRAINTS_SQL, [included])) {
    const o = map.toConstraint(r);
    model.constraints.set(o.key, o);
    remember('pg_constraint', r.oid, o.key);
    // A foreign key's conindid is the referenced key's index: only p/u/x own theirs.
    if (r.index_oid && r.type !== 'c' && r.type !== 'f') remember('pg_class', r.index_oid, o.key);
  }
  for (const r of await rows<IndexRow>(INDEXES_SQL, [included])) {
    const o = map.toIndex(r);
    model.indexes.set(o.key, o);
    remember('pg_class', r.oid, o.key);
  }
  for (const r of await rows<ViewRow>(VIEWS_SQL, [included])) {
    const o = map.toView(r);
    model.views.set(o.key, o);
    remember('pg_class', r.oid, o.key);
    remember('pg_type', r.type_oid, o.key);
  }
  for (const r of await rows<RoutineRow>(ROUTINES_SQL, [included])) {
    const o = map.toRoutine(r);
    model.routines.set(o.key, o);
    remember('pg_proc', r.oid, o.key);
  }
  for (const r of await rows<TriggerRow>(TRIGGERS_SQL, [included, managed])) {
    const o = map.toTrigger(r);
    model.triggers.set(o.key, o);
    remember('pg_trigger', r.oid, o.key);
  }
  for (const r of await rows<PolicyRow>(POLICIES_SQL, [included, managed])) {
    const o = map.toPolicy(r);
    model.policies.set(o.key, o);
    remember('pg_policy', r.oid, o.key);
  }
  for (const r of await rows<DefaultPrivilegeRow>(DEFAULT_PRIVILEGES_SQL, [included])) {
    const o = map.toDefaultPrivilege(r);
    model.defaultPrivileges.set(o.key, o);
    // pg_default_acl is not among the catalogs the dependency map reads.
    if (r.schema !== null) model.depends.set(o.key, new Set([objectKey('schema', r.schema)]));
  }
  for (const r of await rows<PublicationRow>(PUBLICATIONS_SQL, [included])) {
    const o = map.toPublication(r);
    model.publications.set(o.key, o);
  }
  for (const r of await rows<{ name: string }>(ROLES_SQL)) model.roles.add(r.name);

  addDepends(model, await rows<DependRow>(DEPENDS_SQL), keyOf);
  return model;
}

function addDepends(model: SchemaModel, rows: DependRow[], keyOf: Map<string, string>): void {
  const resolve = (cls: string, oid: number, subid: number): string | undefined =>
    keyOf.get(`${cls}/${oid}/${subid}`) ?? (subid !== 0 ? keyOf.get(`${cls}/${oid}/0`) : undefined);
  for (const r of rows) {
    const from = resolve(r.cls, Number(r.objid), Number(r.subid));
    if (!from) continue;
    let to = resolve(r.refcls, Number(r.refobjid), Number(r.refsubid));
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
