import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SchemaFilter } from '../catalog/filter.js';
import { canonicalJson, modelDigest } from '../catalog/digest.js';
import type { SchemaModel } from '../catalog/model.js';
import type { Plan, PlanNote } from '../diff/change.js';
import type { MigrationRun } from '../migrate/desired.js';
import type { MigrationFile } from '../migrate/files.js';
import { VERSION } from '../version.js';
import { readDesiredRecord, updateDesiredTarget, writeDesiredRecord, type SeedObject } from './ledger.js';

/**
 * Whether a push may take the target as the desired schema without
 * computing it again (a savepoint, the way to production, the migrations, a
 * catalog read and two diffs). A run that proved the target equal to the
 * desired schema records in the target's ledger what that schema was computed
 * from, and a digest of the target as it left it. A later run skips the
 * computation only when all of these are as recorded:
 * - production's schema as read now (the same filter applied);
 * - the pending migrations, in order, by version and checksum, and whether
 *   each is in the target's migration ledger (its rows are written once);
 * - the options that shape the desired schema or how it is reached (schema
 *   filter, create-roles, extension versions) and the tool's version;
 * - the objects the target's seed files made, left out of both sides;
 * - the target's schema as read now, roles and server version included.
 * Any difference, a migration not in the target's ledger, or a role the
 * target lacks, and the desired schema is computed in full, as always.
 * What the digests do not see is taken as unchanged: rows (a migration whose
 * DDL branches on the target's rows would meet last push's rows anyway) and
 * what lies outside the synced schemas. allow-destructive is left out: it
 * only gates a plan, and a target equal to the desired schema has none.
 */
const FORMAT = 1;

export interface FingerprintRead {
  /** Production's schema as read. */
  source: SchemaModel;
  /** The target's schema as read, less the seed's objects. */
  target: SchemaModel;
  /** The plan from the target to production. */
  plan: Plan;
  seedObjects: readonly SeedObject[];
}

export interface FingerprintPending {
  files: readonly MigrationFile[];
  ranBefore: ReadonlyMap<string, string>;
  runs: MigrationRun[];
}

export interface FingerprintOptions {
  filter?: SchemaFilter;
  createRoles?: boolean;
  extensionVersions?: boolean;
}

export interface DesiredFingerprint {
  /** Set when the target is the desired schema already: what the run says (no changes) and what the target equals. */
  unchanged?: { plan: Plan; desired: SchemaModel };
  /** After the target was proven equal to the desired schema: records what it was computed from, and `left`, the target as read then. */
  record(target: pg.Client, left: SchemaModel, notes: readonly PlanNote[]): Promise<void>;
}

/**
 * Compares what the desired schema would be computed from with the target's
 * record. On a match the pending migrations are marked as in place, not run.
 */
export async function desiredFingerprint(target: pg.Client, read: FingerprintRead, pending: FingerprintPending, options: FingerprintOptions): Promise<DesiredFingerprint> {
  const production = modelDigest(read.source);
  const seedObjects = digest(canonicalJson(read.seedObjects.map((o) => o.key).sort()));
  let targetRead: string | undefined;
  const targetDigest = (model: SchemaModel) => (model === read.target ? (targetRead ??= modelDigest(model)) : modelDigest(model));
  const record = async (client: pg.Client, left: SchemaModel, notes: readonly PlanNote[]) => {
    // As the next run will read the target's migration ledger: the migrations whose rows this run wrote are in it now.
    const ran = (m: MigrationFile) => (pending.runs.find((r) => r.version === m.version)?.status === 'applied' ? m.checksum : pending.ranBefore.get(m.version));
    await writeDesiredRecord(client, { inputs: inputsDigest(production, pending.files, ran, options), seedObjects, target: targetDigest(left), notes: [...notes] });
  };
  // A migration new to the target (or changed) has rows to write; a role the target lacks is made by the plan: either way, the full way.
  const inPlace = pending.files.every((m) => pending.ranBefore.get(m.version) === m.checksum || pending.ranBefore.get(m.version) === '*');
  if (!inPlace || read.plan.changes.some((c) => c.kind === 'role')) return { record };
  const recorded = await readDesiredRecord(target);
  if (!recorded || recorded.seedObjects !== seedObjects || recorded.inputs !== inputsDigest(production, pending.files, (m) => pending.ranBefore.get(m.version), options)) return { record };
  if (recorded.target !== targetDigest(read.target)) return { record };
  for (const run of pending.runs) Object.assign(run, { status: 'kept', statements: 0, ms: 0, unchanged: true });
  return { unchanged: { plan: { changes: [], notes: recorded.notes }, desired: read.target }, record };
}

/**
 * After seed files made objects in the run that recorded the fingerprint, and
 * the target less them is still the desired schema: the record follows the
 * target as the seed files left it. A record of an earlier run is left alone.
 */
export async function desiredAfterSeed(target: pg.Client, seedObjects: readonly SeedObject[], left: SchemaModel): Promise<void> {
  await updateDesiredTarget(target, digest(canonicalJson(seedObjects.map((o) => o.key).sort())), modelDigest(left));
}

function inputsDigest(production: string, files: readonly MigrationFile[], ran: (m: MigrationFile) => string | undefined, options: FingerprintOptions): string {
  return digest(canonicalJson({
    format: FORMAT,
    version: VERSION,
    options: {
      schemas: options.filter?.schemas ?? null, excludeSchemas: options.filter?.excludeSchemas ?? null,
      createRoles: options.createRoles ?? false, extensionVersions: options.extensionVersions ?? true,
    },
    migrations: files.map((m) => [m.version, m.checksum, ran(m) ?? null]),
    production,
  }));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
