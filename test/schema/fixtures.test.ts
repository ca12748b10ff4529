import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { ensureRoles } from '../helpers/roles.js';
import { schemaSnapshot } from '../helpers/snapshot.js';
import { plan, planText, sync } from '../helpers/sync.js';

/**
 * The shared schema-diff fixtures: a.sql builds the target, b.sql the source.
 * After apply the target must read exactly like the source, by the engine's
 * own reader (a second plan is empty) and by an independent snapshot.
 */
const root = fileURLToPath(new URL('../fixtures/schema-diff/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}manifest.json`, 'utf8')) as {
  role_required: string;
  fixtures: Record<string, { schema?: string[]; exclude_schema?: string[]; sync_extension_versions?: boolean }>;
};

describe('schema-diff fixtures', () => {
  beforeAll(() => ensureRoles(manifest.role_required));

  it('covers every fixture folder', () => {
    const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(Object.keys(manifest.fixtures).sort()).toEqual(folders);
    expect(folders.length).toBeGreaterThanOrEqual(18);
  });

  it.each(Object.entries(manifest.fixtures))('%s: the target ends equal to the source', async (name, options) => {
    const target = await createTestDatabase('fx_a');
    const source = await createTestDatabase('fx_b');
    await target.exec(readFileSync(`${root}${name}/a.sql`, 'utf8'));
    await source.exec(readFileSync(`${root}${name}/b.sql`, 'utf8'));
    const filter = { schemas: options.schema, excludeSchemas: options.exclude_schema };
    const syncOptions = { filter, extensionVersions: options.sync_extension_versions ?? true };

    const first = await plan(source.url, target.url, syncOptions);
    expect(first.changes.length).toBeGreaterThan(0);
    // Deterministic: the same pair of databases gives the same plan text.
    expect(planText(await plan(source.url, target.url, syncOptions))).toBe(planText(first));

    const outcome = await sync(source.url, target.url, syncOptions);
    expect(outcome.status).toBe('applied');
    expect((await plan(source.url, target.url, syncOptions)).changes).toEqual([]);
    expect(await schemaSnapshot(target.url, filter)).toEqual(await schemaSnapshot(source.url, filter));
  });
});
