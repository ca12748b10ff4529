import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskExpression, parseMaskRule, resolveMasks, type MaskRule } from '../../src/data/mask.js';
import type { DataColumn } from '../../src/data/model.js';
import { quoteIdent } from '../../src/db/quote.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const WHAT = 'data.mask."public.guests"';
const SALT = "pep'per"; // a quote, to prove the salt is quoted

const SCHEMA = `
  CREATE TABLE public.guests (
    id integer PRIMARY KEY,
    email text,
    short_email varchar(40),
    long_email varchar(200),
    age integer,
    phone text NOT NULL DEFAULT '',
    code character(10),
    "E-mail" text,
    email_upper text GENERATED ALWAYS AS (upper(email)) STORED
  );
  INSERT INTO public.guests (id, email, short_email, long_email, age, phone, "E-mail") VALUES
    (1, 'ada@example.org', 'ada@x.org', 'ada@example.org', 36, '+44 20 7946 0000', 'ada@example.org'),
    (2, 'ada@example.org', 'ada@x.org', 'ada@example.org', 36, '+44 20 7946 0000', 'ada@example.org'),
    (3, 'Ada@Example.org', 'Ada@x.org', 'Ada@Example.org', 37, '+44 20 7946 0001', 'Ada@Example.org'),
    (4, 'zoë@exämple.org', '李@例子.中国', 'zoë@exämple.org', 41, '+33 1 23 45 67 89', 'zoë@exämple.org'),
    (5, NULL, NULL, NULL, NULL, '', NULL);
`;
const INPUTS = ['ada@example.org', 'ada@example.org', 'Ada@Example.org', 'zoë@exämple.org', null];

async function guestsDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase('mask');
  await db.exec(SCHEMA);
  return db;
}

