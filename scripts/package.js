// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc,
// and writes the licenses of every runtime dependency beside each.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ncc = ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', '--no-source-map-register', '--quiet'];
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [...ncc, 'src/index.ts', '-o', 'dist'], { stdio: 'inherit' });
execFileSync(process.execPath, [...ncc, 'src/cli/index.ts', '-o', 'dist/cli'], { stdio: 'inherit' });

// ncc's --license keeps only the last chunk's packages when the bundle is split, so the list is
// made here from the runtime dependency tree instead: every package that can be in the bundle.
function runtimePackages() {
  const seen = new Map();
  const visit = (name, from) => {
    let dir = from;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) {
        dir = candidate;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) return;
      dir = parent;
    }
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (seen.has(key)) return;
    seen.set(key, { pkg, dir });
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, dir);
  };
  const root = JSON.parse(readFileSync('package.json', 'utf8'));
  for (const dep of Object.keys(root.dependencies)) visit(dep, process.cwd());
  return [...seen.values()].sort((a, b) => a.pkg.name.localeCompare(b.pkg.name) || a.pkg.version.localeCompare(b.pkg.version));
}

const sections = runtimePackages().map(({ pkg, dir }) => {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : `${pkg.license ?? 'UNKNOWN'} (no license file in the package)`;
  return `${pkg.name} ${pkg.version}\n${pkg.license ?? ''}\n${text}`;
});
const licenses = `${sections.join('\n\n')}\n`;
writeFileSync('dist/licenses.txt', licenses);
writeFileSync('dist/cli/licenses.txt', licenses);
