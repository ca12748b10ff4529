import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { didYouMean } from '../util/suggest.js';
import { lineOf, rememberOrigin } from './env.js';
import { ConfigError } from './error.js';
import { configSchema, KNOWN_KEYS, type Config } from './schema.js';

export { ConfigError, lineOf };

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
  // env: values are read when a setting is used (config/env.ts): a run that never needs one, or gets it as an input, needs no variable.
  rememberOrigin(result.data, { file, text, env });
  return result.data;
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
