import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { describeError } from '../../src/db/errors.js';
import { createTestDatabase, urlFor } from '../helpers/db.js';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

async function connectError(url: string, options: Parameters<typeof connect>[1]): Promise<string> {
  try {
    const client = await connect(url, options);
    await client.end();
  } catch (error) {
    return describeError(error);
  }
  throw new Error('expected the connection to fail');
}

describe('connect', () => {
  it('opens a target session that can create a table and read it back', async () => {
    const db = await createTestDatabase();
    const client = await connect(db.url, { role: 'target' });
    try {
      await client.query('create table t (id int primary key, name text)');
      await client.query("insert into t values (1, 'one'), (2, 'two')");
      const { rows } = await client.query('select id, name from t order by id');
      expect(rows).toEqual([{ id: 1, name: 'one' }, { id: 2, name: 'two' }]);
      const { rows: app } = await client.query<{ name: string }>("select current_setting('application_name') as name");
      expect(app[0]?.name).toBe('pg-branch-sync');
    } finally {
      await client.end();
    }
  });

  it('opens source sessions READ ONLY: every write is refused', async () => {
    const db = await createTestDatabase();
    await db.exec('create table t (id int)');
    const client = await connect(db.url, { role: 'source' });
    try {
      await expect(client.query('insert into t values (1)')).rejects.toMatchObject({ code: '25006' });
      await expect(client.query('create table u (id int)')).rejects.toMatchObject({ code: '25006' });
      await expect(client.query('begin; update t set id = 2; commit')).rejects.toMatchObject({ code: '25006' });
      await client.query('rollback');
      expect((await client.query('select count(*)::int as n from t')).rows[0]).toEqual({ n: 0 });
    } finally {
      await client.end();
    }
    expect(await db.query('select count(*)::int as n from t')).toEqual([{ n: 0 }]);
  });

  it('falls back to plain TCP under sslmode=prefer and fails clearly under require', async () => {
    const db = await createTestDatabase();
    const prefer = await connect(`${db.url}?sslmode=prefer`, { role: 'target' });
    await prefer.end();
    const message = await connectError(`${db.url}?sslmode=require`, { role: 'target', retries: 0 });
    expect(message).toMatch(/the server does not accept TLS, but sslmode=require requires it/);
  });

  it('names a wrong password without showing it', async () => {
    const db = await createTestDatabase();
    const password = 'Wr0ng-p@ss#word';
    const message = await connectError(withPassword(db.url, password), { role: 'source', retries: 0 });
    expect(message).toMatch(/password authentication failed for user "postgres": check the user name and password/);
    expect(message).not.toContain(password);
    expect(message).not.toContain(encodeURIComponent(password));
    expect(message).toContain(':***@127.0.0.1');
  });

  it('says the URL has no password when the server asks for one', async () => {
    const db = await createTestDatabase('nopw');
    const url = new URL(db.url);
    url.password = '';
    const error = await connect(url.toString(), { role: 'target', retries: 0 }).catch((e: unknown) => e);
    expect(describeError(error)).toContain('the server asks for a password and the URL has none: add it (postgresql://');
    expect(describeError(error)).not.toContain('SASL');
  });

  it('names a missing database', async () => {
    const db = await createTestDatabase();
    const message = await connectError(urlFor('no_such_db', db.url), { role: 'target', retries: 0 });
    expect(message).toMatch(/database "no_such_db" does not exist: check the database name/);
  });

  it('retries a refused connection with back-off, then explains', async () => {
    const port = await closedPort();
    const retries: string[] = [];
    const message = await connectError(`postgresql://u:topsecret@127.0.0.1:${port}/d?sslmode=disable`, {
      role: 'target', label: 'target "preview"', retries: 2, retryDelayMs: 5, onRetry: (m) => retries.push(m),
    });
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatch(/connection refused; retrying in 5 ms \(attempt 2 of 3\)/);
    expect(message).toBe(
      `could not connect to the target "preview" (postgresql://u:***@127.0.0.1:${port}/d?sslmode=disable): connection refused at 127.0.0.1:${port}: is PostgreSQL running there and accepting TCP connections on port ${port}?`,
    );
  });

  it('does not retry an unknown host', async () => {
    const retries: string[] = [];
    const message = await connectError('postgresql://u:p@no-such-host.invalid/d', { role: 'source', retries: 3, retryDelayMs: 5, onRetry: (m) => retries.push(m) });
    expect(retries).toEqual([]);
    expect(message).toMatch(/the host name "no-such-host.invalid" could not be resolved/);
  });
});
