import type pg from 'pg';
import type { SchemaFilter } from '../catalog/filter.js';
import type { SeedUser, SupabaseSettings, ValidateSettings } from '../config/resolve.js';
import { describeError } from '../db/errors.js';
import type { Logger } from '../log/logger.js';
import { runAssertion } from './assertions.js';
import { skipped, timedCheck, type CheckResult } from './check.js';
import { checkDrift } from './drift.js';
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
  /** The schema phase of this run proved the schemas equal and nothing has written since: no second read needed. */
  driftProven?: boolean;
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
  else if (options.driftProven) add({ name: drift, status: 'pass', detail: 'the schema equals production (proven by the schema sync of this run)', ms: 0 });
  else await run(drift, () => checkDrift(source, target, options.filter, options.extensionVersions));

  const required = [...settings.requiredTables, ...Object.keys(settings.requiredColumns)];
  if (required.length === 0) add(skipped('Required tables', 'none configured ([validate].required_tables)'));
  else await run('Required tables', () => checkRequired(target, settings.requiredTables, settings.requiredColumns));

  for (const assertion of settings.assertions) {
    await run(assertion.name, () => runAssertion(target, assertion, settings.statementTimeout));
  }

  const noApi = !settings.api ? '[validate].api = false' : !supabase.url ? 'no Supabase URL (--supabase-url, SUPABASE_URL)' : undefined;
  if (options.seedUsers.length === 0) add(skipped('Seed users exist and are confirmed', 'no [[seed.users]] configured'));
  else if (noApi || !supabase.serviceRoleKey) add(skipped('Seed users exist and are confirmed', noApi ?? 'no SUPABASE_SERVICE_ROLE_KEY'));
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
  else if (!supabase.anonKey) add(skipped(signIn, 'no SUPABASE_ANON_KEY'));
  else await run(signIn, async () => (await api()).checkSignIn(supabase, withPassword));
  return { checks };
}

// The Supabase clients load only when a check needs them.
const api = () => import('./supabase.js');

export function failedChecks(result: ValidateResult | undefined): CheckResult[] {
  return result?.checks.filter((c) => c.status === 'fail') ?? [];
}
