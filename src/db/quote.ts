// Keywords that cannot stand unquoted as identifiers (PostgreSQL 17's
// pg_get_keywords() where catcode <> 'U'; a superset of 15's).
const NON_UNRESERVED_KEYWORDS = new Set<string>([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization',
  'between', 'bigint', 'binary', 'bit', 'boolean', 'both', 'case', 'cast', 'char', 'character',
  'check', 'coalesce', 'collate', 'collation', 'column', 'concurrently', 'constraint', 'create',
  'cross', 'current_catalog', 'current_date', 'current_role', 'current_schema', 'current_time',
  'current_timestamp', 'current_user', 'dec', 'decimal', 'default', 'deferrable', 'desc',
  'distinct', 'do', 'else', 'end', 'except', 'exists', 'extract', 'false', 'fetch', 'float', 'for',
  'foreign', 'freeze', 'from', 'full', 'grant', 'greatest', 'group', 'grouping', 'having', 'ilike',
  'in', 'initially', 'inner', 'inout', 'int', 'integer', 'intersect', 'interval', 'into', 'is',
  'isnull', 'join', 'json', 'json_array', 'json_arrayagg', 'json_exists', 'json_object',
  'json_objectagg', 'json_query', 'json_scalar', 'json_serialize', 'json_table', 'json_value',
  'lateral', 'leading', 'least', 'left', 'like', 'limit', 'localtime', 'localtimestamp',
  'merge_action', 'national', 'natural', 'nchar', 'none', 'normalize', 'not', 'notnull', 'null',
  'nullif', 'numeric', 'offset', 'on', 'only', 'or', 'order', 'out', 'outer', 'overlaps',
  'overlay', 'placing', 'position', 'precision', 'primary', 'real', 'references', 'returning',
  'right', 'row', 'select', 'session_user', 'setof', 'similar', 'smallint', 'some', 'substring',
  'symmetric', 'system_user', 'table', 'tablesample', 'then', 'time', 'timestamp', 'to',
  'trailing', 'treat', 'trim', 'true', 'union', 'unique', 'user', 'using', 'values', 'varchar',
  'variadic', 'verbose', 'when', 'where', 'window', 'with', 'xmlattributes', 'xmlconcat',
  'xmlelement', 'xmlexists', 'xmlforest', 'xmlnamespaces', 'xmlparse', 'xmlpi', 'xmlroot',
  'xmlserialize', 'xmltable',
]);

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;

/**
 * Quotes an identifier the way quote_ident() does: only when needed, so plans
 * stay readable, and always safely (embedded quotes doubled).
 */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new Error('identifiers cannot contain NUL characters');
  if (PLAIN_IDENTIFIER.test(name) && !NON_UNRESERVED_KEYWORDS.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted as needed. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * A string literal. Assumes standard_conforming_strings (on by default since
 * PostgreSQL 9.1, and set on every session this tool opens), so only quotes
 * need doubling.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('string literals cannot contain NUL characters');
  return `'${value.replaceAll("'", "''")}'`;
}
