import * as core from '@actions/core';
import { addSecret } from '../log/secrets.js';
import { parseDuration } from '../util/duration.js';
import { didYouMean } from '../util/suggest.js';

export interface ActionInputs {
  sourceUrl: string;
  targetUrl: string;
  targetName: string;
  mode: 'apply' | 'plan';
  schemas: string[];
  excludeSchemas: string[];
  allowDestructive: boolean;
  lockTimeout: string;
}

export class InputError extends Error {
  override name = 'InputError';
}

function required(name: string, hint: string): string {
  const value = core.getInput(name);
  if (value === '') throw new InputError(`Input required and not supplied: ${name}. ${hint}`);
  return value;
}

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  const found = allowed.find((a) => a === value);
  if (!found) {
    throw new InputError(`${name} must be ${allowed.map((a) => `"${a}"`).join(' or ')} (got "${value}")${didYouMean(value, allowed)}`);
  }
  return found;
}

function bool(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(`${name} must be "true" or "false" (got "${core.getInput(name)}")`);
}

/** Comma-, space- or newline-separated names. */
function list(name: string): string[] {
  return core.getInput(name).split(/[\s,]+/).filter(Boolean);
}

/** Reads and checks the step's inputs; secrets are registered before anything else can log them. */
export function readInputs(): ActionInputs {
  const sourceUrl = required('source-url', 'Pass the production database URL from a secret, e.g. source-url: ${{ secrets.PRODUCTION_DATABASE_URL }}');
  addSecret(sourceUrl);
  const targetUrl = required('target-url', 'Pass the preview or testing database URL from a secret, e.g. target-url: ${{ secrets.PREVIEW_DATABASE_URL }}');
  addSecret(targetUrl);
  const targetName = core.getInput('target-name') || 'preview';
  if (!/^[A-Za-z0-9_.-]{1,63}$/.test(targetName)) {
    throw new InputError(`target-name must be 1 to 63 letters, digits, "_", "-" or "." (got "${targetName}")`);
  }
  let lockTimeout: string;
  try {
    lockTimeout = parseDuration(core.getInput('lock-timeout') || '10s', 'lock-timeout');
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  return {
    sourceUrl,
    targetUrl,
    targetName,
    mode: choice('mode', ['apply', 'plan'] as const, 'apply'),
    schemas: list('schemas'),
    excludeSchemas: list('exclude-schemas'),
    allowDestructive: bool('allow-destructive', false),
    lockTimeout,
  };
}
