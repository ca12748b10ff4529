import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/read.js';
import { createTestDatabase } from '../helpers/db.js';

describe("a catalog read in the caller's transaction", () => {
  it("deparses every name schema-qualified whatever the caller's search_path, and gives that search_path back", async () => {
    const db = await createTestDatabase('read_tx');
    await db.exec(`
      create table public.coupons (code text primary key);
      create table public.orders (id int primary key, coupon text references public.coupons);
      create view public.order_codes as select o.id, c.code from public.orders o join public.coupons c on c.code = o.coupon;`);
    const client = new pg.Client(db.url);
    await client.connect();
    try {
      const alone = await readCatalog(client);
      await client.query('BEGIN');
      // As a seed file's session leaves it: the role's default search_path, or one it set.
      await client.query('SET LOCAL search_path = public, extensions');
      const inside = await readCatalog(client, { inTransaction: true });
      const { rows } = await client.query<{ path: string }>("SELECT current_setting('search_path') AS path");
      await client.query('ROLLBACK');
      expect(rows[0]!.path).toBe('public, extensions');
      const fk = (m: typeof alone) => [...m.constraints.values()].find((c) => c.type === 'f')!.definition;
      expect(fk(inside)).toBe('FOREIGN KEY (coupon) REFERENCES public.coupons(code)');
      expect(fk(inside)).toBe(fk(alone));
      expect(inside.views.get([...inside.views.keys()][0]!)!.definition).toBe(alone.views.get([...alone.views.keys()][0]!)!.definition);
    } finally {
      await client.end();
    }
  });
});
