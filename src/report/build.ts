import type { PhaseResult, RunReport } from '../pipeline/report.js';
import { VERSION } from '../version.js';
import { code, countText, duration, join, link, small, spans as spansOf, strong, type Block, type Budget, type Inline, type LeftOut } from './blocks.js';
import type { ReportContext } from './github/context.js';
import { checksSummaryText, dataBlocks, migrationBlocks, rowsCopied, seedBlocks, seedSummaryText, validationBlocks } from './phase-format.js';
import { planBlocks, planSummaryText, summarize } from './plan-format.js';

export interface BuildOptions {
  context?: ReportContext;
  budget?: Budget;
  /** Where the rows left out are: the job summary (a comment) or the report file (a job summary). */
  pointer?: Inline;
}

const PHASE_TITLES: Record<PhaseResult['name'], string> = { connect: 'Connect', schema: 'Schema', data: 'Data', seed: 'Seed', validate: 'Validate' };
/** What failed, as a headline says it. */
const FAILED: Record<PhaseResult['name'], string> = { connect: 'connection', schema: 'schema sync', data: 'data copy', seed: 'seed', validate: 'validation' };

/** What the run did to the target, in one line, by what ran. */
export function outcome(report: RunReport): string {
  const t = `\`${report.targetName}\``;
  const s = report.schema ? summarize(report.schema.plan) : undefined;
  const failed = report.phases.find((p) => p.status === 'failed');
  if (report.checksFailed && report.validation) return `❌ ${t}: ${checksSummaryText(report.validation)}`;
  if (report.status === 'failed') return `❌ ${t}: the ${failed ? FAILED[failed.name] : 'run'} failed${rolledBack(report) ? ', nothing applied' : ''}`;
  if (!report.steps.includes('schema')) {
    const only = report.steps.length === 1 ? report.steps[0] : undefined;
    if (only === 'data' && report.data) {
      const { rows, tables } = rowsCopied(report.data);
      return `✅ ${t}: ${countText(rows, 'row')} copied in ${countText(tables, 'table')}, parity proven`;
    }
    if (only === 'seed' && report.seed) return `🌱 ${t} seeded: ${seedSummaryText(report.seed)}`;
    if (report.validation) return `✅ ${t}: ${checksSummaryText(report.validation)}`;
    return `✅ ${t}: done`;
  }
  const destructive = s?.destructive ? ` (${s.destructive} destructive)` : '';
  switch (report.status) {
    case 'no-changes':
      return `✅ ${t} is in sync with ${wanted(report)}`;
    case 'applied':
      return `🔄 ${t} synced with ${wanted(report)}: ${countText(s?.total ?? 0, 'change')} applied${destructive}`;
    case 'planned':
      return `📝 ${t}: ${countText(s?.total ?? 0, 'change')} planned${destructive}, nothing applied`;
    default:
      return `⛔ ${t}: blocked by ${countText(s?.destructive ?? 0, 'destructive change')}, nothing applied`;
  }
}

function rolledBack(report: RunReport): boolean {
  return report.phases.some((p) => p.status === 'rolled back') || report.phases.find((p) => p.status === 'failed')?.name === 'schema';
}

/** What the target is made equal to: production, or production with the pull request's migrations. */
function wanted(report: RunReport): string {
  const n = report.migrations?.runs.length ?? 0;
  return n > 0 ? `production + ${countText(n, 'migration')} of this pull request` : 'production';
}

/** `2026-12-02 04:05 UTC` */
export function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The headline: target, outcome, and which commit was checked when. */
function headline(report: RunReport, context: ReportContext): Block {
  const text = outcome(report).split('`');
  const sha = context.sha ? spansOf(link(code(context.sha.slice(0, 7)), context.commitUrl)) : [];
  return {
    kind: 'heading',
    text: [...text.map((part, i) => (i % 2 === 1 ? code(part) : part)), ' — ', small(['checked ', ...(sha.length ? ['at ', ...sha, ' · '] : []), when(report.finishedAt)])],
  };
}

