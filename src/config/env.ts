import { registerConnectionSecrets } from '../db/url.js';
import { ConfigError } from './error.js';

/** Where a parsed config came from, to read its `env:NAME` values when they are used. */
export interface ConfigOrigin {
  file: string;
  text: string;
  env: NodeJS.ProcessEnv;
}

const origins = new WeakMap<object, ConfigOrigin>();

export function rememberOrigin(config: object, origin: ConfigOrigin): void {
  origins.set(config, origin);
}

/** A value of the config, read: `value` set, or `unset` saying which variable is missing and where. */
export interface ConfigValue {
  value: string | undefined;
  unset?: ConfigError;
}

/**
 * Reads one setting of the config: a literal as it is, `env:NAME` from the
 * environment (and masked from then on, as every value the config reads from
 * the environment is a secret). A missing variable is not an error here: only
 * the setting's user knows whether it is needed.
 */
export function configValue(config: object | undefined, value: string | undefined, path: readonly string[]): ConfigValue {
  if (value === undefined || !value.startsWith('env:')) return { value };
  const origin = (config && origins.get(config)) ?? { file: 'config', text: '', env: process.env };
  const name = value.slice('env:'.length);
  const resolved = origin.env[name];
  if (resolved === undefined || resolved === '') {
    return {
      value: undefined,
      unset: new ConfigError(`${path.join('.')} reads the environment variable ${name}, which is not set`, origin.file, lineOf(origin.text, path)),
    };
  }
  registerConnectionSecrets(resolved);
  return { value: resolved };
}

/** The line where a key (by path) is set, for annotations: tracks [table] headers and dotted keys. */
export function lineOf(text: string, path: readonly string[]): number | undefined {
  if (path.length === 0) return undefined;
  const lines = text.split('\n');
  let table: string[] = [];
  let best: number | undefined;
  const arrayCounts = new Map<string, number>();
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    const header = /^(\[\[?)([^\]]+)\]\]?/.exec(line);
    if (header) {
      table = splitKey(header[2]!);
      if (header[1] === '[[') {
        // An array of tables: its entries are numbered like the parsed value's path.
        const name = table.join('.');
        const index = arrayCounts.get(name) ?? 0;
        arrayCounts.set(name, index + 1);
        table.push(String(index));
      }
      if (table.join('.') === path.join('.')) best ??= i + 1;
      continue;
    }
    const key = /^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=/.exec(line)?.[1];
    if (!key) continue;
    const full = [...table, ...splitKey(key)];
    if (full.join('.') === path.join('.')) return i + 1;
    if (path.join('.').startsWith(`${full.join('.')}.`)) best ??= i + 1;
  }
  return best;
}

/** A dotted TOML key into its parts: `a."b.c".d` → a, b.c, d. */
function splitKey(key: string): string[] {
  return Array.from(key.matchAll(/"([^"]*)"|'([^']*)'|([^.\s"']+)/g), (m) => m[1] ?? m[2] ?? m[3]!);
}
