import pg from 'pg';

/**
 * Rebuilds, in place, each expression-bearing object of a database from what
 * PostgreSQL prints of it (pg_get_*def, pg_get_expr), the way a restore of a
 * dump would: what it prints afterwards is what any database built from the
 * first one's printed definitions prints. Written from the catalog alone,
 * never from the engine's reader or its settling. Each object is replayed
 * in a savepoint and kept only where its printed text changed. Partition
 * keys cannot be replayed in place (the table would go): left as they are.
 */
const REPLAYS = (major: number) => [
  // Table checks (a partitioned table's recurse to its partitions).
  `select format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, c.conname, pg_get_constraintdef(c.oid)),
          format('select pg_get_constraintdef(oid) from pg_constraint where conrelid = %L::regclass and conname = %L', c.conrelid::regclass, c.conname),
          pg_get_constraintdef(c.oid)
     from pg_constraint c join pg_class r on r.oid = c.conrelid join pg_namespace n on n.oid = r.relnamespace
    where c.contype = 'c' and c.conislocal and c.conparentid = 0 and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  // Domain checks and defaults.
  `select format('ALTER DOMAIN %s DROP CONSTRAINT %I; ALTER DOMAIN %s ADD CONSTRAINT %I %s', c.contypid::regtype, c.conname, c.contypid::regtype, c.conname, pg_get_constraintdef(c.oid)),
          format('select pg_get_constraintdef(oid) from pg_constraint where contypid = %L::regtype and conname = %L', c.contypid::regtype, c.conname),
          pg_get_constraintdef(c.oid)
     from pg_constraint c join pg_type t on t.oid = c.contypid join pg_namespace n on n.oid = t.typnamespace
    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  `select format('ALTER DOMAIN %s SET DEFAULT %s', t.oid::regtype, t.typdefault), format('select typdefault from pg_type where oid = %L::regtype', t.oid::regtype), t.typdefault
     from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where t.typtype = 'd' and t.typdefault is not null and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  // Indexes of their own (not a constraint's, not a partition's).
  `select format('DROP INDEX %s; %s', i.indexrelid::regclass, replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ')),
          format('select pg_get_indexdef(%L::regclass)', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
     from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and not c.relispartition
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
  // Views in place; materialized views made again.
  `select case c.relkind when 'v' then format('CREATE OR REPLACE VIEW %s AS %s', c.oid::regclass, pg_get_viewdef(c.oid))
            else format('DROP MATERIALIZED VIEW %s; CREATE MATERIALIZED VIEW %s AS %s', c.oid::regclass, c.oid::regclass, pg_get_viewdef(c.oid)) end,
          format('select pg_get_viewdef(%L::regclass)', c.oid::regclass), pg_get_viewdef(c.oid)
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('v', 'm') and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  `select format('ALTER POLICY %I ON %s%s%s', p.polname, p.polrelid::regclass,
            ' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', ' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')'),
          format('select concat(pg_get_expr(polqual, polrelid), %L, pg_get_expr(polwithcheck, polrelid)) from pg_policy where polrelid = %L::regclass and polname = %L', '|', p.polrelid::regclass, p.polname),
          concat(pg_get_expr(p.polqual, p.polrelid), '|', pg_get_expr(p.polwithcheck, p.polrelid))
     from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  `select format('DROP TRIGGER %I ON %s; %s', t.tgname, t.tgrelid::regclass, pg_get_triggerdef(t.oid)),
          format('select pg_get_triggerdef(oid) from pg_trigger where tgrelid = %L::regclass and tgname = %L', t.tgrelid::regclass, t.tgname), pg_get_triggerdef(t.oid)
     from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where not t.tgisinternal and t.tgparentid = 0 and t.tgenabled = 'O' and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  `select regexp_replace(pg_get_ruledef(r.oid), '^CREATE RULE', 'CREATE OR REPLACE RULE'),
          format('select pg_get_ruledef(oid) from pg_rewrite where ev_class = %L::regclass and rulename = %L', r.ev_class::regclass, r.rulename), pg_get_ruledef(r.oid)
     from pg_rewrite r join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace
    where r.rulename <> '_RETURN' and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  `select pg_get_functiondef(p.oid), format('select pg_get_functiondef(%s)', p.oid), pg_get_functiondef(p.oid)
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.prokind in ('f', 'p', 'w') and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
      and not exists (select 1 from pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')`,
  // Column defaults, and stored generated expressions (before PostgreSQL 17 only by making the column again).
  `select case when a.attgenerated = '' then format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', a.attrelid::regclass, a.attname, pg_get_expr(d.adbin, d.adrelid))
            when ${major} >= 17 then format('ALTER TABLE %s ALTER COLUMN %I SET EXPRESSION AS (%s)', a.attrelid::regclass, a.attname, pg_get_expr(d.adbin, d.adrelid))
            else format('ALTER TABLE %s DROP COLUMN %I, ADD COLUMN %I %s GENERATED ALWAYS AS (%s) STORED%s', a.attrelid::regclass, a.attname, a.attname,
              format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid), case when a.attnotnull then ' NOT NULL' else '' end) end,
          format('select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = %L::regclass and adnum = (select attnum from pg_attribute where attrelid = adrelid and attname = %L)', a.attrelid::regclass, a.attname),
          pg_get_expr(d.adbin, d.adrelid)
     from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition and a.attislocal and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`,
  // Publication row filters.
  `select format('ALTER PUBLICATION %I DROP TABLE %s; ALTER PUBLICATION %I ADD TABLE %s WHERE (%s)', p.pubname, r.prrelid::regclass, p.pubname, r.prrelid::regclass, pg_get_expr(r.prqual, r.prrelid)),
          format('select pg_get_expr(r.prqual, r.prrelid) from pg_publication_rel r join pg_publication p on p.oid = r.prpubid where p.pubname = %L and r.prrelid = %L::regclass', p.pubname, r.prrelid::regclass),
          pg_get_expr(r.prqual, r.prrelid)
     from pg_publication_rel r join pg_publication p on p.oid = r.prpubid where r.prqual is not null and r.prattrs is null`,
];

export async function replayPrinted(url: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const major = Math.floor(Number((await client.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]!.v) / 10000);
    await client.query("BEGIN; SET LOCAL search_path = ''; SET LOCAL check_function_bodies = off; SET LOCAL client_min_messages = error");
    for (const sql of REPLAYS(major)) {
      const { rows } = await client.query<string[]>({ text: sql, rowMode: 'array' });
      for (const [replay, read, before] of rows) {
        await client.query('SAVEPOINT replay');
        try {
          await client.query(replay!);
          const after = (await client.query<string[]>({ text: read!, rowMode: 'array' })).rows[0]?.[0];
          await client.query(after === before ? 'ROLLBACK TO SAVEPOINT replay' : 'RELEASE SAVEPOINT replay');
        } catch {
          await client.query('ROLLBACK TO SAVEPOINT replay');
        }
      }
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
