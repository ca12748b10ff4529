/**
 * The schema of one database as plain, keyed data. Every object has a stable
 * key (`table:public.users`, `function:public.f(integer)`) so that diffing is
 * set arithmetic per collection; `depends` holds, per key, the keys it
 * depends on (from pg_depend), which orders the plan.
 */

import type { CatalogObject, Grant, SchemaObject } from './model-base.js';
import type { DefaultPrivilege, PlatformAcl, RoleAccess } from './model-access.js';
import type { Publication } from './model-publications.js';

export * from './model-base.js';
export type * from './model-access.js';
export type * from './model-publications.js';

export interface Extension extends CatalogObject {
  name: string;
  schema: string;
  version: string;
  /** Whether ALTER EXTENSION ... SET SCHEMA can move it. */
  relocatable: boolean;
}

export interface Collation extends CatalogObject {
  schema: string;
  name: string;
  provider: string;
  locale: string | null;
  lcCollate: string | null;
  lcCtype: string | null;
  deterministic: boolean;
}

export type TypeKind = 'enum' | 'domain' | 'composite' | 'range';

export interface DomainCheck {
  name: string;
  definition: string;
  validated: boolean;
}

export interface TypeObject extends CatalogObject {
  schema: string;
  name: string;
  kind: TypeKind;
  owner: string;
  grants: Grant[];
  /** enum: its labels in order. */
  labels: string[];
  /** domain: base type, default, NOT NULL, collation, checks. */
  baseType: string | null;
  defaultExpr: string | null;
  notNull: boolean;
  collation: string | null;
  checks: DomainCheck[];
  /** composite: `name type` per attribute; range: the CREATE TYPE options. */
  attributes: string[];
  rangeOptions: string | null;
}

