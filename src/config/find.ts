import { existsSync } from 'node:fs';
import { ConfigError } from './error.js';
import type { Config } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'pg-branch-sync.toml';

/**
 * Loads the config: the given file (which must exist), else
 * pg-branch-sync.toml in the working directory if present, else none. The
 * parser and its validation load only when there is a file to read, which
 * keeps start-up quick without one.
 */
export async function loadConfig(file?: string, env: NodeJS.ProcessEnv = process.env): Promise<{ config: Config; file: string } | undefined> {
  const path = file || DEFAULT_CONFIG_FILE;
  if (!existsSync(path)) {
    if (file) throw new ConfigError('the config file does not exist', path);
    return undefined;
  }
  const { readConfigFile } = await import('./load.js');
  return { config: readConfigFile(path, env), file: path };
}
