import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';

export interface Timed {
  ms: number;
  code: number;
  /** Peak resident memory in KiB, when the process reports it (bench/rss.mjs). */
  maxRssKiB?: number;
  stderr: string;
}

/** Runs a command (through sh when it is a pipeline) and times it from spawn to exit. */
export function timed(command: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const rss = /@@maxrss (\d+)/.exec(stderr)?.[1];
      resolve({ ms, code: code ?? -1, stderr, ...(rss ? { maxRssKiB: Number(rss) } : {}) });
    });
  });
}

/**
 * A shared runner's neighbour: one CPU-bound process (a busy loop on this
 * Node) beside the measured work until the returned stop is called, or this
 * process exits.
 */
export function startBusyNeighbour(): () => void {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', stop);
  return stop;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function machine(benchNode: string): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const version = (cmd: string) => {
    try {
      return execFileSync(cmd, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0];
    } catch {
      return 'not found';
    }
  };
  return [
    `- Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    `- Node ${benchNode} (timed processes; the harness on ${process.version}); ${version('pg_dump')}; ${version('psql')}`,
  ].join('\n');
}

/** Makes sure pg_dump and psql of the server's major are on PATH (Debian's postgresql-client, installed when missing and root). */
export function ensurePgClient(major: number): void {
  const has = () => {
    try {
      return execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).includes(`${major}.`);
    } catch {
      return false;
    }
  };
  if (has()) return;
  if (process.getuid?.() === 0) {
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null'], { stdio: 'inherit' });
  }
  if (!has()) throw new Error(`pg_dump ${major} is needed for the side-by-side runs: install postgresql-client (${major})`);
}