/** What failed, where, and what to do: wrapped text, the statement's own lines as code. */
function failure(report: RunReport): Block | undefined {
  if (!report.error) return undefined;
  if (report.status === 'blocked') {
    const n = report.schema ? summarize(report.schema.plan).destructive : 0;
    return {
      kind: 'alert', lines: [
        [strong(`⛔ Blocked: ${countText(n, 'destructive change')} ${n === 1 ? 'needs' : 'need'} consent.`), ' Nothing was applied; they are listed first below.'],
        [strong('To apply them:'), ' set ', code('allow-destructive: true'), ' (the action), ', code('allow_destructive = true'), ` under [targets.${report.targetName}] (the config), or pass `, code('--allow-destructive'), '.'],
      ],
    };
  }
  if (report.checksFailed && report.validation) {
    const failed = report.validation.checks.filter((c) => c.status === 'fail');
    return { kind: 'alert', lines: [[strong(`❌ ${countText(failed.length, 'check')} failed:`), ' ', ...join(failed.map((c) => c.name), ', '), '. Each says what it found, under Validation below.']] };
  }
  const phase = report.phases.find((p) => p.status === 'failed');
  const where = report.errorAt ? `${report.errorAt.file}${report.errorAt.line ? `:${report.errorAt.line}` : ''}` : undefined;
  const lines = report.error.split('\n');
  const codeLines: string[] = [];
  const text: Inline[] = [];
  let fix: string | undefined;
  let codeAt: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^LINE \d+:/.test(line) || (codeLines.length > 0 && /^\s+\^\s*$/.test(line))) {
      codeAt ??= text.length + 1;
      codeLines.push(line);
    }
    else if (/^HINT:\s+/.test(line)) fix = line.replace(/^HINT:\s+/, '');
    else if (line.trim() !== '') text.push(line);
  }
  const head: Inline = [
    strong(`❌ The ${phase ? FAILED[phase.name] : 'run'} failed`), ...(where ? [' at ', code(where)] : []),
    rolledBack(report) ? ': nothing was applied, the target is as it was.' : '.',
  ];
  // psql's HINT is the fix when there is one; otherwise where to look, and that a rerun is safe.
  const todo: Inline = fix ? [strong('Fix:'), ` ${fix}`]
    : where ? [strong('Fix:'), ' correct the statement at ', code(where), ' and push again.']
      : [strong('Fix:'), ' what the error names, then run again.'];
  return {
    kind: 'alert', lines: [head, ...text, todo],
    ...(codeLines.length > 0 ? { code: codeLines.join('\n'), codeAt: codeAt ?? 1 } : {}),
  };
}

function phaseResult(report: RunReport, p: PhaseResult): string {
  const first = (detail?: string) => (detail ? `: ${detail.split('\n')[0]!.slice(0, 160)}` : '');
  if (p.name === 'schema' && report.status === 'blocked') {
    const n = report.schema ? summarize(report.schema.plan).destructive : 0;
    return `⛔ blocked: ${countText(n, 'destructive change')} ${n === 1 ? 'needs' : 'need'} consent, nothing applied`;
  }
  if (p.status === 'failed') return `❌ failed${report.checksFailed && p.name === 'validate' && report.validation ? `: ${checksSummaryText(report.validation)}` : first(p.detail)}`;
  // The seed section below says where it looked.
  if (p.status === 'skipped' && p.detail?.startsWith('nothing to seed') && report.seed) return '⏭️ nothing to seed';
  if (p.status === 'skipped') return p.detail?.startsWith('not run') ? `⏭️ ${p.detail}` : `⏭️ skipped${first(p.detail)}`;
  const what = doneText(report, p.name);
  if (p.status === 'rolled back') return `↩️ rolled back${first(p.detail?.replace(/^undone: /, ''))}${what ? ` (${what})` : ''}`;
  return `✅${what ? ` ${what}` : ''}`;
}

