import { commentOf, notInExtension } from './common.js';

// The locale column is colliculocale in 15-16 and colllocale from 17: read it through jsonb.
export const COLLATIONS_SQL = `
select c.oid, n.nspname as schema, c.collname as name,
  case c.collprovider when 'i' then 'icu' when 'c' then 'libc' when 'b' then 'builtin' else 'default' end as provider,
  coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale') as locale,
  c.collcollate as lc_collate, c.collctype as lc_ctype, c.collisdeterministic as deterministic,
  ${commentOf('pg_collation', 'c.oid')} as comment
from pg_catalog.pg_collation c
join pg_catalog.pg_namespace n on n.oid = c.collnamespace
where c.collnamespace = any($1::oid[]) and ${notInExtension('pg_collation', 'c.oid')}
order by 2, 3`;

export interface CollationRow {
  oid: number;
  schema: string;
  name: string;
  provider: string;
  locale: string | null;
  lc_collate: string | null;
  lc_ctype: string | null;
  deterministic: boolean;
  comment: string | null;
}
