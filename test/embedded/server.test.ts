import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedServer, startEmbeddedServers, type EmbeddedServer } from '../../src/embedded/server.js';
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

  it('stops the servers that started when another of a group fails to start, and rejects with its error', async () => {
    const major = serverMajor() === 15 ? 15 : 17;
    // Labels of this run's own: another suite on the machine may run this test at the same time.
    const tag = `group-${Math.random().toString(36).slice(2, 8)}`;
    const started: { server: EmbeddedServer; pid: number }[] = [];
    const group = startEmbeddedServers(
      [
        { major, label: `${tag}-ok` },
        // Refused by the server itself at start-up, after initdb.
        { major, label: `${tag}-bad`, settings: { shared_buffers: 'plenty' } },
      ],
      (server) => {
        const pid = Number(readFileSync(path.join(server.dataDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
        started.push({ server, pid });
      },
    );
    await expect(group).rejects.toThrow(/invalid value for parameter "shared_buffers": "plenty"/);

    expect(started.map((s) => path.basename(s.server.dataDir))).toEqual([expect.stringMatching(new RegExp(`^pg-branch-sync-data-${tag}-ok`))]);
    const [{ server, pid }] = started as [{ server: EmbeddedServer; pid: number }];
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(existsSync(server.dataDir)).toBe(false);
    expect(readdirSync(os.tmpdir()).filter((d) => d.startsWith(`pg-branch-sync-data-${tag}-`))).toEqual([]);
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(`pg-branch-sync-data-${tag}-`));
    expect(processes).toEqual([]);
  });
});
