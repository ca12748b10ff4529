/** A PostgreSQL duration setting (lock_timeout...): `10s`, `500ms`, `2min`, `1h`; a unit is required, since a bare `10` would mean 10 ms. */
export function parseDuration(text: string, what: string): string {
  const match = /^\s*(\d+)\s*(ms|s|min|h)\s*$/.exec(text);
  if (!match) {
    const bare = /^\s*(\d+)\s*$/.exec(text)?.[1];
    const hint = bare ? ` — a number needs a unit: "${bare}s" for seconds, "${bare}ms" for milliseconds` : '';
    throw new Error(`${what} must be a duration like 10s, 500ms or 2min (got "${text}")${hint}`);
  }
  return `${match[1]}${match[2]}`;
}
