import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedServer } from '../../src/embedded/server.js';
import { serverMajor } from '../helpers/db.js';

describe('embedded PostgreSQL server', () => {
  it('starts, never as root, and removes every trace on stop', async () => {
    const major = serverMajor() === 15 ? 15 : 17;
    const server = await startEmbeddedServer({ major, label: 'selftest' });
    const client = new pg.Client(server.url());
    await client.connect();
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    expect(Math.floor(Number(rows[0]?.v) / 10000)).toBe(major);
    await client.end();

    const pid = Number(readFileSync(path.join(server.dataDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    expect(uid).not.toBe(0);

    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  });
});
