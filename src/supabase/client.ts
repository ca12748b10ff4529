import { GoTrueAdminApi, GoTrueClient, isAuthError } from '@supabase/auth-js';
import { PostgrestClient } from '@supabase/postgrest-js';
import type { SupabaseSettings } from '../config/resolve.js';
import { maskSecrets } from '../log/secrets.js';

/** How long one HTTP call to Supabase may take. */
const REQUEST_TIMEOUT_MS = 30_000;

export class SupabaseError extends Error {
  override name = 'SupabaseError';
}

/** The project URL without a trailing slash; refuses what is not an http(s) URL. */
export function projectUrl(settings: SupabaseSettings): string {
  const url = settings.url?.trim();
  if (!url && settings.unset?.url) throw settings.unset.url;
  if (!url) throw new SupabaseError('no Supabase URL: pass --supabase-url URL or set SUPABASE_URL (action input supabase-url, config supabase_url)');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SupabaseError(`the Supabase URL is not a URL (got "${maskSecrets(url)}"); expected e.g. https://<project-ref>.supabase.co`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new SupabaseError(`the Supabase URL must start with https:// (got "${parsed.protocol}")`);
  }
  return url.replace(/\/+$/, '');
}

const timedFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

function keyHeaders(key: string): Record<string, string> {
  return { apikey: key, Authorization: `Bearer ${key}` };
}

/** The Auth admin API (service role key). */
export function adminApi(settings: SupabaseSettings): GoTrueAdminApi {
  const url = projectUrl(settings);
  if (!settings.serviceRoleKey && settings.unset?.serviceRoleKey) throw settings.unset.serviceRoleKey;
  if (!settings.serviceRoleKey) {
    throw new SupabaseError('no service role key: set SUPABASE_SERVICE_ROLE_KEY (action input supabase-service-role-key) to manage seed users');
  }
  return new GoTrueAdminApi({ url: `${url}/auth/v1`, headers: keyHeaders(settings.serviceRoleKey), fetch: timedFetch });
}

/** An Auth client as an app's user would have it (anon key), without session storage or refresh timers. */
export function userAuth(settings: SupabaseSettings): GoTrueClient {
  const url = projectUrl(settings);
  if (!settings.anonKey && settings.unset?.anonKey) throw settings.unset.anonKey;
  if (!settings.anonKey) throw new SupabaseError('no anon key: set SUPABASE_ANON_KEY (action input supabase-anon-key)');
  return new GoTrueClient({
    url: `${url}/auth/v1`, headers: keyHeaders(settings.anonKey), fetch: timedFetch,
    persistSession: false, autoRefreshToken: false, detectSessionInUrl: false,
  });
}

/** The REST API (PostgREST) with the given key. */
export function restApi(settings: SupabaseSettings, key: string): PostgrestClient {
  return new PostgrestClient(`${projectUrl(settings)}/rest/v1`, { headers: keyHeaders(key), fetch: timedFetch });
}

/** An Auth API failure as a sentence that says what to fix. */
export function explainAuthError(error: unknown, doing: string, key = 'service role key'): SupabaseError {
  if (isAuthError(error)) {
    const status = error.status ?? 0;
    const code = error.code ? ` ${error.code}` : '';
    const why =
      status === 401 || status === 403
        ? `: the key was refused; check that it is the ${key} of this project`
        : status === 0
          ? ': the Auth API could not be reached; check the Supabase URL'
          : status >= 500
            ? ': the Auth API failed; try again, or check the project status'
            : '';
    return new SupabaseError(maskSecrets(`${doing} failed (HTTP ${status || 'no response'}${code}): ${error.message}${why}`));
  }
  return new SupabaseError(maskSecrets(`${doing} failed: ${error instanceof Error ? error.message : String(error)}`));
}
