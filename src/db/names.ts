import { qualified } from './quote.js';

export interface TableName {
  schema: string;
  name: string;
}

/**
 * A table name as users write it in the config: `schema.table` or `table`
 * (in `public`), each part plain (folded to lower case, as PostgreSQL does)
 * or double-quoted (kept as written, `""` for a quote).
 */
export function parseTableName(text: string, what = 'table name'): TableName {
  const parts: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${what} "${text}" ${why}; write schema.table, quoting parts with "..." when needed`);
  };
  while (i <= text.length) {
    if (text[i] === '"') {
      let part = '';
      i++;
      for (;;) {
        if (i >= text.length) fail('has an unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += text[i++];
      }
      if (part === '') fail('has an empty quoted part');
      parts.push(part);
    } else {
      const end = text.indexOf('.', i);
      const raw = text.slice(i, end === -1 ? text.length : end).trim();
      if (raw === '' || /["\s]/.test(raw)) fail(raw === '' ? 'has an empty part' : 'needs quotes');
      parts.push(raw.toLowerCase());
      i = end === -1 ? text.length : end;
    }
    if (i >= text.length) break;
    if (text[i] !== '.') fail('is not a name');
    i++;
  }
  if (parts.length === 1) return { schema: 'public', name: parts[0]! };
  if (parts.length === 2) return { schema: parts[0]!, name: parts[1]! };
  return fail('has too many parts');
}

export function tableLabel(table: TableName): string {
  return qualified(table.schema, table.name);
}