/** The table's columns as the data phase reads them. */
async function columnsOf(db: TestDatabase): Promise<DataColumn[]> {
  return db.query<DataColumn & Record<string, unknown>>(
    `SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
            a.attgenerated = 's' AS generated, a.attidentity::text AS identity
       FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = 'public.guests'::regclass AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
  );
}

function column(columns: DataColumn[], name: string): DataColumn {
  const found = columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

/** The masked values of one column, in id order. */
async function masked(db: TestDatabase, name: string, rule: string, salt = SALT): Promise<unknown[]> {
  const col = column(await columnsOf(db), name);
  const expression = maskExpression(col, parseMaskRule(rule, `${WHAT}.${name}`), salt);
  const rows = await db.query<{ m: unknown }>(`SELECT ${expression} AS m FROM public.guests ORDER BY id`);
  return rows.map((r) => r.m);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const text = (name: string, type = 'text', notNull = false): DataColumn => ({ name, type, notNull, generated: false, identity: '' });

describe('parseMaskRule', () => {
  it('parses every form of rule', () => {
    for (const kind of ['null', 'email', 'name', 'phone', 'hash'] as const) expect(parseMaskRule(kind, 'x')).toEqual({ kind });
    expect(parseMaskRule(' email ', 'x')).toEqual({ kind: 'email' });
    expect(parseMaskRule('fixed:redacted', 'x')).toEqual({ kind: 'fixed', value: 'redacted' });
    expect(parseMaskRule('fixed: a:b ', 'x')).toEqual({ kind: 'fixed', value: ' a:b ' });
    expect(parseMaskRule('fixed:', 'x')).toEqual({ kind: 'fixed', value: '' });
    expect(parseMaskRule('sql: left(email, 2) ', 'x')).toEqual({ kind: 'sql', expression: 'left(email, 2)' });
  });

  it('names the allowed rules, with a did-you-mean, for anything else', () => {
    const allowed = 'allowed: null, email, name, phone, hash, fixed:<value>, sql:<expression>';
    expect(() => parseMaskRule('emial', `${WHAT}.email`)).toThrow(
      `${WHAT}.email: unknown mask rule "emial" (did you mean "email"?); ${allowed}`,
    );
    expect(() => parseMaskRule('Phone', 'x')).toThrow('(did you mean "phone"?)');
    expect(() => parseMaskRule('fixd:0', 'x')).toThrow('(did you mean "fixed"?)');
    expect(() => parseMaskRule('shuffle', 'x')).toThrow(`x: unknown mask rule "shuffle"; ${allowed}`);
    expect(() => parseMaskRule('fixed', 'x')).toThrow('x: the fixed mask needs a value: write fixed:<value>');
    expect(() => parseMaskRule('sql', 'x')).toThrow('write sql:<expression>');
    expect(() => parseMaskRule('sql:   ', 'x')).toThrow('"sql:" needs an expression');
    expect(() => parseMaskRule('email:work', 'x')).toThrow('the email mask takes no value');
  });
});

describe('maskExpression on a real server', () => {
  it('masks emails uniquely and deterministically, keeping NULL', async () => {
    const db = await guestsDatabase();
    const emails = await masked(db, 'email', 'email');
    expect(await masked(db, 'email', 'email')).toEqual(emails);
    for (const value of emails.slice(0, 4)) expect(value).toMatch(/^user_[0-9a-f]{32}@example\.com$/);
    expect((emails[0] as string).length).toBe(49);
    expect(emails[1]).toBe(emails[0]); // duplicates stay duplicates
    expect(new Set(emails.slice(1, 4)).size).toBe(3); // case variants and unicode stay distinct
    expect(emails[4]).toBeNull();
    // The documented recipe: the first 32 hex chars of sha256(salt || input).
    expect(emails.slice(0, 4)).toEqual(INPUTS.slice(0, 4).map((i) => `user_${sha256(SALT + i).slice(0, 32)}@example.com`));
    // Same input in another column (a quoted name, another type) masks the same, so masked keys still join.
    expect(await masked(db, 'E-mail', 'email')).toEqual(emails);
    expect(await masked(db, 'long_email', 'email')).toEqual(emails);
    expect(await masked(db, 'email', 'email', 'other salt')).not.toContain(emails[0]);
    expect(await masked(db, 'email', 'email', '')).toContain(`user_${sha256('ada@example.org').slice(0, 32)}@example.com`);
  });

  it('gives the same output in another database with the same salt', async () => {
    const [one, two] = await Promise.all([guestsDatabase(), guestsDatabase()]);
    for (const rule of ['email', 'name', 'phone', 'hash']) {
      const first = await masked(one, 'email', rule);
      expect(await masked(two, 'email', rule)).toEqual(first);
      const salted = await masked(two, 'email', rule, 'another');
      for (const i of [0, 2, 3]) expect(salted[i]).not.toBe(first[i]);
    }
  });

  it('keeps 10,000 distinct inputs distinct', async () => {
    const db = await createTestDatabase('mask');
    const count = async (rule: string) => {
      const expression = maskExpression(text('email'), parseMaskRule(rule, 'x'), SALT);
      const [row] = await db.query<{ n: number; d: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT m)::int AS d FROM (
           SELECT ${expression} AS m FROM (
             SELECT 'guest' || g || '@mail.test' AS email FROM generate_series(1, 5000) g
             UNION ALL SELECT 'Guest' || g || '@mail.test' FROM generate_series(1, 5000) g) AS inputs) AS out`,
      );
      return row;
    };
    expect(await count('email')).toEqual({ n: 10000, d: 10000 });
    expect(await count('hash')).toEqual({ n: 10000, d: 10000 });
    // name and phone are readable, not unique: a few collisions are expected, not many.
    expect((await count('name'))?.d).toBeGreaterThan(9980);
    expect((await count('phone'))?.d).toBeGreaterThan(9950);
  });

  it('shapes phone numbers, names and hashes', async () => {
    const db = await guestsDatabase();
    const phones = await masked(db, 'email', 'phone');
    for (const value of phones.slice(0, 4)) expect(value).toMatch(/^\+1555\d{7}$/);
    expect(phones[1]).toBe(phones[0]);
    expect(phones[4]).toBeNull();
    const names = await masked(db, 'short_email', 'name');
    for (const value of names.slice(0, 4)) expect(value).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ [0-9a-f]{4}$/);
    expect(names[1]).toBe(names[0]);
    expect(names[2]).not.toBe(names[0]);
    expect(names[4]).toBeNull();
    const hashes = await masked(db, 'email', 'hash');
    expect(hashes).toEqual(INPUTS.map((i) => (i === null ? null : sha256(SALT + i))));
    // Any type is hashed through its text form (resolveMasks refuses hash on an integer column only
    // because the result would not cast back; cast to text here to see the hash itself).
    const idHash = maskExpression(text('id', 'integer'), { kind: 'hash' }, SALT);
    const rows = await db.query<{ m: string }>(`SELECT ${idHash.replace(/::integer$/, '::text')} AS m FROM public.guests WHERE id = 3`);
    expect(rows[0]?.m).toBe(sha256(`${SALT}3`));
  });

  it('casts null, fixed and sql results to the column type', async () => {
    const db = await guestsDatabase();
    expect(await masked(db, 'age', 'null')).toEqual([null, null, null, null, null]);
    expect(await masked(db, 'email', 'fixed:redacted')).toEqual(Array(5).fill('redacted'));
    expect(await masked(db, 'email', "fixed:O'Hara")).toEqual(Array(5).fill("O'Hara"));
    expect(await masked(db, 'age', 'fixed:0')).toEqual(Array(5).fill(0));
    expect(await masked(db, 'code', 'fixed:x')).toEqual(Array(5).fill('x'.padEnd(10)));
    expect(await masked(db, 'long_email', "sql:lower(email) || '#' || id")).toEqual([
      'ada@example.org#1', 'ada@example.org#2', 'ada@example.org#3', 'zoë@exämple.org#4', null,
    ]);
    expect(await masked(db, 'age', 'sql:age + 1 -- a trailing comment')).toEqual([37, 37, 38, 42, null]);
    expect(await masked(db, 'age', "sql:'7'")).toEqual(Array(5).fill(7));
    expect(await masked(db, 'email', 'sql:id * 2')).toEqual(['2', '4', '6', '8', '10']);
    const [typed] = await db.query<{ t: string }>(
      `SELECT pg_typeof(${maskExpression(column(await columnsOf(db), 'short_email'), { kind: 'sql', expression: 'id' }, '')})::text AS t`
        + ' FROM public.guests LIMIT 1',
    );
    expect(typed?.t).toBe('character varying');
  });

  it('works as the SELECT of a READ ONLY COPY, and its rows fit the same table on a target', async () => {
    const db = await guestsDatabase();
    const columns = (await columnsOf(db)).filter((c) => !c.generated);
    const masks = resolveMasks(
      { schema: 'public', name: 'guests', columns },
      { email: 'email', short_email: 'name', long_email: 'hash', age: 'null', phone: 'phone', code: 'fixed:none', 'E-mail': 'sql:upper(email)' },
      WHAT,
    );
    const list = columns.map((c) => {
      const rule = masks.get(c.name);
      return rule ? `${maskExpression(c, rule, SALT)} AS ${quoteIdent(c.name)}` : quoteIdent(c.name);
    });
    const select = `SELECT ${list.join(', ')} FROM public.guests`;
    await db.exec('BEGIN TRANSACTION READ ONLY');
    const rows = await db.query<Record<string, unknown>>(`${select} ORDER BY id`);
    await db.exec('COMMIT');
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ id: 1, age: null, code: 'none      ', 'E-mail': 'ADA@EXAMPLE.ORG' });
    expect(rows[0]?.email).toMatch(/^user_[0-9a-f]{32}@example\.com$/);
    expect(rows[4]).toMatchObject({ id: 5, email: null, short_email: null, long_email: null });
    expect(rows[4]?.phone).toMatch(/^\+1555\d{7}$/); // '' is not NULL, so it is masked too
    const plain = JSON.stringify(rows);
    for (const secret of ['ada@example.org', 'zoë', '李', '+44']) expect(plain).not.toContain(secret);
    await db.exec(`CREATE TABLE public.guests_copy (LIKE public.guests INCLUDING ALL)`);
    const names = columns.map((c) => quoteIdent(c.name)).join(', ');
    await db.exec(`INSERT INTO public.guests_copy (${names}) ${select}`);
    const [copied] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM public.guests_copy');
    expect(copied?.n).toBe(5);
  });
});

