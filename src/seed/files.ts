import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ConfigError } from '../config/error.js';
import type { SeedSettings } from '../config/resolve.js';

export interface SeedFiles {
  /** Absolute paths, in the order they run. */
  files: string[];
  /** Where the list came from, for the report. */
  origin: string;
}

/** A path as the report and annotations show it: relative to the working directory (the repository root in the action). */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

/**
 * The seed files to run, first found of: files given on the command line;
 * the config's [seed].paths; supabase/config.toml [db.seed] (with
 * [remotes.<target>.db.seed] over it); supabase/seed.sql. None: nothing to
 * seed. A configured path or glob that matches nothing is an error.
 */
export async function findSeedFiles(settings: SeedSettings, root: string, targetName: string, configFile?: string): Promise<SeedFiles> {
  if (settings.files) {
    const files = settings.files.map((f) => path.resolve(f));
    for (const [i, file] of files.entries()) {
      if (!isFile(file)) throw new Error(`seed file ${settings.files[i]} does not exist`);
    }
    return { files, origin: '--file' };
  }
  if (settings.paths) {
    const where = configFile ? `[seed].paths in ${displayPath(configFile)}` : '[seed].paths';
    if (settings.paths.length === 0) return { files: [], origin: `${where} is an empty list` };
    return { files: await expand(settings.paths, root, where), origin: where };
  }
  const supabaseDir = path.join(root, 'supabase');
  const supabaseConfig = path.join(supabaseDir, 'config.toml');
  if (existsSync(supabaseConfig)) {
    const seed = supabaseSeedSettings(supabaseConfig, targetName);
    const where = `${displayPath(supabaseConfig)} ${seed.section}`;
    if (!seed.enabled) return { files: [], origin: `${where}: enabled = false` };
    if (seed.sqlPaths) return { files: await expand(seed.sqlPaths, supabaseDir, `${where} sql_paths`), origin: where };
  }
  const defaultSeed = path.join(supabaseDir, 'seed.sql');
  if (isFile(defaultSeed)) return { files: [defaultSeed], origin: displayPath(defaultSeed) };
  const config = configFile ? ` in ${displayPath(configFile)}` : ' (no config file)';
  const supabase = existsSync(supabaseConfig) ? `${displayPath(supabaseConfig)} [db.seed] sql_paths (not set)` : `${displayPath(supabaseConfig)} (absent)`;
  return { files: [], origin: `none found: looked for [seed].paths${config}, ${supabase} and ${displayPath(defaultSeed)} (absent)` };
}

interface SupabaseSeed {
  enabled: boolean;
  sqlPaths: string[] | undefined;
  section: string;
}

/** [db.seed] of a Supabase project's config.toml, with the remote named like the target over it. */
export function supabaseSeedSettings(file: string, targetName: string): SupabaseSeed {
  let doc: Record<string, unknown>;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof TomlError) throw new ConfigError(`invalid TOML: ${error.message.split('\n')[0]}`, displayPath(file), error.line, error.column);
    throw error;
  }
  const seedOf = (scope: unknown): Record<string, unknown> | undefined => {
    const seed = (scope as { db?: { seed?: unknown } } | undefined)?.db?.seed;
    return seed && typeof seed === 'object' ? (seed as Record<string, unknown>) : undefined;
  };
  const base = seedOf(doc);
  const remote = seedOf((doc.remotes as Record<string, unknown> | undefined)?.[targetName]);
  const merged = { ...base, ...remote };
  const enabled = merged.enabled ?? true;
  const sqlPaths = merged.sql_paths;
  if (typeof enabled !== 'boolean') throw new ConfigError('db.seed.enabled must be true or false', displayPath(file));
  if (sqlPaths !== undefined && (!Array.isArray(sqlPaths) || !sqlPaths.every((p) => typeof p === 'string'))) {
    throw new ConfigError('db.seed.sql_paths must be a list of paths, e.g. ["./seed.sql"]', displayPath(file));
  }
  return { enabled, sqlPaths: sqlPaths as string[] | undefined, section: remote ? `[remotes.${targetName}.db.seed]` : '[db.seed]' };
}

/** Each pattern in turn, its matches sorted; a file matched twice runs once, where first matched. */
async function expand(patterns: readonly string[], base: string, where: string): Promise<string[]> {
  const seen = new Set<string>();
  for (const pattern of patterns) {
    const matches = isDynamicPattern(pattern)
      ? (await glob(pattern, { cwd: base, absolute: true, onlyFiles: true, expandDirectories: false })).map((f) => path.resolve(f)).sort()
      : [path.resolve(base, pattern)].filter(isFile);
    if (matches.length === 0) {
      throw new Error(`${where}: "${pattern}" matches no file (looked in ${displayPath(base) || '.'})`);
    }
    for (const file of matches) seen.add(file);
  }
  return [...seen];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
