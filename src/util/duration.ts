/** A PostgreSQL duration setting (lock_timeout...): `10s`, `500ms`, `2min`, `1h`, or milliseconds. */
export function parseDuration(text: string, what: string): string {
  const match = /^\s*(\d+)\s*(ms|s|min|h)?\s*$/.exec(text);
  if (!match) throw new Error(`${what} must be a duration like 10s, 500ms or 2min (got "${text}")`);
  return `${match[1]}${match[2] ?? 'ms'}`;
}
