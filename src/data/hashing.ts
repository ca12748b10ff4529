import type pg from 'pg';
import type { DataTable } from './model.js';

/** How a table's rows are summed for parity: by value (hash_record_extended) or by the row's text. */
export type ParityKind = 'value' | 'text';

/**
 * Whether each copied column can be hashed by value, read from the catalog:
 * a built-in type (never an extension's: its OID and hash are the server's
 * own) whose default hash operator class has an extended hash function — the
 * one hash partitioning relies on staying the same across servers — or an
 * array of one, or a domain over either. Left out: enums (their hash is the
 * label's OID, which differs between databases), composites and ranges,
 * aclitem (role OIDs), the reg* types (hashed as OIDs, copied as names), json
 * (no hash), and any column whose collation is nondeterministic (its hash
 * treats texts the collation calls equal as equal). Equal by value means equal
 * as the type compares: 1.0 and 1.00 (numeric), 0 and -0 (float) hash alike.
 * Returns each column's type too, so both sides can be held to the same types.
 */
const ELIGIBLE_SQL = `
with recursive cols as (
  select w.ord, w.pos, a.atttypid as typ, a.attcollation as coll, pg_catalog.format_type(a.atttypid, a.atttypmod) as printed
  from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[]) as w(ord, pos, schema, name, col)
  join pg_catalog.pg_namespace n on n.nspname = w.schema
  join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name
  join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = w.col and a.attnum > 0 and not a.attisdropped
),
-- A type under its domains, then (for an array) its element under the element's domains.
chain(ord, pos, typ, step) as (
  select ord, pos, typ, 0 from cols
  union all
  select ch.ord, ch.pos, case when t.typtype = 'd' then t.typbasetype else t.typelem end, ch.step + 1
  from chain ch join pg_catalog.pg_type t on t.oid = ch.typ
  where ch.step < 20 and (t.typtype = 'd' or (t.typelem <> 0 and t.typlen = -1 and t.typcategory = 'A'))
),
hashable as (
  select t.oid from pg_catalog.pg_type t
  where t.oid < 16384 and t.typtype = 'b' and t.typcategory <> 'A' and t.typname <> 'aclitem'
    and exists (
      select 1 from pg_catalog.pg_opclass o
      join pg_catalog.pg_am am on am.oid = o.opcmethod and am.amname = 'hash'
      join pg_catalog.pg_amproc p on p.amprocfamily = o.opcfamily and p.amprocnum = 2
        and p.amproclefttype = o.opcintype and p.amprocrighttype = o.opcintype
      where o.opcdefault and (o.opcintype = t.oid
        -- varchar hashes as text, cidr as inet (binary-coercible, same category); reg* (as oid) do not count.
        or (t.typcategory in ('S', 'I') and exists (select 1 from pg_catalog.pg_cast k
          where k.castsource = t.oid and k.casttarget = o.opcintype and k.castmethod = 'b'))))
)
select c.ord, pg_catalog.array_agg(c.printed order by c.pos) as types,
  pg_catalog.bool_and(
    (select h.oid is not null from chain ch left join hashable h on h.oid = ch.typ
     where ch.ord = c.ord and ch.pos = c.pos order by ch.step desc limit 1)
    and coalesce((select co.collisdeterministic from pg_catalog.pg_collation co where co.oid = c.coll), true)
  ) and pg_catalog.count(*) = pg_catalog.max(w.n) as eligible
from cols c
join (select ord, pg_catalog.count(*) as n from unnest($1::int[]) as x(ord) group by ord) w on w.ord = c.ord
group by c.ord`;

/** The first major whose servers have hash_record_extended. */
const VALUE_HASH_SINCE = 140000;

interface Eligible {
  ord: number;
  types: string[];
  eligible: boolean;
}

async function readEligible(client: pg.Client, tables: readonly { table: DataTable; columns: readonly string[] }[]): Promise<Map<number, Eligible> | undefined> {
  const { rows } = await client.query<{ v: number }>("SELECT pg_catalog.current_setting('server_version_num')::int AS v");
  if (rows[0]!.v < VALUE_HASH_SINCE) return undefined;
  const flat = tables.flatMap((t, i) => t.columns.map((col, pos) => ({ ord: i, pos, schema: t.table.schema, name: t.table.name, col })));
  const { rows: out } = await client.query<Eligible>(ELIGIBLE_SQL, [
    flat.map((f) => f.ord), flat.map((f) => f.pos), flat.map((f) => f.schema), flat.map((f) => f.name), flat.map((f) => f.col),
  ]);
  return new Map(out.map((r) => [r.ord, r]));
}

/**
 * The parity of each table: by value where both servers have
 * hash_record_extended and every copied column has the same hashable type on
 * both; else by the row's text. Hashing values skips printing every row as
 * text on both sides.
 */
export async function chooseParity(source: pg.Client, target: pg.Client, tables: readonly { table: DataTable; columns: readonly string[] }[]): Promise<ParityKind[]> {
  if (tables.length === 0) return [];
  const [src, tgt] = [await readEligible(source, tables), await readEligible(target, tables)];
  return tables.map((t, i): ParityKind => {
    const a = src?.get(i);
    const b = tgt?.get(i);
    if (t.columns.length === 0 || !a?.eligible || !b?.eligible) return 'text';
    return a.types.length === b.types.length && a.types.every((type, k) => type === b.types[k]) ? 'value' : 'text';
  });
}
