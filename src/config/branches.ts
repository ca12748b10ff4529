import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './error.js';
import { lineOf } from './env.js';

/**
 * Per-environment switches some Supabase projects keep in supabase/config.toml
 * ([branches.<target>]: auto_sync_schema, auto_sync_data, seed_on_sync), read
 * as the named target's schema, data and seed switches. pg-branch-sync.toml
 * and explicit inputs win over them.
 */
export interface BranchSwitch {
  value: boolean;
  /** Where it was set, as the log says it: `supabase/config.toml:12 [branches.testing] auto_sync_data`. */
  where: string;
}

export interface BranchSwitches {
  schema?: BranchSwitch;
  data?: BranchSwitch;
  seed?: BranchSwitch;
}

const KEYS = { auto_sync_schema: 'schema', auto_sync_data: 'data', seed_on_sync: 'seed' } as const;

export async function readBranchSwitches(root: string, targetName: string): Promise<BranchSwitches> {
  const file = path.join(root, 'supabase', 'config.toml');
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  // Most config.toml files have no [branches]: the TOML parser loads only for those that do.
  if (!/^\s*\[\s*branches\s*\./m.test(text)) return {};
  const { parse, TomlError } = await import('smol-toml');
  const shown = path.join('supabase', 'config.toml');
  let doc: Record<string, unknown>;
  try {
    doc = parse(text);
  } catch (error) {
    if (error instanceof TomlError) throw new ConfigError(`invalid TOML: ${error.message.split('\n')[0]}`, shown, error.line, error.column);
    throw error;
  }
  const section = (doc.branches as Record<string, unknown> | undefined)?.[targetName];
  if (!section || typeof section !== 'object') return {};
  const out: BranchSwitches = {};
  for (const [key, what] of Object.entries(KEYS)) {
    const value = (section as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const line = lineOf(text, ['branches', targetName, key]);
    if (typeof value !== 'boolean') throw new ConfigError(`branches.${targetName}.${key} must be true or false`, shown, line);
    out[what] = { value, where: `${shown}${line ? `:${line}` : ''} [branches.${targetName}] ${key}` };
  }
  return out;
}
