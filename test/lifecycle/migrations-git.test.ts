import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { createTestDatabase } from '../helpers/db.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' });

describe('pending = "git": the files the pull request adds or changes against its base branch', () => {
  it('runs those on top of production, without a ledger, and says what a shallow checkout needs', async () => {
    const production = await createTestDatabase('prod');
    const preview = await createTestDatabase('preview');
    const base = 'create table public.items (item_id int primary key);';
    await production.exec(base);
    await preview.exec(base);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pgbs-git-'));
    try {
      mkdirSync(path.join(dir, 'supabase', 'migrations'), { recursive: true });
      writeFileSync(path.join(dir, 'pg-branch-sync.toml'), '[migrations]\npending = "git"\n');
      writeFileSync(path.join(dir, 'supabase/migrations/20260101000000_items.sql'), `${base}\n`);
      git(dir, 'init', '-q', '-b', 'main');
      git(dir, 'add', '.');
      git(dir, 'commit', '-q', '-m', 'base');
      git(dir, 'checkout', '-q', '-b', 'feature');
      writeFileSync(path.join(dir, 'supabase/migrations/20261201000000_price.sql'), 'alter table public.items add column price numeric;\n');
      git(dir, 'add', '.');
      git(dir, 'commit', '-q', '-m', 'price');

      const inputs = { 'source-url': production.url, 'target-url': preview.url, comment: 'false' };
      const run = await runAction(inputs, { GITHUB_BASE_REF: 'main' }, dir);
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ status: 'applied', 'pending-migrations': '1' });
      expect(run.summary).toContain('20261201000000_price.sql');
      expect(run.summary).not.toContain('20260101000000_items.sql');
      expect(await preview.query("select column_name from information_schema.columns where table_name = 'items' order by 1")).toEqual([{ column_name: 'item_id' }, { column_name: 'price' }]);

      const shallow = mkdtempSync(path.join(os.tmpdir(), 'pgbs-shallow-'));
      execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${dir}`, shallow]);
      const refused = await runAction(inputs, { GITHUB_BASE_REF: 'main' }, shallow);
      rmSync(shallow, { recursive: true, force: true });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('fetch-depth: 0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
