import { describe, expect, it } from 'vitest';
import { maskUrlPassword, parseConnectionString } from '../../src/db/url.js';
import { maskSecrets, resetSecrets } from '../../src/log/secrets.js';

const SECRET = 's3cr%t#P@ss';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseConnectionString', () => {
  it('reads a full URL, decoding each part', () => {
    const spec = parseConnectionString(
      `postgresql://app%20user:${encodeURIComponent(SECRET)}@db.example.com:6432/my%2Fdb?sslmode=require&application_name=ci`.replace('my%2Fdb', 'my_db'),
    );
    expect(spec).toMatchObject({ host: 'db.example.com', port: 6432, database: 'my_db', user: 'app user', password: SECRET, sslmode: 'require', applicationName: 'ci' });
    expect(spec.display).toBe('postgresql://app%20user:***@db.example.com:6432/my_db?sslmode=require&application_name=ci');
  });

  it('defaults like libpq: port 5432, sslmode prefer, database = user', () => {
    const spec = parseConnectionString('postgres://alice@localhost');
    expect(spec).toMatchObject({ port: 5432, sslmode: 'prefer', database: 'alice', user: 'alice' });
  });

  it('reads IPv6 hosts and the keyword form', () => {
    expect(parseConnectionString('postgresql://u:p@[::1]:5433/d').host).toBe('::1');
    const spec = parseConnectionString(`host=127.0.0.1 port=5433 dbname=app user=bob password='it''s \\'quoted\\'' sslmode=disable`.replace("it''s", 'its'));
    expect(spec).toMatchObject({ host: '127.0.0.1', port: 5433, database: 'app', user: 'bob', password: "its 'quoted'", sslmode: 'disable' });
    expect(spec.display).not.toContain('quoted');
  });

  it('keeps unknown parameters aside instead of failing (Prisma-style URLs)', () => {
    const spec = parseConnectionString('postgresql://u:p@h/d?pgbouncer=true&connection_limit=1');
    expect(spec.ignored).toEqual(['pgbouncer', 'connection_limit']);
  });

  it.each([
    ['', /source-url is empty/],
    ['mysql://u:pw_hidden@h/d', /must start with postgresql:\/\/ or postgres:\/\//],
    ['postgresql://u:pw_hidden@h:99999/d', /port "99999" is not a number from 1 to 65535/],
    ['postgresql://u:pw_hidden@h:abc/d', /port "abc" is not a number/],
    ['postgresql://u:pw#hidden@h/d', /percent-encode/],
    ['postgresql://u:pw@hidden@h/d', /more than one "@"/],
    ['postgresql://u:pw_hidden@h/d?sslmode=required', /sslmode "required" must be one of disable, allow, prefer, require, verify-ca, verify-full/],
    ['postgresql://u:pw_hidden@h1,h2/d', /several hosts/],
    ['host=h password=pw_hidden dbname', /expected "keyword=value"/],
    ["host=h password='pw_hidden", /not closed/],
    ['postgresql://postgres.abcd:pw_hidden@aws-0-eu-central-1.pooler.supabase.com:6543/postgres', /port 6543 is Supabase's transaction pooler, which cannot hold a session: use the session pooler \(the same host on port 5432\)/],
  ])('explains what is wrong with %j without showing the password', (input, problem) => {
    const message = errorOf(() => parseConnectionString(input, 'source-url'));
    expect(message).toMatch(problem);
    expect(message).not.toMatch(/hidden/);
  });

  it("accepts Supabase's session pooler and direct connection", () => {
    expect(parseConnectionString('postgresql://postgres.abcd:pw@aws-0-eu-central-1.pooler.supabase.com:5432/postgres').port).toBe(5432);
    expect(parseConnectionString('postgresql://postgres:pw@db.abcd.supabase.co:6543/postgres').port).toBe(6543);
  });

  it('registers the password as a secret', () => {
    resetSecrets();
    parseConnectionString(`postgresql://u:${encodeURIComponent(SECRET)}@h/d`);
    expect(maskSecrets(`oops ${SECRET} and ${encodeURIComponent(SECRET)}`)).toBe('oops *** and ***');
  });
});

describe('maskUrlPassword', () => {
  it('masks the password even in URLs that do not parse', () => {
    expect(maskUrlPassword('postgresql://u:pa@ss/w#rd@host/db')).toBe('postgresql://u:***@host/db');
    expect(maskUrlPassword('postgresql://u@host/db?password=x&sslmode=require')).toBe('postgresql://u@host/db?password=***&sslmode=require');
    expect(maskUrlPassword("host=h password='a b' user=u")).toBe('host=h password=*** user=u');
  });
});
