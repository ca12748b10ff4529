/**
 * The one place that knows every secret of a run. Everything printed, written
 * to a report or posted to GitHub passes through `maskSecrets` first.
 */

const MASK = '***';
const secrets = new Set<string>();
const listeners: ((secret: string) => void)[] = [];

/** Registers a secret (and its URL-encoded form); short values are ignored to avoid masking noise. */
export function addSecret(value: string | undefined | null): void {
  if (!value || value.length < 3) return;
  for (const variant of new Set([value, safeEncode(value), safeDecode(value)])) {
    if (variant.length < 3 || secrets.has(variant)) continue;
    secrets.add(variant);
    for (const listener of listeners) listener(variant);
  }
}

/** Called for each secret, including those added before: lets the action forward them to `core.setSecret`. */
export function onSecret(listener: (secret: string) => void): void {
  listeners.push(listener);
  for (const secret of secrets) listener(secret);
}

export function maskSecrets(text: string): string {
  if (secrets.size === 0 || text === '') return text;
  // Longest first, so a URL is masked whole before the password inside it.
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/** For tests: forget every secret and listener. */
export function resetSecrets(): void {
  secrets.clear();
  listeners.length = 0;
}

function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
