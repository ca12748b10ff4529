import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, onTestFinished } from 'vitest';

export interface TestDatabase {
  name: string;
  /** Superuser URL of this database. */
  url: string;
  /** Runs SQL (several statements allowed) as superuser in this database. */
  exec(sql: string): Promise<void>;
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return inject('pgAdminUrl');
}

export function serverMajor(): number {
  return inject('pgMajor');
}

export function urlFor(database: string, base = adminUrl()): string {
  const url = new URL(base);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>, base = adminUrl()): Promise<T> {
  const client = new pg.Client(base);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database of its own, on the run's server or on `server`
 * (a test's own). Inside a test it is dropped when the test finishes; outside
 * one (beforeAll), call drop() yourself.
 */
export async function createTestDatabase(prefix = 't', server?: { url(database?: string): string }): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const base = server?.url() ?? adminUrl();
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`), base);
  const url = urlFor(name, base);
  let client: pg.Client | undefined;
  const session = async (): Promise<pg.Client> => {
    if (!client) {
      client = new pg.Client(url);
      client.on('error', () => undefined);
      await client.connect();
    }
    return client;
  };
  let dropped = false;
  const db: TestDatabase = {
    name,
    url,
    exec: async (sql) => {
      await (await session()).query(sql);
    },
    query: async <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) =>
      (await (await session()).query<R>(sql, params)).rows,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await client?.end().catch(() => undefined);
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), base);
    },
  };
  try {
    onTestFinished(() => db.drop());
  } catch {
    // Not inside a test: the caller drops it.
  }
  return db;
}

/** A session of its own on the database (superuser), closed when the test finishes. */
export async function openClient(db: TestDatabase): Promise<pg.Client> {
  const c = new pg.Client(db.url);
  await c.connect();
  onTestFinished(() => c.end());
  return c;
}

export { NO_SUPABASE } from '../../src/config/resolve.js';

/** A new database on a server of a test's own (roles are cluster-wide: a target without production's roles needs one); its URL. */
export async function createDatabaseOn(server: { url(database?: string): string }, prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(server.url());
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return server.url(name);
}