/** The options a sequence and an identity column share. */
export interface SequenceOptions {
  dataType: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

export interface Sequence extends CatalogObject, SequenceOptions {
  schema: string;
  name: string;
  /** Its current value (data, not schema: never compared), null if never used or unreadable. */
  lastValue: string | null;
  /** `schema.table.column` that owns it (serial), if any. */
  ownedBy: { schema: string; table: string; column: string } | null;
  owner: string;
  grants: Grant[];
}

/** The sequence behind an identity column: made and dropped with it, but its privileges and comment are its own. */
export interface IdentitySequence extends CatalogObject {
  schema: string;
  name: string;
  /** `schema.table.column` of the identity column. */
  of: { schema: string; table: string; column: string };
  owner: string;
  grants: Grant[];
}

export interface Identity extends SequenceOptions {
  generation: 'ALWAYS' | 'BY DEFAULT';
  /** The name of its sequence (in the table's schema). */
  sequenceName: string;
}

export interface Column extends CatalogObject {
  schema: string;
  table: string;
  name: string;
  position: number;
  type: string;
  notNull: boolean;
  /** Default expression; null for identity and generated columns. */
  defaultExpr: string | null;
  /** Explicit collation when it differs from the type's default. */
  collation: string | null;
  identity: Identity | null;
  /** Expression of a stored generated column. */
  generated: string | null;
  /** Whether the column is declared on this table (not only inherited). */
  local: boolean;
  /** SET STORAGE (p, e, m, x), and the type's own; SET COMPRESSION (p, l); SET STATISTICS (null: the defaults). */
  storage: string;
  defaultStorage: string;
  compression: string | null;
  statistics: number | null;
  /** The default calls a volatile function: adding the column rewrites the table. */
  volatileDefault: boolean;
  grants: Grant[];
}

export type TableKind = 'table' | 'partitioned';

export interface Table extends CatalogObject {
  schema: string;
  name: string;
  kind: TableKind;
  unlogged: boolean;
  columns: Column[];
  /** `PARTITION BY ...` key of a partitioned table. */
  partitionKey: string | null;
  /** Columns that key uses, plain or inside an expression: PostgreSQL neither retypes nor drops them. */
  partitionColumns: string[];
  /** The parent of a partition, and its bound (`FOR VALUES ...`). */
  partitionOf: { schema: string; name: string; bound: string } | null;
  /** Parents in plain (non-partition) inheritance, in order. */
  inherits: { schema: string; name: string }[];
  /** A typed table's composite type (`OF type`): its columns come from and change with the type. */
  ofType: { schema: string; name: string } | null;
  rlsEnabled: boolean;
  rlsForced: boolean;
  options: string[];
  replicaIdentity: string;
  owner: string;
  /** The index REPLICA IDENTITY USING INDEX names, and the one CLUSTER ON marks. */
  replicaIndex: string | null;
  clusterIndex: string | null;
  grants: Grant[];
}

export type ConstraintType = 'p' | 'u' | 'c' | 'f' | 'x';

export interface Constraint extends CatalogObject {
  schema: string;
  table: string;
  name: string;
  type: ConstraintType;
  /** pg_get_constraintdef(), e.g. `FOREIGN KEY (a) REFERENCES public.b(id) DEFERRABLE`. */
  definition: string;
  /** Inherited from a parent table: created by PostgreSQL, not by us. */
  local: boolean;
}

export interface Index extends CatalogObject {
  schema: string;
  table: string;
  name: string;
  definition: string;
}

/**
 * An index partition: the index a partition carries for an index of its
 * parent table, attached to it. Keyed by its table and the index at the top
 * of its tree (`root`), as its name may differ between databases.
 */
export interface PartitionIndex extends CatalogObject {
  schema: string;
  table: string;
  name: string;
  /** The index it is attached to, and that index's key (an index, a constraint, or another index partition). */
  parent: { schema: string; name: string; key: string };
  /** The key of the top index of its tree: a partitioned table's index or constraint. */
  root: string;
  /** pg_get_indexdef(): CREATE INDEX ... ON [ONLY] ... WITH (...). */
  definition: string;
  /** Its storage parameters (`fillfactor=70`), and its tablespace (null: the database's default). */
  options: string[];
  tablespace: string | null;
  /** p, u or x when it backs its table's share of a constraint. */
  constraintType: 'p' | 'u' | 'x' | null;
  /** Its column names, from which PostgreSQL chooses the name of one it creates. */
  columns: string[];
}

export type ViewKind = 'view' | 'materialized';

export interface View extends CatalogObject {
  schema: string;
  name: string;
  kind: ViewKind;
  definition: string;
  options: string[];
  /** Output columns as `name type`, to know whether CREATE OR REPLACE is allowed. */
  columns: string[];
  owner: string;
  grants: Grant[];
  /** Privileges on single columns (`GRANT SELECT (a) ON v`). */
  columnGrants: { column: string; grants: Grant[] }[];
}

export type RoutineKind = 'function' | 'procedure' | 'aggregate' | 'window';

export interface Routine extends CatalogObject {
  schema: string;
  name: string;
  kind: RoutineKind;
  /** pg_get_function_identity_arguments(): part of the key. */
  identityArgs: string;
  /** Full argument list with names and defaults. */
  args: string;
  returns: string;
  /** CREATE OR REPLACE ... as Postgres prints it (or CREATE AGGREGATE ...). */
  definition: string;
  owner: string;
  grants: Grant[];
}

export interface Trigger extends CatalogObject {
  schema: string;
  table: string;
  name: string;
  definition: string;
  /** O (origin/enabled), D (disabled), R (replica), A (always). */
  enabled: string;
  isConstraint: boolean;
}

/** A rewrite rule on a table or view (not a view's own `_RETURN`). */
export interface Rule extends CatalogObject {
  schema: string;
  table: string;
  name: string;
  /** pg_get_ruledef(): CREATE RULE ... */
  definition: string;
  /** O (origin/enabled), D (disabled), R (replica), A (always). */
  enabled: string;
}

/** A database-wide event trigger. */
export interface EventTrigger extends CatalogObject {
  name: string;
  event: string;
  tags: string[];
  functionSchema: string;
  functionName: string;
  /** O (origin/enabled), D (disabled), R (replica), A (always). */
  enabled: string;
}

export interface Policy extends CatalogObject {
  schema: string;
  table: string;
  name: string;
  permissive: boolean;
  command: string;
  roles: string[];
  using: string | null;
  withCheck: string | null;
}


/** A foreign-data, server or table option; a null value is a credential left unread. */
export type FdwOption = [name: string, value: string | null];

/** A foreign-data wrapper: made by hand, or by an extension (it comes and goes with it; its grants and comment are synced). */
export interface ForeignDataWrapper extends CatalogObject {
  name: string;
  /** The extension that made it, null for one made by hand. */
  extension: string | null;
  /** regproc text of the handler and validator functions, null for none. */
  handler: string | null;
  validator: string | null;
  options: FdwOption[];
  owner: string;
  grants: Grant[];
}

export interface ForeignServer extends CatalogObject {
  name: string;
  wrapper: string;
  type: string | null;
  version: string | null;
  /** Sorted by name; values of credential-like names (password, api_key...) are null: never read. */
  options: FdwOption[];
  owner: string;
  grants: Grant[];
}

/** A user mapping, by existence only: its options hold credentials and are never read. */
export interface UserMapping extends CatalogObject {
  server: string;
  /** Role name, or PUBLIC. */
  role: string;
}

export interface ForeignTable extends CatalogObject {
  schema: string;
  name: string;
  server: string;
  /** A foreign partition's parent and bound (`FOR VALUES ...`). */
  partitionOf: { schema: string; name: string; bound: string } | null;
  /** Parents in plain inheritance (INHERITS), tables or foreign tables, in order. */
  inherits: { schema: string; name: string }[];
  options: FdwOption[];
  columns: Column[];
  /** Column name -> its options, for columns that have some. */
  columnOptions: Record<string, FdwOption[]>;
  owner: string;
  grants: Grant[];
}


export interface SchemaModel {
  /** server_version_num of the database it was read from. */
  serverVersion: number;
  /** The role that read it: on a target, the owner of what a plan creates. */
  currentUser: string;
  /** Whether that role is a superuser (event triggers need one). */
  superuser: boolean;
  schemas: Map<string, SchemaObject>;
  extensions: Map<string, Extension>;
  collations: Map<string, Collation>;
  types: Map<string, TypeObject>;
  sequences: Map<string, Sequence>;
  identitySequences: Map<string, IdentitySequence>;
  tables: Map<string, Table>;
  constraints: Map<string, Constraint>;
  indexes: Map<string, Index>;
  partitionIndexes: Map<string, PartitionIndex>;
  views: Map<string, View>;
  routines: Map<string, Routine>;
  triggers: Map<string, Trigger>;
  rules: Map<string, Rule>;
  eventTriggers: Map<string, EventTrigger>;
  policies: Map<string, Policy>;
  defaultPrivileges: Map<string, DefaultPrivilege>;
  publications: Map<string, Publication>;
  foreignDataWrappers: Map<string, ForeignDataWrapper>;
  foreignServers: Map<string, ForeignServer>;
  userMappings: Map<string, UserMapping>;
  foreignTables: Map<string, ForeignTable>;
  platformAcls: Map<string, PlatformAcl>;
  /** Roles that exist in the cluster (grants to others cannot be planned). */
  roles: Set<string>;
  access: RoleAccess;
  /** key -> keys it depends on. */
  depends: Map<string, Set<string>>;
}

export function emptyModel(serverVersion = 0, currentUser = '', superuser = true): SchemaModel {
  return {
    serverVersion,
    currentUser,
    superuser,
    schemas: new Map(),
    extensions: new Map(),
    collations: new Map(),
    types: new Map(),
    sequences: new Map(),
    identitySequences: new Map(),
    tables: new Map(),
    constraints: new Map(),
    indexes: new Map(),
    partitionIndexes: new Map(),
    views: new Map(),
    routines: new Map(),
    triggers: new Map(),
    rules: new Map(),
    eventTriggers: new Map(),
    policies: new Map(),
    defaultPrivileges: new Map(),
    publications: new Map(),
    foreignDataWrappers: new Map(),
    foreignServers: new Map(),
    userMappings: new Map(),
    foreignTables: new Map(),
    platformAcls: new Map(),
    roles: new Set(),
    access: { superuser: false, usage: new Set(), set: new Set(), databaseCreate: false, superusers: new Set(), memberOf: new Map() },
    depends: new Map(),
  };
}
