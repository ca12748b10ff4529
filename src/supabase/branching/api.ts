import type { Logger } from '../../log/logger.js';
import { addSecret, maskSecrets } from '../../log/secrets.js';

/** Where Supabase's Management API is: SUPABASE_API_URL, else this. */
export const DEFAULT_API_URL = 'https://api.supabase.com';

const REQUEST_TIMEOUT_MS = 30_000;
/** How often a 429 is waited out, and how long one wait may be at most. */
const RATE_LIMIT_RETRIES = 5;
const MAX_RETRY_AFTER_MS = 60_000;
/** A network failure or a 5xx is tried again this many times. */
const FAILURE_RETRIES = 2;

export class ManagementApiError extends Error {
  override name = 'ManagementApiError';
  constructor(message: string, readonly status?: number) {
    super(maskSecrets(message));
  }
}

export interface ManagementApiOptions {
  token: string;
  baseUrl?: string | undefined;
  logger: Logger;
  /** For tests of the waits; default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ManagementApi {
  readonly baseUrl: string;
  /**
   * GET a path (`/v1/...`) as JSON. `doing` says what for, in errors. A 404
   * is returned as undefined for the caller to explain; 401, 403 and the
   * rest are errors naming the token's problem (never the token).
   */
  get<T>(path: string, doing: string): Promise<T | undefined>;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A client of the Management API: bearer token, 429s waited out as Retry-After says, transient failures retried. */
export function managementApi(options: ManagementApiOptions): ManagementApi {
  addSecret(options.token);
  const baseUrl = (options.baseUrl?.trim() || DEFAULT_API_URL).replace(/\/+$/, '');
  try {
    new URL(baseUrl);
  } catch {
    throw new ManagementApiError(`SUPABASE_API_URL is not a URL (got "${baseUrl}"); leave it unset for ${DEFAULT_API_URL}`);
  }
  const wait = options.sleep ?? sleep;
  return {
    baseUrl,
    async get<T>(path: string, doing: string): Promise<T | undefined> {
      let limited = 0;
      let failed = 0;
      for (;;) {
        let response: Response;
        try {
          response = await fetch(`${baseUrl}${path}`, {
            headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json' },
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
        } catch (error) {
          if (failed++ < FAILURE_RETRIES) {
            await wait(1000 * failed);
            continue;
          }
          const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
          throw new ManagementApiError(`${doing}: the Supabase Management API at ${baseUrl} could not be reached (${cause})`);
        }
        if (response.ok) return (await response.json()) as T;
        const body = await response.text().catch(() => '');
        const said = apiMessage(body);
        if (response.status === 404) return undefined;
        if (response.status === 429 && limited++ < RATE_LIMIT_RETRIES) {
          const ms = retryAfterMs(response.headers.get('retry-after'));
          options.logger.warning(`the Supabase Management API is rate-limiting this token (HTTP 429) while ${doing}; retrying in ${Math.ceil(ms / 1000)} s, as its Retry-After says`);
          await wait(ms);
          continue;
        }
        if (response.status >= 500 && failed++ < FAILURE_RETRIES) {
          await wait(1000 * failed);
          continue;
        }
        throw new ManagementApiError(explainStatus(response.status, doing, said), response.status);
      }
    },
  };
}

function explainStatus(status: number, doing: string, said: string): string {
  const detail = said ? ` (${said})` : '';
  if (status === 401) {
    return `${doing}: the Supabase Management API refused the access token (HTTP 401${detail}). Set supabase-access-token (CLI: SUPABASE_ACCESS_TOKEN) to a valid token from https://supabase.com/dashboard/account/tokens, passed from a secret`;
  }
  if (status === 403) {
    return `${doing}: the access token is not allowed to (HTTP 403${detail}). It must belong to a member of the project's organization and be able to read its branches, database settings and API keys (a personal access token, or an OAuth token with the environment:read, database:read and secrets:read scopes)`;
  }
  if (status === 429) return `${doing}: the Supabase Management API kept rate-limiting this token (HTTP 429${detail}); try again in a minute`;
  return `${doing}: the Supabase Management API answered HTTP ${status}${detail}`;
}

/** The API's own error message (`{"message": ...}`), shortened. */
function apiMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    const text = typeof parsed.message === 'string' ? parsed.message : typeof parsed.error === 'string' ? parsed.error : '';
    return text.slice(0, 200);
  } catch {
    return body.trim().slice(0, 200);
  }
}

/** Retry-After in seconds or as an HTTP date; 5 s when absent; never more than a minute. */
export function retryAfterMs(header: string | null): number {
  if (!header) return 5000;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  if (!Number.isFinite(ms)) return 5000;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
