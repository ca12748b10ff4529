/**
 * Splits a seed script into statements the way PostgreSQL and psql do.
 *
 * A seed file is sent as ONE simple-protocol query. When the server reports an
 * error without a position we only know how many statements completed (one
 * CommandComplete each), so we need to find where the N-th statement starts.
 * The rules follow the backend lexer (scan.l) for tokens and psql's lexer
 * (psqlscan.l) for parentheses, BEGIN ATOMIC bodies and meta-commands, which
 * is what decides statement boundaries for any script the server accepts.
 */

export interface ScriptStatement {
  /** 0-based UTF-16 index into the text where the statement's first token starts (after leading whitespace/comments). */
  start: number;
  /** 0-based index just past the statement's terminating semicolon, or text.length for a final unterminated statement. */
  end: number;
  /** 1-based line and column (column counted in Unicode code points, like PostgreSQL) of `start`. */
  line: number;
  column: number;
  /** The statement's text from start to end, terminating semicolon excluded, trimmed. */
  text: string;
  /** True for COPY ... FROM STDIN, whose inline data follows in the script. */
  copyFromStdin: boolean;
  /**
   * A COPY FROM STDIN's inline data: the lines after the one holding its `;`,
   * `start` to `end` (the `\.` line excluded), the first on 1-based `line`;
   * `next` is where the script goes on.
   */
  data?: { start: number; end: number; line: number; next: number };
}

/** A psql backslash command (\set, \i, \copy, ...) found where a statement could start. */
export interface MetaCommand {
  line: number;
  column: number;
  text: string;
}

export interface SplitResult {
  statements: ScriptStatement[];
  metaCommands: MetaCommand[];
}

// Character codes.
const [LF, QUOTE, DQUOTE, DOLLAR, SEMI, DASH] = [10, 39, 34, 36, 59, 45];
const [SLASH, STAR, BACKSLASH, LPAREN, RPAREN, DOT] = [47, 42, 92, 40, 41, 46];

// scan.l: ident_start is a letter, `_` or any non-ASCII character.
const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
// scan.l: ident_cont adds digits and `$`.
const isIdentCont = (c: number): boolean => isIdentStart(c) || isDigit(c) || c === DOLLAR;
// What follows a number's first digit: digits, `.`, ASCII letters and `_` (exponents, 0x1F, 1_000).
const isNumberCont = (c: number): boolean => isDigit(c) || c === DOT || (c < 128 && isIdentStart(c));
// scan.l: `space` is [ \t\n\r\f\v].
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * A position finder that walks forward from the last index it was asked
 * about, so positions for many increasing indexes cost one pass in total.
 */
function positionCursor(text: string): (index: number) => { line: number; column: number } {
  let at = 0;
  let line = 1;
  let column = 1;
  return (index) => {
    const stop = Math.min(Math.max(index, 0), text.length);
    if (stop < at) [at, line, column] = [0, 1, 1];
    for (; at < stop; at++) {
      const c = text.charCodeAt(at);
      if (c === LF) {
        line++;
        column = 1;
      } else if (!(isLowSurrogate(c) && at > 0 && isHighSurrogate(text.charCodeAt(at - 1)))) {
        // The second half of a surrogate pair is the same code point.
        column++;
      }
    }
    return { line, column };
  };
}

/** 1-based line and code-point column of a 0-based UTF-16 index. */
export function positionOf(text: string, index: number): { line: number; column: number } {
  return positionCursor(text)(index);
}

/**
 * The 0-based UTF-16 index of PostgreSQL's 1-based character position (an
 * error's `position` counts characters, not UTF-16 units).
 */
export function indexOfCodePoint(text: string, position: number): number {
  let index = 0;
  for (let p = 1; p < position && index < text.length; p++) {
    const pair = isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1));
    index += pair ? 2 : 1;
  }
  return index;
}

/** Index just past a token quoted with `quote` (doubled to escape it) that opens at `from`, or -1. */
function skipQuoted(text: string, from: number, quote: string): number {
  let j = from + 1;
  for (;;) {
    const k = text.indexOf(quote, j);
    if (k < 0) return -1;
    if (text[k + 1] !== quote) return k + 1;
    j = k + 2;
  }
}

/** Like skipQuoted, but a backslash also escapes the next character (E'...'). */
function skipEString(text: string, from: number): number {
  for (let j = from + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH || (c === QUOTE && text.charCodeAt(j + 1) === QUOTE)) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

/** Index just past a block comment opening at `from`, or -1. They nest in PostgreSQL. */
function skipBlockComment(text: string, from: number): number {
  let depth = 1;
  for (let j = from + 2; j < text.length - 1; j++) {
    const c = text.charCodeAt(j);
    const d = text.charCodeAt(j + 1);
    if (c === SLASH && d === STAR) depth++;
    else if (c === STAR && d === SLASH) depth--;
    else continue;
    if (depth === 0) return j + 2;
    j++; // the pair is used up: `/*/` does not close
  }
  return -1;
}

/** The `$tag$` delimiter opening at `from`, or undefined (scan.l's dolqdelim). */
function dollarDelimiter(text: string, from: number): string | undefined {
  let j = from + 1;
  if (j < text.length && !isIdentStart(text.charCodeAt(j)) && text.charCodeAt(j) !== DOLLAR) return undefined;
  while (j < text.length && (isIdentStart(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)))) j++;
  return text.charCodeAt(j) === DOLLAR ? text.slice(from, j + 1) : undefined;
}

/**
 * The inline data of a COPY FROM STDIN starting at `from`: up to the line
 * that is exactly `\.` (psql's end marker), or end of text; `next` is just
 * past that line.
 */
