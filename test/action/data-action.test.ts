import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { createTestDatabase } from '../helpers/db.js';
import { makeRepo } from '../helpers/repo.js';

describe('the action with sync-data', () => {
  it('copies only when asked, masked, and reports rows per table in the summary', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`
      create table public.plans (plan_key text primary key, price int);
      create table public.members (member_no int primary key, email text, plan_key text references public.plans);
      insert into plans values ('free', 0), ('pro', 20);
      insert into members values (1, 'ann@real.com', 'pro'), (2, 'bob@real.com', 'free');`);
    const repo = makeRepo({
      'pg-branch-sync.toml': '[data]\ntables = ["public.plans", "public.members"]\nmask_salt = "env:MASK_SALT"\n[data.mask."public.members"]\nemail = "email"\n',
    });
    const inputs = { 'source-url': source.url, 'target-url': target.url, 'target-name': 'staging', config: path.join(repo, 'pg-branch-sync.toml'), comment: 'false' };
    const env = { MASK_SALT: 'very-secret-salt' };

    const off = await runAction(inputs, env);
    expect(off.code).toBe(0);
    expect(off.summary).toContain('| Data | ⏭️ skipped: off: production data is copied only when enabled');
    expect(await target.query('select count(*)::int as n from members')).toEqual([{ n: 0 }]);

    const on = await runAction({ ...inputs, 'sync-data': 'true' }, env);
    expect(on.stderr).toBe('');
    expect(on.code).toBe(0);
    expect(on.summary).toContain('| Table | Production | Staging | Status | Time |');
    expect(on.summary).toMatch(/\| `public\.members` \| 2 \| 2 \| ✅ equal \|/);
    expect(on.stdout).toContain('::group::Copy data');
    expect(on.everything).not.toContain('very-secret-salt');
    expect(JSON.stringify(await target.query('select email from members'))).not.toContain('real.com');
  });
});
