import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { registerConnectionSecrets } from '../db/url.js';
import { addSecret } from '../log/secrets.js';
import { parseDuration, parseWaitMs } from '../util/duration.js';
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
  /** A pull request from a fork: its workflow gets no secrets. */
  fork: boolean;
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
  const accessToken = core.getInput('supabase-access-token') || undefined;
  addSecret(accessToken);
  const branchWait = core.getInput('branch-wait') || undefined;
  if (branchWait !== undefined) {
    try {
      parseWaitMs(branchWait, 'branch-wait');
    } catch (error) {
      throw new InputError((error as Error).message);
    }
  }
  const event = readEvent();
  const supabaseServiceRoleKey = core.getInput('supabase-service-role-key') || undefined;
  const supabaseAnonKey = core.getInput('supabase-anon-key') || undefined;
  addSecret(supabaseServiceRoleKey);
  addSecret(supabaseAnonKey);
  return {
    targetName,
    comment: bool('comment') ?? true,
    githubToken,
    configFile: core.getInput('config') || undefined,
    fork: isFork(event),
    explicit: {
      sourceUrl,
      targetUrl,
      mode: choice('mode', ['apply', 'plan'] as const),
      schemas: list('schemas'),
      excludeSchemas: list('exclude-schemas'),
      allowDestructive: bool('allow-destructive'),
      createRoles: bool('create-roles'),
      migrations: bool('migrations'),
      baseRef: process.env.GITHUB_BASE_REF || event?.pull_request?.base?.ref,
      lockTimeout,
      data: bool('sync-data'),
      seed: bool('seed'),
      validate: bool('validate'),
      supabaseUrl: core.getInput('supabase-url') || undefined,
      supabaseServiceRoleKey,
      supabaseAnonKey,
      branching: {
        accessToken,
        projectRef: core.getInput('supabase-project-ref') || undefined,
        branch: core.getInput('supabase-branch') || headBranch(event),
        wait: branchWait,
        since: pushedAt(event),
        apiUrl: process.env.SUPABASE_API_URL || undefined,
      },
    },
  };
}

interface WorkflowEvent {
  pull_request?: { updated_at?: string; base?: { ref?: string; repo?: { full_name?: string } }; head?: { ref?: string; repo?: { full_name?: string } | null } };
  repository?: { full_name?: string; pushed_at?: number | string };
}

/** The event the runner hands over (GITHUB_EVENT_PATH), when there is one. */
function readEvent(): WorkflowEvent | undefined {
  const file = process.env.GITHUB_EVENT_PATH;
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as WorkflowEvent;
  } catch {
    return undefined;
  }
}

/** The branch whose Supabase preview branch is the target: the pull request's head branch, or the pushed branch. */
function headBranch(event: WorkflowEvent | undefined): string | undefined {
  const env = process.env;
  if (env.GITHUB_HEAD_REF) return env.GITHUB_HEAD_REF;
  if (event?.pull_request?.head?.ref) return event.pull_request.head.ref;
  if (env.GITHUB_REF?.startsWith('refs/heads/')) return env.GITHUB_REF.slice('refs/heads/'.length);
  return undefined;
}

/** When the push that started this run happened: the pull request's update, or the repository's push. */
function pushedAt(event: WorkflowEvent | undefined): string | undefined {
  if (event?.pull_request) return event.pull_request.updated_at;
  const pushed = event?.repository?.pushed_at;
  if (typeof pushed === 'number') return new Date(pushed * 1000).toISOString();
  return typeof pushed === 'string' ? pushed : undefined;
}

function isFork(event: WorkflowEvent | undefined): boolean {
  const head = event?.pull_request?.head?.repo?.full_name;
  const base = event?.pull_request?.base?.repo?.full_name ?? event?.repository?.full_name;
  return process.env.GITHUB_EVENT_NAME === 'pull_request' && !!head && !!base && head !== base;
}
