import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { registerConnectionSecrets } from '../db/url.js';
import { addSecret } from '../log/secrets.js';
import { parseDuration } from '../util/duration.js';
import { didYouMean } from '../util/suggest.js';
import type { ExplicitSettings } from '../config/resolve.js';
import { isTargetName, TARGET_NAME_RULE } from '../config/target-name.js';

export interface ActionInputs {
  targetName: string;
  comment: boolean;
  githubToken: string;
  configFile: string | undefined;
  /** What the step sets explicitly; the config file fills in the rest. */
  explicit: ExplicitSettings;
}

export class InputError extends Error {
  override name = 'InputError';
}

function choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
  const value = core.getInput(name);
  if (value === '') return undefined;
  const found = allowed.find((a) => a === value);
  if (!found) {
    throw new InputError(`${name} must be ${allowed.map((a) => `"${a}"`).join(' or ')} (got "${value}")${didYouMean(value, allowed)}`);
  }
  return found;
}

function bool(name: string): boolean | undefined {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(`${name} must be "true" or "false" (got "${core.getInput(name)}")`);
}

/** Comma-, space- or newline-separated names. */
function list(name: string): string[] {
  return core.getInput(name).split(/[\s,]+/).filter(Boolean);
}

/**
 * Reads and checks the step's inputs; secrets are registered before anything
 * else can log them. Inputs left empty fall back to the config file, then to
 * the defaults documented in action.yml.
 */
export function readInputs(): ActionInputs {
  // Either may come from the config instead (source_url, [targets.<name>].url); the run says which is missing.
  const sourceUrl = core.getInput('source-url') || undefined;
  registerConnectionSecrets(sourceUrl);
  const targetUrl = core.getInput('target-url') || undefined;
  registerConnectionSecrets(targetUrl);
  const targetName = core.getInput('target-name') || 'preview';
  if (!isTargetName(targetName)) {
    throw new InputError(`target-name must be ${TARGET_NAME_RULE} (got "${targetName}")`);
  }
  const lockTimeout = core.getInput('lock-timeout') || undefined;
  if (lockTimeout !== undefined) {
    try {
      parseDuration(lockTimeout, 'lock-timeout');
    } catch (error) {
      throw new InputError((error as Error).message);
    }
  }
  const githubToken = core.getInput('github-token');
  addSecret(githubToken);
  const supabaseServiceRoleKey = core.getInput('supabase-service-role-key') || undefined;
  const supabaseAnonKey = core.getInput('supabase-anon-key') || undefined;
  addSecret(supabaseServiceRoleKey);
  addSecret(supabaseAnonKey);
  return {
    targetName,
    comment: bool('comment') ?? true,
    githubToken,
    configFile: core.getInput('config') || undefined,
    explicit: {
      sourceUrl,
      targetUrl,
      mode: choice('mode', ['apply', 'plan'] as const),
      schemas: list('schemas'),
      excludeSchemas: list('exclude-schemas'),
      allowDestructive: bool('allow-destructive'),
      createRoles: bool('create-roles'),
      migrations: bool('migrations'),
      baseRef: baseBranch(),
      lockTimeout,
      data: bool('sync-data'),
      seed: bool('seed'),
      validate: bool('validate'),
      supabaseUrl: core.getInput('supabase-url') || undefined,
      supabaseServiceRoleKey,
      supabaseAnonKey,
    },
  };
}

/** The pull request's base branch, from the event the runner hands over (pending = "git"). */
function baseBranch(): string | undefined {
  const file = process.env.GITHUB_EVENT_PATH;
  if (process.env.GITHUB_BASE_REF) return process.env.GITHUB_BASE_REF;
  if (!file) return undefined;
  try {
    const event = JSON.parse(readFileSync(file, 'utf8')) as { pull_request?: { base?: { ref?: string } } };
    return event.pull_request?.base?.ref;
  } catch {
    return undefined;
  }
}