function doneText(report: RunReport, name: PhaseResult['name']): string {
  switch (name) {
    case 'schema': {
      if (!report.schema) return '';
      const plan = report.schema.plan;
      const pending = report.migrations?.runs.length ? `; ${countText(report.migrations.runs.length, 'pending migration')}` : '';
      if (plan.changes.length === 0) return `in sync, no changes${pending}`;
      const done = report.schema.status === 'applied' ? ', applied' : report.schema.status === 'planned' && report.mode === 'plan' ? ', planned' : '';
      return `${planSummaryText(plan)}${done}${pending}`;
    }
    case 'data': {
      if (!report.data) return '';
      const { rows, tables } = rowsCopied(report.data);
      return `${countText(rows, 'row')} copied in ${countText(tables, 'table')}, parity proven`;
    }
    case 'seed':
      return report.seed ? seedSummaryText(report.seed) : '';
    case 'validate':
      return report.validation ? checksSummaryText(report.validation) : '';
    default:
      return '';
  }
}

/** The summary: each phase with what it did and its time, then the total. */
function summary(report: RunReport): Block {
  const total = report.finishedAt.getTime() - report.startedAt.getTime();
  return {
    kind: 'table', head: ['Phase', 'Result', 'Time'], right: [2],
    rows: [...report.phases.map((p) => [PHASE_TITLES[p.name], phaseResult(report, p), p.status === 'skipped' ? '' : duration(p.ms)]), [strong('Total'), '', strong(duration(total))]],
  };
}

/** What ran: the mode for the whole pipeline, else the commands' steps. */
function ran(report: RunReport): string {
  if (report.steps.includes('schema')) return `mode ${report.mode}`;
  return `${report.steps.join(', ')} only`;
}

/** The report as blocks, and what was left out to fit the budget. */
export function buildReport(report: RunReport, options: BuildOptions = {}): { blocks: Block[]; left: LeftOut } {
  const context = options.context ?? {};
  const budget = options.budget ?? {};
  const left: LeftOut = { sql: 0, rows: 0 };
  const pointer = options.pointer ?? (context.runUrl ? link('the job summary', context.runUrl) : undefined);
  const blocks: Block[] = [headline(report, context)];
  const failed = failure(report);
  if (failed) blocks.push(failed);
  blocks.push(summary(report));
  if (report.schema && report.schema.plan.changes.length > 0) blocks.push(...planBlocks(report.schema.plan, budget, left, pointer));
  if (report.migrations && report.migrations.runs.length > 0) blocks.push(...migrationBlocks(report.migrations.runs, budget, left, pointer));
  if (report.data) blocks.push(...dataBlocks(report.data, report.targetName, budget, left, pointer, report.phases.find((p) => p.name === 'data' && p.status !== 'ok')?.detail));
  // A seed that failed before finding its files has nothing to show: the phase table says why.
  const seedPhase = report.phases.find((p) => p.name === 'seed');
  if (report.seed && (report.seed.origin || seedPhase?.status === 'ok')) blocks.push(...seedBlocks(report.seed, budget, left, pointer));
  if (report.validation && report.validation.checks.length > 0) blocks.push(...validationBlocks(report.validation));
  if (left.sql + left.rows > 0) {
    const what = [left.sql ? countText(left.sql, 'SQL statement') : '', left.rows ? countText(left.rows, 'row') : ''].filter(Boolean).join(' and ');
    blocks.push({ kind: 'para', text: [strong('✂️ Cut to fit:'), ` ${what} left out; `, ...(pointer ? [pointer] : ['the job summary']), ' has the full report.'] });
  }
  const total = report.finishedAt.getTime() - report.startedAt.getTime();
  const branch = report.branch ? ` · Supabase branch ${report.branch.name} (${report.branch.ref})` : '';
  blocks.push({ kind: 'para', text: small([`pg-branch-sync ${VERSION} · ${ran(report)}${branch} · ${duration(total)}`, ...(context.runUrl ? [' · ', link('workflow run', context.runUrl)] : [])]) });
  return { blocks, left };
}
