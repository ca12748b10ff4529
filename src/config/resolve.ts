import type { SchemaFilter } from '../catalog/filter.js';
import { parseDuration } from '../util/duration.js';
import { didYouMean } from '../util/suggest.js';
import type { BranchSwitches } from './branches.js';
import { configValue, type ConfigValue } from './env.js';
import type { ConfigError } from './error.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AssertionConfig, Config, DataSection, MigrationsSection, SeedSection, ValidateSection } from './schema.js';

export interface SeedUser {
  email: string;
  password: string | undefined;
  /** The password's env: variable is not set: an error when the user is created. */
  passwordUnset?: ConfigError | undefined;
  metadata: Record<string, unknown> | undefined;
  appMetadata: Record<string, unknown> | undefined;
}

export type DataMode = 'replace' | 'upsert' | 'append-missing';

export interface DataSettings {
  enabled: boolean;
  tables: string[];
  exclude: string[];
  mode: DataMode;
  /** Per table (as written in the config): a WHERE condition run on the source. */
  where: Record<string, string>;
  /** Per table: column → masking rule. */
  mask: Record<string, Record<string, string>>;
  maskSalt: string;
  /** mask_salt's env: variable is not set: an error when a mask is used. */
  maskSaltUnset?: ConfigError | undefined;
  /** `schema.table.column` entries copied unmasked on purpose, though they look personal or have a built-in mask. */
  allowUnmasked?: string[] | undefined;
}

export interface SeedSettings {
  enabled: boolean;
  /** Globs from the config; undefined: found from supabase/config.toml or supabase/seed.sql. */
  paths: string[] | undefined;
  /** Files given on the command line (`seed --file`), run instead of any configured. */
  files: string[] | undefined;
  reset: string[];
  singleTransaction: boolean;
  users: SeedUser[];
}

export interface ValidateSettings {
  enabled: boolean;
  requiredTables: string[];
  requiredColumns: Record<string, string[]>;
  statementTimeout: string;
  /** Check the Supabase APIs when a Supabase URL is known. */
  api: boolean;
  assertions: AssertionConfig[];
}

export interface SupabaseSettings {
  url: string | undefined;
  serviceRoleKey: string | undefined;
  anonKey: string | undefined;
  /** Settings whose env: variable is not set: an error where one is needed. */
  unset?: { url?: ConfigError; serviceRoleKey?: ConfigError; anonKey?: ConfigError };
}

export interface MigrationSettings {
  /** On when asked, or when the default folder (supabase/migrations/) exists. */
  enabled: boolean;
  /** Globs, relative to the root. */
  paths: string[];
  /** schema.table on production listing the applied versions (column `version`). */
  ledger: string;
  pending: 'ledger' | 'git';
  /** The base branch to compare with (pending = "git"): --base, else the event's. */
  base: string | undefined;
}

export const DEFAULT_MIGRATIONS = 'supabase/migrations/*.sql';

/** No pending migrations: the target is made equal to production alone. */
export const NO_MIGRATIONS: MigrationSettings = { enabled: false, paths: [], ledger: 'supabase_migrations.schema_migrations', pending: 'ledger', base: undefined };

/** No Supabase project: seed users and API checks are skipped or refused. */
export const NO_SUPABASE: SupabaseSettings = { url: undefined, serviceRoleKey: undefined, anonKey: undefined };

/** What one run needs to know, whatever it was given by. */
export interface RunSettings {
  sourceUrl: string | undefined;
  targetUrl: string | undefined;
  mode: 'apply' | 'plan';
  allowDestructive: boolean;
  /** Sync the schema ([schema] enabled; supabase/config.toml auto_sync_schema). */
  schemaEnabled: boolean;
  /** Where the schema, data and seed switches came from, for the log. */
  switches: string[];
  /** Create the roles production's objects need that the target lacks (NOLOGIN) instead of failing. */
  createRoles: boolean;
  lockTimeout: string;
  filter: SchemaFilter;
  extensionVersions: boolean;
  data: DataSettings;
  seed: SeedSettings;
  validate: ValidateSettings;
  supabase: SupabaseSettings;
  migrations: MigrationSettings;
  /** Where relative paths (seed files, supabase/) are found: the config file's folder, else the working directory. */
  root: string;
  /** URLs the config reads from env: variables that are not set: an error when the URL is needed. */
  unset?: { sourceUrl?: ConfigError; targetUrl?: ConfigError };
  /** The target is this Supabase preview branch (found through the Management API). */
  branch?: { ref: string; name: string } | undefined;
}

/** Find the target as the Supabase preview branch of a git branch (when no target URL is given). */
export interface BranchingRequest {
  /** A Management API token; without it, no branch is looked for. */
  accessToken?: string | undefined;
  /** The production project's ref. */
  projectRef?: string | undefined;
  /** The git branch whose preview branch is wanted. */
  branch?: string | undefined;
  /** How long to wait for it to be ready (default 10m). */
  wait?: string | undefined;
  /** When the push happened (ISO time, from the workflow event): older action runs are a previous push's. */
  since?: string | undefined;
  /** The Management API's base URL (SUPABASE_API_URL). */
  apiUrl?: string | undefined;
}

