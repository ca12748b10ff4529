import type { CatalogObject, Grant } from './model-base.js';

/* The model's privileges beyond each object's own grants: defaults, platform objects', and the reading role's. */

export interface DefaultPrivilege extends CatalogObject {
  role: string;
  /** null: for all schemas. */
  schema: string | null;
  objectType: 'r' | 'S' | 'f' | 'T' | 'n';
  grants: Grant[];
}

/**
 * Privileges on an object of a platform-managed schema (auth, storage...): the
 * platform makes the object, but a grant or revoke on it is the user's choice.
 */
export interface PlatformAcl {
  /** The key the object would have if its schema were synced. */
  key: string;
  /** TABLE, SEQUENCE, FUNCTION, PROCEDURE or SCHEMA, as GRANT names it. */
  kind: 'TABLE' | 'SEQUENCE' | 'FUNCTION' | 'PROCEDURE' | 'SCHEMA';
  schema: string;
  name: string;
  /** Functions: identity arguments. */
  identityArgs: string;
  owner: string;
  grants: Grant[];
}

/** What the role that read a database may do there about owners. */export interface RoleAccess {
  superuser: boolean;
  /** Roles whose privileges it has (pg_has_role USAGE): it acts as their objects' owner. */
  usage: Set<string>;
  /** Roles it may SET ROLE to (MEMBER before PostgreSQL 16): it may give objects to them. */
  set: Set<string>;
  /** CREATE on the database: needed to give a schema away. */
  databaseCreate: boolean;
  /** Superuser roles of the cluster. */
  superusers: Set<string>;
  /** role -> roles it is a direct member of. */
  memberOf: Map<string, string[]>;
}
