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

/** A wait in milliseconds (branch-wait...): `10m`, `90s`, `1h`, `500ms`; a unit is required. */
export function parseWaitMs(text: string, what: string): number {
  const match = /^\s*(\d+)\s*(ms|s|m|min|h)\s*$/.exec(text);
  if (!match) throw new Error(`${what} must be a duration like 10m, 90s or 1h (got "${text}")`);
  const unit = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'min' | 'h'];
  return Number(match[1]) * unit;
}

/** A duration as people read it: `10m`, `90s`, `1.5s`. */
export function formatWait(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000) return `${Math.round(ms / 100) / 10}s`;
  return `${ms}ms`;
}
