import { beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW_SCHEMA as drifted, PRODUCTION_SCHEMA as production } from '../../src/demo/schema.js';
import { expectSyncs, expectSyncsBothWays } from '../helpers/cases.js';
import { ensureRoles } from '../helpers/roles.js';


describe('a real-world schema with everything at once', () => {
  beforeAll(() => ensureRoles('anon', 'authenticated', 'service_role'));

  it('builds from empty and drops to empty', async () => {
    await expectSyncsBothWays({ source: production });
  });

  it('brings a drifted copy up to production, with data in it, flagging what loses data', async () => {
    const p = await expectSyncs({
      source: production,
      target: `${drifted}
        insert into app.organization (slug, name, tier) values ('acme', 'Acme', 'team');
        insert into app.account (email, display_name) values ('a@acme.test', 'Ann');
        insert into app.project (org_id, name) select org_id, 'Launch' from app.organization;
        insert into app.task (project_id, title, state) select project_id, 'Ship it', 'doing' from app.project;`,
    });
    const destructive = p.changes.filter((c) => c.hazards.includes('destructive')).map((c) => c.object);
    // varchar(80) -> text widens and is not flagged; text -> a domain with a check may reject rows.
    expect(destructive.sort()).toEqual(['app.account.email', 'app.scratch_import']);
    expect(p.changes.length).toBeGreaterThan(40);
  });
});
