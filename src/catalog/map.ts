import type {
  Collation, Column, Constraint, DefaultPrivilege, EventTrigger, Extension, Grant, IdentitySequence, Index, PartitionIndex, PlatformAcl, Policy, Publication, Routine,
  Rule, SchemaObject, Sequence, Table, Trigger, TypeObject, View,
} from './model.js';
import { objectKey, routineKey } from './keys.js';
import type { CollationRow } from './sql/collations.sql.js';
import type { ConstraintRow } from './sql/constraints.sql.js';
import type { EventTriggerRow } from './sql/event-triggers.sql.js';
import type { ExtensionRow } from './sql/extensions.sql.js';
import type { IndexRow, PartitionIndexRow } from './sql/indexes.sql.js';
import type { PolicyRow } from './sql/policies.sql.js';
import type { PlatformAclRow } from './sql/platform-acls.sql.js';
import type { DefaultPrivilegeRow } from './sql/privileges.sql.js';
import type { PublicationRow } from './sql/publications.sql.js';
import type { RoutineRow } from './sql/routines.sql.js';
import type { RuleRow } from './sql/rules.sql.js';
import type { SchemaRow } from './sql/schemas.sql.js';
import type { SequenceRow } from './sql/sequences.sql.js';
import type { ColumnRow, TableRow } from './sql/tables.sql.js';
import type { TriggerRow } from './sql/triggers.sql.js';
import type { TypeRow } from './sql/types.sql.js';
import type { ViewRow } from './sql/views.sql.js';

/** Catalog rows to model objects: plain data, keyed. */

/** Privilege rows ([grantee, privilege, grantable]) as grants. */
export function grants(rows: [string, string, boolean][] | null): Grant[] {
  return (rows ?? []).map(([grantee, privilege, grantable]) => ({ grantee, privilege, grantable }));
}

export function toSchema(r: SchemaRow): SchemaObject {
  return { key: objectKey('schema', r.name), name: r.name, owner: r.owner, grants: grants(r.grants), comment: r.comment };
}

export function toExtension(r: ExtensionRow): Extension {
  return { key: objectKey('extension', r.name), name: r.name, schema: r.schema, version: r.version, relocatable: r.relocatable, comment: r.comment };
}

export function toCollation(r: CollationRow): Collation {
  return {
    key: objectKey('collation', r.schema, r.name), schema: r.schema, name: r.name, provider: r.provider,
    locale: r.locale, lcCollate: r.lc_collate, lcCtype: r.lc_ctype, deterministic: r.deterministic, comment: r.comment,
  };
}

export function toType(r: TypeRow): TypeObject {
  return {
    key: objectKey('type', r.schema, r.name), schema: r.schema, name: r.name, kind: r.kind, owner: r.owner, grants: grants(r.grants),
    comment: r.comment, labels: r.labels ?? [], baseType: r.base_type, defaultExpr: r.default_expr, notNull: r.not_null,
    collation: r.collation,
    checks: (r.checks ?? []).map(([name, definition, validated]) => ({ name, definition, validated })),
    attributes: r.attributes ?? [], rangeOptions: r.range_options,
  };
}

export function toSequence(r: SequenceRow): Sequence {
  return {
    key: objectKey('sequence', r.schema, r.name), schema: r.schema, name: r.name, dataType: r.data_type,
    start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.cycle, lastValue: r.last_value,
    ownedBy: r.owned_by ? { schema: r.owned_by[0], table: r.owned_by[1], column: r.owned_by[2] } : null,
    owner: r.owner, grants: grants(r.grants), comment: r.comment,
  };
}

export function toIdentitySequence(r: SequenceRow, of: [string, string, string]): IdentitySequence {
  return {
    key: objectKey('sequence', r.schema, r.name), schema: r.schema, name: r.name, of: { schema: of[0], table: of[1], column: of[2] },
    owner: r.owner, grants: grants(r.grants), comment: r.comment,
  };
}

export function toPlatformAcl(r: PlatformAclRow): PlatformAcl {
  const key = r.kind === 'SCHEMA' ? objectKey('schema', r.name)
    : r.kind === 'SEQUENCE' ? objectKey('sequence', r.schema, r.name)
    : r.kind === 'TABLE' ? objectKey('table', r.schema, r.name)
    : routineKey(r.schema, r.name, r.identity_args);
  return { key, kind: r.kind, schema: r.schema, name: r.name, identityArgs: r.identity_args, owner: r.owner, grants: grants(r.grants) };
}

