import type { TestProject } from 'vitest/node';
import { parseMajor } from '../../src/embedded/binaries.js';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/embedded/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server's `postgres` database. */
    pgAdminUrl: string;
    pgMajor: number;
  }
}

/**
 * Starts ONE real PostgreSQL server for the whole run (PG_TEST_VERSION, 17 by
 * default), or uses the server at PG_TEST_URL. Tests create their own
 * databases on it. The server also stops if this process dies: see
 * startEmbeddedServer.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.PG_TEST_URL;
  if (existing) {
    const { default: pg } = await import('pg');
    const client = new pg.Client(existing);
    await client.connect();
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    await client.end();
    project.provide('pgAdminUrl', existing);
    project.provide('pgMajor', Math.floor(Number(rows[0]?.v) / 10000));
    return async () => undefined;
  }
  const major = parseMajor(process.env.PG_TEST_VERSION);
  const server: EmbeddedServer = await startEmbeddedServer({ major, label: 'test' });
  project.provide('pgAdminUrl', server.url());
  project.provide('pgMajor', major);
  return () => server.stop();
}