/** Settings given on the command line or as action inputs; undefined means "not given". */
export interface ExplicitSettings {
  sourceUrl?: string | undefined;
  targetUrl?: string | undefined;
  mode?: 'apply' | 'plan' | undefined;
  allowDestructive?: boolean | undefined;
  createRoles?: boolean | undefined;
  lockTimeout?: string | undefined;
  schemas?: string[] | undefined;
  excludeSchemas?: string[] | undefined;
  data?: boolean | undefined;
  seed?: boolean | undefined;
  seedFiles?: string[] | undefined;
  validate?: boolean | undefined;
  supabaseUrl?: string | undefined;
  supabaseServiceRoleKey?: string | undefined;
  supabaseAnonKey?: string | undefined;
  /** --migrations GLOB / input migrations (true | false). */
  migrations?: boolean | undefined;
  migrationPaths?: string[] | undefined;
  baseRef?: string | undefined;
  branching?: BranchingRequest | undefined;
}

/**
 * Explicit settings win over the config's [targets.<name>], which win over
 * its top level, which win over the defaults.
 */
export function resolveSettings(
  config: Config | undefined,
  targetName: string,
  explicit: ExplicitSettings,
  warn: (message: string) => void = () => undefined,
  root = process.cwd(),
  branches: BranchSwitches = {},
): RunSettings {
  const target = config?.targets?.[targetName];
  if (config?.targets && !target) {
    const names = Object.keys(config.targets);
    warn(`the config has no [targets.${targetName}]${didYouMean(targetName, names)}; using its top-level settings (targets: ${names.join(', ')})`);
  }
  const pick = <T>(given: T | undefined, fromTarget: T | undefined, fromTop: T | undefined, fallback: T): T => given ?? fromTarget ?? fromTop ?? fallback;
  const nonEmpty = (list: string[] | undefined) => (list && list.length > 0 ? list : undefined);
  const lockTimeoutText = pick(explicit.lockTimeout, target?.lock_timeout, config?.lock_timeout, '10s');
  const what = explicit.lockTimeout !== undefined ? 'lock-timeout' : target?.lock_timeout !== undefined ? `targets.${targetName}.lock_timeout` : 'lock_timeout';
  // A setting given explicitly is never read from the config, so its env: variable need not be set.
  const read = (given: string | undefined, candidates: [string | undefined, string[]][]): ConfigValue => {
    if (given !== undefined) return { value: given };
    const found = candidates.find(([v]) => v !== undefined);
    return found ? configValue(config, found[0], found[1]) : { value: undefined };
  };
  const targetPath = (...rest: string[]) => ['targets', targetName, ...rest];
  const source = read(explicit.sourceUrl, [[config?.source_url, ['source_url']]]);
  const targetUrl = read(explicit.targetUrl, [[target?.url, targetPath('url')]]);
  const supabaseKey = (given: string | undefined, key: 'supabase_url' | 'supabase_service_role_key' | 'supabase_anon_key') =>
    read(given, [[target?.[key], targetPath(key)], [config?.[key], [key]]]);
  const supabase = {
    url: supabaseKey(explicit.supabaseUrl, 'supabase_url'),
    serviceRoleKey: supabaseKey(explicit.supabaseServiceRoleKey, 'supabase_service_role_key'),
    anonKey: supabaseKey(explicit.supabaseAnonKey, 'supabase_anon_key'),
  };
  const unsetOf = <K extends string>(values: Record<K, ConfigValue>) =>
    Object.fromEntries(Object.entries<ConfigValue>(values).flatMap(([k, v]) => (v.unset ? [[k, v.unset]] : []))) as Partial<Record<K, ConfigError>>;
  // The three switches, and where each came from: an input or flag, pg-branch-sync.toml, supabase/config.toml, or the default.
  const switches: string[] = [];
  const toggle = (what: 'schema' | 'data' | 'seed', given: boolean | undefined, fromTarget: boolean | undefined, fromTop: boolean | undefined, fallback: boolean): boolean => {
    const [value, where] = given !== undefined ? [given, 'input or flag'] : fromTarget !== undefined ? [fromTarget, `pg-branch-sync.toml [targets.${targetName}.${what}] enabled`]
      : fromTop !== undefined ? [fromTop, `pg-branch-sync.toml [${what}] enabled`] : branches[what] ? [branches[what].value, branches[what].where] : [fallback, 'default'];
    switches.push(`${what}: ${value ? 'on' : 'off'} (${where})`);
    return value;
  };
  const schemaEnabled = toggle('schema', undefined, target?.schema?.enabled, config?.schema?.enabled, true);
  const dataEnabled = toggle('data', explicit.data, target?.data?.enabled, config?.data?.enabled, false);
  const seedEnabled = toggle('seed', explicit.seed, target?.seed?.enabled, config?.seed?.enabled, true);
  const sectionPath = (section: 'data' | 'seed', key: string) => (target?.[section]?.[key as never] !== undefined ? targetPath(section, key) : [section, key]);
  return {
    sourceUrl: source.value,
    targetUrl: targetUrl.value,
    unset: unsetOf({ sourceUrl: source, targetUrl }),
    schemaEnabled,
    switches,
    mode: pick(explicit.mode, target?.mode, config?.mode, 'apply'),
    allowDestructive: pick(explicit.allowDestructive, target?.allow_destructive, config?.allow_destructive, false),
    createRoles: pick(explicit.createRoles, target?.create_roles, config?.create_roles, false),
    lockTimeout: parseDuration(lockTimeoutText, what),
    filter: {
      schemas: pick(nonEmpty(explicit.schemas), target?.schema?.schemas, config?.schema?.schemas, []),
      excludeSchemas: pick(nonEmpty(explicit.excludeSchemas), target?.schema?.exclude_schemas, config?.schema?.exclude_schemas, []),
    },
    extensionVersions: pick(undefined, target?.schema?.extension_versions, config?.schema?.extension_versions, true),
    data: dataSettings({ ...config?.data, ...target?.data, enabled: dataEnabled }, explicit, (v) => configValue(config, v, sectionPath('data', 'mask_salt'))),
    seed: seedSettings({ ...config?.seed, ...target?.seed, enabled: seedEnabled }, explicit, (v, i) => configValue(config, v, [...sectionPath('seed', 'users'), String(i), 'password'])),
    migrations: migrationSettings({ ...config?.migrations, ...target?.migrations }, explicit, root),
    validate: validateSettings({ ...config?.validate, ...target?.validate }, explicit, targetName, target?.validate?.statement_timeout !== undefined),
    supabase: {
      url: supabase.url.value,
      serviceRoleKey: supabase.serviceRoleKey.value,
      anonKey: supabase.anonKey.value,
      unset: unsetOf(supabase),
    },
    root,
  };
}

