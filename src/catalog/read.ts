import type pg from 'pg';
import { buildModel, schemaOids } from './build.js';
import { quoteLiteral } from '../db/quote.js';
import type { SchemaFilter } from './filter.js';
import type { SchemaModel } from './model.js';
import type { CatalogRows } from './rows.js';
import { COLLATIONS_SQL } from './sql/collations.sql.js';
import { CONSTRAINTS_SQL } from './sql/constraints.sql.js';
import { DEPENDS_SQL } from './sql/depends.sql.js';
import { EVENT_TRIGGERS_SQL } from './sql/event-triggers.sql.js';
import { EXTENSIONS_SQL } from './sql/extensions.sql.js';
import { FOREIGN_COLUMN_OPTIONS_SQL, FOREIGN_TABLES_SQL, SERVERS_SQL, USER_MAPPINGS_SQL, WRAPPERS_SQL } from './sql/foreign.sql.js';
import { INDEXES_SQL, PARTITION_INDEXES_SQL } from './sql/indexes.sql.js';
import { PLATFORM_ACLS_SQL } from './sql/platform-acls.sql.js';
import { POLICIES_SQL } from './sql/policies.sql.js';
import { DEFAULT_PRIVILEGES_SQL, ROLES_SQL, SESSION_SQL } from './sql/privileges.sql.js';
import { PUBLICATIONS_SQL } from './sql/publications.sql.js';
import { ROUTINES_SQL } from './sql/routines.sql.js';
import { RULES_SQL } from './sql/rules.sql.js';
import { SCHEMAS_SQL, type SchemaRow } from './sql/schemas.sql.js';
import { SEQUENCES_SQL } from './sql/sequences.sql.js';
import { COLUMNS_SQL, TABLES_SQL } from './sql/tables.sql.js';
import { TRIGGERS_SQL } from './sql/triggers.sql.js';
import { TYPES_SQL } from './sql/types.sql.js';
import { VIEWS_SQL } from './sql/views.sql.js';

export type { CatalogRows };

type Scope = 'included' | 'both' | 'none';
type Query = [Exclude<keyof CatalogRows, 'session' | 'schemas'>, string, Scope];

// `included`: $1 is the schemas read in full; `both`: $2 adds the platform-managed ones.
// Costliest first, so that two sessions sharing the list finish close together.
const QUERIES: Query[] = [
  ['columns', COLUMNS_SQL, 'included'],
  ['indexes', INDEXES_SQL, 'included'],
  ['depends', DEPENDS_SQL, 'none'],
  ['constraints', CONSTRAINTS_SQL, 'included'],
  ['tables', TABLES_SQL, 'included'],
  ['views', VIEWS_SQL, 'included'],
  ['routines', ROUTINES_SQL, 'included'],
  ['sequences', SEQUENCES_SQL, 'included'],
  ['types', TYPES_SQL, 'included'],
  ['triggers', TRIGGERS_SQL, 'both'],
  ['policies', POLICIES_SQL, 'both'],
  ['extensions', EXTENSIONS_SQL, 'both'],
  ['collations', COLLATIONS_SQL, 'included'],
  ['defaultPrivileges', DEFAULT_PRIVILEGES_SQL, 'included'],
  ['publications', PUBLICATIONS_SQL, 'included'],
  ['partitionIndexes', PARTITION_INDEXES_SQL, 'included'],
  ['foreignTables', FOREIGN_TABLES_SQL, 'included'],
  ['foreignColumnOptions', FOREIGN_COLUMN_OPTIONS_SQL, 'included'],
  ['servers', SERVERS_SQL, 'none'],
  ['wrappers', WRAPPERS_SQL, 'none'],
  ['userMappings', USER_MAPPINGS_SQL, 'none'],
  ['platformAcls', PLATFORM_ACLS_SQL, 'both'],
  ['roles', ROLES_SQL, 'none'],
  ['rules', RULES_SQL, 'included'],
  ['eventTriggers', EVENT_TRIGGERS_SQL, 'included'],
];

export interface ReadOptions {
  filter?: SchemaFilter;
  /**
   * Opens one more session to the same database. When given, the read is
   * shared between two sessions in one exported snapshot; when the second
   * session cannot be had, the first reads alone.
   */
  openHelper?: () => Promise<pg.Client>;
  /**
   * The session is inside the caller's transaction (the run's one transaction
   * on the target): read there, seeing its own changes, and leave the
   * transaction open, alone: a snapshot cannot be exported from inside it (a
   * refusal there needs a savepoint, and subtransactions may not export), so
   * a helper would be opened for nothing and is not.
   */
  inTransaction?: boolean;
}

/**
 * Reads the schema of a database in one consistent snapshot, with a fixed
 * number of set-based queries whatever the number of objects. search_path is
 * emptied for the read, so every name Postgres deparses comes schema-qualified.
 */
