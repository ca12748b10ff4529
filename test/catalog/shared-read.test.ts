import pg from 'pg';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { readCatalog } from '../../src/catalog/read.js';
import type { SchemaModel } from '../../src/catalog/model.js';
import { PRODUCTION_SCHEMA } from '../../src/demo/schema.js';
import { createTestDatabase, openClient, urlFor, type TestDatabase } from '../helpers/db.js';
import { ensureRoles } from '../helpers/roles.js';

/** A model as plain data, for equality (Maps and Sets spelled out, in order). */
function plain(model: SchemaModel): unknown {
  return JSON.parse(JSON.stringify(model, (_k, v: unknown) =>
    v instanceof Map ? [...v.entries()].sort() : v instanceof Set ? [...v].sort() : v));
}

/** A session whose queries are counted. */
async function counted(url: string): Promise<{ client: pg.Client; queries: () => number }> {
  const client = new pg.Client(url);
  await client.connect();
  onTestFinished(() => client.end().catch(() => undefined));
  let n = 0;
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as { query: typeof query }).query = (...args) => {
    n++;
    return query(...args);
  };
  return { client, queries: () => n };
}

describe('a catalog read shared by two sessions', () => {
  let db: TestDatabase;
  let alone: unknown;

  beforeAll(async () => {
    await ensureRoles('anon', 'authenticated', 'service_role');
    db = await createTestDatabase('shared');
    await db.exec(PRODUCTION_SCHEMA);
    const c = new pg.Client(db.url);
    await c.connect();
    try {
      alone = plain(await readCatalog(c));
    } finally {
      await c.end();
    }
    return () => db.drop();
  });

  it('reads the same model as one session, the helper taking part', async () => {
    const main = await openClient(db);
    const helper = await counted(db.url);
    const model = await readCatalog(main, { openHelper: async () => helper.client });
    expect(plain(model)).toEqual(alone);
    // The helper joins while the first session is still reading: at least its BEGIN and one query.
    expect(helper.queries()).toBeGreaterThanOrEqual(2);
  });

  it('keeps both sessions in one snapshot: an object created meanwhile is seen by neither', async () => {
    const main = await openClient(db);
    const helper = await counted(db.url);
    const admin = await openClient(db);
    let exported!: () => void;
    const begun = new Promise<void>((resolve) => (exported = resolve));
    let joined!: () => void;
    const helperIn = new Promise<void>((resolve) => (joined = resolve));
    // The first session exports its snapshot in its first query, then waits for the helper, so both read.
    const query = main.query.bind(main) as (...args: unknown[]) => Promise<unknown>;
    let first = true;
    (main as unknown as { query: typeof query }).query = async (...args) => {
      if (first) {
        first = false;
        const result = await query(...args);
        exported();
        return result;
      }
      await helperIn;
      return query(...args);
    };
    const helperQuery = helper.client.query.bind(helper.client) as (...args: unknown[]) => Promise<unknown>;
    (helper.client as unknown as { query: typeof helperQuery }).query = async (...args) => {
      const result = await helperQuery(...args);
      joined();
      return result;
    };
    const model = await readCatalog(main, {
      openHelper: async () => {
        await begun;
        await admin.query(`create table app.late (late_id int primary key, note text not null check (note <> ''));
          create index late_note on app.late (note); comment on table app.late is 'too late'`);
        return helper.client;
      },
    });
    onTestFinished(() => db.exec('drop table app.late'));
    expect(helper.queries()).toBeGreaterThanOrEqual(3);
    expect(plain(model)).toEqual(alone);
    expect(JSON.stringify(plain(model))).not.toContain('late');
  });

  it('reads alone when the helper cannot connect', async () => {
    const main = await openClient(db);
    const model = await readCatalog(main, { openHelper: () => Promise.reject(new Error('too many connections')) });
    expect(plain(model)).toEqual(alone);
  });

  it('does not wait for a helper still connecting when the read is done', async () => {
    const main = await openClient(db);
    const late = await counted(db.url);
    const start = performance.now();
    const model = await readCatalog(main, { openHelper: () => new Promise((resolve) => setTimeout(() => resolve(late.client), 5000)) });
    expect(performance.now() - start).toBeLessThan(4000);
    expect(plain(model)).toEqual(alone);
    expect(late.queries()).toBe(0);
  });

  it('reads alone when the helper cannot take the snapshot (another database)', async () => {
    const main = await openClient(db);
    const elsewhere = await counted(urlFor('postgres'));
    const model = await readCatalog(main, { openHelper: async () => elsewhere.client });
    expect(plain(model)).toEqual(alone);
    expect(elsewhere.queries()).toBe(1);
  });

  it('ends the helper and leaves the first session usable', async () => {
    const main = await openClient(db);
    const helper = await counted(db.url);
    let ended = false;
    helper.client.on('end', () => (ended = true));
    await readCatalog(main, { openHelper: async () => helper.client });
    await expect.poll(() => ended).toBe(true);
    const { rows } = await main.query<{ tx: string }>("select current_setting('transaction_isolation') as tx");
    expect(rows[0]!.tx).toBe('read committed');
  });
});