function copyData(text: string, from: number): { end: number; next: number } {
  for (let j = from; j < text.length; ) {
    const k = text.indexOf('\n', j);
    const next = k < 0 ? text.length : k + 1;
    const line = text.slice(j, k < 0 ? text.length : k);
    if (line === '\\.' || line === '\\.\r') return { end: j, next };
    j = next;
  }
  return { end: text.length, next: text.length };
}

// psql's identifiers[]: CREATE [OR REPLACE] {FUNCTION|PROCEDURE} opens a
// routine whose BEGIN ... END body may hold semicolons.
const HEAD_WORDS = new Set(['create', 'or', 'replace', 'function', 'procedure']);

function isRoutineHead(head: string[]): boolean {
  const [a, b, c, d] = head;
  return a === 'c' && (b === 'f' || b === 'p' || (b === 'o' && c === 'r' && (d === 'f' || d === 'p')));
}

/** Splits a script into the statements the server would run, plus psql meta-commands. */
export function splitScript(text: string): SplitResult {
  const statements: ScriptStatement[] = [];
  const metaCommands: MetaCommand[] = [];
  const positionAt = positionCursor(text);
  const n = text.length;

  let start = -1; // first token of the pending statement, -1 when none
  let parens = 0;
  let begins = 0;
  let words = 0;
  const head = ['', '', '', ''];
  let first = '';
  let previous = ''; // the last token when it was a word at paren depth 0
  let copy = false;
  // COPY FROM STDIN blocks whose data starts on the next line (null: a \copy meta-command's).
  const copies: (ScriptStatement | null)[] = [];

  const close = (end: number, cut: number): void => {
    if (start >= 0) {
      const { line, column } = positionAt(start);
      const statement: ScriptStatement = { start, end, line, column, text: text.slice(start, cut).trimEnd(), copyFromStdin: copy };
      statements.push(statement);
      if (copy) copies.push(statement);
    }
    start = -1;
    parens = begins = words = 0;
    head.fill('');
    first = previous = '';
    copy = false;
  };

  const word = (lower: string): void => {
    if (words < 4 && HEAD_WORDS.has(lower)) head[words] = lower.charAt(0);
    words++;
    if (parens > 0) {
      previous = '';
      return;
    }
    if (isRoutineHead(head)) {
      if (lower === 'begin') begins++;
      else if (lower === 'case' && begins > 0) begins++; // CASE also ends with END
      else if (lower === 'end' && begins > 0) begins--;
    }
    if (words === 1) first = lower;
    if (first === 'copy' && previous === 'from' && lower === 'stdin') copy = true;
    previous = lower;
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    if (isSpace(c)) {
      i++;
      // psql reads COPY data from the lines after the one holding the `;`.
      if (c === LF) {
        for (const statement of copies.splice(0)) {
          const { end, next } = copyData(text, i);
          if (statement) statement.data = { start: i, end, line: positionAt(i).line, next };
          i = next;
        }
      }
      continue;
    }
    if (c === DASH && d === DASH) {
      const k = text.indexOf('\n', i);
      i = k < 0 ? n : k; // leave the newline for the COPY check above
      continue;
    }
    if (c === SLASH && d === STAR) {
      const k = skipBlockComment(text, i);
      if (k < 0) {
        // Unterminated: the server fails on it, so keep it as statement text.
        if (start < 0) start = i;
        break;
      }
      i = k;
      continue;
    }
    if (c === BACKSLASH && start < 0) {
      const k = text.indexOf('\n', i);
      const lineEnd = k < 0 ? n : k;
      const command = text.slice(i, lineEnd).trimEnd();
      metaCommands.push({ ...positionAt(i), text: command });
      // \copy ... from stdin reads its data from the script too.
      if (/^\\copy\s.*\sfrom\s+stdin\b/i.test(command)) copies.push(null);
      i = lineEnd;
      continue;
    }
    if (c === SEMI) {
      if (parens === 0 && begins === 0) close(i + 1, i);
      else previous = '';
      i++;
      continue;
    }
    if (start < 0) start = i;
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentCont(text.charCodeAt(j))) j++;
      // Only a lone E/e directly before a quote opens an escape string.
      if (j === i + 1 && (c === 69 || c === 101) && d === QUOTE) {
        const k = skipEString(text, j);
        if (k < 0) break;
        previous = '';
        i = k;
        continue;
      }
      // Longer words are never ones we look for; skip lowercasing them.
      word(j - i <= 9 ? text.slice(i, j).toLowerCase() : '');
      i = j;
      continue;
    }

    previous = '';
    if (isDigit(c)) {
      i++;
      while (i < n && isNumberCont(text.charCodeAt(i))) i++;
      continue;
    }
    if (c === QUOTE || c === DQUOTE) {
      // Plain, U&, B, X and N strings and quoted identifiers: only a doubled quote escapes.
      const k = skipQuoted(text, i, c === QUOTE ? "'" : '"');
      if (k < 0) break;
      i = k;
      continue;
    }
    if (c === DOLLAR) {
      // Not a delimiter (e.g. the parameter $1): skip the `$` alone.
      const delimiter = dollarDelimiter(text, i);
      if (delimiter === undefined) {
        i++;
        continue;
      }
      const k = text.indexOf(delimiter, i + delimiter.length);
      if (k < 0) break;
      i = k + delimiter.length;
      continue;
    }
    if (c === LPAREN) parens++;
    else if (c === RPAREN && parens > 0) parens--;
    i++;
  }
  close(n, n);
  return { statements, metaCommands };
}
