import type pg from 'pg';
import { onTestFinished } from 'vitest';
import type { DataSettings } from '../../src/config/resolve.js';
import { connect } from '../../src/db/connect.js';
import type { TestDatabase } from './db.js';

/** A source or target session to a test database, opened as the data phase's are; ended when the test finishes. */
export async function dataSession(db: TestDatabase, role: 'source' | 'target'): Promise<pg.Client> {
  const c = await connect(db.url, { role, retries: 0 });
  onTestFinished(() => c.end());
  return c;
}

/** [data] settings for a test: replace mode, nothing masked, unless `over` says otherwise. */
export function dataSettings(over: Partial<DataSettings> = {}): DataSettings {
  return { enabled: true, tables: [], exclude: [], mode: 'replace', where: {}, mask: {}, maskSalt: '', ...over };
}
