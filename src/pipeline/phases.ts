import type pg from 'pg';
import type { SchemaFilter } from '../catalog/filter.js';
import type { DataSettings, MigrationSettings, SeedSettings, SupabaseSettings, ValidateSettings } from '../config/resolve.js';
import { describeError } from '../db/errors.js';
import type { Logger } from '../log/logger.js';
import { errorLocation, type PhaseName, type RunReport, type Step } from './report.js';
import type { Sessions } from './sessions.js';

export interface RunOptions {
  /** Needed for the schema step and the drift check. */
  sourceUrl?: string | undefined;
  targetUrl: string;
  targetName: string;
  mode: 'plan' | 'apply';
  filter: SchemaFilter;
  allowDestructive: boolean;
  createRoles?: boolean;
  /** false: the schema step is off for this target ([schema] enabled, auto_sync_schema); default on. */
  schemaEnabled?: boolean;
  lockTimeout: string;
  /** Sync extension versions (default true). */
  extensionVersions?: boolean;
  /** Data phase settings; none: no data phase. */
  data?: DataSettings;
  /** Seed phase settings; none: no seed phase. */
  seed?: SeedSettings;
  /** Validation settings; none: no validation phase. */
  validate?: ValidateSettings;
  supabase?: SupabaseSettings;
  /** The pull request's migrations: the target is made equal to production with the pending ones on top. */
  migrations?: MigrationSettings;
  /** Where relative seed paths and supabase/ are found. */
  root?: string;
  configFile?: string | undefined;
  /** The steps after connecting; default all. */
  steps?: readonly Step[];
  logger: Logger;
}

export interface OpenSessions {
  source?: pg.Client;
  target: pg.Client;
  helpers?: Sessions['helpers'];
  close(): Promise<void>;
}

/** Runs the phases of one report: each timed and grouped in the log; a failure is recorded, never thrown. */
export interface Phases {
  run<T>(name: PhaseName, title: string, fn: () => Promise<T>): Promise<T | undefined>;
  skip(name: PhaseName, detail: string): void;
}

export function phases(report: RunReport, logger: Logger): Phases {
  return {
    async run(name, title, fn) {
      const start = performance.now();
      // A phase may run in parts (the seed: its reset before the data, its files after): one row, its times added.
      const entry = report.phases.find((p) => p.name === name) ?? report.phases[report.phases.push({ name, status: 'ok', ms: 0 }) - 1]!;
      try {
        return await logger.group(title, fn);
      } catch (error) {
        entry.status = 'failed';
        entry.detail = describeError(error);
        // The caller reports it (setFailed, or the CLI's report), once.
        report.error = entry.detail;
        report.errorAt = errorLocation(error);
        return undefined;
      } finally {
        entry.ms += performance.now() - start;
      }
    },
    skip(name, detail) {
      report.phases.push({ name, status: 'skipped', ms: 0, detail });
    },
  };
}


export const SCHEMA_OFF = 'off for this target ([schema] enabled = false, or auto_sync_schema = false in supabase/config.toml)';
export const DATA_OFF = 'off: production data is copied only when enabled (sync-data, [data] enabled = true)';
