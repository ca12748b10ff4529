/** Which schemas a run reads, from --schema / --exclude-schema and the platform's own schemas. */

/**
 * Schemas a managed platform (Supabase) owns. Left out unless named with
 * --schema, but user-added triggers and policies on their tables, and
 * extensions installed into them, are still synced.
 */
export const MANAGED_SCHEMAS: readonly string[] = [
  'auth', 'storage', 'realtime', '_realtime', 'supabase_functions', 'supabase_migrations', 'extensions',
  'graphql', 'graphql_public', 'vault', 'pgsodium', 'pgsodium_masks', 'net', 'cron', 'pgbouncer',
  '_analytics', '_supavisor', 'pgtle', 'pgmq', 'pgmq_public', 'topology', 'tiger', 'tiger_data',
];

/** pg-branch-sync's own ledger on a target (what seed files made, which migrations ran): never part of a schema. */
export const LEDGER_SCHEMA = '_pg_branch_sync';

export interface SchemaFilter {
  /** Only these schemas (default: every non-system schema but the managed ones). */
  schemas?: readonly string[];
  excludeSchemas?: readonly string[];
}

export interface SchemaSelection {
  /** Schemas read in full. */
  included: string[];
  /** Managed schemas present: only user triggers, policies and extensions are read there. */
  managed: string[];
}

export function selectSchemas(existing: readonly string[], filter: SchemaFilter): SchemaSelection {
  const excluded = new Set([...(filter.excludeSchemas ?? []), LEDGER_SCHEMA]);
  const explicit = filter.schemas && filter.schemas.length > 0 ? new Set(filter.schemas) : undefined;
  const included = existing.filter((s) => !excluded.has(s) && (explicit ? explicit.has(s) : !MANAGED_SCHEMAS.includes(s)));
  const managed = existing.filter((s) => MANAGED_SCHEMAS.includes(s) && !excluded.has(s) && !included.includes(s));
  return { included, managed };
}
