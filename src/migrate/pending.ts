import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import type { MigrationSettings } from '../config/resolve.js';
import { parseTableName, tableLabel } from '../db/names.js';
import type { MigrationFile } from './files.js';

const run = promisify(execFile);

/**
 * The versions production has applied, from its ledger, read in a READ ONLY
 * transaction. A ledger that does not exist is an error naming both ways out.
 */
export async function appliedVersions(source: pg.Client, ledger: string): Promise<Set<string>> {
  const table = parseTableName(ledger, '[migrations] ledger');
  await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const { rows } = await source.query<{ found: boolean }>('SELECT pg_catalog.to_regclass($1) IS NOT NULL AS found', [tableLabel(table)]);
    if (!rows[0]?.found) {
      throw new Error(
        `production has no migration ledger ${tableLabel(table)}, so which migration files are pending cannot be told. ` +
          'Name the table that lists applied versions ([migrations] ledger = "schema.table", column version), ' +
          'or take the files changed against the pull request\'s base branch ([migrations] pending = "git"), or turn migrations off (migrations: false, --no-migrations).',
      );
    }
    const versions = await source.query<{ version: string }>(`SELECT version::text AS version FROM ${tableLabel(table)}`);
    return new Set(versions.rows.map((r) => r.version.replace(/^0+(?=\d)/, '')));
  } finally {
    await source.query('COMMIT').catch(() => undefined);
  }
}

/** The files whose version production's ledger lacks, in version order. */
export function pendingByLedger(files: readonly MigrationFile[], applied: ReadonlySet<string>): MigrationFile[] {
  return files.filter((f) => !applied.has(f.version.replace(/^0+(?=\d)/, '')));
}

/**
 * The files added or changed against the pull request's base branch (git):
 * the checkout needs the base's history, which a shallow clone lacks.
 */
export async function pendingByGit(files: readonly MigrationFile[], root: string, settings: MigrationSettings): Promise<MigrationFile[]> {
  const base = settings.base;
  if (!base) throw new Error('[migrations] pending = "git" needs the base branch: run on a pull_request event, or pass --base REF');
  const git = (...args: string[]) => run('git', ['-C', root, ...args]).then((r) => r.stdout.trim());
  const top = await git('rev-parse', '--show-toplevel').catch(() => {
    throw new Error(`[migrations] pending = "git": ${root} is not a git checkout`);
  });
  if ((await git('rev-parse', '--is-shallow-repository')) === 'true') {
    throw new Error('[migrations] pending = "git" needs the base branch\'s history, which a shallow checkout lacks: set fetch-depth: 0 on actions/checkout');
  }
  const ref = (await git('rev-parse', '--verify', '--quiet', `origin/${base}`).catch(() => '')) ? `origin/${base}` : base;
  const changed = await git('diff', '--name-only', '--diff-filter=AMR', `${ref}...HEAD`).catch((error: Error) => {
    throw new Error(`[migrations] pending = "git": cannot compare with ${ref} (${error.message.split('\n')[0]}); fetch it (fetch-depth: 0) or pass --base REF`);
  });
  const paths = new Set(changed.split('\n').filter(Boolean).map((p) => path.resolve(top, p)));
  return files.filter((f) => paths.has(f.file));
}
