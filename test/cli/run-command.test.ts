import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { cli } from '../helpers/cli.js';

describe('pg-branch-sync run', () => {
  it('runs the pipeline and prints the report, exiting 0, 3 when blocked and 1 on failure', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec('create table t (a int)');
    await target.exec('create table legacy (a int)');
    const args = ['run', '--source', source.url, '--target', target.url, '--target-name', 'testing'];

    const blocked = await cli(args);
    expect(blocked.code).toBe(3);
    expect(blocked.stdout).toMatch(/^⛔ testing: blocked by 1 destructive change, nothing applied — checked \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(blocked.stdout).toMatch(/\n {2}Schema +⛔ blocked: 1 destructive change needs consent, nothing applied +\d+ ms\n/);
    expect(blocked.stdout).toMatch(/\n {2}drop table +public\.legacy +🛑 destructive\n/);
    expect(blocked.stdout).not.toMatch(/###|<sub>|<details>|\*\*|\|/);

    const planned = await cli([...args, '--mode', 'plan', '--format', 'json']);
    expect(planned.code).toBe(0);
    const json = JSON.parse(planned.stdout) as { status: string; schema: { summary: { total: number; destructive: number }; changes: { object: string; hazards: string[] }[] } };
    expect(json.status).toBe('planned');
    expect(json.schema.summary).toMatchObject({ total: 2, destructive: 1 });
    expect(json.schema.changes.find((c) => c.hazards.includes('destructive'))?.object).toBe('public.legacy');

    const applied = await cli([...args, '--allow-destructive', '--format', 'markdown']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('### 🔄 `testing` synced with production: 2 changes applied (1 destructive)');
    expect(applied.stdout).toMatch(/\| Schema \| ✅ 2 changes — 1 destructive, applied \| \d+ ms \|/);
    // No seed ran after the sync, so its proof stands; with nothing configured the other checks say why they were skipped.
    expect(applied.stdout).toContain('| Schema matches production | ✅ pass | the schema equals production (proven by the schema sync of this run) |');
    expect(applied.stdout).toContain('| Required tables | ⏭️ skipped | none configured (\\[validate\\].required_tables) |');
    expect(applied.stdout).toContain('| Seed | ⏭️ nothing to seed |   |');
    expect(applied.stdout).toMatch(/Nothing to seed: none found: looked for \\\[seed\\\]\.paths \(no config file\), \S*supabase\/config\.toml \(absent\) and \S*supabase\/seed\.sql \(absent\)\./);

    const failed = await cli(['run', '--source', source.url, '--target', source.url]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^❌ preview: the connection failed/);
    expect(failed.stdout).toContain('│ ❌ The connection failed.');
    expect(failed.stdout).toContain('the target is the source database');
  });
});