describe('built-in rule kinds on a real server', () => {
  it('makes long phone digits, JSON objects of chosen keys, and keeps empty strings when asked', async () => {
    const db = await createTestDatabase('mask');
    await db.exec(`CREATE TABLE public.u (id int PRIMARY KEY, phone text, meta jsonb, payload json);
      INSERT INTO public.u VALUES (1, '447700900001', '{"sub": "s1", "email": "ada@real.example", "name": "Ada", "ok": true}', '{"action": "login", "who": "ada"}'),
        (2, '', '[1, 2]', null), (3, null, null, '{}')`);
    const rows = async (name: string, rule: MaskRule) => {
      const expression = maskExpression(text(name, name === 'phone' ? 'text' : name === 'meta' ? 'jsonb' : 'json'), rule, SALT);
      return (await db.query<{ m: unknown }>(`SELECT ${expression} AS m FROM public.u ORDER BY id`)).map((r) => r.m);
    };
    const digits: MaskRule = { kind: 'digits', prefix: '1555', digits: 15 };
    const [one, empty, none] = await rows('phone', digits);
    expect(one).toMatch(/^1555\d{15}$/);
    expect(empty).toMatch(/^1555\d{15}$/);
    expect(none).toBeNull();
    expect(await rows('phone', { ...digits, keepEmpty: true })).toEqual([one, '', null]);
    // A faked key gets what the email mask makes of the same text in a column, so users.email and its metadata agree.
    expect(await rows('meta', { kind: 'json', keep: ['sub', 'ok', 'absent'], fake: { email: { kind: 'email' }, phone: digits } })).toEqual([
      { sub: 's1', ok: true, email: `user_${sha256(`${SALT}ada@real.example`).slice(0, 32)}@example.com` }, {}, null,
    ]);
    expect(await rows('payload', { kind: 'json', keep: ['action'] })).toEqual([{ action: 'login' }, null, {}]);
    expect(await rows('meta', { kind: 'json', keep: [] })).toEqual([{}, {}, null]);
  });
});

