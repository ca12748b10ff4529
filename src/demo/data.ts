/** The demo's rows: a few thousand in production, a handful in the drifted preview, and the preview's seed. */

/** Production's rows, generated deterministically. */
export const PRODUCTION_DATA = `
insert into app.ref_country values
  ('NL', 'Netherlands', 'EUR'), ('PT', 'Portugal', 'EUR'), ('DE', 'Germany', 'EUR'), ('FR', 'France', 'EUR'),
  ('ES', 'Spain', 'EUR'), ('IT', 'Italy', 'EUR'), ('GB', 'United Kingdom', 'GBP'), ('US', 'United States', 'USD'),
  ('CA', 'Canada', 'CAD'), ('BR', 'Brazil', 'BRL'), ('JP', 'Japan', 'JPY'), ('IN', 'India', 'INR'),
  ('AU', 'Australia', 'AUD'), ('ZA', 'South Africa', 'ZAR'), ('SE', 'Sweden', 'SEK'), ('PL', 'Poland', 'PLN');
insert into app.partner
  select 'partner-' || lpad(i::text, 3, '0'), (array['NL','PT','DE','FR','ES','IT','GB','US','CA','BR','JP','IN','AU','ZA','SE','PL'])[1 + i % 16],
         'Partner ' || i, 'contact' || i || '@partner' || i || '.example.org', '+31 20 555 ' || lpad(i::text, 4, '0')
  from generate_series(1, 200) i;
insert into app.organization (org_id, slug, name, tier, created_at)
  select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'org-' || i, 'Organization ' || i,
         (enum_range(null::app.plan_tier))[1 + i % 4], timestamptz '2025-01-01' + i * interval '3 days'
  from generate_series(1, 40) i;
insert into app.account (email, display_name, home_org, created_at)
  select 'person' || i || '@customer' || (i % 40) || '.example', 'Person ' || i,
         ('00000000-0000-4000-8000-' || lpad((1 + i % 40)::text, 12, '0'))::uuid, timestamptz '2025-01-01' + i * interval '2 hours'
  from generate_series(1, 800) i;
update app.organization o set owner_account = a.account_no
  from app.account a where a.home_org = o.org_id and a.account_no <= 40;
insert into app.membership (org_id, account_no, role)
  select home_org, account_no, case when account_no <= 40 then 'owner' when account_no % 7 = 0 then 'admin' else 'member' end from app.account;
insert into app.project (org_id, name, lead_account, budget, archived)
  select ('00000000-0000-4000-8000-' || lpad((1 + i % 40)::text, 12, '0'))::uuid, 'Project ' || i, 1 + i % 800, (i * 125) % 50000, i % 9 = 0
  from generate_series(1, 160) i;
insert into app.task (project_id, title, state, labels, estimate, due_on, meta)
  select 1 + i % 160, 'Task ' || i, (enum_range(null::app.task_state))[1 + i % 4], array['l' || (i % 5)],
         (i % 8) * interval '1 hour', date '2026-01-01' + (i % 400), jsonb_build_object('points', i % 13)
  from generate_series(1, 3000) i;
insert into app.task_comment (task_id, author, body)
  select 1 + i % 3000, 1 + i % 800, 'Comment ' || i from generate_series(1, 2000) i;
insert into app.audit_log (at, org_id, actor, action, detail)
  select timestamptz '2025-06-01' + i * interval '7 hours', ('00000000-0000-4000-8000-' || lpad((1 + i % 40)::text, 12, '0'))::uuid,
         1 + i % 800, (array['login', 'invite', 'export'])[1 + i % 3], jsonb_build_object('n', i)
  from generate_series(1, 1500) i;
refresh materialized view app.org_stats;
`;

/** The preview's own rows, from before it drifted. */
export const PREVIEW_DATA = `
insert into app.organization (slug, name, tier) values ('old-demo', 'Old demo org', 'team');
insert into app.account (email, display_name) values ('old@example.com', 'Old tester');
insert into app.project (org_id, name) select org_id, 'Old project' from app.organization;
insert into app.task (project_id, title, state) select project_id, 'Old task', 'doing' from app.project;
insert into app.scratch_import values ('a local experiment');
`;

/** The preview's seed: known test data, the same after every run (ON CONFLICT, or a reset table). */
export const PREVIEW_SEED = `-- Known test data for the preview: safe to run on every push.
insert into app.organization (slug, name, tier) values ('qa', 'QA Organization', 'enterprise')
  on conflict (slug) do update set name = excluded.name, tier = excluded.tier;
insert into app.account (email, display_name, home_org)
  select 'qa@example.com', 'QA Tester', org_id from app.organization where slug = 'qa'
  on conflict (email) do update set display_name = excluded.display_name, home_org = excluded.home_org;
update app.organization set owner_account = (select account_no from app.account where email = 'qa@example.com') where slug = 'qa';
insert into app.membership (org_id, account_no, role)
  select o.org_id, a.account_no, 'owner' from app.organization o, app.account a where o.slug = 'qa' and a.email = 'qa@example.com'
  on conflict do nothing;
insert into app.project (org_id, name) select org_id, 'QA checklist' from app.organization where slug = 'qa'
  on conflict (org_id, name) do nothing;
-- Visits to copied partners: [seed].reset empties them before production's partners are copied again.
insert into app.partner_visit (partner_key, note) values ('partner-001', 'QA visit'), ('partner-002', 'QA follow-up');
`;
