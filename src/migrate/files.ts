import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { displayPath } from '../seed/files.js';

/** One migration file of the checkout. */
export interface MigrationFile {
  /** The name's leading digits: `20261201093000_add_coupons.sql` → `20261201093000`. */
  version: string;
  /** Absolute path. */
  file: string;
  /** As the report and annotations show it (relative to the repository). */
  display: string;
  /** sha256 of the text: a migration edited after it ran is run again. */
  checksum: string;
}

/**
 * The migration files the globs match, in version order. A file without a
 * version prefix, or two files with one version, is an error naming them: the
 * order they run in would be a guess.
 */
export async function findMigrations(patterns: readonly string[], root: string): Promise<MigrationFile[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    for (const f of await glob(pattern, { cwd: root, absolute: true, onlyFiles: true, expandDirectories: false })) files.add(path.resolve(f));
  }
  const out: MigrationFile[] = [];
  const unversioned: string[] = [];
  for (const file of [...files].sort()) {
    const version = /^(\d+)/.exec(path.basename(file))?.[1];
    if (!version) {
      unversioned.push(displayPath(file));
      continue;
    }
    out.push({ version, file, display: displayPath(file), checksum: createHash('sha256').update(readFileSync(file)).digest('hex') });
  }
  if (unversioned.length > 0) {
    throw new Error(`migration file(s) without a version prefix: ${unversioned.join(', ')}. Name them <version>_<name>.sql (e.g. 20261201093000_add_coupons.sql), as supabase migration new does, or move them out of [migrations].paths`);
  }
  out.sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : BigInt(a.version) > BigInt(b.version) ? 1 : 0));
  for (let i = 1; i < out.length; i++) {
    if (BigInt(out[i]!.version) === BigInt(out[i - 1]!.version)) {
      throw new Error(`two migration files have version ${out[i]!.version}: ${out[i - 1]!.display} and ${out[i]!.display}; give one of them a later version`);
    }
  }
  return out;
}