// A target's [targets.<name>.data] / .seed / .validate override the top-level section key by key.
function dataSettings(section: DataSection, explicit: ExplicitSettings, read: (value: string | undefined) => ConfigValue): DataSettings {
  const salt = read(section.mask_salt);
  return {
    // Off unless enabled: production data is private.
    enabled: explicit.data ?? section.enabled ?? false,
    tables: section.tables ?? [],
    exclude: section.exclude ?? [],
    mode: section.mode ?? 'replace',
    where: section.where ?? {},
    mask: section.mask ?? {},
    maskSalt: salt.value ?? '',
    maskSaltUnset: salt.unset,
    allowUnmasked: section.allow_unmasked,
  };
}

function seedSettings(section: SeedSection, explicit: ExplicitSettings, read: (value: string | undefined, index: number) => ConfigValue): SeedSettings {
  return {
    enabled: explicit.seed ?? section.enabled ?? true,
    paths: section.paths,
    files: explicit.seedFiles && explicit.seedFiles.length > 0 ? explicit.seedFiles : undefined,
    reset: section.reset ?? [],
    singleTransaction: section.single_transaction ?? true,
    users: (section.users ?? []).map((u, i) => {
      const password = read(u.password, i);
      return { email: u.email, password: password.value, passwordUnset: password.unset, metadata: u.metadata, appMetadata: u.app_metadata };
    }),
  };
}

function migrationSettings(section: MigrationsSection, explicit: ExplicitSettings, root: string): MigrationSettings {
  const paths = explicit.migrationPaths?.length ? explicit.migrationPaths : (section.paths ?? [DEFAULT_MIGRATIONS]);
  const folderExists = existsSync(path.join(root, 'supabase', 'migrations'));
  return {
    enabled: explicit.migrations ?? section.enabled ?? (explicit.migrationPaths?.length || section.paths ? true : folderExists),
    paths,
    ledger: section.ledger ?? 'supabase_migrations.schema_migrations',
    pending: section.pending ?? 'ledger',
    base: explicit.baseRef,
  };
}

function validateSettings(section: ValidateSection, explicit: ExplicitSettings, targetName: string, fromTarget: boolean): ValidateSettings {
  const what = fromTarget ? `targets.${targetName}.validate.statement_timeout` : 'validate.statement_timeout';
  return {
    enabled: explicit.validate ?? section.enabled ?? true,
    requiredTables: section.required_tables ?? [],
    requiredColumns: section.required_columns ?? {},
    statementTimeout: parseDuration(section.statement_timeout ?? '30s', what),
    api: section.api ?? true,
    assertions: section.assert ?? [],
  };
}
