import { describe, expect, it } from 'vitest';
import type { DataColumn, DataTable } from '../../src/data/model.js';
import { parseColumnName, personalReason, reportUnmasked } from '../../src/data/personal.js';
import { memoryLogger } from '../../src/log/logger.js';

const col = (name: string, type = 'text', baseType?: string): DataColumn => ({
  name, type, ...(baseType ? { baseType } : {}), notNull: false, generated: false, identity: '',
});
const reason = (table: string, name: string, type?: string, baseType?: string) => personalReason({ schema: 'public', name: table }, col(name, type, baseType));

describe('personalReason', () => {
  it('flags columns named for personal data, on types that can hold it', () => {
    const flagged: [string, string, string?][] = [
      ['email', 'an email'], ['contact_email', 'an email'], ['E-mail', 'an email'], ['emailAddress', 'an email'], ['email_change', 'an email'],
      ['phone', 'a phone number'], ['mobile_number', 'a phone number'], ['phoneNumber', 'a phone number'],
      ['first_name', 'a name'], ['last_name', 'a name'], ['full_name', 'a name'], ['fullName', 'a name'], ['surname', 'a name'], ['username', 'a name'],
      ['street_address', 'an address'], ['address_line1', 'an address'], ['postal_code', 'an address'],
      ['ip', 'an IP address'], ['ip_address', 'an IP address'], ['last_ip', 'an IP address'], ['remote_addr', 'an IP address'],
      ['encrypted_password', 'a secret'], ['passwd', 'a secret'], ['confirmation_token', 'a secret'], ['token_hash', 'a secret'],
      ['totp_secret', 'a secret'], ['api_key', 'a secret'], ['date_of_birth', 'a birth date'], ['ssn', 'an ID number'],
    ];
    for (const [name, why] of flagged) expect([name, reason('orders', name)]).toEqual([name, why]);
    expect(reason('orders', 'emails', 'text[]')).toBe('an email');
    expect(reason('orders', 'email', 'character varying(255)')).toBe('an email');
    expect(reason('orders', 'email', 'public.citext')).toBe('an email');
    expect(reason('orders', 'address', 'jsonb')).toBe('an address');
  });

  it('flags by type: inet, user metadata, and domains named for what they hold', () => {
    expect(reason('orders', 'origin', 'inet')).toBe('an IP address');
    expect(reason('orders', 'origin', 'public.client_ip', 'inet')).toBe('an IP address');
    expect(reason('users', 'raw_user_meta_data', 'jsonb')).toBe('user metadata');
    expect(reason('objects', 'user_metadata', 'jsonb')).toBe('user metadata');
    expect(reason('identities', 'identity_data', 'jsonb')).toBe('user metadata');
    expect(reason('orders', 'contact', 'public.email_address', 'public.citext')).toBe('an email');
    expect(reason('orders', 'work_email', 'public.checked', 'public.citext')).toBe('an email');
    expect(reason('orders', 'birthday', 'date')).toBe('a birth date');
    expect(reason('users', 'phone', 'bigint')).toBe('a phone number');
  });

  it('leaves things that are not personal alone', () => {
    for (const name of ['table_name', 'file_name', 'bucket_name', 'product_name', 'name', 'display_name', 'title', 'token_type', 'email_domain', 'phone_country', 'avatar_url', 'token_url', 'provider_id', 'metadata', 'friendly_name']) {
      expect([name, reason('products', name)]).toEqual([name, undefined]);
    }
    // A bare name is a person's on a table of people only.
    expect(reason('profiles', 'name')).toBe('a name');
    expect(reason('customers', 'display_name')).toBe('a name');
    expect(reason('countries', 'name')).toBeUndefined();
    // Names count on text-like and JSON types: flags, counts, ids and times say nothing personal.
    expect(reason('users', 'email_verified', 'boolean')).toBeUndefined();
    expect(reason('users', 'email_confirmed_at', 'timestamp with time zone')).toBeUndefined();
    expect(reason('users', 'phone_count', 'bigint')).toBeUndefined();
    expect(reason('users', 'address_id', 'uuid')).toBeUndefined();
    expect(reason('users', 'password_changed_at', 'timestamp with time zone')).toBeUndefined();
    expect(reason('objects', 'metadata', 'jsonb')).toBeUndefined();
    expect(reason('users', 'raw_app_meta_data', 'jsonb')).toBeUndefined();
  });
});

describe('allow_unmasked', () => {
  it('parses schema.table.column, quoted parts kept as written, plain ones folded', () => {
    expect(parseColumnName('public.profiles.email', 'x')).toEqual({ schema: 'public', table: 'profiles', column: 'email' });
    expect(parseColumnName('Auth.Users.Email', 'x')).toEqual({ schema: 'auth', table: 'users', column: 'email' });
    expect(parseColumnName('app."My.Table"."E-mail"', 'x')).toEqual({ schema: 'app', table: 'My.Table', column: 'E-mail' });
    expect(() => parseColumnName('profiles.email', 'x')).toThrow('x "profiles.email" is not schema.table.column; quote parts with "..." when needed');
    expect(() => parseColumnName('a.b.c.d', 'x')).toThrow('is not schema.table.column');
  });

  it('silences the columns it names and warns of entries naming no copied column', () => {
    const table: DataTable = {
      schema: 'public', name: 'profiles', primaryKey: ['id'], foreignKeys: [], triggers: [], sequences: [],
      columns: [col('id', 'uuid'), col('email'), col('full_name'), col('phone'), { ...col('email_lower'), generated: true }],
    };
    const copies = [{ table, columns: ['id', 'email', 'full_name', 'phone'], masked: ['phone'] }];
    const logger = memoryLogger();
    expect(reportUnmasked(copies, undefined, logger)).toEqual(['public.profiles.email', 'public.profiles.full_name']);
    expect(logger.lines).toEqual([
      'warning: public.profiles: copied unmasked, though they look personal: email (an email), full_name (a name). ' +
        'Mask them in [data.mask."public.profiles"], or list them in [data] allow_unmasked to copy them as they are.',
    ]);
    const quiet = memoryLogger();
    expect(reportUnmasked(copies, ['public.profiles.email', 'PUBLIC.profiles.full_name', 'public.profile.email', 'public.profiles.email_lower'], quiet)).toEqual([]);
    expect(quiet.lines).toEqual([
      'warning: [data] allow_unmasked entry "public.profile.email" names no copied column (did you mean "public.profiles.email"?)',
      'warning: [data] allow_unmasked entry "public.profiles.email_lower" names no copied column (did you mean "public.profiles.email"?)',
    ]);
  });
});
