import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. When we are root, the server runs as an
 * unprivileged account, created (as a system user) if it does not exist yet.
 * Returns undefined when no switch is needed.
 */
export async function serverOsUser(name = process.env.PG_SERVER_OS_USER ?? 'postgres'): Promise<OsUser | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const existing = await lookup(name);
  if (existing) return existing;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  } catch (error) {
    // A concurrent start may have created it in the meantime.
    const raced = await lookup(name);
    if (raced) return raced;
    throw new Error(`running as root, and could not create the unprivileged user "${name}" for PostgreSQL: ${(error as Error).message}`, { cause: error });
  }
  const created = await lookup(name);
  if (!created) throw new Error(`user "${name}" was created but cannot be found`);
  return created;
}

async function lookup(name: string): Promise<OsUser | undefined> {
  try {
    const uid = Number((await run('id', ['-u', name])).stdout.trim());
    const gid = Number((await run('id', ['-g', name])).stdout.trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : undefined;
  } catch {
    return undefined;
  }
}
