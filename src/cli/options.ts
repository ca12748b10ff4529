import type { SchemaFilter } from '../catalog/filter.js';
import { streamLogger, type Logger } from '../log/logger.js';
import { addSecret } from '../log/secrets.js';
import { parseDuration } from '../util/duration.js';
import { UsageError, type CliIo, type OptionSpec, type OptionValues } from './spec.js';

/** Options every schema command takes, as the contract names them. */
export const CONNECTION_OPTIONS: Record<string, OptionSpec> = {
  source: { type: 'string', value: 'URL', description: 'source (production) database URL; default $SOURCE_DATABASE_URL. Only ever read' },
  target: { type: 'string', value: 'URL', description: 'target (preview/testing) database URL; default $TARGET_DATABASE_URL' },
  'target-name': { type: 'string', value: 'NAME', description: 'name of the target in reports (default: preview)' },
};

export const SCHEMA_OPTIONS: Record<string, OptionSpec> = {
  schema: { type: 'string', multiple: true, value: 'NAME', description: 'sync only this schema (default: every non-system schema but platform-managed ones)' },
  'exclude-schema': { type: 'string', multiple: true, value: 'NAME', description: 'leave this schema out' },
  verbose: { type: 'boolean', description: 'print each statement as it runs' },
};

export interface ConnectionChoice {
  sourceUrl: string;
  targetUrl: string;
  targetName: string;
}

export function connectionChoice(values: OptionValues, io: CliIo): ConnectionChoice {
  const sourceUrl = (values.source as string | undefined) ?? io.env.SOURCE_DATABASE_URL;
  const targetUrl = (values.target as string | undefined) ?? io.env.TARGET_DATABASE_URL;
  // Registered before anything can print them.
  addSecret(sourceUrl);
  addSecret(targetUrl);
  if (!sourceUrl) throw new UsageError('no source database: pass --source URL or set SOURCE_DATABASE_URL');
  if (!targetUrl) throw new UsageError('no target database: pass --target URL or set TARGET_DATABASE_URL');
  const targetName = (values['target-name'] as string | undefined) ?? 'preview';
  if (!/^[A-Za-z0-9_.-]{1,63}$/.test(targetName)) {
    throw new UsageError(`--target-name must be 1 to 63 letters, digits, "_", "-" or "." (got "${targetName}")`);
  }
  return { sourceUrl, targetUrl, targetName };
}

export function schemaFilter(values: OptionValues): SchemaFilter {
  return {
    schemas: (values.schema as string[] | undefined) ?? [],
    excludeSchemas: (values['exclude-schema'] as string[] | undefined) ?? [],
  };
}

export function lockTimeout(values: OptionValues): string {
  return parseDuration((values['lock-timeout'] as string | undefined) ?? '10s', '--lock-timeout');
}

export function cliLogger(values: OptionValues, io: CliIo): Logger {
  return streamLogger({ verbose: values.verbose === true, write: io.stderr });
}