export function toTable(r: TableRow, columns: Column[]): Table {
  return {
    key: objectKey('table', r.schema, r.name), schema: r.schema, name: r.name, kind: r.kind, unlogged: r.unlogged,
    columns, partitionKey: r.partition_key, partitionColumns: r.partition_columns,
    partitionOf: r.partition_of ? { schema: r.partition_of[0], name: r.partition_of[1], bound: r.partition_of[2] } : null,
    inherits: r.inherits.map(([schema, name]) => ({ schema, name })), ofType: r.of_type ? { schema: r.of_type[0], name: r.of_type[1] } : null,
    rlsEnabled: r.rls_enabled, rlsForced: r.rls_forced, options: r.options, replicaIdentity: r.replica_identity,
    replicaIndex: r.replica_index, clusterIndex: r.cluster_index,
    owner: r.owner, grants: grants(r.grants), comment: r.comment,
  };
}

export function toColumn(r: ColumnRow, table: Pick<TableRow, 'schema' | 'name'>): Column {
  return {
    key: objectKey('column', table.schema, table.name, r.name), schema: table.schema, table: table.name, name: r.name,
    position: r.position, type: r.type, notNull: r.not_null, defaultExpr: r.default_expr, collation: r.collation,
    identity: r.identity, generated: r.generated, local: r.local,
    storage: r.storage, defaultStorage: r.default_storage, compression: r.compression, statistics: r.statistics, volatileDefault: r.volatile_default, grants: grants(r.grants), comment: r.comment,
  };
}

export function toConstraint(r: ConstraintRow): Constraint {
  return {
    key: objectKey('constraint', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
    type: r.type, definition: r.definition, local: r.local, comment: r.comment,
  };
}

export function toIndex(r: IndexRow): Index {
  return { key: objectKey('index', r.schema, r.name), schema: r.schema, table: r.table, name: r.name, definition: r.definition, comment: r.comment };
}

export function toPartitionIndex(r: PartitionIndexRow, key: string, parent: PartitionIndex['parent'], root: string): PartitionIndex {
  return {
    key, schema: r.schema, table: r.table, name: r.name, parent, root, definition: r.definition, options: r.options,
    tablespace: r.tablespace, constraintType: r.constraint_type, columns: r.columns, comment: r.comment,
  };
}

export function toView(r: ViewRow): View {
  return {
    key: objectKey('view', r.schema, r.name), schema: r.schema, name: r.name, kind: r.kind, definition: r.definition,
    options: r.options, columns: r.columns, owner: r.owner, grants: grants(r.grants), comment: r.comment,
    columnGrants: r.column_grants.map(([column, list]) => ({ column, grants: grants(list) })),
  };
}

export function toRoutine(r: RoutineRow): Routine {
  return {
    key: routineKey(r.schema, r.name, r.identity_args), schema: r.schema, name: r.name, kind: r.kind,
    identityArgs: r.identity_args, args: r.args, returns: r.returns ?? '', definition: r.definition.trim(),
    owner: r.owner, grants: grants(r.grants), comment: r.comment,
  };
}

export function toTrigger(r: TriggerRow): Trigger {
  return {
    key: objectKey('trigger', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
    definition: r.definition, enabled: r.enabled, isConstraint: r.is_constraint, comment: r.comment,
  };
}

export function toRule(r: RuleRow): Rule {
  return {
    key: objectKey('rule', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
    definition: r.definition, enabled: r.enabled, comment: r.comment,
  };
}

export function toEventTrigger(r: EventTriggerRow): EventTrigger {
  return {
    key: objectKey('event_trigger', r.name), name: r.name, event: r.event, tags: r.tags, functionSchema: r.function_schema,
    functionName: r.function_name, enabled: r.enabled, comment: r.comment,
  };
}

export function toPolicy(r: PolicyRow): Policy {
  return {
    key: objectKey('policy', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
    permissive: r.permissive, command: r.command, roles: r.roles, using: r.using, withCheck: r.with_check, comment: r.comment,
  };
}

export function toDefaultPrivilege(r: DefaultPrivilegeRow): DefaultPrivilege {
  return {
    key: objectKey('defacl', r.role, r.schema ?? '', r.object_type), role: r.role, schema: r.schema,
    objectType: r.object_type, grants: grants(r.grants), comment: null,
  };
}

export function toPublication(r: PublicationRow): Publication {
  return {
    key: objectKey('publication', r.name), name: r.name, allTables: r.all_tables, publish: r.publish, viaRoot: r.via_root,
    tables: r.tables.map((t) => ({ schema: t.schema, name: t.name, columns: t.columns, where: t.where })),
    schemas: r.schemas.map((n) => n.name), comment: r.comment,
  };
}
