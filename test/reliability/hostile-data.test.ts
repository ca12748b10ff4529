import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config/resolve.js';
import { memoryLogger } from '../../src/log/logger.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { createTestDatabase } from '../helpers/db.js';
import { hostileNames, lit, q } from '../helpers/hostile.js';
import { makeRepo } from '../helpers/repo.js';

const NAMES = hostileNames(200);

/** One schema, a table per name with columns named like the others, rows whose values are names too. */
function schemaSql(schema: string): string {
  return NAMES.map((name, i) => {
    const col = NAMES[(i + 1) % NAMES.length]!;
    return `create table ${q(schema)}.${q(name)} (${q(`${col} key`)} text primary key, ${q(col)} text);`;
  }).join('\n');
}

describe('hostile names survive data sync, seeding and validation unchanged', () => {
  it(`copies, masks, resets, seeds and checks ${NAMES.length} tables named to break naive SQL`, async () => {
    const schema = NAMES[13]!; // quo"te, decorated
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    const ddl = `create schema ${q(schema)};\n${schemaSql(schema)}`;
    await source.exec(ddl);
    await target.exec(ddl);
    await source.exec(NAMES.map((name, i) => `insert into ${q(schema)}.${q(name)} values (${lit(name)}, ${lit(NAMES[(i + 2) % NAMES.length]!)});`).join('\n'));
    const first = NAMES[0]!;
    const firstCol = NAMES[1]!;
    const seed = NAMES.slice(0, 20).map((name) => `insert into ${q(schema)}.${q(name)} values (${lit(`seed ${name}`)}, ${lit(name)});`).join('\n');
    const root = makeRepo({ 'supabase/seed.sql': seed });
    const table = (name: string) => `${q(schema)}.${q(name)}`;
    const config = {
      data: { enabled: true, tables: [`${q(schema)}.*`], mask: { [table(NAMES[30]!)]: { [NAMES[31]!]: 'hash' } } },
      seed: { reset: NAMES.slice(0, 20).map(table) },
      validate: {
        required_tables: NAMES.map(table),
        required_columns: { [table(first)]: [firstCol, `${firstCol} key`] },
        // The reset runs before the copy: production's row, then the seed's.
        assert: [{ name: `${first} seeded`, sql: `select count(*) from ${table(first)}`, expect: 2 }],
      },
    };
    const settings = resolveSettings(config, 'preview', { sourceUrl: source.url, targetUrl: target.url }, () => undefined, root);
    const report = await runPipeline({ ...settings, sourceUrl: source.url, targetUrl: target.url, targetName: 'preview', logger: memoryLogger() });
    expect(report.error).toBe('1 validation check(s) failed: Row parity with production');
    expect(report.data?.tables).toHaveLength(NAMES.length);
    expect(report.data?.tables.every((t) => t.status === 'equal')).toBe(true);
    expect(report.seed?.reset).toHaveLength(20);
    const checks = Object.fromEntries(report.validation!.checks.map((c) => [c.name, c.status]));
    expect(checks['Required tables']).toBe('pass');
    expect(checks[`${first} seeded`]).toBe('pass');
    // Parity fails for the 20 reset-and-seeded tables, as it should: the seed added rows to them.
    expect(checks['Row parity with production']).toBe('fail');
    // Untouched tables hold production's rows byte for byte; the masked column is a hash.
    const name = NAMES[50]!;
    expect(await target.query(`select * from ${table(name)}`)).toEqual(await source.query(`select * from ${table(name)}`));
    expect(await target.query(`select ${q(firstCol)} as v from ${table(first)} where ${q(`${firstCol} key`)} like 'seed %'`)).toEqual([{ v: first }]);
    const masked = await target.query<{ v: string }>(`select ${q(NAMES[31]!)} as v from ${table(NAMES[30]!)}`);
    expect(masked[0]!.v).toMatch(/^[0-9a-f]{64}$/);
  });
});
