/**
 * Names that break naive SQL: quotes, spaces, dots, semicolons, backslashes,
 * unicode, keywords, case. Deterministic, so failures reproduce.
 */
const FRAGMENTS = [
  'select', 'user', 'Order', 'table', 'from', 'group', 'default', 'check', 'limit', 'end',
  'a b', 'x.y', 'semi;colon', `quo"te`, `apo'strophe`, 'back\\slash', 'new\nline', 'tab\there', '$dollar', '%percent',
  'ünïcödé', 'Ελληνικά', '日本語', '🐘 emoji', 'MiXeD', '-- comment', '/* c */', 'a,b', '(paren)', '[x]',
];

export function hostileNames(count: number): string[] {
  const out: string[] = [];
  const decorations = [(s: string) => s, (s: string) => `${s} 2`, (s: string) => `X${s}`, (s: string) => `${s}_Ä`, (s: string) => `"${s}"`, (s: string) => `${s};--`, (s: string) => ` ${s}`];
  for (let round = 0; out.length < count; round++) {
    for (const f of FRAGMENTS) {
      const name = decorations[round % decorations.length]!(f) + (round >= decorations.length ? String(round) : '');
      if (Buffer.byteLength(name) <= 63 && !out.includes(name)) out.push(name);
      if (out.length === count) break;
    }
  }
  return out;
}

/** Test-local quoting, independent of the engine's. */
export const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const lit = (text: string) => `'${text.replaceAll("'", "''")}'`;
