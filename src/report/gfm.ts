import { spans, type Block, type Inline } from './blocks.js';

/** The report's blocks as GitHub Flavored Markdown: what the comment and the job summary show. */
export function toMarkdown(blocks: readonly Block[]): string {
  return blocks.map(block).join('\n\n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `### ${inline(b.text)}`;
    case 'para':
      return inline(b.text);
    case 'alert': {
      const lines = b.lines.map((l) => `> ${inline(l)}`);
      if (b.code) lines.splice(b.codeAt ?? 1, 0, fence('text', b.code).split('\n').map((l) => `> ${l}`).join('\n'));
      return lines.join('\n>\n');
    }
    case 'table': {
      const head = `| ${b.head.map(escape).join(' | ')} |`;
      const rule = `|${b.head.map((_h, i) => (b.right?.includes(i) ? '---:' : '---')).join('|')}|`;
      const rows = b.rows.map((r) => `| ${b.head.map((_h, i) => cell(r[i])).join(' | ')} |`);
      return [head, rule, ...rows].join('\n');
    }
    case 'fold':
      // A blank line after <summary>: GitHub parses the body as Markdown only then.
      return [`<details${b.open ? ' open' : ''}><summary>${html(b.summary)}</summary>`, '', toMarkdown(b.body), '', '</details>'].join('\n');
    case 'code':
      return fence(b.lang, b.text);
  }
}

function fence(lang: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text}\n${ticks}`;
}

function cell(text: Inline | undefined): string {
  const md = text === undefined ? '' : inline(text, true);
  return md === '' ? ' ' : md;
}

/** Text is escaped so that a name or an error message can never turn into markup. */
function escape(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~#&]/g, (c, at: number) => {
      // An underscore inside a word (ref_cities) is no emphasis in GFM, nor > and # past a line's start: left as they are, to read.
      if (c === '_' && /\w/.test(text[at - 1] ?? '') && /\w/.test(text[at + 1] ?? '')) return c;
      if ((c === '>' || c === '#') && at > 0) return c;
      return c === '&' ? '&amp;' : c === '<' ? '&lt;' : `\\${c}`;
    })
    .replace(/\r?\n/g, ' ');
}

function codeSpan(text: string, inTable: boolean): string {
  const one = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...one.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  const body = inTable ? one.replaceAll('|', '\\|') : one;
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

function inline(text: Inline, inTable = false): string {
  return spans(text).map((s) => {
    if (typeof s === 'string') return inTable ? escape(s.replace(/\r?\n/g, '\u2028')).replaceAll('\u2028', '<br>') : escape(s);
    if ('code' in s) return codeSpan(s.code, inTable);
    if ('strong' in s) return `**${inline(s.strong, inTable)}**`;
    if ('link' in s) return `[${inline(s.link, inTable)}](${s.href.replaceAll(' ', '%20').replaceAll(')', '%29')})`;
    return `<sub>${inline(s.small, inTable)}</sub>`;
  }).join('');
}

/** Inline content as HTML, for a fold's summary (GitHub does not parse Markdown there). */
function html(text: Inline): string {
  const esc = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  return spans(text).map((s) => {
    if (typeof s === 'string') return esc(s);
    if ('code' in s) return `<code>${esc(s.code)}</code>`;
    if ('strong' in s) return `<b>${html(s.strong)}</b>`;
    if ('link' in s) return `<a href="${esc(s.href)}">${html(s.link)}</a>`;
    return `<sub>${html(s.small)}</sub>`;
  }).join('');
}
