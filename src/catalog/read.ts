import type pg from 'pg';
import { buildModel, schemaOids } from './build.js';
import type { SchemaFilter } from './filter.js';
import type { SchemaModel } from './model.js';
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

/** The raw rows of every catalog query, from one snapshot. */
export interface CatalogRows {
  session: { user: string; version: string };
  schemas: SchemaRow[];
  extensions: ExtensionRow[];
  collations: CollationRow[];
  types: TypeRow[];
  sequences: SequenceRow[];
  tables: TableRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  views: ViewRow[];
  routines: RoutineRow[];
  triggers: TriggerRow[];
  policies: PolicyRow[];
  defaultPrivileges: DefaultPrivilegeRow[];
  publications: PublicationRow[];
  roles: { name: string }[];
  depends: DependRow[];
}

type Scope = 'included' | 'both' | 'none';

// `included`: $1 is the schemas read in full; `both`: $2 adds the platform-managed ones.
const QUERIES: [Exclude<keyof CatalogRows, 'session' | 'schemas'>, string, Scope][] = [
  ['depends', DEPENDS_SQL, 'none'],
  ['columns', COLUMNS_SQL, 'included'],
  ['indexes', INDEXES_SQL, 'included'],
  ['constraints', CONSTRAINTS_SQL, 'included'],
  ['views', VIEWS_SQL, 'included'],
  ['tables', TABLES_SQL, 'included'],
  ['routines', ROUTINES_SQL, 'included'],
  ['sequences', SEQUENCES_SQL, 'included'],
  ['types', TYPES_SQL, 'included'],
  ['triggers', TRIGGERS_SQL, 'both'],
  ['policies', POLICIES_SQL, 'both'],
  ['extensions', EXTENSIONS_SQL, 'both'],
  ['collations', COLLATIONS_SQL, 'included'],
  ['defaultPrivileges', DEFAULT_PRIVILEGES_SQL, 'included'],
  ['publications', PUBLICATIONS_SQL, 'included'],
  ['roles', ROLES_SQL, 'none'],
];

/**
 * Reads the schema of a database in one consistent snapshot, with a fixed
 * number of set-based queries whatever the number of objects. search_path is
 * emptied for the read, so every name Postgres deparses comes schema-qualified.
 */
export async function readCatalog(client: pg.Client, filter: SchemaFilter = {}): Promise<SchemaModel> {
  return buildModel(await readCatalogRows(client, filter), filter);
}

const BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''";

export async function readCatalogRows(client: pg.Client, filter: SchemaFilter): Promise<CatalogRows> {
  await client.query(BEGIN);
  try {
    const session = (await client.query<{ user: string; version: string }>(SESSION_SQL)).rows[0]!;
    const schemas = (await client.query<SchemaRow>(SCHEMAS_SQL)).rows;
    const { included, managed } = schemaOids({ schemas }, filter);
    const out: Partial<CatalogRows> = { session, schemas };
    for (const [name, sql, scope] of QUERIES) {
      const params = scope === 'none' ? [] : scope === 'both' ? [included, managed] : [included];
      (out as Record<string, unknown>)[name] = (await client.query(sql, params)).rows;
    }
    await client.query('COMMIT');
    return out as CatalogRows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
