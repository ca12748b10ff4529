/* What every object of the schema model has: a key, a comment, and for most an owner and privileges. */

/**
 * The grantee that stands for an object's owner, whoever that is: the owner's
 * own privileges (all of them unless it revoked some from itself) follow the
 * object when its owner changes. No role can have an empty name.
 */
export const OWNER_GRANTEE = '';

/** A privilege on an object. */
export interface Grant {
  /** Role name, PUBLIC, or OWNER_GRANTEE. */
  grantee: string;
  privilege: string;
  grantable: boolean;
}

export interface CatalogObject {
  key: string;
  comment: string | null;
}

export interface SchemaObject extends CatalogObject {
  name: string;
  owner: string;
  grants: Grant[];
}
