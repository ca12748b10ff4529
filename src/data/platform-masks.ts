/**
 * Built-in masks for the tables of platform-managed schemas (Supabase's auth
 * and storage). Copying `public.profiles` asks for `auth.users`, which holds
 * emails, phone numbers, password hashes and tokens: these rules mask them
 * with no config. A rule in [data.mask."auth.users"] replaces the built-in
 * one of its column; [data] allow_unmasked turns one off.
 */
import { qualified } from '../db/quote.js';
import { fitProblem, type FakeRule, type MaskRule } from './mask.js';
import type { DataColumn } from './model.js';

const EMAIL: FakeRule = { kind: 'email' };
// Digits without '+', as Supabase Auth stores numbers; 15 of them, since auth.users.phone is UNIQUE.
const PHONE: FakeRule = { kind: 'digits', prefix: '1555', digits: 15 };
// '' is what Supabase Auth writes for "no token pending"; the token indexes are UNIQUE only for other values.
const EMPTY: MaskRule = { kind: 'fixed', value: '' };
const NULL: MaskRule = { kind: 'null' };
// Unique in, unique out: for UNIQUE or NOT NULL secrets.
const HASH: MaskRule = { kind: 'hash' };
const CONTACT = { email: EMAIL, phone: PHONE };

/** Per table (`schema.table`), column → rule. Columns a version lacks are skipped. */
export const PLATFORM_MASKS: Readonly<Record<string, Readonly<Record<string, MaskRule>>>> = {
  'auth.users': {
    email: { ...EMAIL, keepEmpty: true },
    phone: { ...PHONE, keepEmpty: true },
    email_change: { ...EMAIL, keepEmpty: true },
    phone_change: { ...PHONE, keepEmpty: true },
    encrypted_password: EMPTY,
    confirmation_token: EMPTY,
    recovery_token: EMPTY,
    email_change_token_new: EMPTY,
    email_change_token_current: EMPTY,
    phone_change_token: EMPTY,
    reauthentication_token: EMPTY,
    raw_user_meta_data: { kind: 'json', keep: ['sub', 'email_verified', 'phone_verified'], fake: CONTACT },
    raw_app_meta_data: { kind: 'json', keep: ['provider', 'providers'] },
  },
  'auth.identities': {
    // identities.email is generated from identity_data, so the target computes it from the masked value.
    identity_data: { kind: 'json', keep: ['sub', 'provider_id', 'iss', 'email_verified', 'phone_verified'], fake: CONTACT },
  },
  'auth.sessions': { ip: NULL, user_agent: NULL, refresh_token_hmac_key: NULL },
  // parent holds another row's token: hashed alike, the chain still links.
  'auth.refresh_tokens': { token: HASH, parent: HASH },
  'auth.mfa_factors': { secret: NULL, phone: PHONE },
  'auth.mfa_challenges': { ip_address: { kind: 'fixed', value: '0.0.0.0' }, otp_code: NULL, web_authn_session_data: NULL },
  'auth.one_time_tokens': { token_hash: HASH, relates_to: HASH },
  'auth.flow_state': { auth_code: HASH, provider_access_token: NULL, provider_refresh_token: NULL, invite_token: NULL },
  'auth.audit_log_entries': { payload: { kind: 'json', keep: ['action', 'actor_id', 'actor_via_sso', 'log_type'] }, ip_address: EMPTY },
  'auth.saml_relay_states': { for_email: EMAIL },
  'auth.oauth_clients': { client_secret_hash: NULL },
  'auth.oauth_authorizations': { authorization_code: NULL, code_challenge: NULL },
  'auth.oauth_client_states': { code_verifier: NULL },
  'auth.webauthn_challenges': { session_data: { kind: 'json', keep: [] } },
  'auth.custom_oauth_providers': { client_secret: EMPTY },
  'storage.objects': { user_metadata: NULL },
  'storage.s3_multipart_uploads': { upload_signature: EMPTY, user_metadata: NULL },
};

/** A built-in rule as the docs and messages name it. */
export function ruleText(rule: MaskRule): string {
  const kept = rule.keepEmpty ? " ('' kept)" : '';
  switch (rule.kind) {
    case 'fixed':
      return rule.value === '' ? "fixed:'' (empty)" : `fixed:${rule.value}`;
    case 'sql':
      return `sql:${rule.expression}`;
    case 'digits':
      return `phone digits: ${rule.prefix} and ${rule.digits} more${kept}`;
    case 'json': {
      const fakes = Object.keys(rule.fake ?? {});
      const keeps = rule.keep.length > 0 ? `keeps ${rule.keep.join(', ')}` : 'an empty object';
      return `json: ${keeps}${fakes.length > 0 ? `; ${fakes.join(', ')} faked` : ''}`;
    }
    default:
      return `${rule.kind}${kept}`;
  }
}

/**
 * The built-in rules that apply to a table's columns. A rule for a column
 * this version of the table lacks, or one that does not fit the column (a
 * generated column, another type), is skipped: such a column is then checked
 * like any other (personal.ts), so it is never left unmasked unsaid.
 */
export function platformMasks(table: { schema: string; name: string; columns: readonly DataColumn[] }): Map<string, MaskRule> {
  const rules = PLATFORM_MASKS[`${table.schema}.${table.name}`] ?? {};
  const out = new Map<string, MaskRule>();
  for (const [name, rule] of Object.entries(rules)) {
    const column = table.columns.find((c) => c.name === name);
    if (!column || column.generated || fitProblem(column, rule, qualified(table.schema, table.name))) continue;
    out.set(name, rule);
  }
  return out;
}
