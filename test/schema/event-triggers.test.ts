import { describe, expect, it } from 'vitest';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';
import { createTestDatabase } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';
import { plan, sync } from '../helpers/sync.js';

const FUNCTION = `create function audit_ddl() returns event_trigger language plpgsql as $$ begin null; end $$;`;

describe('event triggers', () => {
  it('creates, drops and changes them: event, tags, function and enabled state', async () => {
    await expectSyncsBothWays({
      source: `${FUNCTION}
        create function other_ddl() returns event_trigger language plpgsql as $$ begin null; end $$;
        create event trigger on_create on ddl_command_end when tag in ('CREATE TABLE', 'ALTER TABLE') execute function audit_ddl();
        create event trigger on_drop on sql_drop execute function other_ddl();
        alter event trigger on_drop disable;
        create event trigger on_start on ddl_command_start execute function audit_ddl();
        alter event trigger on_start enable replica;
        create event trigger on_rewrite on table_rewrite execute function audit_ddl();
        alter event trigger on_rewrite enable always;
        comment on event trigger on_rewrite is 'rewrites';`,
      target: `${FUNCTION}
        create function other_ddl() returns event_trigger language plpgsql as $$ begin null; end $$;
        create event trigger on_create on ddl_command_end when tag in ('CREATE TABLE') execute function audit_ddl();
        create event trigger on_drop on sql_drop execute function audit_ddl();
        create event trigger on_start on ddl_command_start execute function audit_ddl();
        create event trigger old_one on ddl_command_end execute function other_ddl();`,
    });
  });

  it('only toggles the enabled state when that is all that differs', async () => {
    const p = await expectSyncs({
      source: `${FUNCTION} create event trigger e on ddl_command_end execute function audit_ddl(); alter event trigger e disable;`,
      target: `${FUNCTION} create event trigger e on ddl_command_end execute function audit_ddl();`,
    });
    expect(sqlOf(p)).toEqual(['ALTER EVENT TRIGGER e DISABLE;']);
  });

  it('says in the plan that a target role without superuser cannot create one, and syncs the rest', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    const role = 'pgbs_plain_owner';
    await target.exec(`do $$ begin create role ${role} login password 'plain-pass'; exception when duplicate_object then null; end $$`);
    await target.exec(`alter database "${target.name}" owner to ${role}; alter schema public owner to ${role}`);
    await source.exec(`${FUNCTION} create table t (a int); create event trigger e on ddl_command_end execute function audit_ddl(); comment on event trigger e is 'audit';`);
    const url = new URL(target.url);
    url.username = role;
    url.password = 'plain-pass';
    const p = await plan(source.url, url.toString());
    expect(p.changes.some((c) => c.kind === 'event trigger')).toBe(false);
    expect(p.notes).toEqual(expect.arrayContaining([expect.objectContaining({ object: 'e', message: expect.stringContaining('superuser') })]));
    const outcome = await sync(source.url, url.toString());
    expect(outcome.status).toBe('applied');
    expect(outcome.plan.notes.some((n) => n.object === 'e')).toBe(true);
    // Owners differ too: a role that is no superuser cannot give its objects to the source's owner (a note each).
    const lines = (db: string) => schemaSnapshot(db).then((l) => l.filter((x) => !x.startsWith('event trigger') && !x.startsWith('schema ') && !x.startsWith('owner ') && !x.includes(' acl=')));
    expect(await lines(target.url)).toEqual(await lines(source.url));
  });
});
