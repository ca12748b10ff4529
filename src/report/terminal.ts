import type { RunReport } from '../pipeline/report.js';
import { maskSecrets } from '../log/secrets.js';
import { plain, spans, type Block, type Inline } from './blocks.js';
import { buildReport } from './build.js';
import type { ReportContext } from './github/context.js';

/** Colour on a terminal only; NO_COLOR turns it off, FORCE_COLOR on (https://no-color.org). */
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}

/** The report for a terminal: the same report as the comment, as aligned text, no Markdown. */
export function terminalReport(report: RunReport, options: { color: boolean; context?: ReportContext }): string {
  const { blocks } = buildReport(report, options.context ? { context: options.context } : {});
  return maskSecrets(toTerminal(blocks, options.color));
}

interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
}

export function toTerminal(blocks: readonly Block[], color: boolean): string {
  const sgr = (on: string, off: string) => (s: string) => (color && s ? `\x1b[${on}m${s}\x1b[${off}m` : s);
  const style: Style = { bold: sgr('1', '22'), dim: sgr('2', '22'), red: sgr('31', '39') };
  return blocks.map((b) => render(b, style)).filter((t) => t !== '').join('\n\n');
}

function render(b: Block, style: Style): string {
  switch (b.kind) {
    case 'heading':
      return style.bold(text(b.text, style));
    case 'para':
      return text(b.text, style);
    case 'alert':
    {
      const lines = b.lines.map((l) => text(l, style));
      if (b.code) lines.splice(b.codeAt ?? 1, 0, ...b.code.split('\n').map((l) => `    ${l}`));
      return lines.map((l) => `${style.red('│')} ${l}`).join('\n');
    }
    case 'table':
      return table(b, style);
    case 'fold':
      if (b.terminal) return style.dim(text(b.terminal, style));
      return [style.bold(text(b.summary, style)), ...b.body.map((x) => render(x, style))].join('\n');
    case 'code':
      return b.text.split('\n').map((l) => `    ${l}`).join('\n');
  }
}

function text(inline: Inline, style: Style): string {
  return spans(inline).map((s) => {
    if (typeof s === 'string') return s;
    if ('code' in s) return s.code;
    if ('strong' in s) return style.bold(text(s.strong, style));
    if ('link' in s) return text(s.link, style);
    return style.dim(text(s.small, style));
  }).join('');
}

function table(b: Extract<Block, { kind: 'table' }>, style: Style): string {
  const cells = b.rows.map((r) => b.head.map((_h, i) => ({ plain: oneLine(plain(r[i] ?? '')), styled: oneLine(text(r[i] ?? '', style)) })));
  const widths = b.head.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i]!.plain))));
  const pad = (shown: string, w: number, n: number, right: boolean) => {
    const fill = ' '.repeat(Math.max(0, w - n));
    return right ? fill + shown : shown + fill;
  };
  const line = (row: { plain: string; styled: string }[]) =>
    row.map((c, i) => pad(c.styled, widths[i]!, width(c.plain), b.right?.includes(i) ?? false)).join('  ').trimEnd();
  const head = b.head.map((h) => ({ plain: h, styled: style.bold(h) }));
  return ['  ' + line(head), '  ' + style.dim(widths.map((w) => '─'.repeat(w)).join('  ')), ...cells.map((r) => '  ' + line(r))].join('\n');
}

const oneLine = (s: string) => s.replace(/\r?\n/g, ' / ');

/** Columns a string takes on a terminal: wide for emoji and East Asian characters, nothing for joiners and selectors. */
export function width(s: string): number {
  let n = 0;
  // eslint-disable-next-line no-control-regex -- colour codes take no columns
  const chars = [...s.replace(/\x1b\[[0-9;]*m/g, '')];
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || (cp >= 0x300 && cp <= 0x36f)) return;
    const selector = chars[i + 1]?.codePointAt(0) === 0xfe0f;
    const wide = (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || [0x2705, 0x274c, 0x26d4, 0x2b50, 0x26a1, 0x231b, 0x23f3, 0x2753, 0x2757].includes(cp) ||
      (selector && cp >= 0x2190 && cp <= 0x2bff);
    n += wide ? 2 : 1;
  });
  return n;
}
