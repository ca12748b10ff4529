import { randomBytes, randomUUID } from 'node:crypto';
import { HttpError, goEscape, mergeMetadata, optionalBoolean, optionalObject, optionalString, uintParam, validateEmail, type Json } from './supabase-http.js';

export interface FakeUser {
  id: string;
  email: string;
  password: string;
  email_confirmed_at: string | null;
  user_metadata: Record<string, unknown>;
  app_metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Auth (GoTrue) stand-in's users and its admin API over them: list, create, update, as GoTrue answers. */
export class UserStore {
  readonly users: FakeUser[] = [];
  readonly lastSignIn = new Map<string, string>();
  private lastStamp = 0;
  private addedSoFar = 0;

  /**
   * Users that signed up before this call returns, stamped newer than every
   * user already there: GoTrue lists newest first, so a user created before
   * add() sits behind all of them.
   */
  add(count: number, emailPattern?: (i: number) => string): void {
    const first = this.addedSoFar;
    this.addedSoFar += count;
    const pattern = emailPattern ?? ((i: number) => `existing-user-${first + i}@example.com`);
    for (let i = 0; i < count; i++) {
      const email = pattern(i).toLowerCase();
      if (this.findByEmail(email)) throw new Error(`FakeSupabase.addUsers: ${email} exists already`);
      const now = this.stamp();
      this.users.push({
        id: randomUUID(), email, password: randomBytes(12).toString('hex'), email_confirmed_at: now,
        user_metadata: { email_verified: true }, app_metadata: { provider: 'email', providers: ['email'] },
        created_at: now, updated_at: now,
      });
    }
  }

