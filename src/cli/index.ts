#!/usr/bin/env node
// Checked before the rest loads: a dependency (Supabase's auth-js) needs Node 22
// and would otherwise fail somewhere inside itself.
if (Number(process.versions.node.split('.')[0]) < 22) {
  process.stderr.write(`error: pg-branch-sync needs Node.js 22 or newer; this is Node.js ${process.versions.node}\n`);
  process.exit(1);
}
const { main } = await import('./main.js');

process.exitCode = await main(process.argv.slice(2));
