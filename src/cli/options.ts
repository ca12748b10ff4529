import type { RunSettings } from '../config/resolve.js';
import { loadSettings } from '../config/settings.js';
import { isTargetName, TARGET_NAME_RULE } from '../config/target-name.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseDuration, parseWaitMs } from '../util/duration.js';
import { streamLogger, type Logger } from '../log/logger.js';
import { registerConnectionSecrets } from '../db/url.js';
import { UsageError, type CliIo, type OptionSpec, type OptionValues } from './spec.js';

/** Options every schema command takes, as the contract names them. */
export const CONNECTION_OPTIONS: Record<string, OptionSpec> = {
  source: { type: 'string', value: 'URL', description: 'source (production) database URL; default $SOURCE_DATABASE_URL. Only ever read' },
  target: { type: 'string', value: 'URL', description: 'target (preview/testing) database URL; default $TARGET_DATABASE_URL' },
  'target-name': { type: 'string', value: 'NAME', description: 'name of the target in reports and in the config [targets] (default: preview)' },
  config: { type: 'string', value: 'FILE', description: 'config file (default: pg-branch-sync.toml when present)' },
  'supabase-project-ref': { type: 'string', value: 'REF', description: 'without a target URL: the target is a Supabase preview branch of this (production) project, found with $SUPABASE_ACCESS_TOKEN' },
  'supabase-branch': { type: 'string', value: 'NAME', description: 'the git branch whose preview branch is the target (default: $GITHUB_HEAD_REF, else the checkout\'s branch)' },
  'branch-wait': { type: 'string', value: 'DURATION', description: 'how long to wait for the preview branch to be ready (default: 10m)' },
};

export const SCHEMA_OPTIONS: Record<string, OptionSpec> = {
  migrations: { type: 'string', multiple: true, value: 'GLOB', description: 'the pull request\'s migration files (repeatable; default: supabase/migrations/*.sql when the folder exists): the target gets production\'s schema with the pending ones on top' },
  'no-migrations': { type: 'boolean', description: 'make the target equal to production alone, whatever migration files there are' },
  base: { type: 'string', value: 'REF', description: 'the base branch, for [migrations] pending = "git"' },
  'create-roles': { type: 'boolean', description: 'create the roles production\'s grants and policies name that the target lacks (NOLOGIN; needs CREATEROLE) instead of failing' },
  schema: { type: 'string', multiple: true, value: 'NAME', description: 'sync only this schema (default: every non-system schema but platform-managed ones)' },
  'exclude-schema': { type: 'string', multiple: true, value: 'NAME', description: 'leave this schema out' },
  verbose: { type: 'boolean', description: 'print each statement as it runs' },
};

/** Where Supabase's APIs are: the URL by flag or SUPABASE_URL; keys only from the environment. */
export const SUPABASE_OPTIONS: Record<string, OptionSpec> = {
  'supabase-url': { type: 'string', value: 'URL', description: 'Supabase project URL, for seed users and API checks; default $SUPABASE_URL (keys: $SUPABASE_SERVICE_ROLE_KEY, $SUPABASE_ANON_KEY)' },
};

export interface CliRun {
  settings: RunSettings & { targetUrl: string };
  targetName: string;
  logger: Logger;
  configFile: string | undefined;
}

/**
 * Everything a command needs: flags first, then SOURCE_DATABASE_URL /
 * TARGET_DATABASE_URL, then the config file (--config, or pg-branch-sync.toml
 * when present), then the defaults.
 */