  list(url: URL): { json: unknown; headers: Record<string, string> } {
    const q = url.searchParams;
    const page = uintParam(q.get('page'), 1);
    const perPage = uintParam(q.get('per_page'), 50);
    if (perPage === 0) throw new HttpError(400, 'validation_failed', 'Bad Pagination Parameters: per_page must be greater than 0');
    let descending = true;
    for (const value of q.getAll('sort')) {
      const [field, dir] = value.split(' ', 2) as [string, string | undefined];
      if (field !== 'created_at') throw new HttpError(400, 'validation_failed', `Bad Sort Parameters: bad field for sort '${field}'`);
      if (dir !== undefined && !['ASC', 'DESC'].includes(dir.toUpperCase())) {
        throw new HttpError(400, 'validation_failed', `Bad Sort Parameters: bad direction for sort '${dir}', only 'asc' and 'desc' allowed`);
      }
      descending = dir === undefined || dir.toUpperCase() === 'DESC';
    }
    const filter = q.get('filter') ?? '';
    const matching = this.users
      .map((user, index) => ({ user, index }))
      .filter(({ user }) => !filter || user.email.includes(filter) || String(user.user_metadata.full_name ?? '').toLowerCase().includes(filter.toLowerCase()))
      .sort((a, b) => (Date.parse(a.user.created_at) - Date.parse(b.user.created_at) || a.index - b.index) * (descending ? -1 : 1))
      .map(({ user }) => user);
    const offset = (Math.max(page, 1) - 1) * perPage;
    const users = matching.slice(offset, offset + perPage).map((u) => this.json(u));

    // GoTrue's addPaginationHeaders: the request's own query with `page`
    // replaced, keys sorted (Go's url.Values.Encode), on the path GoTrue sees
    // behind the gateway; "next" only while there is one, "last" always.
    const total = matching.length;
    const totalPages = Math.ceil(total / perPage);
    const link = (p: number) => {
      const params = new Map<string, string[]>();
      for (const [k, v] of q) params.set(k, [...(params.get(k) ?? []), v]);
      params.set('page', [String(p)]);
      const query = [...params.keys()].sort().flatMap((k) => params.get(k)!.map((v) => `${goEscape(k)}=${goEscape(v)}`)).join('&');
      return `</admin/users?${query}>`;
    };
    let linkHeader = '';
    if (totalPages > page) linkHeader += `${link(page + 1)}; rel="next", `;
    linkHeader += `${link(totalPages)}; rel="last"`;
    return { json: { users, aud: 'authenticated' }, headers: { Link: linkHeader, 'X-Total-Count': String(total) } };
  }
  create(params: Json): Json {
    const email = optionalString(params, 'email');
    const password = optionalString(params, 'password');
    const userMetadata = optionalObject(params, 'user_metadata');
    const appMetadata = optionalObject(params, 'app_metadata');
    const confirm = optionalBoolean(params, 'email_confirm');
    const customId = optionalString(params, 'id');
    if (optionalString(params, 'phone')) throw new HttpError(400, 'validation_failed', 'FakeSupabase: phone users are not implemented');
    if (!email) throw new HttpError(400, 'validation_failed', 'Cannot create a user without either an email or phone');
    const normalized = validateEmail(email);
    if (this.findByEmail(normalized)) throw new HttpError(422, 'email_exists', 'A user with this email address has already been registered');
    if (customId !== undefined && !UUID.test(customId)) throw new HttpError(400, 'validation_failed', 'ID must conform to the uuid v4 format');
    if (customId !== undefined && this.users.some((u) => u.id === customId.toLowerCase())) {
      throw new HttpError(500, 'unexpected_failure', 'Database error creating new user');
    }
    const now = this.stamp();
    const user: FakeUser = {
      id: customId?.toLowerCase() ?? randomUUID(),
      email: normalized,
      // GoTrue makes up a password when none is given.
      password: password || randomBytes(32).toString('hex'),
      email_confirmed_at: null,
      user_metadata: { ...(userMetadata ?? {}) },
      app_metadata: { provider: 'email', providers: ['email'] },
      created_at: now,
      updated_at: now,
    };
    if (appMetadata) mergeMetadata(user.app_metadata, appMetadata);
    if (confirm) this.confirm(user, now);
    this.users.push(user);
    return this.json(user);
  }
  /**
   * GoTrue's adminUserUpdate. Metadata is MERGED, not replaced
   * (models.User.UpdateUserMetaData / UpdateAppMetaData): each key sent
   * overwrites that key, a key sent as null is removed, keys not sent stay.
   * `email_confirm: true` (re)confirms; `false` never unconfirms.
   */
  update(id: string, params: Json): Json {
    if (!UUID.test(id)) throw new HttpError(404, 'validation_failed', 'user_id must be an UUID');
    const user = this.users.find((u) => u.id === id.toLowerCase());
    if (!user) throw new HttpError(404, 'user_not_found', 'User not found');
    const email = optionalString(params, 'email');
    const password = optionalString(params, 'password');
    const userMetadata = optionalObject(params, 'user_metadata');
    const appMetadata = optionalObject(params, 'app_metadata');
    const confirm = optionalBoolean(params, 'email_confirm');
    const normalized = email ? validateEmail(email) : undefined;
    if (password !== undefined && password.length < 6) {
      throw new HttpError(422, 'weak_password', 'Password should be at least 6 characters.', { weak_password: { reasons: ['length'] } });
    }
    // The unique index on auth.users.email fails the transaction: GoTrue answers 500.
    if (normalized && this.users.some((u) => u !== user && u.email.toLowerCase() === normalized)) {
      throw new HttpError(500, 'unexpected_failure', 'Error updating user');
    }
    const now = this.stamp();
    if (confirm) this.confirm(user, now);
    if (password !== undefined) user.password = password;
    if (normalized) user.email = normalized;
    if (appMetadata) mergeMetadata(user.app_metadata, appMetadata);
    if (userMetadata) mergeMetadata(user.user_metadata, userMetadata);
    user.updated_at = now;
    return this.json(user);
  }
  confirm(user: FakeUser, now: string): void {
    user.email_confirmed_at = now;
    mergeMetadata(user.user_metadata, { email_verified: true });
  }
  json(user: FakeUser): Json {
    const lastSignIn = this.lastSignIn.get(user.id);
    const confirmed = user.email_confirmed_at ? { email_confirmed_at: user.email_confirmed_at, confirmed_at: user.email_confirmed_at } : {};
    return {
      id: user.id, aud: 'authenticated', role: 'authenticated', email: user.email, ...confirmed, phone: '',
      ...(lastSignIn ? { last_sign_in_at: lastSignIn } : {}),
      app_metadata: user.app_metadata, user_metadata: user.user_metadata,
      identities: [{
        identity_id: user.id, id: user.id, user_id: user.id,
        identity_data: { email: user.email, email_verified: user.email_confirmed_at !== null, phone_verified: false, sub: user.id },
        provider: 'email', created_at: user.created_at, updated_at: user.updated_at, email: user.email,
      }],
      created_at: user.created_at, updated_at: user.updated_at, is_anonymous: false,
    };
  }
  stamp(): string {
    const t = Math.max(Date.now(), this.lastStamp + 1);
    this.lastStamp = t;
    return new Date(t).toISOString();
  }
  findByEmail(email: string): FakeUser | undefined {
    const lower = email.toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === lower);
  }
}
