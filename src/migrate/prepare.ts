import type pg from 'pg';
import type { MigrationSettings } from '../config/resolve.js';
import type { MigrationRun } from './desired.js';
import { findMigrations, type MigrationFile } from './files.js';
import { appliedVersions, pendingByGit, pendingByLedger } from './pending.js';

export interface PendingWork {
  files: MigrationFile[];
  runs: MigrationRun[];
  /** How pending was told: production's ledger, or git against the base branch. */
  by: 'ledger' | 'git';
}

/**
 * The pull request's pending migrations, found before anything is written:
 * the files of [migrations].paths whose version production's ledger lacks
 * (or, pending = "git", those changed against the base branch). None when
 * migrations are off.
 */
export async function findPending(settings: MigrationSettings, root: string, source: pg.Client): Promise<PendingWork | undefined> {
  if (!settings.enabled) return undefined;
  const all = await findMigrations(settings.paths, root);
  const files = all.length === 0 ? [] : settings.pending === 'git'
    ? await pendingByGit(all, root, settings)
    : pendingByLedger(all, await appliedVersions(source, settings.ledger));
  return { files, by: settings.pending, runs: files.map((f) => ({ file: f.display, version: f.version, statements: 0, ms: 0, status: 'not run' })) };
}
