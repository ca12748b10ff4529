import { commentOf, grantsJson, notInExtension } from './common.js';

/**
 * Functions, procedures and aggregates in the chosen schemas ($1).
 * pg_get_functiondef() deparses functions; aggregates are rebuilt from
 * pg_aggregate, which has no deparser.
 */
export const ROUTINES_SQL = `
select p.oid, n.nspname as schema, p.proname as name,
  case p.prokind when 'f' then 'function' when 'p' then 'procedure' when 'a' then 'aggregate' when 'w' then 'window' end as kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) as identity_args,
  pg_catalog.pg_get_function_arguments(p.oid) as args,
  case when p.prokind <> 'p' then pg_catalog.pg_get_function_result(p.oid) end as returns,
  case when p.prokind = 'a' then
    (select 'CREATE AGGREGATE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)
       || '(' || case when p.pronargs = 0 then '*' else pg_catalog.pg_get_function_arguments(p.oid) end || ') ('
       || 'SFUNC = ' || a.aggtransfn::regproc::text
       || ', STYPE = ' || pg_catalog.format_type(a.aggtranstype, null)
       || case when a.aggtransspace <> 0 then ', SSPACE = ' || a.aggtransspace else '' end
       || case when a.aggfinalfn <> 0 then ', FINALFUNC = ' || a.aggfinalfn::regproc::text else '' end
       || case when a.aggfinalextra then ', FINALFUNC_EXTRA' else '' end
       || case when a.aggcombinefn <> 0 then ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text else '' end
       || case when a.aggserialfn <> 0 then ', SERIALFUNC = ' || a.aggserialfn::regproc::text else '' end
       || case when a.aggdeserialfn <> 0 then ', DESERIALFUNC = ' || a.aggdeserialfn::regproc::text else '' end
       || case when a.agginitval is not null then ', INITCOND = ' || pg_catalog.quote_literal(a.agginitval) else '' end
       || case when a.aggfinalmodify <> case when a.aggkind = 'n' then 'r' else 'w' end
            then ', FINALFUNC_MODIFY = ' || case a.aggfinalmodify when 'r' then 'READ_ONLY' when 's' then 'SHAREABLE' else 'READ_WRITE' end else '' end
       -- SORTOP takes an operator name, not a signature: OPERATOR(schema.>)
       || coalesce((select ', SORTOP = OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || o.oprname || ')'
            from pg_catalog.pg_operator o join pg_catalog.pg_namespace opn on opn.oid = o.oprnamespace where o.oid = a.aggsortop), '')
       || case when a.aggkind = 'h' then ', HYPOTHETICAL' else '' end
       || case p.proparallel when 's' then ', PARALLEL = SAFE' when 'r' then ', PARALLEL = RESTRICTED' else '' end
       || ')'
     from pg_catalog.pg_aggregate a where a.aggfnoid = p.oid)
  else pg_catalog.pg_get_functiondef(p.oid) end as definition,
  ${grantsJson('p.proacl', 'f', 'p.proowner')} as grants,
  pg_catalog.pg_get_userbyid(p.proowner) as owner,
  ${commentOf('pg_proc', 'p.oid')} as comment
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
where p.pronamespace = any($1::oid[]) and ${notInExtension('pg_proc', 'p.oid')}
  -- constructors PostgreSQL makes for range types belong to the type
  and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'i')
order by 2, 3, 5`;

export interface RoutineRow {
  oid: number;
  schema: string;
  name: string;
  kind: 'function' | 'procedure' | 'aggregate' | 'window';
  identity_args: string;
  args: string;
  returns: string | null;
  definition: string;
  grants: [string, string, boolean][];
  owner: string;
  comment: string | null;
}
