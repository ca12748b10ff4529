import { maskSecrets } from '../log/secrets.js';

/** The fields of a PostgreSQL error report (what `pg`'s DatabaseError carries). */
export interface PgErrorFields {
  message: string;
  severity?: string | undefined;
  code?: string | undefined;
  detail?: string | undefined;
  hint?: string | undefined;
  position?: string | undefined;
  internalPosition?: string | undefined;
  internalQuery?: string | undefined;
  where?: string | undefined;
}

export function isPgError(error: unknown): error is PgErrorFields & Error {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { severity?: unknown }).severity === 'string'
  );
}

const STATEMENT_TIMEOUT_HINT =
  "the server's statement_timeout for this role stopped the statement: raise it for the role the tool connects as " +
  '(ALTER ROLE name SET statement_timeout = ...), or add options=-c%20statement_timeout%3D0 to the URL';

/**
 * Renders an error the way psql prints it: severity and message, the
 * offending line with a caret under the error position, then DETAIL, HINT,
 * QUERY and CONTEXT. `sql` is the statement that failed, if known.
 */
export function formatPgError(error: PgErrorFields, sql?: string): string {
  const lines = [`${error.severity ?? 'ERROR'}:  ${error.message}`];
  const position = Number(error.position);
  if (sql && position > 0) lines.push(...positionLines(sql, position));
  if (error.detail) lines.push(`DETAIL:  ${error.detail}`);
  if (error.hint) lines.push(`HINT:  ${error.hint}`);
  else if (error.code === '57014' && /statement timeout/.test(error.message)) lines.push(`HINT:  ${STATEMENT_TIMEOUT_HINT}`);
  if (error.internalQuery) {
    lines.push(`QUERY:  ${error.internalQuery}`);
    const internal = Number(error.internalPosition);
    if (internal > 0) lines.push(...positionLines(error.internalQuery, internal));
  }
  if (error.where) lines.push(`CONTEXT:  ${error.where}`);
  return maskSecrets(lines.join('\n'));
}

/** Any error as text a user can act on: psql style for PostgreSQL's, the message otherwise. */
export function describeError(error: unknown, sql?: string): string {
  if (isPgError(error)) return formatPgError(error, sql);
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0], sql);
  if (error instanceof Error) return maskSecrets(error.message);
  return maskSecrets(String(error));
}

/** Where a 1-based character position falls in a text: 1-based line and column. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const chars = Array.from(text);
  let line = 1;
  let column = 1;
  for (let i = 0; i < Math.min(position - 1, chars.length); i++) {
    if (chars[i] === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column };
}

const DISPLAY_SIZE = 60;
const MIN_RIGHT_CUT = 10;

// psql shows at most about 60 columns of a long line, cut so the caret stays visible.
function positionLines(sql: string, position: number): string[] {
  const { line, column } = lineAndColumn(sql, position);
  let text = Array.from((sql.split('\n')[line - 1] ?? '').replace(/\r$/, '').replaceAll('\t', ' '));
  let caret = column - 1;
  let prefix = '';
  let suffix = '';
  if (text.length > DISPLAY_SIZE) {
    if (caret + MIN_RIGHT_CUT < DISPLAY_SIZE) {
      text = text.slice(0, DISPLAY_SIZE);
      suffix = '...';
    } else {
      const end = Math.min(text.length, caret + MIN_RIGHT_CUT);
      const start = Math.max(0, end - DISPLAY_SIZE);
      if (end < text.length) suffix = '...';
      if (start > 0) prefix = '...';
      text = text.slice(start, end);
      caret = caret - start + prefix.length;
    }
  }
  const label = `LINE ${line}: `;
  return [`${label}${prefix}${text.join('')}${suffix}`, `${' '.repeat(label.length + caret)}^`];
}
