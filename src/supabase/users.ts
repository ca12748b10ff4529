import type { GoTrueAdminApi, User } from '@supabase/auth-js';
import type { SeedUser } from '../config/resolve.js';
import { explainAuthError, SupabaseError } from './client.js';

const PER_PAGE = 1000;
/** A guard against a server that never stops paging. */
const MAX_PAGES = 10_000;

/**
 * Every user of the project, by lower-cased email, read page by page until a
 * short page. auth-js's `nextPage` is not used: it reads only the first digit
 * of the page number in the Link header, so it goes wrong from page 10 on.
 */
export async function usersByEmail(admin: GoTrueAdminApi): Promise<Map<string, User>> {
  const byEmail = new Map<string, User>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data, error } = await admin.listUsers({ page, perPage: PER_PAGE });
    if (error) throw explainAuthError(error, `listing users (page ${page})`);
    for (const user of data.users) if (user.email) byEmail.set(user.email.toLowerCase(), user);
    if (data.users.length < PER_PAGE) return byEmail;
  }
  throw new SupabaseError(`listing users: still more after ${MAX_PAGES} pages; stopped`);
}

export interface SeedUserOutcome {
  email: string;
  action: 'created' | 'updated';
  id: string;
}

/**
 * Makes each configured user exist with its password and metadata, email
 * confirmed: an existing user (by email, case-insensitive) is updated, never
 * duplicated, so every run ends in the same state.
 */
export async function upsertUsers(admin: GoTrueAdminApi, users: readonly SeedUser[]): Promise<SeedUserOutcome[]> {
  if (users.length === 0) return [];
  const existing = await usersByEmail(admin);
  const outcomes: SeedUserOutcome[] = [];
  for (const user of users) {
    const attributes = {
      email_confirm: true,
      ...(user.password !== undefined ? { password: user.password } : {}),
      // GoTrue merges metadata keys into what the user has; only what is configured is sent.
      ...(user.metadata !== undefined ? { user_metadata: user.metadata } : {}),
      ...(user.appMetadata !== undefined ? { app_metadata: user.appMetadata } : {}),
    };
    let found = existing.get(user.email.toLowerCase());
    if (!found) {
      const { data, error } = await admin.createUser({ email: user.email, ...attributes });
      if (!error) {
        outcomes.push({ email: user.email, action: 'created', id: data.user.id });
        continue;
      }
      // Created meanwhile (another run, or a list that missed it): update instead.
      if (error.status !== 422 || error.code !== 'email_exists') throw explainAuthError(error, `creating user ${user.email}`);
      found = (await usersByEmail(admin)).get(user.email.toLowerCase());
      if (!found) throw explainAuthError(error, `creating user ${user.email}`);
    }
    const { error } = await admin.updateUserById(found.id, attributes);
    if (error) throw explainAuthError(error, `updating user ${user.email}`);
    outcomes.push({ email: user.email, action: 'updated', id: found.id });
  }
  return outcomes;
}
