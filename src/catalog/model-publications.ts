import type { CatalogObject } from './model-base.js';

export interface PublicationTable {
  schema: string;
  name: string;
  /** The column list, null for all columns. */
  columns: string[] | null;
  /** The row filter as pg_get_expr prints it. */
  where: string | null;
}

export interface Publication extends CatalogObject {  name: string;
  allTables: boolean;
  publish: string[];
  viaRoot: boolean;
  /** Member tables (within the synced schemas), by schema and name. */
  tables: PublicationTable[];
  /** `FOR TABLES IN SCHEMA` members (within the synced schemas). */
  schemas: string[];
}
