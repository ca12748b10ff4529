import { quoteIdent, quoteLiteral } from '../db/quote.js';
import { tableLabel } from '../db/names.js';
import type { ParityKind } from './hashing.js';
import type { DataTable } from './model.js';

/** Session settings both sides share while copying, so rows print the same as text (COPY, checksums). */
export const COPY_SETTINGS =
  "SET LOCAL datestyle = 'ISO, YMD'; SET LOCAL intervalstyle = 'postgres'; SET LOCAL extra_float_digits = 3; " +
  "SET LOCAL timezone = 'UTC'; SET LOCAL bytea_output = 'hex'; SET LOCAL search_path = ''";

export function columnList(columns: readonly string[]): string {
  return columns.map(quoteIdent).join(', ');
}

/**
 * An order-independent checksum and the row count of what a query returns
 * (sum of bigint: summed in 128 bits, exact). By value, each row's record
 * hash goes through a 64-bit mix first: the record hash combines its columns
 * linearly, so a plain sum would not see values swapped between rows.
 */
export function paritySql(query: string, kind: ParityKind = 'text'): string {
  if (kind === 'value') {
    return 'SELECT count(*)::bigint AS rows, coalesce(sum(pg_catalog.hashint8extended(h, 0) # pg_catalog.hashint8extended(h >> 32, 1)), 0)::text AS checksum ' +
      `FROM (SELECT pg_catalog.hash_record_extended(s, 0) AS h FROM (${query}) s) m`;
  }
  return `SELECT count(*)::bigint AS rows, coalesce(sum(pg_catalog.hashtextextended(s::text, 0)), 0)::text AS checksum FROM (${query}) s`;
}

/** `(a, b) = (s.a, s.b)`: a key match between the table and its staging copy. */
export function keyMatch(table: DataTable, left: string, right: string): string {
  const key = table.primaryKey!;
  return `(${key.map((c) => `${left}.${quoteIdent(c)}`).join(', ')}) = (${key.map((c) => `${right}.${quoteIdent(c)}`).join(', ')})`;
}

/** The statement that puts a trigger back in the state it had. */
export function restoreTrigger(table: DataTable, name: string, state: 'O' | 'D' | 'R' | 'A'): string | undefined {
  const how = { O: 'ENABLE TRIGGER', R: 'ENABLE REPLICA TRIGGER', A: 'ENABLE ALWAYS TRIGGER', D: undefined }[state];
  return how ? `ALTER TABLE ${tableLabel(table)} ${how} ${quoteIdent(name)}` : undefined;
}

/** Moves a sequence past the largest value of its column, never back. */
export function advanceSequence(table: DataTable, column: string, sequence: string): string {
  const seq = `${quoteLiteral(sequence)}::regclass`;
  return (
    `SELECT pg_catalog.setval(${seq}, m) FROM (SELECT max(${quoteIdent(column)}) AS m FROM ${tableLabel(table)}) x ` +
    `WHERE m IS NOT NULL AND m >= (SELECT last_value FROM ${sequence})`
  );
}
