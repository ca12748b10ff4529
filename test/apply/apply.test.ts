import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ADVISORY_LOCK_KEY, ApplyError, runChanges, withTargetTransaction } from '../../src/apply/apply.js';
import type { Change } from '../../src/diff/change.js';
import { createTestDatabase } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';
import { sync } from '../helpers/sync.js';

async function session(url: string): Promise<pg.Client> {
  const client = new pg.Client(url);
  await client.connect();
  return client;
}

async function pair() {
  const source = await createTestDatabase('src');
  const target = await createTestDatabase('tgt');
  await source.exec('create table t (a int, b text)');
  await target.exec('create table t (a int)');
  return { source, target };
}

describe('apply safety', () => {
  it('gives up on a lock held by another session, naming the object, and changes nothing', async () => {
    const { source, target } = await pair();
    const other = await session(target.url);
    try {
      await other.query('begin; lock table t in access share mode');
      const before = await schemaSnapshot(target.url);
      await expect(sync(source.url, target.url, { lockTimeout: '200ms' })).rejects.toThrow(
        /timed out after 200ms waiting for a lock on public\.t\.b \(statement 1 of 1\): another session is using it\. Nothing was changed/,
      );
      await other.query('rollback');
      expect(await schemaSnapshot(target.url)).toEqual(before);
    } finally {
      await other.end();
    }
  });

  it('makes a second run wait for the first, then fail cleanly when it takes too long', async () => {
    const { source, target } = await pair();
    const first = await session(target.url);
    try {
      await first.query(`select pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
      await expect(sync(source.url, target.url, { advisoryLockTimeout: '300ms' })).rejects.toThrow(
        'another pg-branch-sync run is changing this target; waited 300ms for it to finish. Nothing was changed',
      );
      // Released while the second run waits: it proceeds.
      const second = sync(source.url, target.url, { advisoryLockTimeout: '20s' });
      await new Promise((r) => setTimeout(r, 300));
      await first.query(`select pg_advisory_unlock(${ADVISORY_LOCK_KEY})`);
      expect((await second).status).toBe('applied');
    } finally {
      await first.end();
    }
  });

  it('never interleaves two runs started together', async () => {
    const { source, target } = await pair();
    const results = await Promise.allSettled([sync(source.url, target.url), sync(source.url, target.url)]);
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : `error: ${String(r.reason)}`)).sort();
    // The second plans only after the first has finished, against what it left.
    expect(statuses).toEqual(['applied', 'no-changes']);
    expect(await schemaSnapshot(target.url)).toEqual(await schemaSnapshot(source.url));
  });

  it('tells a Supabase API to reload its schema after a successful apply', async () => {
    const { source, target } = await pair();
    const listener = await session(target.url);
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
      await listener.query('listen pgrst');
      await sync(source.url, target.url);
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toEqual(['pgrst:reload schema']);
    } finally {
      await listener.end();
    }
  });

  it('sends statements in batches yet names the one that fails, and changes nothing', async () => {
    const db = await createTestDatabase('batch');
    const change = (i: number, sql = `CREATE TABLE public.b${i} (id int);`): Change => ({ sql, object: `public.b${i}`, kind: 'table', action: 'create', hazards: [] });
    const changes = Array.from({ length: 450 }, (_, i) => change(i));
    const client = await session(db.url);
    try {
      const ran: number[] = [];
      await withTargetTransaction(client, {}, () => runChanges(client, changes, { onStatement: (_, i) => ran.push(i) }));
      expect(ran).toEqual(changes.map((_, i) => i));
      expect((await client.query("select count(*)::int as n from pg_class where relname ~ '^b[0-9]+$'")).rows[0].n).toBe(450);
      // The 303rd fails inside the second batch: the error is its own, and the run's transaction rolls back whole.
      const failing = [...changes.map((_, i) => change(i + 1000)), change(2000)];
      failing.splice(302, 0, change(1, 'CREATE TABLE public.b1 (id int);'));
      const error = await withTargetTransaction(client, {}, () => runChanges(client, failing)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApplyError);
      expect((error as ApplyError).index).toBe(302);
      expect((error as ApplyError).message).toMatch(/^statement 303 of 452 failed \(table public\.b1\); nothing was changed\.\nCREATE TABLE public\.b1 \(id int\);\n\n.*relation "b1" already exists/s);
      expect((await client.query("select count(*)::int as n from pg_class where relname ~ '^b[0-9]+$'")).rows[0].n).toBe(450);
    } finally {
      await client.end();
    }
  });
});
