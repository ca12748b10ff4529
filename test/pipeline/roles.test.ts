import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { resolveSettings } from '../../src/config/resolve.js';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/embedded/server.js';
import { memoryLogger } from '../../src/log/logger.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { cli } from '../helpers/cli.js';
import { createDatabaseOn, createTestDatabase, serverMajor } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

// Roles are cluster-wide: a target without production's roles needs a server of its own.
let other: EmbeddedServer;
beforeAll(async () => {
  other = await startEmbeddedServer({ major: serverMajor() === 15 ? 15 : 17, label: 'roles' });
});
afterAll(() => other?.stop());

const production = (r: string) => `
do $$ begin
  if not exists (select from pg_roles where rolname = '${r}_anon') then create role ${r}_anon nologin; end if;
  if not exists (select from pg_roles where rolname = '${r}_user') then create role ${r}_user nologin; end if;
end $$;
create table public.notes (id int primary key, owner text, body text);
alter table public.notes enable row level security;
grant select on public.notes to ${r}_anon;
grant select, insert on public.notes to ${r}_user;
create policy own_notes on public.notes for select to ${r}_user using (owner = current_user);
`;

async function freshTarget(): Promise<{ url: string; query: (sql: string) => Promise<pg.QueryResult> }> {
  const url = await createDatabaseOn(other, 'roles');
  return {
    url,
    query: async (sql) => {
      const c = new pg.Client(url);
      await c.connect();
      try {
        return await c.query(sql);
      } finally {
        await c.end();
      }
    },
  };
}

describe('roles production names that the target lacks', () => {
  it('fail the run, naming the roles and what needs them; with create-roles they are made NOLOGIN and the objects follow', async () => {
    const source = await createTestDatabase('src');
    await source.exec(production('pgbs_web'));
    const target = await freshTarget();
    const run = (createRoles?: boolean) => {
      const settings = resolveSettings({}, 'preview', { sourceUrl: source.url, targetUrl: target.url, createRoles }, () => undefined);
      return runPipeline({ ...settings, sourceUrl: source.url, targetUrl: target.url, targetName: 'preview', logger: memoryLogger() });
    };

    const refused = await run();
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain('the target lacks 2 roles that production\'s objects are granted to');
    expect(refused.error).toContain('pgbs_web_anon: grants on public.notes');
    expect(refused.error).toContain('pgbs_web_user: grants on public.notes; policy own_notes on public.notes');
    expect(refused.error).toContain('create-roles');
    expect((await target.query("select count(*)::int as n from pg_tables where tablename = 'notes'")).rows).toEqual([{ n: 0 }]);

    // plan says the same, and exits 1 rather than "nothing to do".
    const plan = await cli(['plan', '--source', source.url, '--target', target.url]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('the target lacks 2 roles');
    const planned = await cli(['plan', '--source', source.url, '--target', target.url, '--create-roles']);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('CREATE ROLE pgbs_web_anon NOLOGIN;');

    const created = await run(true);
    expect(created.error).toBeUndefined();
    expect(created.status).toBe('applied');
    expect(created.schema?.plan.changes.slice(0, 2).map((c) => c.sql)).toEqual(['CREATE ROLE pgbs_web_anon NOLOGIN;', 'CREATE ROLE pgbs_web_user NOLOGIN;']);
    expect((await target.query("select rolname, rolcanlogin from pg_roles where rolname like 'pgbs_web_%' order by 1")).rows).toEqual([
      { rolname: 'pgbs_web_anon', rolcanlogin: false }, { rolname: 'pgbs_web_user', rolcanlogin: false },
    ]);
    expect(await schemaSnapshot(target.url)).toEqual(await schemaSnapshot(source.url));
    const again = await run();
    expect(again.status).toBe('no-changes');
    expect(again.error).toBeUndefined();
  });

  it('say what to grant when the target user may not create roles', async () => {
    const source = await createTestDatabase('src');
    await source.exec(production('pgbs_app'));
    const target = await freshTarget();
    await target.query("create role pgbs_plain login password 'plain-pw'; grant create on database " + new URL(target.url).pathname.slice(1) + ' to pgbs_plain; grant create on schema public to pgbs_plain');
    const url = new URL(target.url);
    url.username = 'pgbs_plain';
    url.password = 'plain-pw';
    const settings = resolveSettings({}, 'preview', { sourceUrl: source.url, targetUrl: url.toString(), createRoles: true }, () => undefined);
    const report = await runPipeline({ ...settings, sourceUrl: source.url, targetUrl: url.toString(), targetName: 'preview', logger: memoryLogger() });
    expect(report.status).toBe('failed');
    expect(report.error).toContain('creating role pgbs_app_anon needs the CREATEROLE attribute');
    await target.query('drop owned by pgbs_plain; drop role pgbs_plain');
  });
});
