import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/pipeline/report.js';
import { jobSummary, SUMMARY_LIMIT } from '../../src/report/fit.js';
import { COMMENT_LIMIT, commentMarker, fitComment } from '../../src/report/github/comment.js';
import type { ReportContext } from '../../src/report/github/context.js';
import { renderReport } from '../../src/report/markdown.js';
import { terminalReport, useColor, width } from '../../src/report/terminal.js';
import { applied, blocked, failedSeed, mixedPlan, nothingToDo } from './fixtures.js';

const md = new MarkdownIt({ html: true });
const SHA = '3f9c2a17e0b4d5c6a7b8c9d0e1f2a3b4c5d6e7f8';
const context: ReportContext = { sha: SHA, commitUrl: `https://github.com/acme/app/commit/${SHA}`, runUrl: 'https://github.com/acme/app/actions/runs/42' };
const comment = (report: RunReport) => fitComment(commentMarker('preview'), (budget) => renderReport(report, { context, budget }));

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** Cells of one table line as GitHub splits them: on pipes not escaped with a backslash. */
function cellCount(line: string): number {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  let n = 1;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\') i++;
    else if (inner[i] === '|') n++;
  }
  return n;
}

interface Table { head: string[]; rows: string[][]; lines: string[] }

/** Every table of a Markdown text, as a real GFM parser reads it, with its source lines. */
function tables(text: string): Table[] {
  const tokens = md.parse(text, {});
  const lines = text.split('\n');
  const out: Table[] = [];
  let current: Table | undefined;
  let row: string[] | undefined;
  for (const t of tokens) {
    if (t.type === 'table_open') current = { head: [], rows: [], lines: lines.slice(t.map![0], t.map![1]) };
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'inline' && row && current) row.push(t.content);
    else if (t.type === 'tr_close' && current && row) {
      if (current.head.length === 0) current.head = row;
      else current.rows.push(row);
      row = undefined;
    } else if (t.type === 'table_close' && current) {
      out.push(current);
      current = undefined;
    }
  }
  return out;
}

const headings = (text: string) => {
  const tokens = md.parse(text, {});
  return tokens.flatMap((t: Token, i: number) => (t.type === 'heading_open' ? [tokens[i + 1]!.content] : []));
};
const links = (text: string) => md.parse(text, {}).flatMap((t: Token) => t.children ?? []).filter((t: Token) => t.type === 'link_open').map((t: Token) => t.attrGet('href'));

/** What every comment must hold: a valid body under the limit, whole tables, the summary, the checks, the run link. */
function expectWellFormed(body: string, report: RunReport): Table[] {
  expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  expect(body.startsWith(`${commentMarker('preview')}\n### `)).toBe(true);
  const all = tables(body);
  for (const t of all) {
    for (const line of t.lines) expect(cellCount(line), line).toBe(t.head.length);
  }
  expect(headings(body)[0]).toContain('`preview`');
  expect(headings(body)[0]).toContain(`[\`${SHA.slice(0, 7)}\`](${context.commitUrl})`);
  expect(headings(body)[0]).toContain('2026-12-02 04:05 UTC');
  const summary = all.find((t) => t.head.join() === 'Phase,Result,Time');
  expect(summary?.rows.map((r) => r[0])).toEqual([...report.phases.map((p) => p.name.charAt(0).toUpperCase() + p.name.slice(1)), '**Total**']);
  if (report.validation) {
    const checks = all.find((t) => t.head[0] === 'Check');
    expect(checks?.rows).toHaveLength(report.validation.checks.length);
  }
  expect(links(body)).toContain(context.runUrl);
  // Folds are HTML blocks GitHub opens and closes: as many of each.
  expect(body.match(/<details/g)?.length ?? 0).toBe(body.match(/<\/details>/g)?.length ?? 0);
  return all;
}

/** The schema changes' first table: every destructive row comes before any other. */
function expectDestructiveFirst(all: Table[]): void {
  const changes = all.filter((t) => t.head[0] === 'Change').flatMap((t) => t.rows);
  const destructive = changes.map((r) => r.at(-1)!.includes('destructive'));
  const firstOther = destructive.indexOf(false);
  expect(destructive.slice(firstOther === -1 ? destructive.length : firstOther)).not.toContain(true);
}

