import type pg from 'pg';
import type { SchemaFilter } from '../catalog/filter.js';
import type { SchemaModel } from '../catalog/model.js';
import type { DataSettings, SeedUser, SupabaseSettings, ValidateSettings } from '../config/resolve.js';
import type { DataResult } from '../data/phase.js';
import { describeError } from '../db/errors.js';
import type { Logger } from '../log/logger.js';
import { runAssertion } from './assertions.js';
import { skipped, timedCheck, type CheckResult } from './check.js';
import { checkDrift, seedNote } from './drift.js';
import { checkRequired } from './required.js';

export interface ValidateResult {
  checks: CheckResult[];
}

export interface ValidateOptions {
  settings: ValidateSettings;
  supabase: SupabaseSettings;
  seedUsers: readonly SeedUser[];
  filter: SchemaFilter;
  extensionVersions: boolean;
  /** Why the drift check cannot run (no source, or a plan-only run), if it cannot. */
  skipDrift?: string | undefined;
  /** The data settings, and what this run's data phase copied (if it ran). */
  data?: DataSettings | undefined;
  dataResult?: DataResult | undefined;
  /** The schema phase of this run proved the schemas equal and nothing has written since: no second read needed. */
  driftProven?: boolean;
  /** The schema the target was made equal to, when pending migrations made it differ from production's. */
  desired?: SchemaModel | undefined;
  /** How many of the pull request's migrations are in it. */
  pullRequestMigrations?: number;
  /** With driftProven: what the seed files made, as labels (no drift, but said). */
  seedObjects?: readonly string[];
  logger: Logger;
}

/**
 * Runs every check and reports each as pass, fail or skipped, with the reason
 * and its time. Checks run one after another on the target's session (their
 * queries are small); a failing check never stops the others.
 */
export async function runValidation(target: pg.Client, source: pg.Client | undefined, options: ValidateOptions): Promise<ValidateResult> {
  const { settings, supabase, logger } = options;
  const checks: CheckResult[] = [];
  const add = (check: CheckResult) => {
    checks.push(check);
    const mark = check.status === 'pass' ? 'ok' : check.status === 'fail' ? 'FAILED' : 'skipped';
    logger.info(`${mark}: ${check.name}${check.detail ? ` — ${check.detail.split('\n')[0]}` : ''}`);
  };
  const run = async (name: string, fn: () => Promise<Omit<CheckResult, 'name' | 'ms'>>) => add(await timedCheck(name, fn, (e) => describeError(e)));

  const drift = 'Schema matches production';
  if (options.skipDrift || !source) add(skipped(drift, options.skipDrift ?? 'no source database given'));
  else if (options.driftProven) add({ name: drift, status: 'pass', detail: `the schema equals ${wanted(options)} (proven by the schema sync of this run)${seedNote(options.seedObjects ?? [])}`, ms: 0 });
  else await run(drift, () => checkDrift(source, target, options.filter, options.extensionVersions, options.desired, wanted(options)));

  const required = [...settings.requiredTables, ...Object.keys(settings.requiredColumns)];
  if (required.length === 0) add(skipped('Required tables', 'none configured ([validate].required_tables)'));
  else await run('Required tables', () => checkRequired(target, settings.requiredTables, settings.requiredColumns));

  await parityCheck(target, source, options, add, run);

  for (const assertion of settings.assertions) {
    await run(assertion.name, () => runAssertion(target, assertion, settings.statementTimeout));
  }

  // A URL or key the config reads from an unset variable is not skipped: the check fails, saying which variable.
  const noApi = !settings.api ? '[validate].api = false' : !supabase.url && !supabase.unset?.url ? 'no Supabase URL (input supabase-url, --supabase-url, SUPABASE_URL)' : undefined;
  if (options.seedUsers.length === 0) add(skipped('Seed users exist and are confirmed', 'no [[seed.users]] configured'));
  else if (noApi || (!supabase.serviceRoleKey && !supabase.unset?.serviceRoleKey)) add(skipped('Seed users exist and are confirmed', noApi ?? 'no SUPABASE_SERVICE_ROLE_KEY'));
  else await run('Seed users exist and are confirmed', async () => (await api()).checkSeedUsers(supabase, options.seedUsers));

  if (noApi) {
    add(skipped('Supabase API', noApi));
    return { checks };
  }
  const tables = [...new Set(required)];
  if (tables.length === 0) add(skipped('REST API', 'no required tables to ask it for'));
  for (const table of tables) await run(`REST API: ${table}`, async () => (await api()).checkRestTable(supabase, table));
  const withPassword = options.seedUsers.find((u): u is SeedUser & { password: string } => u.password !== undefined);
  const signIn = 'Seed user signs in';
  if (!withPassword) add(skipped(signIn, 'no seed user with a password'));
  else if (!supabase.anonKey && !supabase.unset?.anonKey) add(skipped(signIn, 'no SUPABASE_ANON_KEY'));
  else await run(signIn, async () => (await api()).checkSignIn(supabase, withPassword));
  return { checks };
}

const PARITY = 'Row parity with production';

/**
 * Rows of the copied tables equal production's: re-read now (replace mode,
 * where each table should hold exactly the source's rows, masked as masked),
 * so a seed that changed them afterwards shows; upsert and append-missing
 * were proven inside the data phase's transaction.
 */
async function parityCheck(
  target: pg.Client, source: pg.Client | undefined, options: ValidateOptions,
  add: (c: CheckResult) => void, run: (name: string, fn: () => Promise<Omit<CheckResult, 'name' | 'ms'>>) => Promise<void>,
): Promise<void> {
  const { data, dataResult } = options;
  if (!data?.enabled || data.tables.length === 0) return add(skipped(PARITY, 'no data sync configured ([data] tables, enabled)'));
  if (!source) return add(skipped(PARITY, 'no source database given'));
  if (options.skipDrift?.startsWith('mode plan')) return add(skipped(PARITY, 'mode plan: no data was copied'));
  if (data.mode !== 'replace') {
    if (!dataResult) return add(skipped(PARITY, `mode ${data.mode}: parity is proven while the data phase loads`));
    return run(PARITY, async () => {
      const bad = dataResult.tables.filter((t) => t.status === 'differs' || t.status === 'not run');
      return bad.length > 0
        ? { status: 'fail', detail: `not proven for ${bad.map((t) => t.table).join(', ')}` }
        : { status: 'pass', detail: `${dataResult.tables.length} table(s) proven at load (${data.mode})` };
    });
  }
  await run(PARITY, async () => {
    const { recheckParity } = await import('../data/parity.js');
    const rows = await recheckParity(source, target, data);
    const differ = rows.filter((r) => !r.equal);
    if (differ.length > 0) {
      return { status: 'fail', detail: differ.map((r) => `${r.table}: production ${r.sourceRows} row(s), target ${r.targetRows}${r.sourceRows === r.targetRows ? ' (same count, different values)' : ''}`).join('; ') };
    }
    return { status: 'pass', detail: `${rows.length} table(s), ${rows.reduce((n, r) => n + r.sourceRows, 0)} row(s) equal` };
  });
}

/** What the target is compared with: production, or production with the pull request's migrations. */
function wanted(options: ValidateOptions): string {
  const n = options.desired ? (options.pullRequestMigrations ?? 0) : 0;
  return n > 0 ? `production + ${n} migration${n === 1 ? '' : 's'} of this pull request` : 'production';
}

// The Supabase clients load only when a check needs them.
const api = () => import('./supabase.js');

export function failedChecks(result: ValidateResult | undefined): CheckResult[] {
  return result?.checks.filter((c) => c.status === 'fail') ?? [];
}
