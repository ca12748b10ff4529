import * as core from '@actions/core';
import { addSecret } from '../log/secrets.js';

export interface ActionInputs {
  sourceUrl: string;
  targetUrl: string;
  targetName: string;
}

function required(name: string, hint: string): string {
  const value = core.getInput(name);
  if (value === '') throw new Error(`Input required and not supplied: ${name}. ${hint}`);
  return value;
}

/** Reads and checks the step's inputs; secrets are registered before anything else can log them. */
export function readInputs(): ActionInputs {
  const sourceUrl = required('source-url', 'Pass the production database URL from a secret, e.g. source-url: ${{ secrets.PRODUCTION_DATABASE_URL }}');
  addSecret(sourceUrl);
  const targetUrl = required('target-url', 'Pass the preview or testing database URL from a secret, e.g. target-url: ${{ secrets.PREVIEW_DATABASE_URL }}');
  addSecret(targetUrl);
  const targetName = core.getInput('target-name') || 'preview';
  if (!/^[A-Za-z0-9_.-]{1,63}$/.test(targetName)) {
    throw new Error(`target-name must be 1 to 63 letters, digits, "_", "-" or "." (got "${targetName}")`);
  }
  return { sourceUrl, targetUrl, targetName };
}