describe('resolveMasks', () => {
  /** The guests table as the data phase sees it, read from a real catalog. */
  const guests = async () => ({ schema: 'public', name: 'guests', columns: await columnsOf(await guestsDatabase()) });
  const refusal = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  it('returns the parsed rules of the columns that take them', async () => {
    const rules = { email: 'email', short_email: 'name', phone: 'phone', age: 'fixed:0', code: 'null', 'E-mail': 'hash' };
    const masks = resolveMasks(await guests(), rules, WHAT);
    expect([...masks.entries()]).toEqual([
      ['email', { kind: 'email' }], ['short_email', { kind: 'name' }], ['phone', { kind: 'phone' }],
      ['age', { kind: 'fixed', value: '0' }], ['code', { kind: 'null' }], ['E-mail', { kind: 'hash' }],
    ]);
  });

  it('refuses rules that cannot apply, naming the table, the column and what to do', async () => {
    const table = await guests();
    const refused = (rules: Record<string, string>) => refusal(() => resolveMasks(table, rules, WHAT));
    expect(refused({ emali: 'email' })).toBe(
      `${WHAT}.emali: table public.guests has no column "emali" (did you mean "email"?); ` +
        'its columns: id, email, short_email, long_email, age, phone, code, E-mail, email_upper',
    );
    expect(refused({ email_upper: 'hash' })).toMatch(/email_upper: column "email_upper" of public.guests is generated.*mask the columns it is computed from/);
    expect(refused({ phone: 'null' })).toBe(
      `${WHAT}.phone: column "phone" of public.guests is NOT NULL, so the null mask would make the copy fail; ` +
        'use another rule, e.g. hash, fixed:<value> or sql:<expression>',
    );
    expect(refused({ short_email: 'email' })).toBe(
      `${WHAT}.short_email: the email mask yields up to 49 characters, but column "short_email" of public.guests is ` +
        'character varying(40) (at most 40); widen the column or use another rule (fixed:<value>, sql:<expression>)',
    );
    expect(refused({ code: 'phone' })).toMatch(/phone mask yields up to 12 characters.*character\(10\) \(at most 10\)/);
    expect(refused({ age: 'hash' })).toBe(
      `${WHAT}.age: the hash mask yields text, but column "age" of public.guests is integer; use fixed:<value> or sql:<expression> for it`,
    );
    expect(refused({ 'E-mail': 'emial' })).toMatch(/^data\.mask\."public\.guests"\.E-mail: unknown mask rule "emial" \(did you mean "email"\?\)/);
  });

  it('reads length limits and text-likeness from format_type', () => {
    const table = (type: string, notNull = false) => ({ schema: 'app', name: 'People', columns: [text('e', type, notNull)] });
    const fits = (type: string, rule: string) => refusal(() => resolveMasks(table(type), { e: rule }, 'm')) === 'accepted';
    expect(fits('character varying(49)', 'email')).toBe(true);
    expect(fits('character varying(48)', 'email')).toBe(false);
    expect(fits('character varying', 'hash')).toBe(true);
    expect(fits('character varying(64)', 'hash')).toBe(true);
    expect(fits('character varying(63)', 'hash')).toBe(false);
    expect(fits('character(12)', 'phone')).toBe(true);
    expect(fits('character', 'phone')).toBe(false);
    expect(fits('bpchar', 'phone')).toBe(true);
    expect(fits('character varying(25)', 'name')).toBe(true);
    expect(fits('public.citext', 'email')).toBe(true);
    expect(fits('citext', 'name')).toBe(true);
    expect(fits('text[]', 'email')).toBe(false);
    expect(fits('jsonb', 'phone')).toBe(false);
    expect(fits('jsonb', 'sql:null')).toBe(true);
    expect(fits('integer', 'fixed:0')).toBe(true);
    // A domain is measured by its base type.
    const domain = (type: string, baseType: string) => ({ schema: 'app', name: 'People', columns: [{ ...text('e', type), baseType }] });
    const fitsDomain = (type: string, baseType: string, rule: string) => refusal(() => resolveMasks(domain(type, baseType), { e: rule }, 'm'));
    expect(fitsDomain('app.email', 'public.citext', 'email')).toBe('accepted');
    expect(fitsDomain('app.email', 'character varying(49)', 'email')).toBe('accepted');
    expect(fitsDomain('app.email', 'character varying(48)', 'email')).toMatch(/is app\.email \(a domain over character varying\(48\)\) \(at most 48\)/);
    expect(fitsDomain('app.age', 'integer', 'hash')).toBe(
      'm.e: the hash mask yields text, but column "e" of app."People" is app.age (a domain over integer); use fixed:<value> or sql:<expression> for it',
    );
    const spaced = { schema: 'public', name: 'people', columns: [text('first name')] };
    expect(() => resolveMasks(spaced, { 'first name': 'nmae' }, 'm')).toThrow('m."first name": unknown mask rule "nmae" (did you mean "name"?)');
    expect(() => resolveMasks(table('integer', true), { e: 'null' }, 'm')).toThrow(
      'm.e: column "e" of app."People" is NOT NULL, so the null mask would make the copy fail; use another rule, e.g. fixed:<value> or sql:<expression>',
    );
  });
});
