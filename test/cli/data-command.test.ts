import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/db.js';
import { makeRepo } from '../helpers/repo.js';

const SCHEMA = `
  create table public.ref_countries (country_code text primary key, name text not null);
  create table public.ref_cities (city_id int generated always as identity primary key, country_code text references public.ref_countries, name text);
  create table public.guests (guest_id int primary key, email text not null);`;
const ROWS = `
  insert into ref_countries values ('NL', 'Netherlands'), ('PT', 'Portugal');
  insert into ref_cities (country_code, name) values ('NL', 'Amsterdam'), ('PT', 'Porto'), ('PT', 'Lisboa');
  insert into guests values (1, 'ann@real.com'), (2, 'bob@real.com');`;

describe('pg-branch-sync data, and run --sync-data', () => {
  it('copies the configured tables, masked, reports rows per table, and validation re-checks parity after the seed', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA + ROWS);
    const repo = makeRepo({
      'pg-branch-sync.toml': [
        '[data]', 'tables = ["public.ref_*", "public.guests"]', 'mask_salt = "env:PGBS_SALT"',
        '[data.mask."public.guests"]', 'email = "email"',
        '[targets.testing]', 'data = { enabled = true }',
      ].join('\n'),
    });
    const env = { SOURCE_DATABASE_URL: source.url, TARGET_DATABASE_URL: target.url, PGBS_SALT: 'pepper-99' };
    const config = ['--config', path.join(repo, 'pg-branch-sync.toml')];

    // preview: data off by default, so run copies nothing.
    const preview = await cli(['run', ...config, '--format', 'markdown'], env);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('| Data | ⏭️ skipped: off: production data is copied only when enabled');
    expect(await target.query('select count(*)::int as n from guests')).toEqual([{ n: 0 }]);

    const testing = await cli(['run', ...config, '--target-name', 'testing', '--format', 'markdown'], env);
    expect(testing.stderr).toMatch(/public\.ref_cities: 3 rows in/);
    expect(testing.code).toBe(0);
    expect(testing.stdout).toContain('### Data (replace)');
    expect(testing.stdout).toContain('| Table | Production | Testing | Status | Time |');
    expect(testing.stdout).toMatch(/\| `public\.ref_cities` \| 3 \| 3 \| ✅ equal \| \d+ ms \|/);
    expect(testing.stdout).toContain('Masked in production before copying: `public.guests` (email).');
    expect(testing.stdout).toContain('| Row parity with production | ✅ pass | 3 table(s), 7 row(s) equal |');
    expect(JSON.stringify(await target.query('select * from guests'))).not.toContain('real.com');

    // The data command alone; then a change on the target shows as a failed parity check (exit 4).
    // Replacing ref_countries alone would break ref_cities' rows: refused. Upsert is fine.
    const refused = await cli(['data', ...config, '--table', 'public.ref_countries'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('would break rows of public.ref_cities, which reference them and are not selected');
    const data = await cli(['data', ...config, '--table', 'public.ref_countries', '--mode', 'upsert'], env);
    expect(data.code).toBe(0);
    // On a terminal: its headline says what it did, its table is aligned text.
    expect(data.stdout.split('\n')[0]).toMatch(/^✅ preview: 2 rows copied in 1 table, parity proven — checked /);
    expect(data.stdout).toMatch(/\n {2}public\.ref_countries +2 +2 +✅ equal +\d+ ms\n/);
    expect(data.stdout).toContain('pg-branch-sync 0.1.0 · data only');
    await target.exec("update ref_cities set name = 'Oporto' where name = 'Porto'");
    const validate = await cli(['validate', ...config, '--target-name', 'testing', '--format', 'markdown'], env);
    expect(validate.code).toBe(4);
    expect(validate.stdout).toContain('| Row parity with production | ❌ fail | public.ref_cities: production 3 row(s), target 3 (same count, different values) |');
    expect(validate.stdout + validate.stderr).not.toContain('pepper-99');
  });
});
