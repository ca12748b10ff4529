import pg from 'pg';
import { adminUrl } from './db.js';

/** Creates cluster-wide roles if missing; safe when test files race to do it. */
export async function ensureRoles(...names: string[]): Promise<void> {
  const client = new pg.Client(adminUrl());
  await client.connect();
  try {
    for (const name of names) {
      await client.query(
        `DO $$ BEGIN CREATE ROLE "${name.replaceAll('"', '""')}"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
      );
    }
  } finally {
    await client.end();
  }
}
