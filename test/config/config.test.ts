import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../src/config/load.js';
import { lineOf, parseConfig } from '../../src/config/load.js';
import { resolveSettings } from '../../src/config/resolve.js';
import { maskSecrets } from '../../src/log/secrets.js';
import { runAction } from '../helpers/action.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/db.js';
import { tempDir } from '../helpers/tmp.js';

const GOOD = `
source_url = "env:PGBS_TEST_SOURCE"
lock_timeout = "5s"

[schema]
schemas = ["public"]

[targets.testing]
url = "env:PGBS_TEST_TARGET"
allow_destructive = true

[targets.preview]
mode = "plan"
schema = { exclude_schemas = ["scratch"] }
`;

function errorOf(text: string): ConfigError {
  try {
    parseConfig(text, 'pg-branch-sync.toml');
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a config error');
}

describe('config file', () => {
  it('reads env references (as secrets) and applies [targets.<name>] over the top level', () => {
    process.env.PGBS_TEST_SOURCE = 'postgresql://u:very-secret-1@prod/db';
    process.env.PGBS_TEST_TARGET = 'postgresql://u:very-secret-2@test/db';
    const config = parseConfig(GOOD, 'pg-branch-sync.toml');
    const testing = resolveSettings(config, 'testing', {});
    expect(testing.sourceUrl).toBe('postgresql://u:very-secret-1@prod/db');
    expect(maskSecrets('x very-secret-2 y')).toBe('x *** y');

    expect(testing).toMatchObject({ targetUrl: 'postgresql://u:very-secret-2@test/db', allowDestructive: true, mode: 'apply', lockTimeout: '5s', filter: { schemas: ['public'] } });
    const preview = resolveSettings(config, 'preview', { allowDestructive: undefined });
    expect(preview).toMatchObject({ mode: 'plan', allowDestructive: false, filter: { schemas: ['public'], excludeSchemas: ['scratch'] } });
    // Explicit settings win.
    expect(resolveSettings(config, 'preview', { mode: 'apply', schemas: ['app'] })).toMatchObject({ mode: 'apply', filter: { schemas: ['app'] } });
    const warnings: string[] = [];
    resolveSettings(config, 'testng', {}, (m) => warnings.push(m));
    expect(warnings[0]).toContain('the config has no [targets.testng] (did you mean "testing"?)');
  });

  it('rejects unknown keys with a did-you-mean and the line', () => {
    const error = errorOf('mode = "plan"\n\n[targets.testing]\nallow_destrutive = true\n');
    expect(error.message).toBe('pg-branch-sync.toml:4: unknown key targets.testing.allow_destrutive (did you mean "allow_destructive"?); known keys here: url, mode, allow_destructive, create_roles, lock_timeout, supabase_url, supabase_service_role_key, supabase_anon_key, schema, data, seed, validate, migrations');
    expect(error.line).toBe(4);
    expect(errorOf('[schema]\nschema = ["x"]').message).toContain('unknown key schema.schema (did you mean "schemas"?)');
  });

  it('names a bad value and the allowed ones', () => {
    expect(errorOf('mode = "aply"').message).toBe('pg-branch-sync.toml:1: mode must be "apply" or "plan" (got "aply") (did you mean "apply"?)');
    expect(errorOf('[targets.x]\nallow_destructive = "yes"').message).toBe('pg-branch-sync.toml:2: targets.x.allow_destructive must be true or false (got "yes")');
    expect(errorOf('source_url = "postgresql://u:pw@h/db"').message).toContain('source_url: must be an env:NAME reference (secrets are never written in the config)');
    expect(errorOf('source_url = "postgresql://u:pw@h/db"').message).not.toContain('pw@');
  });

  it('reports invalid TOML with its line and column', () => {
    const error = errorOf('mode = "plan"\n[targets\nx = 1');
    expect(error.message).toMatch(/^pg-branch-sync\.toml:2: invalid TOML/);
    expect(error.column).toBeGreaterThan(0);
  });

  it('reads [data] with masks and filters, enabled per target, the salt as a secret', () => {
    const config = parseConfig([
      '[data]', 'tables = ["public.sire_*"]', 'exclude = ["public.sire_secrets"]', 'mask_salt = "env:PGBS_TEST_SALT"',
      '[data.where]', '"public.sire_cities" = "population > 1000"',
      '[data.mask."public.guests"]', 'email = "email"', 'phone = "null"',
      '[targets.testing]', 'data = { enabled = true, mode = "upsert" }',
    ].join('\n'), 'pg-branch-sync.toml', { PGBS_TEST_SALT: 'salty-secret-42' });
    expect(resolveSettings(config, 'testing', {}).data).toEqual({
      enabled: true, tables: ['public.sire_*'], exclude: ['public.sire_secrets'], mode: 'upsert',
      where: { 'public.sire_cities': 'population > 1000' }, mask: { 'public.guests': { email: 'email', phone: 'null' } }, maskSalt: 'salty-secret-42',
    });
    expect(resolveSettings(config, 'preview', {}).data.enabled).toBe(false);
    expect(resolveSettings(config, 'preview', { data: true }).data.enabled).toBe(true);
    expect(maskSecrets('salt salty-secret-42')).toBe('salt ***');
    expect(errorOf('[data]\nmode = "merge"').message).toBe('pg-branch-sync.toml:2: data.mode must be "replace" or "upsert" or "append-missing" (got "merge")');
    expect(errorOf('[data.mask."public.guests"]\nemail = 3').line).toBe(2);
  });

  it('reads [seed] and [validate], a target overriding them key by key, and env: passwords', () => {
    process.env.PGBS_TEST_PASSWORD = 'seed-pass-123';
    const config = parseConfig([
      '[seed]', 'paths = ["supabase/seed.sql", "supabase/seeds/*.sql"]', 'reset = ["public.users"]',
      '[[seed.users]]', 'email = "admin@example.com"', 'password = "env:PGBS_TEST_PASSWORD"', 'metadata = { role = "admin" }',
      '[validate]', 'required_tables = ["public.users"]', 'required_columns = { "public.users" = ["email"] }',
      '[[validate.assert]]', 'name = "one admin"', 'sql = "select count(*) = 1 from users"',
      '[[validate.assert]]', 'name = "some rows"', 'sql = "select count(*) from users"', 'expect = ">= 2"',
      '[targets.testing]', 'seed = { single_transaction = true }', 'validate = { statement_timeout = "5s" }',
    ].join('\n'), 'pg-branch-sync.toml');
    const testing = resolveSettings(config, 'testing', {});
    expect(testing.seed).toMatchObject({ enabled: true, paths: ['supabase/seed.sql', 'supabase/seeds/*.sql'], reset: ['public.users'], singleTransaction: true });
    expect(testing.seed.users).toEqual([{ email: 'admin@example.com', password: 'seed-pass-123', metadata: { role: 'admin' }, appMetadata: undefined }]);
    expect(testing.validate).toMatchObject({ enabled: true, requiredTables: ['public.users'], requiredColumns: { 'public.users': ['email'] }, statementTimeout: '5s' });
    expect(testing.validate.assertions.map((a) => a.expect)).toEqual([undefined, '>= 2']);
    expect(resolveSettings(config, 'preview', {}).seed.singleTransaction).toBe(true);
    expect(resolveSettings(config, 'preview', { seed: false, validate: false })).toMatchObject({ seed: { enabled: false }, validate: { enabled: false } });
    expect(maskSecrets('pw seed-pass-123')).toBe('pw ***');
  });

  it('points at the line of a bad seed user or assertion, in arrays of tables', () => {
    const text = '[[seed.users]]\nemail = "a@example.com"\n\n[[seed.users]]\nemail = "b@example.com"\npassword = "literal"\n';
    const error = errorOf(text);
    expect(error.message).toBe('pg-branch-sync.toml:6: seed.users.1.password: must be an env:NAME reference (secrets are never written in the config) (got "literal")');
    expect(errorOf('[[validate.assert]]\nname = "x"\nsql = "select true"\nexpect = "about 3"').line).toBe(4);
    expect(errorOf('[[validate.assert]]\nname = "x"\nsqll = "select true"').message).toContain('unknown key validate.assert.0.sqll (did you mean "sql"?); known keys here: name, sql, expect');
    expect(lineOf('[validate.required_columns]\n"public.users" = ["email"]\n', ['validate', 'required_columns', 'public.users'])).toBe(2);
  });

  it('reads an env: value only when its setting is used and not given otherwise, naming the setting, the variable, the file and the line', () => {
    const env = {};
    const config = parseConfig('source_url = "env:PGBS_TEST_MISSING"\n[targets.t]\nurl = "env:PGBS_TEST_MISSING"\nsupabase_anon_key = "env:PGBS_TEST_MISSING"\n[[seed.users]]\nemail = "a@example.com"\npassword = "env:PGBS_TEST_MISSING"\n', 'pg-branch-sync.toml', env);
    const settings = resolveSettings(config, 't', {});
    expect(settings.sourceUrl).toBeUndefined();
    expect(settings.unset?.sourceUrl?.message).toBe('pg-branch-sync.toml:1: source_url reads the environment variable PGBS_TEST_MISSING, which is not set');
    expect(settings.unset?.targetUrl?.message).toBe('pg-branch-sync.toml:3: targets.t.url reads the environment variable PGBS_TEST_MISSING, which is not set');
    expect(settings.supabase.unset?.anonKey?.line).toBe(4);
    expect(settings.seed.users[0]?.passwordUnset?.message).toBe('pg-branch-sync.toml:7: seed.users.0.password reads the environment variable PGBS_TEST_MISSING, which is not set');
    // Given explicitly: the config's value is never read.
    const explicit = resolveSettings(config, 't', { sourceUrl: 'postgresql://a@h/d', targetUrl: 'postgresql://b@h/d', supabaseAnonKey: 'k' });
    expect(explicit.unset).toEqual({});
    expect(explicit.supabase.unset).toEqual({});
  });

  it('finds the line of a key in tables, dotted keys and inline tables', () => {
    const text = 'a = 1\n[targets.preview]\nmode = "plan"\nschema.schemas = ["x"]\n';
    expect(lineOf(text, ['targets', 'preview', 'mode'])).toBe(3);
    expect(lineOf(text, ['targets', 'preview', 'schema', 'schemas'])).toBe(4);
    expect(lineOf(text, ['targets', 'preview'])).toBe(2);
  });
});

describe('config in use', () => {
  it('drives pg-branch-sync run --config FILE --target-name NAME', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec('create table t (a int)');
    await target.exec('create table legacy (a int)');
    const dir = tempDir('config');
    const file = path.join(dir, 'sync.toml');
    writeFileSync(file, `source_url = "env:CFG_SOURCE"\n[targets.testing]\nurl = "env:CFG_TARGET"\nallow_destructive = true\n`);
    const result = await cli(['run', '--config', file, '--target-name', 'testing'], { CFG_SOURCE: source.url, CFG_TARGET: target.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('🔄 testing synced with production: 2 changes applied (1 destructive)');
    expect((await cli(['plan', '--config', path.join(dir, 'missing.toml'), '--target-name', 'testing'])).stderr).toContain('missing.toml: the config file does not exist');
  });

  it('needs no variable for a setting given by flag or never used: plan --source, seed', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec('create table t (a int)');
    const dir = tempDir('config');
    const file = path.join(dir, 'pg-branch-sync.toml');
    writeFileSync(file, 'source_url = "env:CFG_UNSET_SOURCE"\n[targets.preview]\nurl = "env:CFG_UNSET_TARGET"\n');
    const plan = await cli(['plan', '--config', file, '--source', source.url, '--target', target.url]);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    const seed = await cli(['seed', '--config', file, '--target', target.url]);
    expect(seed.code).toBe(0);
    const missing = await cli(['plan', '--config', file, '--target', target.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${file}:1: source_url reads the environment variable CFG_UNSET_SOURCE, which is not set`);
  });

  it('fails the action with an annotation on the config line', async () => {
    const dir = tempDir('config');
    const file = path.join(dir, 'pg-branch-sync.toml');
    writeFileSync(file, '[schema]\nschemas = ["public"]\nexclude = ["x"]\n');
    const run = await runAction({ 'source-url': 'postgresql://a@h/d', 'target-url': 'postgresql://b@h/d', config: file });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error title=pg-branch-sync config,file=${file},line=3::`);
    expect(run.stdout).toContain('unknown key schema.exclude');
    expect(run.stdout.match(/::error/g)).toHaveLength(1);
    expect(run.outputs.status).toBe('failed');
  });
});

describe("supabase/config.toml's [branches.<target>] switches", () => {
  it('are the target\'s schema, data and seed switches; pg-branch-sync.toml and inputs win, and the log says where each came from', async () => {
    const { loadSettings } = await import('../../src/config/settings.js');
    const { memoryLogger } = await import('../../src/log/logger.js');
    const dir = tempDir('branches');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'supabase'));
    writeFileSync(path.join(dir, 'supabase', 'config.toml'), [
      'project_id = "app"', '', '[branches.testing]', 'auto_sync_schema = false', 'auto_sync_data = true', 'seed_on_sync = false', '',
      '[branches.preview]', 'seed_on_sync = "yes"',
    ].join('\n'));
    const file = path.join(dir, 'pg-branch-sync.toml');
    writeFileSync(file, '[targets.testing]\nseed = { enabled = true }\n[targets.preview]\n');
    const logger = memoryLogger();
    const { settings } = await loadSettings(file, 'testing', {}, logger, {});
    expect(settings).toMatchObject({ schemaEnabled: false, data: { enabled: true }, seed: { enabled: true } });
    expect(settings.switches).toEqual([
      'schema: off (supabase/config.toml:4 [branches.testing] auto_sync_schema)',
      'data: on (supabase/config.toml:5 [branches.testing] auto_sync_data)',
      'seed: on (pg-branch-sync.toml [targets.testing.seed] enabled)',
    ]);
    expect(logger.lines.join('\n')).toContain('target "testing": schema: off (supabase/config.toml:4');
    const explicit = await loadSettings(file, 'testing', { data: false }, memoryLogger(), {});
    expect(explicit.settings.data.enabled).toBe(false);
    expect(explicit.settings.switches[1]).toBe('data: off (input or flag)');
    await expect(loadSettings(file, 'preview', {}, memoryLogger(), {})).rejects.toThrow('supabase/config.toml:9: branches.preview.seed_on_sync must be true or false');
  });
});
