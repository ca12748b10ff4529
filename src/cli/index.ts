#!/usr/bin/env node
// Checked before the rest loads: a dependency (Supabase's auth-js) needs Node 22
// and would otherwise fail somewhere inside itself.
if (Number(process.versions.node.split('.')[0]) < 22) {
  process.stderr.write(`error: pg-branch-sync needs Node.js 22 or newer; this is Node.js ${process.versions.node}\n`);
  process.exit(1);
}
// A CLI runs again and again on one machine: Node keeps the compiled code of the bundle on disk (in the
// temporary directory, or NODE_COMPILE_CACHE), which takes a good part of start-up off every later run.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const { main } = await import('./main.js');

process.exitCode = await main(process.argv.slice(2));
