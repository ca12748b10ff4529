/** What the data phase knows of a table it copies, read from the catalog. */

export interface DataColumn {
  name: string;
  /** format_type() of the column. */
  type: string;
  /** format_type() of the type under its domains (the type itself when not a domain): what a mask must fit. */
  baseType?: string;
  /** The CHECK constraints of the column's domain and the domains under it. */
  domainChecks?: DomainCheck[];
  /** NOT NULL on the column or on its domain. */
  notNull: boolean;
  /** A stored generated column: left out of the copy, the target computes it. */
  generated: boolean;
  /** '' none, 'a' GENERATED ALWAYS, 'd' BY DEFAULT. */
  identity: '' | 'a' | 'd';
}

export interface DomainCheck {
  /** format_type() of the domain. */
  domain: string;
  name: string;
  /** pg_get_constraintdef(): CHECK (...). */
  definition: string;
}

export interface DataForeignKey {
  name: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
  deferrable: boolean;
}

export interface DataTrigger {
  name: string;
  /** pg_trigger.tgenabled: O (origin), D (disabled), R (replica), A (always). */
  enabled: 'O' | 'D' | 'R' | 'A';
}

export interface DataTable {
  schema: string;
  name: string;
  /** pg_class.relkind: r (a table), p (partitioned); other kinds where a caller reads any relation. */
  kind?: string;
  /** Columns in attnum order, dropped ones left out. */
  columns: DataColumn[];
  /** Primary key columns, in key order; undefined without one. */
  primaryKey: string[] | undefined;
  /** Foreign keys of this table (outgoing). */
  foreignKeys: DataForeignKey[];
  /** User (non-internal) triggers. */
  triggers: DataTrigger[];
  /** Sequences owned by its columns (serial and identity), as qualified, quoted names. */
  sequences: { column: string; sequence: string }[];
}

/** `schema.table` as a map key (not for SQL). */
export function tableKey(t: { schema: string; name: string }): string {
  return JSON.stringify([t.schema, t.name]);
}
