/**
 * npm run bench: side-by-side benchmarks on one embedded PostgreSQL server,
 * written to bench/RESULTS.md. Our side runs the committed CLI bundle
 * (dist/cli/index.js) as a user would.
 *   BENCH_TABLES  schema sizes (default 100,1000,5000; empty skips the section)
 *   BENCH_ROUNDS  rounds (default 5; 1 for 5,000 tables and 10 million rows, which
 *                 are there for peak memory and scale)
 *   BENCH_ROWS    data sizes, indexed tables (default 100000,1000000,10000000)
 *   BENCH_NARROW  data sizes, a narrow table without secondary indexes (default 1000000);
 *                 both empty skip the data section
 *   BENCH_BUSY=1  or `npm run bench -- --busy`: one CPU-bound process runs beside
 *                 the measured work for the whole run (a shared runner's neighbour);
 *                 its figures go to their own "busy runner" sections
 * A skipped section keeps what the last full run (of the same mode) wrote.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { startEmbeddedServer } from '../src/embedded/server.js';
import { benchData, dataTable, type DataRow } from './data.js';
import { ensurePgClient, machine, startBusyNeighbour } from './lib.js';
import { benchNode, nodeVersion } from './node.js';
import { benchSchema, schemaTable, secondPushTable, type SchemaRow } from './schema.js';

// Debian ships client tools for PostgreSQL 15 only, so both sides run against 15.
const MAJOR = 15;
const RESULTS = 'bench/RESULTS.md';

const list = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').filter(Boolean).map(Number);

const SCHEMA = 'Schema: read, plan and apply';
const DATA = 'Data: copy chosen tables';
const BUSY_SCHEMA = 'Schema on a busy runner: read, plan and apply';
const BUSY_DATA = 'Data on a busy runner: copy chosen tables';

/** The section of the previous report under exactly this heading, kept when this run does not write it. */
function previous(heading: string): string | undefined {
  if (!existsSync(RESULTS)) return undefined;
  const text = `\n${readFileSync(RESULTS, 'utf8')}`;
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start === -1) return undefined;
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start + 1, end === -1 ? undefined : end).trimEnd();
}

function busyNote(): string {
  return [
    `Measured on ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --busy\`: one CPU-bound process (a busy loop) ran beside`,
    'the measured work for the whole run, as a neighbour on a shared runner would; both sides shared the rest.',
  ].join('\n');
}

async function main(): Promise<void> {
  ensurePgClient(MAJOR);
  const sizes = list(process.env.BENCH_TABLES, '100,1000,5000');
  const rowSizes = list(process.env.BENCH_ROWS, '100000,1000000,10000000');
  const narrowSizes = list(process.env.BENCH_NARROW, '1000000');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const busy = process.argv.includes('--busy') || process.env.BENCH_BUSY === '1';
  const log = (s: string) => console.log(s);
  const node = benchNode(log);
  const stopBusy = busy ? startBusyNeighbour() : undefined;
  if (busy) log('busy: one CPU-bound process runs beside the measured work');
  const server = await startEmbeddedServer({ major: MAJOR, label: 'bench', settings: { max_locks_per_transaction: 4096 } });
  const schemaRows: SchemaRow[] = [];
  const dataRows: DataRow[] = [];
  try {
    for (const tables of sizes) {
      log(`schema: ${tables} tables`);
      schemaRows.push(await benchSchema(server, node, tables, tables >= 5000 ? 1 : rounds, log));
    }
    for (const rows of rowSizes) {
      log(`data: ${rows} rows`);
      dataRows.push(await benchData(server, node, 'indexed', rows, rows >= 10_000_000 ? 1 : rounds, log));
    }
    for (const rows of narrowSizes) {
      log(`data: ${rows} rows, narrow table`);
      dataRows.push(await benchData(server, node, 'narrow', rows, rows >= 10_000_000 ? 1 : rounds, log));
    }
  } finally {
    stopBusy?.();
    await server.stop();
  }
  const [schemaHeading, dataHeading] = busy ? [BUSY_SCHEMA, BUSY_DATA] : [SCHEMA, DATA];
  const schemaSection = schemaRows.length > 0
    ? [
        `## ${schemaHeading}`,
        '',
        ...(busy ? [busyNote(), ''] : []),
        'The generated schema has, per table, an identity key, a generated column, a domain-typed column, a check,',
        'two indexes, a foreign key, a comment and a grant; plus one view and one function per 5 tables, one trigger',
        'and one RLS policy per 10 tables, 3 enums and 2 domains. `plan` reads both catalogs and diffs them',
        'against an empty target; `apply` then creates everything in one transaction and re-reads the target to',
        'prove nothing is left.',
        '',
        schemaTable(schemaRows),
        '',
        'The second push of a pull request, nothing new anywhere: `apply` again on the synced target; the same with',
        'a migrations folder whose 10 files production has run (finding them and reading the ledger); the same with',
        'the 10 pending migrations, unchanged since the first push (the fingerprint in the target\'s ledger matches, so',
        'their desired schema is not computed again).',
        '',
        secondPushTable(schemaRows),
      ].join('\n')
    : previous(schemaHeading);
  const dataSection = dataRows.length > 0
    ? [
        `## ${dataHeading}`,
        '',
        ...(busy ? [busyNote(), ''] : []),
        'Indexed: two tables (a quarter of the rows in accounts with an identity key, text, a timestamp, numeric, an',
        'array, jsonb, a generated column and two secondary indexes; the rest in events with a composite key and a',
        'foreign key to accounts). Narrow: one table of a bigint key, an int and a short text, no secondary index.',
        'Copied in replace mode into the same empty schema. `data` streams COPY between two connections in one',
        'transaction while a second source session sums every row (count and checksum, in the same snapshot), then',
        'sums the target and compares before committing; `pg_dump --data-only | psql -1` only loads. Throughput',
        'above 1× is faster than pg_dump | psql.',
        '',
        dataTable(dataRows),
      ].join('\n')
    : previous(dataHeading);
  // The other mode's sections stay as the last run of that mode wrote them.
  const sections = busy
    ? [previous(SCHEMA), schemaSection, previous(DATA), dataSection]
    : [schemaSection, previous(BUSY_SCHEMA), dataSection, previous(BUSY_DATA)];
  const report = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Each row runs both sides alternately on the same`,
    `embedded PostgreSQL ${MAJOR} server (medians of the rounds; times include process start). Loaded databases are`,
    'vacuumed and checkpointed first, and the server checkpointed between rounds. Our side and migra run on',
    'Node.js of the major the action declares (action.yml), as the action does.',
    '',
    machine(nodeVersion(node)),
    '',
    ...sections.filter((s): s is string => s !== undefined).flatMap((s) => [s, '']),
  ].join('\n');
  writeFileSync(RESULTS, report);
  log(`\nwritten to ${RESULTS}`);
}

await main();
