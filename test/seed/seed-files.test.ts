import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SeedSettings } from '../../src/config/resolve.js';
import { findSeedFiles } from '../../src/seed/files.js';
import { makeRepo } from '../helpers/repo.js';

const settings = (over: Partial<SeedSettings> = {}): SeedSettings => ({
  enabled: true, paths: undefined, files: undefined, reset: [], singleTransaction: false, users: [], ...over,
});
const names = (root: string, files: string[]) => files.map((f) => path.relative(root, f));

describe('which seed files run', () => {
  const layout = {
    'supabase/config.toml': [
      '[db]', 'port = 54322', '', '[db.seed]', 'enabled = true', 'sql_paths = ["./seeds/*.sql", "./seed.sql"]', '',
      '[remotes.testing]', 'project_id = "abc"', '[remotes.testing.db.seed]', 'sql_paths = ["./seeds/10-*.sql"]', '',
    ].join('\n'),
    'supabase/seeds/10-orgs.sql': 'select 1;',
    'supabase/seeds/02-plans.sql': 'select 1;',
    'supabase/seeds/README.md': 'not sql',
    'supabase/seed.sql': 'select 1;',
  };

  it("follows supabase/config.toml [db.seed]: globs expanded in sorted order, paths relative to supabase/, a remote named like the target over it", async () => {
    const root = makeRepo(layout);
    const preview = await findSeedFiles(settings(), root, 'preview');
    expect(names(root, preview.files)).toEqual(['supabase/seeds/02-plans.sql', 'supabase/seeds/10-orgs.sql', 'supabase/seed.sql']);
    expect(preview.origin).toMatch(/supabase\/config\.toml \[db\.seed\]$/);
    const testing = await findSeedFiles(settings(), root, 'testing');
    expect(names(root, testing.files)).toEqual(['supabase/seeds/10-orgs.sql']);
    expect(testing.origin).toContain('[remotes.testing.db.seed]');
  });

  it('prefers [seed].paths, then --file; a file matched twice runs once', async () => {
    const root = makeRepo(layout);
    const configured = await findSeedFiles(settings({ paths: ['supabase/seed.sql', 'supabase/seeds/*.sql', 'supabase/seed.sql'] }), root, 'preview');
    expect(names(root, configured.files)).toEqual(['supabase/seed.sql', 'supabase/seeds/02-plans.sql', 'supabase/seeds/10-orgs.sql']);
    const given = await findSeedFiles(settings({ paths: ['nothing/*.sql'], files: [path.join(root, 'supabase/seeds/10-orgs.sql')] }), root, 'preview');
    expect(names(root, given.files)).toEqual(['supabase/seeds/10-orgs.sql']);
    expect(given.origin).toBe('--file');
  });

  it('is an error when a configured path or glob matches nothing', async () => {
    const root = makeRepo(layout);
    await expect(findSeedFiles(settings({ paths: ['supabase/seeds/*.sql', 'supabase/seeds/*.psql'] }), root, 'preview')).rejects.toThrow(
      /\[seed\]\.paths: "supabase\/seeds\/\*\.psql" matches no file/,
    );
    await expect(findSeedFiles(settings({ paths: ['supabase/missing.sql'] }), root, 'preview')).rejects.toThrow(/"supabase\/missing\.sql" matches no file/);
    const broken = makeRepo({ 'supabase/config.toml': '[db.seed]\nsql_paths = ["./seeds/*.sql"]\n' });
    await expect(findSeedFiles(settings(), broken, 'preview')).rejects.toThrow(/\[db\.seed\] sql_paths: "\.\/seeds\/\*\.sql" matches no file/);
    await expect(findSeedFiles(settings({ files: ['/nonexistent/seed.sql'] }), broken, 'preview')).rejects.toThrow('seed file /nonexistent/seed.sql does not exist');
  });

  it('falls back to supabase/seed.sql, says when seeding is disabled, and finds nothing in a bare repository', async () => {
    const plain = makeRepo({ 'supabase/config.toml': '[db]\nport = 54322\n', 'supabase/seed.sql': 'select 1;' });
    expect(names(plain, (await findSeedFiles(settings(), plain, 'preview')).files)).toEqual(['supabase/seed.sql']);
    const off = makeRepo({ 'supabase/config.toml': '[db.seed]\nenabled = false\n', 'supabase/seed.sql': 'select 1;' });
    expect(await findSeedFiles(settings(), off, 'preview')).toMatchObject({ files: [], origin: expect.stringContaining('enabled = false') });
    const bare = makeRepo({ 'README.md': '# app' });
    // Nothing found says where it looked.
    const none = await findSeedFiles(settings(), bare, 'preview');
    expect(none.files).toEqual([]);
    expect(none.origin).toMatch(/^none found: looked for \[seed\]\.paths \(no config file\), \S*supabase\/config\.toml \(absent\) and \S*supabase\/seed\.sql \(absent\)$/);
    expect(await findSeedFiles(settings({ paths: [] }), bare, 'preview', path.join(bare, 'pg-branch-sync.toml'))).toMatchObject({ files: [], origin: expect.stringMatching(/^\[seed\]\.paths in \S*pg-branch-sync\.toml is an empty list$/) });
    const invalid = makeRepo({ 'supabase/config.toml': '[db.seed\nenabled = true\n' });
    await expect(findSeedFiles(settings(), invalid, 'preview')).rejects.toThrow(/config\.toml:1: invalid TOML/);
  });
});
