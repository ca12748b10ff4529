import type pg from 'pg';
import { parseTableName, tableLabel, type TableName } from '../db/names.js';

/** Finds the listed tables and every table whose foreign keys reach them, directly or through others. */
const RESET_SQL = `
with recursive listed as (
  select l.ord, c.oid, c.relkind
  from unnest($1::text[], $2::text[]) with ordinality as l(schema, name, ord)
  left join pg_catalog.pg_namespace n on n.nspname = l.schema
  left join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = l.name and c.relkind in ('r', 'p', 'f', 'v', 'm')
),
reach(oid) as (
  select oid from listed where oid is not null
  union
  select con.conrelid from pg_catalog.pg_constraint con join reach r on con.confrelid = r.oid
  where con.contype = 'f' and con.conparentid = 0
)
select 'listed' as what, l.ord::int as ord, l.relkind::text as relkind, null::text as schema, null::text as name from listed l
union all
select 'reached', null, null, n.nspname, c.relname
from reach r join pg_catalog.pg_class c on c.oid = r.oid join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where r.oid not in (select oid from listed where oid is not null)`;

/**
 * Empties the [seed].reset tables in one TRUNCATE ... RESTART IDENTITY.
 * Refused, naming them, when other tables reference them by foreign key:
 * emptying those too is the user's call, never a silent CASCADE.
 */
export async function resetTables(client: pg.Client, names: readonly string[]): Promise<TableName[]> {
  if (names.length === 0) return [];
  const tables = names.map((n) => parseTableName(n, '[seed].reset entry'));
  const { rows } = await client.query<{ what: string; ord: number | null; relkind: string | null; schema: string | null; name: string | null }>(
    RESET_SQL, [tables.map((t) => t.schema), tables.map((t) => t.name)],
  );
  const missing = rows.filter((r) => r.what === 'listed' && r.relkind === null).map((r) => tableLabel(tables[r.ord! - 1]!));
  if (missing.length > 0) throw new Error(`[seed].reset: no table ${missing.join(', ')} on the target`);
  const notTables = rows.filter((r) => r.what === 'listed' && !['r', 'p'].includes(r.relkind!)).map((r) => tableLabel(tables[r.ord! - 1]!));
  if (notTables.length > 0) throw new Error(`[seed].reset: ${notTables.join(', ')} is not a table and cannot be emptied`);
  const reached = rows.filter((r) => r.what === 'reached').map((r) => tableLabel({ schema: r.schema!, name: r.name! })).sort();
  if (reached.length > 0) {
    throw new Error(
      `[seed].reset would also empty ${reached.join(', ')}, whose foreign keys reference the tables listed. ` +
        'Add them to [seed].reset to empty them too, or take the referenced tables out of it. Nothing was emptied.',
    );
  }
  await client.query(`TRUNCATE TABLE ${tables.map(tableLabel).join(', ')} RESTART IDENTITY`);
  return tables;
}
