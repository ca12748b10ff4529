import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { registerConnectionSecrets } from '../db/url.js';
import { didYouMean } from '../util/suggest.js';
import { ConfigError } from './error.js';
import { configSchema, NOT_YET_SUPPORTED, type Config } from './schema.js';

export { ConfigError };
import { VERSION } from '../version.js';

/** Reads and validates one config file. */
export function readConfigFile(path: string): Config {
  return parseConfig(readFileSync(path, 'utf8'), path);
}

export function parseConfig(text: string, file: string): Config {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      throw new ConfigError(`invalid TOML: ${error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '')}`, file, error.line, error.column);
    }
    throw error;
  }
  for (const section of NOT_YET_SUPPORTED) {
    const places = [raw, ...Object.values((raw as { targets?: Record<string, unknown> }).targets ?? {})];
    if (places.some((p) => p && typeof p === 'object' && section in p)) {
      throw new ConfigError(`[${section}] is not supported by pg-branch-sync ${VERSION}: remove it (its phase is not available in this version)`, file, lineOf(text, [section]));
    }
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const { message, path } = explainIssue(issue, raw);
    throw new ConfigError(message, file, lineOf(text, path));
  }
  return resolveEnv(result.data, file, text);
}

const KNOWN_KEYS: Record<string, string[]> = {
  '': ['source_url', 'mode', 'allow_destructive', 'lock_timeout', 'schema', 'targets'],
  target: ['url', 'mode', 'allow_destructive', 'lock_timeout', 'schema'],
  schema: ['schemas', 'exclude_schemas', 'extension_versions'],
};

function explainIssue(issue: z.core.$ZodIssue, raw: unknown): { message: string; path: string[] } {
  const path = issue.path.map(String);
  const at = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const scope = path.length === 0 ? '' : path[0] === 'targets' && path.length === 2 ? 'target' : path[path.length - 1] === 'schema' ? 'schema' : '';
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
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'boolean' ? 'true or false' : issue.expected === 'array' ? 'a list, e.g. ["public"]' : `a ${issue.expected}`;
    return { message: `${at} must be ${expected} (got ${shown})`, path };
  }
  return { message: `${at}: ${issue.message} (got ${shown})`, path };
}

function resolveEnv(config: Config, file: string, text: string): Config {
  const read = (ref: string | undefined, path: string[]): string | undefined => {
    if (ref === undefined) return undefined;
    const name = ref.slice('env:'.length);
    const value = process.env[name];
    if (value === undefined || value === '') {
      throw new ConfigError(`${path.join('.')} reads the environment variable ${name}, which is not set`, file, lineOf(text, path));
    }
    // Every env value the config reads is a secret (that is why it is not in the file).
    registerConnectionSecrets(value);
    return value;
  };
  const out: Config = { ...config };
  if (config.source_url !== undefined) out.source_url = read(config.source_url, ['source_url']);
  if (config.targets) {
    out.targets = Object.fromEntries(
      Object.entries(config.targets).map(([name, t]) => [name, t.url === undefined ? t : { ...t, url: read(t.url, ['targets', name, 'url']) }]),
    );
  }
  return out;
}

/** The line where a key (by path) is set, for annotations: tracks [table] headers and dotted keys. */
export function lineOf(text: string, path: readonly string[]): number | undefined {
  if (path.length === 0) return undefined;
  const lines = text.split('\n');
  let table: string[] = [];
  let best: number | undefined;
  const unquote = (s: string) => s.trim().replace(/^["']|["']$/g, '');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    const header = /^\[\[?([^\]]+)\]\]?/.exec(line);
    if (header) {
      table = header[1]!.split('.').map(unquote);
      if (table.join('.') === path.join('.')) best ??= i + 1;
      continue;
    }
    const key = /^([A-Za-z0-9_."'-]+)\s*=/.exec(line)?.[1];
    if (!key) continue;
    const full = [...table, ...key.split('.').map(unquote)];
    if (full.join('.') === path.join('.')) return i + 1;
    if (path.join('.').startsWith(`${full.join('.')}.`)) best ??= i + 1;
  }
  return best;
}
