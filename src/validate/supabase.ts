import type { SeedUser, SupabaseSettings } from '../config/resolve.js';
import { parseTableName, tableLabel } from '../db/names.js';
import { maskSecrets } from '../log/secrets.js';
import { adminApi, explainAuthError, restApi, userAuth } from '../supabase/client.js';
import { usersByEmail } from '../supabase/users.js';
import type { CheckResult } from './check.js';

type Outcome = Omit<CheckResult, 'name' | 'ms'>;

/** The configured seed users exist in Supabase Auth with a confirmed email. */
export async function checkSeedUsers(supabase: SupabaseSettings, users: readonly SeedUser[]): Promise<Outcome> {
  const all = await usersByEmail(adminApi(supabase));
  const problems: string[] = [];
  for (const u of users) {
    const found = all.get(u.email.toLowerCase());
    if (!found) problems.push(`${u.email} does not exist`);
    else if (!found.email_confirmed_at) problems.push(`${u.email} is not confirmed`);
  }
  if (problems.length > 0) return { status: 'fail', detail: problems.join('; ') };
  return { status: 'pass', detail: `${users.length} user(s) exist, confirmed` };
}

/**
 * The REST API answers for a table with its row count. A GET with a count,
 * not a HEAD: PostgREST answers HEAD for a missing table with an empty 404
 * that the client library reports as success.
 */
export async function checkRestTable(supabase: SupabaseSettings, name: string): Promise<Outcome> {
  const key = supabase.serviceRoleKey ?? supabase.anonKey;
  if (!key) return { status: 'skip', detail: 'no SUPABASE_SERVICE_ROLE_KEY or SUPABASE_ANON_KEY' };
  const table = parseTableName(name, 'required table');
  const { count, error, status } = await restApi(supabase, key).schema(table.schema).from(table.name).select('*', { count: 'exact' }).limit(1);
  if (error) {
    const hint =
      error.code === 'PGRST205' || error.code === '42P01'
        ? `: the API does not see ${tableLabel(table)}; reload its schema cache (NOTIFY pgrst, 'reload schema') or check the table exists`
        : error.code === 'PGRST106'
          ? `: schema ${table.schema} is not exposed; add it to the API's exposed schemas`
          : status === 401 || status === 403
            ? ': the key was refused, or its role lacks privileges on the table (check the GRANTs to anon/authenticated/service_role)'
            : '';
    return { status: 'fail', detail: maskSecrets(`HTTP ${status}${error.code ? ` ${error.code}` : ''}: ${error.message}${hint}`) };
  }
  return { status: 'pass', detail: `${count ?? '?'} row(s) through the REST API (${supabase.serviceRoleKey ? 'service role' : 'anon'} key)` };
}

/** A seed user signs in with its password, as an app would (anon key). */
export async function checkSignIn(supabase: SupabaseSettings, user: SeedUser & { password: string }): Promise<Outcome> {
  const { data, error } = await userAuth(supabase).signInWithPassword({ email: user.email, password: user.password });
  if (error) throw explainAuthError(error, `signing in as ${user.email}`, 'anon key');
  return { status: 'pass', detail: `${user.email} signed in${data.user?.id ? ` (id ${data.user.id})` : ''}` };
}