export async function readCatalog(client: pg.Client, options: ReadOptions = {}): Promise<SchemaModel> {
  const filter = options.filter ?? {};
  return buildModel(await readCatalogRows(client, filter, options.openHelper, options.inTransaction), filter);
}

const BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''";
const EXPORT = 'SELECT pg_catalog.pg_export_snapshot() AS id';

export async function readCatalogRows(client: pg.Client, filter: SchemaFilter, openHelper?: ReadOptions['openHelper'], inTransaction = false): Promise<CatalogRows> {
  // The helper connects while the first session starts reading.
  const helperOpening = inTransaction ? undefined : openHelper?.().catch(() => undefined);
  // In the caller's transaction the read empties search_path as its own would, and gives the caller's back after.
  let callersPath: string | undefined;
  try {
    if (inTransaction) callersPath = await emptySearchPath(client);
    const { snapshot, session, schemas } = await begin(client, helperOpening !== undefined, inTransaction);
    const { included, managed } = schemaOids({ schemas }, filter);
    const out: Partial<CatalogRows> = { session, schemas };
    const queue = [...QUERIES];
    const work = async (c: pg.Client) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [name, sql, scope] = next;
        const params = scope === 'none' ? [] : scope === 'both' ? [included, managed] : [included];
        try {
          (out as Record<string, unknown>)[name] = (await c.query(sql, params)).rows;
        } catch (error) {
          queue.length = 0; // the other session stops too
          throw error;
        }
      }
    };
    // The helper takes part once it is in the snapshot; one still connecting when the list runs out is not waited for.
    let helping: Promise<void> | undefined;
    if (snapshot !== undefined) {
      void helperOpening!.then(async (h) => {
        if (h && queue.length > 0 && (await joinSnapshot(h, snapshot)) && queue.length > 0) await (helping = work(h));
      }).catch(() => undefined); // its failure is seen through `helping`
    }
    const settle = (p: Promise<void> | undefined) => (p ?? Promise.resolve()).then(() => undefined, (error: unknown) => ({ error }));
    const mine = await settle(work(client));
    // A query the helper took is part of the read: waited for, unless the read has failed already.
    const failed = mine ?? (await settle(helping));
    if (failed) throw failed.error;
    if (!inTransaction) await client.query('COMMIT');
    return out as CatalogRows;
  } catch (error) {
    if (!inTransaction) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (callersPath !== undefined) await client.query("SELECT pg_catalog.set_config('search_path', $1, true)", [callersPath]).catch(() => undefined);
    // Ending the helper ends its read-only transaction; nothing waits on it.
    if (helperOpening) void helperOpening.then((h) => h?.end().catch(() => undefined));
  }
}

/** Empties search_path for the rest of the transaction; returns what it was. */
async function emptySearchPath(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ was: string }>("SELECT pg_catalog.current_setting('search_path') AS was, pg_catalog.set_config('search_path', '', true)");
  return rows[0]!.was;
}

interface Begun {
  snapshot: string | undefined;
  session: CatalogRows['session'];
  schemas: SchemaRow[];
}

/**
 * Begins the read in one round trip: the transaction, the session facts, the
 * schemas and, for a helper, the snapshot to share. Where the server cannot
 * export one, it begins again without.
 */
async function begin(client: pg.Client, share: boolean, inTransaction: boolean): Promise<Begun> {
  const exporting = share ? [EXPORT] : [];
  const statements = [...(inTransaction ? [] : [BEGIN]), ...exporting, SESSION_SQL, SCHEMAS_SQL];
  try {
    // Several statements without parameters: one simple query, one result each.
    const sent = await client.query(statements.join(';\n'));
    const results = (Array.isArray(sent) ? sent : [sent]) as pg.QueryResult[];
    const [session, schemas] = results.slice(-2) as [pg.QueryResult<Begun['session']>, pg.QueryResult<SchemaRow>];
    // The export's result is found by its place among the statements, however many results BEGIN gives.
    const exportAt = statements.indexOf(EXPORT) - statements.length;
    const exported = share ? (results.at(exportAt) as pg.QueryResult<{ id: string }>).rows[0]!.id : undefined;
    return { snapshot: exported, session: session.rows[0]!, schemas: schemas.rows };
  } catch (error) {
    if (!share) throw error;
    await client.query('ROLLBACK');
    return begin(client, false, inTransaction);
  }
}

/** Puts the helper in the exported snapshot; false (and the first session reads alone) when it cannot be. */
async function joinSnapshot(helper: pg.Client, snapshot: string): Promise<boolean> {
  try {
    await helper.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT ${quoteLiteral(snapshot)}; SET LOCAL search_path = ''`);
    return true;
  } catch {
    return false;
  }
}
