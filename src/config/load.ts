import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { registerConnectionSecrets } from '../db/url.js';
import { didYouMean } from '../util/suggest.js';
import { ConfigError } from './error.js';
import { configSchema, KNOWN_KEYS, type Config } from './schema.js';

export { ConfigError };

/** Reads and validates one config file. */
export function readConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): Config {
  return parseConfig(readFileSync(path, 'utf8'), path, env);
}

export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): Config {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      throw new ConfigError(`invalid TOML: ${error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '')}`, file, error.line, error.column);
    }
    throw error;
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    // A misspelt key explains a missing one: say it first.
    const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
    const { message, path } = explainIssue(issue, raw);
    throw new ConfigError(message, file, lineOf(text, path));
  }
  return resolveEnv(result.data, file, text, env);
}

function explainIssue(issue: z.core.$ZodIssue, raw: unknown): { message: string; path: string[] } {
  const path = issue.path.map(String);
  const at = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const named = path.filter((p) => !/^\d+$/.test(p));
    const scope = path.length === 0 ? '' : path[0] === 'targets' && path.length === 2 ? 'target' : (named[named.length - 1] ?? '');
    const known = KNOWN_KEYS[scope] ?? [];
    return { message: `unknown key ${[...path, key].join('.')}${didYouMean(key, known)}; known keys here: ${known.join(', ')}`, path: [...path, key] };
  }
  const got = path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), raw);
  // A URL written in the file may hold a password: never echo it.
  const secretKey = /url$/.test(path[path.length - 1] ?? '');
  const shown = secretKey ? 'a literal value' : typeof got === 'string' ? `"${got}"` : JSON.stringify(got);
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const allowed = issue.values.map((v) => `"${String(v)}"`).join(' or ');
    return { message: `${at} must be ${allowed} (got ${shown})${typeof got === 'string' ? didYouMean(got, issue.values.map(String)) : ''}`, path };
  }
  if (issue.code === 'invalid_type' && got === undefined) return { message: `${at} is required`, path: path.slice(0, -1) };
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'boolean' ? 'true or false' : issue.expected === 'array' ? 'a list, e.g. ["public"]' : `a ${issue.expected}`;
    return { message: `${at} must be ${expected} (got ${shown})`, path };
  }
  return { message: `${at}: ${issue.message} (got ${shown})`, path };
}

/** Keys whose `env:NAME` values are read from the environment (and masked as secrets). */
const ENV_KEYS = new Set(['source_url', 'url', 'supabase_url', 'supabase_service_role_key', 'supabase_anon_key', 'password', 'mask_salt']);

function resolveEnv(config: Config, file: string, text: string, env: NodeJS.ProcessEnv): Config {
  const walk = (value: unknown, path: string[]): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, String(i)]));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    }
    const key = path[path.length - 1] ?? '';
    if (typeof value !== 'string' || !ENV_KEYS.has(key) || !value.startsWith('env:')) return value;
    const name = value.slice('env:'.length);
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      throw new ConfigError(`${path.join('.')} reads the environment variable ${name}, which is not set`, file, lineOf(text, path));
    }
    // Every env value the config reads is a secret (that is why it is not in the file).
    registerConnectionSecrets(resolved);
    return resolved;
  };
  return walk(config, []) as Config;
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
