import { parseTableName, type TableName } from '../db/names.js';

/** A table pattern: `schema.table`, either part a glob (`*`, `?`) or a name; `table` alone means `public.table`. */
interface Pattern {
  text: string;
  schema: RegExp;
  name: RegExp;
}

function globPart(part: string): RegExp {
  const body = Array.from(part, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

function parsePattern(text: string, what: string): Pattern {
  // Glob characters are allowed where a plain name is: stand them in by letters, parse, then put them back.
  const stand = text.replace(/\*/g, 'x_star_x').replace(/\?/g, 'x_qm_x');
  const parsed = parseTableName(stand, what);
  const back = (s: string) => s.replace(/x_star_x/g, '*').replace(/x_qm_x/g, '?');
  const quoted = (s: string) => text.includes(`"${s}"`);
  const part = (s: string) => (quoted(s) ? new RegExp(`^${back(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 's') : globPart(back(s)));
  return { text, schema: part(parsed.schema), name: part(parsed.name) };
}

/**
 * The tables named by `include` patterns minus those named by `exclude`, in
 * catalog order. A pattern that matches no table is an error: a typo must not
 * silently copy nothing.
 */
export function selectTables(all: readonly TableName[], include: readonly string[], exclude: readonly string[]): TableName[] {
  const includes = include.map((p) => parsePattern(p, '[data].tables entry'));
  const excludes = exclude.map((p) => parsePattern(p, '[data].exclude entry'));
  const matches = (p: Pattern, t: TableName) => p.schema.test(t.schema) && p.name.test(t.name);
  for (const p of [...includes, ...excludes]) {
    if (!all.some((t) => matches(p, t))) {
      const kind = includes.includes(p) ? '[data].tables' : '[data].exclude';
      throw new Error(`${kind}: "${p.text}" matches no table on the source (tables are written schema.table; * and ? match any characters)`);
    }
  }
  const chosen = all.filter((t) => includes.some((p) => matches(p, t)) && !excludes.some((p) => matches(p, t)));
  if (chosen.length === 0) throw new Error(`[data].exclude leaves no table of ${include.join(', ')} to copy`);
  return chosen;
}

