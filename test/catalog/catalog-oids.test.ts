import { expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/sql/depends.sql.js';
import { createTestDatabase } from '../helpers/db.js';

it('names every system catalog by the OID this server gives it', async () => {
  const db = await createTestDatabase();
  const rows = await db.query<{ relname: string; oid: number }>(
    "select relname, oid::int as oid from pg_class where relnamespace = 'pg_catalog'::regnamespace and relname = any($1)",
    [Object.keys(CATALOG)],
  );
  expect(Object.fromEntries(rows.map((r) => [r.relname, r.oid]))).toEqual(CATALOG);
});
