/**
 * The report as a small document: headings, paragraphs, tables, folds and
 * code. One builder makes it; the Markdown renderer (comment, job summary)
 * and the terminal renderer (CLI, demo) each print it their own way, so the
 * two never say different things.
 */

import { thousands } from '../util/numbers.js';

/** A piece of inline text. Plain strings are text, never markup: the renderer escapes them. */
export type Span =
  | string
  | { code: string }
  | { strong: Inline }
  | { link: Inline; href: string }
  | { small: Inline };
export type Inline = Span | readonly Inline[];

export type Block =
  | { kind: 'heading'; text: Inline }
  | { kind: 'para'; text: Inline }
  /** A failure or a refusal: one line per entry, wrapped, never a one-line code block. */
  | { kind: 'alert'; lines: readonly Inline[]; code?: string; codeAt?: number }
  | { kind: 'table'; head: readonly string[]; right?: readonly number[]; rows: readonly (readonly Inline[])[] }
  /** Folded on GitHub (`<details>`); on a terminal its summary and body, unless `terminal` says otherwise. */
  | { kind: 'fold'; summary: Inline; body: readonly Block[]; open?: boolean; terminal?: Inline }
  | { kind: 'code'; lang: string; text: string };

export const code = (text: string): Span => ({ code: text });
export const strong = (text: Inline): Span => ({ strong: text });
export const small = (text: Inline): Span => ({ small: text });
export const link = (text: Inline, href: string | undefined): Inline => (href ? { link: text, href } : text);

export function spans(text: Inline): readonly Span[] {
  return Array.isArray(text) ? (text as readonly Inline[]).flatMap(spans) : [text as Span];
}

/** Joins inline pieces with a separator. */
export function join(parts: readonly Inline[], separator: string): Inline[] {
  return parts.flatMap((p, i) => (i === 0 ? [p] : [separator, p]));
}

/** The plain text of inline content: for widths, sizes and tests. */
export function plain(text: Inline): string {
  return spans(text).map((s) => {
    if (typeof s === 'string') return s;
    if ('code' in s) return s.code;
    if ('strong' in s) return plain(s.strong);
    if ('link' in s) return plain(s.link);
    return plain(s.small);
  }).join('');
}

export function countText(n: number, noun: string, plural = `${noun}s`): string {
  return `${thousands(n)} ${n === 1 ? noun : plural}`;
}

export function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/**
 * How much detail a rendering may hold, to fit a size limit: SQL statements
 * in the folded SQL, and rows per detail table (the checks and phases are
 * never cut). Rows are dropped from the bottom, where the least risky are.
 */
export interface Budget {
  sql?: number;
  rows?: number;
}

/** What a rendering left out, for the note that points to the rest. */
export interface LeftOut {
  sql: number;
  rows: number;
}

/** The first `max` rows of a detail table, counting what was left out. */
export function capRows<T>(rows: readonly T[], budget: Budget, left: LeftOut): readonly T[] {
  const max = budget.rows ?? Infinity;
  if (rows.length <= max) return rows;
  left.rows += rows.length - max;
  return rows.slice(0, max);
}
