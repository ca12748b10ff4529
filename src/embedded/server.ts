import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { binariesReachableByOthers, findBinaries, type PgMajor } from './binaries.js';
import { serverOsUser, type OsUser } from './os-user.js';

export interface EmbeddedServerOptions {
  major?: PgMajor;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
  /** Prefix of the temp data folder, so several servers can be told apart. */
  label?: string;
  /** Name of the bootstrap superuser (default `postgres`), e.g. `supabase_admin` to play a hosted Supabase server, where `postgres` is no superuser. */
  user?: string;
}

export interface EmbeddedServer {
  readonly major: PgMajor;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly dataDir: string;
  /** Superuser URL of the given database (default `postgres`). */
  url(database?: string): string;
  /** Stops the server and removes its data folder. Safe to call twice. */
  stop(): Promise<void>;
}

const DIR_PREFIX = 'pg-branch-sync-data-';

// Fast, disposable clusters: durability is pointless for test and demo data.
const DEFAULT_SETTINGS: Record<string, string | number> = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: 300,
  max_locks_per_transaction: 1024,
  shared_buffers: '128MB',
  log_min_messages: 'warning',
};

/** Starts a throwaway PostgreSQL server from the npm-shipped binaries. */
export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const major = options.major ?? 17;
  const osUser = await serverOsUser();
  const found = await findBinaries(major);
  const bins = osUser ? await binariesReachableByOthers(found) : found;
  await removeStaleDataDirs();

  const dataDir = await mkdtemp(path.join(os.tmpdir(), `${DIR_PREFIX}${options.label ?? 'pg'}${major}-`));
  const password = randomBytes(18).toString('base64url');
  const user = options.user ?? 'postgres';
  const ownership = osUser ? { uid: osUser.uid, gid: osUser.gid } : {};
  const pwfile = path.join(dataDir, '.pwfile');
  const pgdata = path.join(dataDir, 'data');
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (osUser) {
    await chown(dataDir, osUser.uid, osUser.gid);
    await chown(pwfile, osUser.uid, osUser.gid);
  }

  try {
    await runToEnd(path.join(bins.binDir, 'initdb'), [
      `--pgdata=${pgdata}`, `--username=${user}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256',
      '--encoding=UTF8', '--no-locale', '--no-sync',
    ], ownership);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const settings = { ...DEFAULT_SETTINGS, unix_socket_directories: dataDir, ...options.settings };
  const args = ['-D', pgdata, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawnWithLifeline(path.join(bins.binDir, 'postgres'), [...args, '-p', String(port)], osUser);
    try {
      await waitUntilReady(child, { port, user, password });
      return makeHandle({ major, port, user, password, dataDir, child });
    } catch (error) {
      lastError = error;
      await stopChild(child);
      // Another process may have taken the port between probe and bind: retry.
      if (!/could not bind|already in use/i.test(child.stderrTail())) break;
    }
  }
  await rm(dataDir, { recursive: true, force: true });
  throw lastError;
}

/**
 * Starts several servers at once. When any fails, the ones that started are
 * stopped (a running one would keep the process alive) and its error thrown.
 * `onStarted` sees each server as it comes up, for a Ctrl-C handler.
 */
export async function startEmbeddedServers(
  list: EmbeddedServerOptions[],
  onStarted?: (server: EmbeddedServer) => void,
): Promise<EmbeddedServer[]> {
  const results = await Promise.allSettled(
    list.map(async (options) => {
      const server = await startEmbeddedServer(options);
      onStarted?.(server);
      return server;
    }),
  );
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = results.find((r) => r.status === 'rejected');
  if (!failure) return started;
  await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
  throw failure.reason;
}

interface LifelineChild extends ChildProcess {
  stderrTail(): string;
}

/**
 * Runs the server under `sh`, which stops it (fast shutdown) as soon as our
 * stdin pipe closes: when we stop it, exit, crash or are killed with SIGKILL.
 */
function spawnWithLifeline(command: string, args: string[], osUser: OsUser | undefined): LifelineChild {
  // Background jobs of a non-interactive shell read /dev/null, so the pipe
  // is handed to the watcher as fd 3.
  const script = 'exec 3<&0; "$0" "$@" </dev/null & pid=$!; { cat <&3 >/dev/null; kill -INT $pid 2>/dev/null; } & exec 3<&-; wait $pid';
  const child = spawn('sh', ['-c', script, command, ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
    ...(osUser ? { uid: osUser.uid, gid: osUser.gid } : {}),
    env: { ...process.env, LC_ALL: 'C' },
  }) as LifelineChild;
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8192);
  });
  child.stderrTail = () => tail;
  return child;
}

async function waitUntilReady(child: LifelineChild, conn: { port: number; user: string; password: string }): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`PostgreSQL exited during start-up:\n${child.stderrTail()}`);
    const client = new pg.Client({ host: '127.0.0.1', port: conn.port, user: conn.user, password: conn.password, database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 60 s:\n${child.stderrTail()}`);
}

function makeHandle(s: { major: PgMajor; port: number; user: string; password: string; dataDir: string; child: LifelineChild }): EmbeddedServer {
  let stopping: Promise<void> | undefined;
  return {
    major: s.major,
    port: s.port,
    user: s.user,
    password: s.password,
    dataDir: s.dataDir,
    url: (database = 'postgres') =>
      `postgresql://${s.user}:${encodeURIComponent(s.password)}@127.0.0.1:${s.port}/${encodeURIComponent(database)}`,
    stop: () => {
      stopping ??= (async () => {
        await stopChild(s.child);
        await rm(s.dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function runToEnd(command: string, args: string[], ownership: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...ownership, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} failed (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Removes data folders left by servers whose process is gone (a run killed with SIGKILL). */
async function removeStaleDataDirs(): Promise<void> {
  const tmp = os.tmpdir();
  const entries = await readdir(tmp).catch(() => [] as string[]);
  for (const name of entries) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = path.join(tmp, name);
    const info = await stat(dir).catch(() => undefined);
    if (!info || Date.now() - info.mtimeMs < 10 * 60_000) continue;
    const pidText = await readFile(path.join(dir, 'data', 'postmaster.pid'), 'utf8').catch(() => '');
    const pid = Number(pidText.split('\n')[0]);
    if (pid > 0 && isAlive(pid)) continue;
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