export async function cliRun(values: OptionValues, io: CliIo): Promise<CliRun & { settings: { sourceUrl: string } }>;
export async function cliRun(values: OptionValues, io: CliIo, source: 'optional' | 'unused'): Promise<CliRun>;
export async function cliRun(values: OptionValues, io: CliIo, source: 'required' | 'optional' | 'unused' = 'required'): Promise<CliRun> {
  const logger = cliLogger(values, io);
  const targetName = (values['target-name'] as string | undefined) ?? 'preview';
  if (!isTargetName(targetName)) {
    throw new UsageError(`--target-name must be ${TARGET_NAME_RULE} (got "${targetName}")`);
  }
  const sourceUrl = source === 'unused' ? undefined : ((values.source as string | undefined) ?? io.env.SOURCE_DATABASE_URL);
  const targetUrl = (values.target as string | undefined) ?? io.env.TARGET_DATABASE_URL;
  const env = (name: string) => (io.env[name] === '' ? undefined : io.env[name]);
  const supabaseServiceRoleKey = env('SUPABASE_SERVICE_ROLE_KEY');
  const supabaseAnonKey = env('SUPABASE_ANON_KEY');
  // Registered before anything can print them.
  for (const secret of [sourceUrl, targetUrl, supabaseServiceRoleKey, supabaseAnonKey]) registerConnectionSecrets(secret);
  if (values['lock-timeout'] !== undefined) parseDuration(values['lock-timeout'] as string, '--lock-timeout');
  if (values['branch-wait'] !== undefined) parseWaitMs(values['branch-wait'] as string, '--branch-wait');
  const accessToken = env('SUPABASE_ACCESS_TOKEN');
  registerConnectionSecrets(accessToken);
  const { settings, configFile } = await loadSettings(values.config as string | undefined, targetName, {
    sourceUrl,
    targetUrl,
    mode: values.mode as 'apply' | 'plan' | undefined,
    allowDestructive: values['allow-destructive'] === true ? true : undefined,
    createRoles: values['create-roles'] === true ? true : undefined,
    migrations: values['no-migrations'] === true ? false : undefined,
    migrationPaths: values.migrations as string[] | undefined,
    baseRef: values.base as string | undefined,
    lockTimeout: values['lock-timeout'] as string | undefined,
    schemas: values.schema as string[] | undefined,
    excludeSchemas: values['exclude-schema'] as string[] | undefined,
    data: values['sync-data'] === true ? true : undefined,
    seed: values['no-seed'] === true ? false : undefined,
    validate: values['no-validate'] === true ? false : undefined,
    seedFiles: values.file as string[] | undefined,
    supabaseUrl: (values['supabase-url'] as string | undefined) ?? env('SUPABASE_URL'),
    supabaseServiceRoleKey,
    supabaseAnonKey,
    branching: accessToken ? {
      accessToken,
      projectRef: values['supabase-project-ref'] as string | undefined,
      branch: (values['supabase-branch'] as string | undefined) ?? env('GITHUB_HEAD_REF') ?? (await checkoutBranch()),
      wait: values['branch-wait'] as string | undefined,
      apiUrl: env('SUPABASE_API_URL'),
    } : undefined,
  }, logger, io.env);
  if (source === 'unused') settings.sourceUrl = undefined;
  else if (!settings.sourceUrl && settings.unset?.sourceUrl) {
    // The config names a variable that is not set: an error where the source is needed, a warning where it is optional.
    if (source === 'required') throw settings.unset.sourceUrl;
    logger.warning(`${settings.unset.sourceUrl.message}: checking without the source`);
  }
  if (!settings.sourceUrl && source === 'required') throw new UsageError('no source database: pass --source URL, set SOURCE_DATABASE_URL, or set source_url = "env:NAME" in the config');
  if (!settings.targetUrl && settings.unset?.targetUrl) throw settings.unset.targetUrl;
  if (!settings.targetUrl) {
    const branch = values['supabase-project-ref'] !== undefined ? ' (--supabase-project-ref finds a Supabase preview branch only with SUPABASE_ACCESS_TOKEN set)' : '';
    throw new UsageError(`no target database: pass --target URL, set TARGET_DATABASE_URL, or set url = "env:NAME" under [targets.${targetName}] in the config${branch}`);
  }
  return { settings: { ...settings, targetUrl: settings.targetUrl }, targetName, logger, configFile };
}

export function cliLogger(values: OptionValues, io: CliIo): Logger {
  return streamLogger({ verbose: values.verbose === true, write: io.stderr, live: io.isTTY });
}

/** The checkout's current branch, when the working directory is a git checkout on one. */
async function checkoutBranch(): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', '--abbrev-ref', 'HEAD']);
    const name = stdout.trim();
    return name && name !== 'HEAD' ? name : undefined;
  } catch {
    return undefined;
  }
}