describe('the pull-request comment, read by a GFM parser', () => {
  it('says a run with nothing to do in a few lines, with the commit and time', () => {
    const report = nothingToDo();
    const body = comment(report);
    expectWellFormed(body, report);
    expect(headings(body)[0]).toContain('✅ `preview` is in sync with production');
    expect(body).toContain('| Schema | ✅ in sync, no changes |');
    expect(body).not.toContain('<summary>SQL');
  });

  it('shows a small plan with its summary, destructive changes first, comments and grants a line each, the SQL folded', () => {
    const report = applied(23, [3, 11]);
    const body = comment(report);
    const all = expectWellFormed(body, report);
    expectDestructiveFirst(all);
    expect(headings(body)).toContain('Schema changes: 23 changes — 2 destructive, 3 locks, 8 access');
    const changes = { rows: all.filter((t) => t.head[0] === 'Change').flatMap((t) => t.rows) };
    expect(changes.rows.slice(0, 2).map((r) => r[0])).toEqual(['drop column', 'drop column']);
    expect(changes.rows.some((r) => r[0]!.includes('comment') || r[0]!.includes('grant'))).toBe(false);
    expect(body).toMatch(/\*\*Comments:\*\* 3 changes on /);
    expect(body).toMatch(/\*\*Grants:\*\* 3 changes on .*\(🔑 access\)/);
    // Identical entries merge into one row with a count.
    expect(changes.rows.find((r) => r[0] === 'alter default privileges')![1]).toBe('`public: functions of postgres` ×2');
    expect(body).toContain('<details><summary>SQL · 23 statements</summary>');
    expect(body).toContain('| Schema | ✅ 23 changes — 2 destructive, 3 locks, 8 access, applied |');
  });

  it('puts a blocked plan\'s destructive changes first, says so in the phase table, and says how to apply them', () => {
    const report = blocked();
    const body = comment(report);
    const all = expectWellFormed(body, report);
    expectDestructiveFirst(all);
    const first = all.find((t) => t.head[0] === 'Change')!;
    expect(first.rows.map((r) => r[1])).toEqual(['`public.table_0000.legacy_code`', '`public.table_0015.legacy_code`', '`public.table_0016.legacy_code`']);
    expect(body).toContain('| Schema | ⛔ blocked: 3 destructive changes need consent, nothing applied |');
    expect(body).not.toMatch(/\| Schema \| ✅/);
    expect(body).toContain('**To apply them:** set `allow-destructive: true`');
  });

  it('says what failed, where and what happened to the target, as wrapped text with only the statement as code', () => {
    const report = failedSeed();
    const body = comment(report);
    expectWellFormed(body, report);
    const tokens = md.parse(body, {});
    const quote = tokens.slice(tokens.findIndex((t) => t.type === 'blockquote_open'), tokens.findIndex((t) => t.type === 'blockquote_close'));
    const paragraphs = quote.filter((t) => t.type === 'inline').map((t) => t.content);
    expect(paragraphs[0]).toBe('**❌ The seed failed** at `supabase/seed.sql:12`: nothing was applied, the target is as it was.');
    expect(paragraphs).toContain('ERROR:  insert or update on table "task" violates foreign key constraint "task_account_fkey"');
    expect(paragraphs).toContain('DETAIL:  Key (account_id)=(7d3f) is not present in table "account".');
    expect(paragraphs.at(-1)).toBe('**Fix:** correct the statement at `supabase/seed.sql:12` and push again.');
    // psql's order: the error, the statement's line with its caret, the detail.
    expect(quote.filter((t) => t.type === 'inline' || t.type === 'fence').map((t) => t.type)).toEqual(['inline', 'inline', 'fence', 'inline', 'inline']);
    const fences = quote.filter((t) => t.type === 'fence');
    expect(fences.map((t) => t.content)).toEqual(["LINE 12: insert into public.task (account_id, title) values ('7d3f', 'first task');\n         ^\n"]);
    expect(body).toContain('| Validate | ⏭️ not run: the seed phase failed |');
  });

  it('cuts a 3,000-change plan to fit by dropping rows from the bottom, never a section, and says where the rest is', () => {
    const report = applied(3000, [2, 1500, 2999]);
    const body = comment(report);
    const all = expectWellFormed(body, report);
    expectDestructiveFirst(all);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 5_000);
    expect(body).toMatch(/\*\*✂️ Cut to fit:\*\* 3,000 SQL statements and [\d,]+ rows left out; \[the job summary\]\(https:\/\/github\.com\/acme\/app\/actions\/runs\/42\) has the full report\./);
    const changes = all.filter((t) => t.head[0] === 'Change').flatMap((t) => t.rows);
    expect(changes.filter((r) => r.at(-1)!.includes('destructive'))).toHaveLength(3);
    for (const section of ['Schema changes: 3,000 changes', 'Seed']) expect(headings(body).some((h) => h.startsWith(section))).toBe(true);
    expect(body).toContain('<summary><b>Validation:</b> all 3 checks passed</summary>');
    // The job summary gets it all.
    const full = jobSummary(report, context);
    expect(full).not.toContain('Cut to fit');
    expect(full.split('\n').filter((l) => l.startsWith('CREATE TABLE public.table_')).length).toBe(374);
  });

  it('cuts the job summary the same way only past its 1 MiB', () => {
    const report = applied(12_000, [0]);
    const summary = jobSummary(report, context);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(Buffer.byteLength(summary)).toBeGreaterThan(SUMMARY_LIMIT - 20_000);
    expect(summary).toContain('left out; the report file (output report-file) has the full report.');
    expect(summary).toContain('<summary><b>Validation:</b>');
  });

  it('escapes names and messages so they never become markup', () => {
    const report = applied(1, []);
    report.schema!.plan = { changes: [{ ...mixedPlan(1).changes[0]!, kind: 'table', action: 'create', object: 'public."a|b`<script>"' }], notes: [] };
    report.validation!.checks.push({ name: 'x | y <b>', status: 'fail', detail: 'line one\nline two *not bold*', ms: 1 });
    const body = comment(report);
    expectWellFormed(body, report);
    const html = md.render(body);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>not bold');
    expect(html).toContain('line one<br>line two *not bold*');
    expect(html).toContain('<code>public.&quot;a|b`&lt;script&gt;&quot;</code>');
  });
});

