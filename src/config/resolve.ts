import type { SchemaFilter } from '../catalog/filter.js';
import { parseDuration } from '../util/duration.js';
import { didYouMean } from '../util/suggest.js';
import type { AssertionConfig, Config, DataSection, SeedSection, ValidateSection } from './schema.js';

export interface SeedUser {
  email: string;
  password: string | undefined;
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
}

/** No Supabase project: seed users and API checks are skipped or refused. */
export const NO_SUPABASE: SupabaseSettings = { url: undefined, serviceRoleKey: undefined, anonKey: undefined };

/** What one run needs to know, whatever it was given by. */
export interface RunSettings {
  sourceUrl: string | undefined;
  targetUrl: string | undefined;
  mode: 'apply' | 'plan';
  allowDestructive: boolean;
  lockTimeout: string;
  filter: SchemaFilter;
  extensionVersions: boolean;
  data: DataSettings;
  seed: SeedSettings;
  validate: ValidateSettings;
  supabase: SupabaseSettings;
  /** Where relative paths (seed files, supabase/) are found: the config file's folder, else the working directory. */
  root: string;
}

/** Settings given on the command line or as action inputs; undefined means "not given". */
export interface ExplicitSettings {
  sourceUrl?: string | undefined;
  targetUrl?: string | undefined;
  mode?: 'apply' | 'plan' | undefined;
  allowDestructive?: boolean | undefined;
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
  return {
    sourceUrl: explicit.sourceUrl ?? config?.source_url,
    targetUrl: explicit.targetUrl ?? target?.url,
    mode: pick(explicit.mode, target?.mode, config?.mode, 'apply'),
    allowDestructive: pick(explicit.allowDestructive, target?.allow_destructive, config?.allow_destructive, false),
    lockTimeout: parseDuration(lockTimeoutText, what),
    filter: {
      schemas: pick(nonEmpty(explicit.schemas), target?.schema?.schemas, config?.schema?.schemas, []),
      excludeSchemas: pick(nonEmpty(explicit.excludeSchemas), target?.schema?.exclude_schemas, config?.schema?.exclude_schemas, []),
    },
    extensionVersions: pick(undefined, target?.schema?.extension_versions, config?.schema?.extension_versions, true),
    data: dataSettings({ ...config?.data, ...target?.data }, explicit),
    seed: seedSettings({ ...config?.seed, ...target?.seed }, explicit),
    validate: validateSettings({ ...config?.validate, ...target?.validate }, explicit, targetName, target?.validate?.statement_timeout !== undefined),
    supabase: {
      url: explicit.supabaseUrl ?? target?.supabase_url ?? config?.supabase_url,
      serviceRoleKey: explicit.supabaseServiceRoleKey ?? target?.supabase_service_role_key ?? config?.supabase_service_role_key,
      anonKey: explicit.supabaseAnonKey ?? target?.supabase_anon_key ?? config?.supabase_anon_key,
    },
    root,
  };
}

// A target's [targets.<name>.data] / .seed / .validate override the top-level section key by key.
function dataSettings(section: DataSection, explicit: ExplicitSettings): DataSettings {
  return {
    // Off unless enabled: production data is private.
    enabled: explicit.data ?? section.enabled ?? false,
    tables: section.tables ?? [],
    exclude: section.exclude ?? [],
    mode: section.mode ?? 'replace',
    where: section.where ?? {},
    mask: section.mask ?? {},
    maskSalt: section.mask_salt ?? '',
  };
}

function seedSettings(section: SeedSection, explicit: ExplicitSettings): SeedSettings {
  return {
    enabled: explicit.seed ?? section.enabled ?? true,
    paths: section.paths,
    files: explicit.seedFiles && explicit.seedFiles.length > 0 ? explicit.seedFiles : undefined,
    reset: section.reset ?? [],
    singleTransaction: section.single_transaction ?? false,
    users: (section.users ?? []).map((u) => ({ email: u.email, password: u.password, metadata: u.metadata, appMetadata: u.app_metadata })),
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
