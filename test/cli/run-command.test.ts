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
    expect(blocked.stdout).toContain('### ⛔ `testing`: blocked by 1 destructive change, nothing applied');

    const planned = await cli([...args, '--mode', 'plan']);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('### 📝 `testing`: 2 changes planned (1 destructive), nothing applied');

    const applied = await cli([...args, '--allow-destructive']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('### 🔄 `testing` synced with production: 2 changes applied (1 destructive)');
    expect(applied.stdout).toMatch(/\| Schema \| ✅ \| \d+ ms \|/);
    // No seed ran after the sync, so its proof stands; with nothing configured the other checks say why they were skipped.
    expect(applied.stdout).toContain('| Schema matches production | ✅ pass | the schema equals production (proven by the schema sync of this run) |');
    expect(applied.stdout).toContain('| Required tables | ⏭️ skipped | none configured ([validate].required_tables) |');
    expect(applied.stdout).toMatch(/\| Seed \| ⏭️ skipped: nothing to seed: none found/);

    const failed = await cli(['run', '--source', source.url, '--target', source.url]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('### ❌ `preview`: failed during connect');
    expect(failed.stdout).toContain('the target is the source database');
  });
});
