import type pg from 'pg';
import { LEDGER_SCHEMA } from '../catalog/filter.js';
import { quoteIdent } from '../db/quote.js';
import type { PlanNote } from '../diff/change.js';

/**
 * The target's own ledger, in a schema of pg-branch-sync's (never synced):
 * the objects its seed files made, so that the next run neither drops them as
 * drift nor lists them. Written inside the run's transaction, so it commits
 * or rolls back with what it records.
 */
const SCHEMA = quoteIdent(LEDGER_SCHEMA);
const SEED_OBJECTS = `${SCHEMA}.seed_objects`;
const MIGRATIONS = `${SCHEMA}.migrations`;
const DESIRED = `${SCHEMA}.desired_schema`;

export interface SeedObject {
  /** The catalog key (`function:public.reseed()`). */
  key: string;
  /** As users read it: `function public.reseed()`. */
  label: string;
}

/** The objects earlier runs' seed files made; none when the ledger does not exist yet. */
export async function readSeedObjects(client: pg.Client): Promise<SeedObject[]> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT pg_catalog.to_regclass('${LEDGER_SCHEMA}.seed_objects') IS NOT NULL AS exists`);
  if (!rows[0]?.exists) return [];
  return (await client.query<SeedObject>(`SELECT key, label FROM ${SEED_OBJECTS} ORDER BY key`)).rows;
}

/** Replaces the list of seed-made objects (in the caller's transaction). */
export async function writeSeedObjects(client: pg.Client, objects: readonly SeedObject[]): Promise<void> {
  const existing = await readSeedObjects(client);
  if (objects.length === 0 && existing.length === 0) return;
  await ensureLedger(client);
  await client.query(`DELETE FROM ${SEED_OBJECTS}`);
  if (objects.length > 0) {
    await client.query(`INSERT INTO ${SEED_OBJECTS} (key, label) SELECT * FROM unnest($1::text[], $2::text[])`, [objects.map((o) => o.key), objects.map((o) => o.label)]);
  }
}

/**
 * The migrations that ran on this target, by version → checksum: from this
 * ledger, and from a Supabase migration ledger of the target's own (a branch
 * that ran the files itself; no checksum: taken as unchanged).
 */
export async function readTargetMigrations(client: pg.Client, supabaseLedger: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ ours: boolean; theirs: boolean }>(
    `SELECT pg_catalog.to_regclass('${LEDGER_SCHEMA}.migrations') IS NOT NULL AS ours, pg_catalog.to_regclass($1) IS NOT NULL AS theirs`, [supabaseLedger],
  );
  const out = new Map<string, string>();
  if (rows[0]?.theirs) {
    const [schema, table] = supabaseLedger.split('.') as [string, string];
    for (const r of (await client.query<{ version: string }>(`SELECT version::text AS version FROM ${quoteIdent(schema)}.${quoteIdent(table)}`)).rows) out.set(r.version, '*');
  }
  if (rows[0]?.ours) {
    for (const r of (await client.query<{ version: string; checksum: string }>(`SELECT version, checksum FROM ${MIGRATIONS}`)).rows) out.set(r.version, r.checksum);
  }
  return out;
}

/** Records migrations whose rows were written to this target (in the caller's transaction). */
export async function recordMigrations(client: pg.Client, ran: readonly { version: string; checksum: string; display: string }[]): Promise<void> {
  if (ran.length === 0) return;
  await ensureLedger(client);
  await client.query(
    `INSERT INTO ${MIGRATIONS} (version, checksum, file) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ` +
      'ON CONFLICT (version) DO UPDATE SET checksum = EXCLUDED.checksum, file = EXCLUDED.file, applied_at = now()',
    [ran.map((r) => r.version), ran.map((r) => r.checksum), ran.map((r) => r.display)],
  );
}

/**
 * What the last run that proved this target equal to a desired schema
 * computed it from, and the target as that run left it (see
 * src/apply/fingerprint.ts). Digests, and the plan's notes to say again.
 */
export interface DesiredRecord {
  inputs: string;
  seedObjects: string;
  target: string;
  notes: PlanNote[];
}

/** The recorded fingerprint; none when the ledger (or this table of it, older ledgers lack it) does not exist. */
export async function readDesiredRecord(client: pg.Client): Promise<DesiredRecord | undefined> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT pg_catalog.to_regclass('${LEDGER_SCHEMA}.desired_schema') IS NOT NULL AS exists`);
  if (!rows[0]?.exists) return undefined;
  const found = await client.query<DesiredRecord>(`SELECT inputs, seed_objects AS "seedObjects", target, notes FROM ${DESIRED}`);
  return found.rows[0];
}

/** Replaces the fingerprint (in the caller's transaction). */
export async function writeDesiredRecord(client: pg.Client, record: DesiredRecord): Promise<void> {
  await ensureLedger(client);
  await client.query(
    `INSERT INTO ${DESIRED} (inputs, seed_objects, target, notes) VALUES ($1, $2, $3, $4::jsonb) ` +
      'ON CONFLICT (one) DO UPDATE SET inputs = EXCLUDED.inputs, seed_objects = EXCLUDED.seed_objects, target = EXCLUDED.target, notes = EXCLUDED.notes, recorded_at = now()',
    [record.inputs, record.seedObjects, record.target, JSON.stringify(record.notes)],
  );
}

/**
 * After seed files made objects: the seed and target digests of the
 * fingerprint recorded in this same transaction (now() is when it began);
 * one an earlier run recorded is left as it is.
 */
export async function updateDesiredTarget(client: pg.Client, seedObjects: string, target: string): Promise<void> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT pg_catalog.to_regclass('${LEDGER_SCHEMA}.desired_schema') IS NOT NULL AS exists`);
  if (!rows[0]?.exists) return;
  await client.query(`UPDATE ${DESIRED} SET seed_objects = $1, target = $2 WHERE recorded_at = now()`, [seedObjects, target]);
}

async function ensureLedger(client: pg.Client): Promise<void> {
  await client.query(
    `CREATE SCHEMA IF NOT EXISTS ${SCHEMA}; ` +
      `COMMENT ON SCHEMA ${SCHEMA} IS 'pg-branch-sync''s ledger of this database (what seed files made, which migrations ran, what the desired schema was computed from); not part of the synced schema'; ` +
      `CREATE TABLE IF NOT EXISTS ${SEED_OBJECTS} (key text PRIMARY KEY, label text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now()); ` +
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS} (version text PRIMARY KEY, checksum text NOT NULL, file text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); ` +
      // One row: what the desired schema was last computed from (a ledger written by an older version gains it here).
      `CREATE TABLE IF NOT EXISTS ${DESIRED} (one boolean PRIMARY KEY DEFAULT true CHECK (one), inputs text NOT NULL, seed_objects text NOT NULL, target text NOT NULL, ` +
      'notes jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())',
  );
}
