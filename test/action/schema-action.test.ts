import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { runAction } from '../helpers/action.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

const PASSWORD = 'pr0d-S3cret!#%';

async function withPassword(url: string): Promise<string> {
  const admin = await createTestDatabase('adm');
  const role = `app_${Math.random().toString(36).slice(2, 8)}`;
  await admin.exec(`create role ${role} login superuser password '${PASSWORD}'`);
  await admin.drop();
  const u = new URL(url);
  u.username = role;
  u.password = encodeURIComponent(PASSWORD);
  return u.toString();
}

describe('the action, end to end', () => {
  it('applies, reports in the summary, the report file and the outputs, then finds nothing to do', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`create table customer (customer_no int primary key, email text not null); create index customer_email on customer (email);`);
    const inputs = { 'source-url': await withPassword(source.url), 'target-url': target.url, 'target-name': 'testing' };

    const first = await runAction(inputs);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ status: 'applied', changes: '3', 'destructive-changes': '0' });
    expect(first.summary).toContain('### 🔄 `testing` synced with production: 3 changes applied');
    expect(first.summary).toContain('| create table | `public.customer` |   |');
    expect(first.summary).toContain('[workflow run](https://github.com/acme/app/actions/runs/42)');
    expect(first.everything).not.toContain(PASSWORD);
    expect(first.everything).not.toContain(encodeURIComponent(PASSWORD));
    expect(await schemaSnapshot(target.url)).toEqual(await schemaSnapshot(source.url));

    const second = await runAction(inputs);
    expect(second.outputs).toMatchObject({ status: 'no-changes', changes: '0' });
    expect(second.summary).toContain('### ✅ `testing` is in sync with production');
  });

  it('plans without changing anything in plan mode', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec('create table t (a int)');
    const run = await runAction({ 'source-url': source.url, 'target-url': target.url, mode: 'plan' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'planned', changes: '1' });
    expect(await target.query("select count(*)::int as n from pg_class where relname = 't'")).toEqual([{ n: 0 }]);
  });

  it('fails a blocked run, listing what needs consent, and applies nothing', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await target.exec('create table old_data (a int)');
    const run = await runAction({ 'source-url': source.url, 'target-url': target.url });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'blocked', 'destructive-changes': '1' });
    expect(run.stdout).toContain('::error::1 destructive change(s) need consent: set allow-destructive');
    expect(run.summary).toContain('⛔ `preview`: blocked by 1 destructive change, nothing applied');
    expect(await target.query("select count(*)::int as n from pg_class where relname = 'old_data'")).toEqual([{ n: 1 }]);
    const allowed = await runAction({ 'source-url': source.url, 'target-url': target.url, 'allow-destructive': 'true' });
    expect(allowed.outputs.status).toBe('applied');
  });

  it('reports a failed connection in the summary and outputs, masking the password', async () => {
    const source = await createTestDatabase('src');
    const badTarget = new URL(source.url);
    badTarget.password = encodeURIComponent(PASSWORD);
    const run = await runAction({ 'source-url': source.url, 'target-url': badTarget.toString() });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.summary).toContain('❌ `preview`: the connection failed');
    expect(run.summary).toContain('password authentication failed');
    expect(run.everything).not.toContain(PASSWORD);
    expect(run.everything).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('names a bad input, its value and the allowed ones', async () => {
    const run = await runAction({ 'source-url': 'postgresql://a@h/d', 'target-url': 'postgresql://b@h/d', mode: 'aply' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::mode must be "apply" or "plan" (got "aply") (did you mean "apply"?)');
    expect(run.outputs.status).toBe('failed');
  });
});
