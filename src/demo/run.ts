import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { CliIo } from '../cli/spec.js';
import { NO_MIGRATIONS, NO_SUPABASE, type RunSettings } from '../config/resolve.js';
import { startEmbeddedServers, type EmbeddedServer } from '../embedded/server.js';
import { streamLogger } from '../log/logger.js';
import { runPipeline, type RunReport } from '../pipeline/run.js';
import { renderReport } from '../report/markdown.js';
import { terminalReport, useColor } from '../report/terminal.js';
import { PREVIEW_DATA, PREVIEW_SEED, PRODUCTION_DATA } from './data.js';
import { PREVIEW_SCHEMA, PRODUCTION_SCHEMA } from './schema.js';

async function exec(url: string, sql: string): Promise<void> {
  const client = new pg.Client(url);
  // A server stopped by Ctrl-C while this client is idle (just connected, or done) would otherwise end the process with code 1.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const ROLES = ['anon', 'authenticated', 'service_role'].map((r) => `create role ${r} nologin;`).join(' ');

/** What the demo configures, as a pg-branch-sync.toml for the preview target would. */
function settings(production: string, preview: string, seedFile: string, root: string): RunSettings & { sourceUrl: string; targetUrl: string } {
  return {
    sourceUrl: production, targetUrl: preview, mode: 'apply',
    // The drifted preview has a column whose type narrows and an experiment table to drop.
    allowDestructive: true, createRoles: false, schemaEnabled: true, switches: [], lockTimeout: '10s', filter: { schemas: [], excludeSchemas: [] }, extensionVersions: true,
    data: {
      enabled: true, tables: ['app.ref_country', 'app.partner'], exclude: [], mode: 'replace', where: {},
      mask: { 'app.partner': { contact_email: 'email', contact_phone: 'phone' } }, maskSalt: 'demo-salt',
    },
    seed: { enabled: true, paths: [seedFile], files: undefined, reset: ['app.partner_visit'], singleTransaction: true, users: [] },
    validate: {
      enabled: true, requiredTables: ['app.organization', 'app.account', 'app.task', 'app.partner'],
      requiredColumns: { 'app.account': ['email', 'home_org'] }, statementTimeout: '30s', api: true,
      assertions: [
        { name: 'the QA organization has its owner', sql: "select owner_account is not null from app.organization where slug = 'qa'" },
        { name: 'no partner contact left unmasked', sql: "select count(*) from app.partner where contact_email not like 'user\\_%@example.com'", expect: 0 },
        { name: 'production accounts are not copied', sql: 'select count(*) from app.account', expect: '<= 2' },
      ],
    },
    supabase: NO_SUPABASE,
    migrations: NO_MIGRATIONS,
    root,
  };
}

/**
 * The whole pipeline on a machine with nothing but Node: two embedded
 * PostgreSQL servers (production and preview), a realistic production
 * database, a preview that drifted from it, one run as the action does it,
 * and a second run that has nothing to do. Everything is removed at the end,
 * also on Ctrl-C.
 */
export async function runDemo(io: CliIo, format: 'text' | 'markdown' = 'text'): Promise<number> {
  const say = (text: string) => io.stderr(`${text}\n`);
  const servers: EmbeddedServer[] = [];
  let workDir: string | undefined;
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    if (workDir) await rm(workDir, { recursive: true, force: true });
  };
  // What was running when the signal came fails as its server stops: the exit code stays 130, not that failure's.
  let stopping: Promise<void> | undefined;
  const interrupted = () => {
    say('\ninterrupted: stopping the servers');
    stopping = cleanup();
    // The run returns 130 itself once what it was doing fails; this only ends one that hangs.
    void stopping.finally(() => setTimeout(() => process.exit(130), 5000).unref());
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const print = (report: RunReport) => {
    if (!stopping) io.stdout(`\n${format === 'markdown' ? renderReport(report) : terminalReport(report, { color: useColor(io.env, io.isTTY) })}\n`);
  };
  try {
    const code = await demo(io, servers, say, print, (dir) => (workDir = dir)).catch((error: unknown) => {
      if (stopping) return 130;
      throw error;
    });
    if (stopping) await stopping;
    return stopping ? 130 : code;
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await cleanup();
  }
}

async function demo(io: CliIo, servers: EmbeddedServer[], say: (text: string) => void, print: (report: RunReport) => void, made: (dir: string) => void): Promise<number> {
  say('Starting two embedded PostgreSQL servers: production and preview...');
  let prod: EmbeddedServer | undefined;
  let prev: EmbeddedServer | undefined;
  try {
    [prod, prev] = await startEmbeddedServers(
      [{ label: 'demo-production' }, { label: 'demo-preview' }],
      (s) => servers.push(s),
    );
  } catch (error) {
    say(`error: could not start the embedded PostgreSQL servers: ${(error as Error).message}`);
    return 1;
  }
  for (const s of servers) {
    await exec(s.url(), ROLES);
    await exec(s.url(), 'create database app');
  }
  const production = prod!.url('app');
  const preview = prev!.url('app');
  say(`Building production (PostgreSQL ${prod!.major}, port ${prod!.port}): 10 tables and 2 partitions, ~8,500 rows...`);
  await exec(production, PRODUCTION_SCHEMA + PRODUCTION_DATA);
  say(`Building preview (port ${prev!.port}): the same application weeks behind, with local experiments...`);
  await exec(preview, PREVIEW_SCHEMA + PREVIEW_DATA);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'pg-branch-sync-demo-'));
  made(workDir);
  const seedFile = path.join(workDir, 'seed.sql');
  await writeFile(seedFile, PREVIEW_SEED);

  const run = async (title: string): Promise<RunReport> => {
    say(`\n${title}`);
    const logger = streamLogger({ write: io.stderr, live: io.isTTY });
    return runPipeline({ ...settings(production, preview, seedFile, workDir), targetName: 'preview', logger });
  };
  const first = await run('First run, as the action runs it: schema → data → seed → validate');
  print(first);
  if (first.status === 'failed') return 1;
  const second = await run('Second run: production and preview are now in step');
  print(second);
  say('\nDone. The servers are stopped and their data removed. In a workflow, the same report is the pull-request comment.');
  return second.status === 'failed' ? 1 : 0;
}