describe('the terminal rendering', () => {
  const reports = { 'nothing to do': nothingToDo(), 'a small plan': applied(23), 'a blocked plan': blocked(), 'a failed run': failedSeed() };
  for (const [name, report] of Object.entries(reports)) {
    it(`of ${name} has no Markdown syntax and aligned tables`, () => {
      const text = terminalReport(report, { color: false, context });
      expect(text).not.toMatch(/^#{1,6} |<\/?(details|summary|sub|br)>|\*\*|`|\]\(|^\|.*\|$|^\s*\|?-{3,}\|/m);
      expect(text).toContain(SHA.slice(0, 7));
      // Each table's rows are as wide as its rule, at most.
      const blocks = text.split('\n\n').filter((b) => b.split('\n')[1]?.trim().startsWith('─'));
      expect(blocks.length).toBeGreaterThan(0);
      for (const b of blocks) {
        const [, rule, ...rows] = b.split('\n');
        for (const row of rows) expect(width(row)).toBeLessThanOrEqual(width(rule!));
      }
    });
  }

  it('colours only when asked, and respects NO_COLOR and FORCE_COLOR', () => {
    expect(terminalReport(blocked(), { color: true })).toContain('\x1b[1m');
    expect(terminalReport(blocked(), { color: false })).not.toContain('\x1b[');
    expect(useColor({}, true)).toBe(true);
    expect(useColor({}, false)).toBe(false);
    expect(useColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '0' }, true)).toBe(false);
  });

  it('says the schema phase was blocked, and what a data or validate run did', () => {
    expect(terminalReport(blocked(), { color: false })).toMatch(/Schema +⛔ blocked: 3 destructive changes need consent/);
    const data = { ...nothingToDo(), steps: ['data'] as const, schema: undefined, seed: undefined, validation: undefined, phases: [{ name: 'data' as const, status: 'ok' as const, ms: 30 }] };
    const copied: RunReport = {
      ...data, steps: ['data'],
      data: { mode: 'replace', deferred: [], nulled: [], unmasked: [], tables: [
        { table: 'public.ref_countries', sourceRows: 250, targetRows: 250, status: 'equal', ms: 9, masked: [], triggersDisabled: 0 },
        { table: 'public.ref_cities', sourceRows: 1200, targetRows: 1200, status: 'equal', ms: 20, masked: [], triggersDisabled: 0 },
      ] },
    };
    const text = terminalReport(copied, { color: false });
    expect(text.split('\n')[0]).toMatch(/^✅ preview: 1,450 rows copied in 2 tables, parity proven/);
    expect(text).toContain('pg-branch-sync 0.1.0 · data only');
    const validated: RunReport = { ...nothingToDo(), steps: ['validate'], schema: undefined, seed: undefined };
    expect(terminalReport(validated, { color: false })).toContain('validate only');
    expect(terminalReport(validated, { color: false }).split('\n')[0]).toMatch(/^✅ preview: all 3 checks passed/);
  });
});
