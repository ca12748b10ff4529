import type { MigrationRun } from '../migrate/desired.js';
import type { PhaseResult, RunReport } from '../pipeline/report.js';
import { maskSecrets } from '../log/secrets.js';
import { dataMarkdown, duration as fmt, seedMarkdown, validationMarkdown } from './phase-format.js';
import { countText, planMarkdown, summarize } from './plan-format.js';

export interface ReportOptions {
  /** Link to the workflow run. */
  runUrl?: string;
  /** Caps the folded SQL, to keep a comment under GitHub's limit. */
  maxSqlChars?: number;
}

const PHASE_TITLES: Record<PhaseResult['name'], string> = { connect: 'Connect', schema: 'Schema', data: 'Data', seed: 'Seed', validate: 'Validate' };

/** The status line: whether the target is in sync, at a glance. */
export function headline(report: RunReport): string {
  const t = `\`${report.targetName}\``;
  const s = report.schema ? summarize(report.schema.plan) : undefined;
  if (!report.steps.includes('schema') && report.status !== 'failed') {
    const checks = report.validation?.checks.filter((c) => c.status === 'pass').length ?? 0;
    return report.steps.includes('seed') ? `🌱 ${t} seeded` : `✅ ${t}: ${countText(checks, 'check')} passed`;
  }
  switch (report.status) {
    case 'no-changes':
      return `✅ ${t} is in sync with ${wanted(report)}`;
    case 'applied':
      return `🔄 ${t} synced with ${wanted(report)}: ${countText(s?.total ?? 0, 'change')} applied${s?.destructive ? ` (${s.destructive} destructive)` : ''}`;
    case 'planned':
      return `📝 ${t}: ${countText(s?.total ?? 0, 'change')} planned${s?.destructive ? ` (${s.destructive} destructive)` : ''}, nothing applied`;
    case 'blocked':
      return `⛔ ${t}: blocked by ${countText(s?.destructive ?? 0, 'destructive change')}, nothing applied`;
    case 'failed': {
      if (report.checksFailed) {
        const n = report.validation?.checks.filter((c) => c.status === 'fail').length ?? 0;
        return `❌ ${t}: ${countText(n, 'validation check')} failed`;
      }
      const failed = report.phases.find((p) => p.status === 'failed');
      return `❌ ${t}: failed${failed ? ` during ${PHASE_TITLES[failed.name].toLowerCase()}` : ''}`;
    }
  }
}

/** What the target is made equal to: production, or production with the pull request's migrations. */
function wanted(report: RunReport): string {
  const n = report.migrations?.runs.length ?? 0;
  return n > 0 ? `production + ${countText(n, 'migration')} of this pull request` : 'production';
}

const MIGRATION_STATUS = { applied: '✅ applied', kept: '✅ in place', failed: '❌ failed', 'not run': '⏭️ not run' } as const;

/** The pull request's pending migrations: what the target gets on top of production's schema. */
function migrationsMarkdown(runs: readonly MigrationRun[]): string {
  const out = [`**Pending migrations:** ${countText(runs.length, 'migration')} of this pull request, run on top of production's schema`, ''];
  out.push('| Migration | Statements | Time | Result |', '|---|---:|---:|---|');
  for (const r of runs) {
    const wrapped = r.transactionControl ? ` (its BEGIN/COMMIT, line ${r.transactionControl.join(', ')}, left out: it runs inside the run's one transaction)` : '';
    out.push(`| \`${r.file.replaceAll('|', '\\|')}\` | ${r.statements} | ${fmt(r.ms)} | ${MIGRATION_STATUS[r.status]}${wrapped} |`);
  }
  return out.join('\n');
}

/** The full report as Markdown: headline, what went wrong, schema changes, phase timings. */
export function renderReport(report: RunReport, options: ReportOptions = {}): string {
  const out = [`### ${headline(report)}`, ''];
  if (report.error) out.push(report.status === 'blocked' || report.checksFailed ? `> ${report.error}` : `\`\`\`text\n${report.error.replaceAll('```', "'''")}\n\`\`\``, '');
  if (report.migrations && report.migrations.runs.length > 0) out.push(migrationsMarkdown(report.migrations.runs), '');
  if (report.schema) {
    out.push(planMarkdown(report.schema.plan, options.maxSqlChars !== undefined ? { maxSqlChars: options.maxSqlChars } : {}), '');
  }
  if (report.data) out.push(dataMarkdown(report.data, report.targetName), '');
  if (report.seed) out.push(seedMarkdown(report.seed), '');
  if (report.validation) out.push(validationMarkdown(report.validation), '');
  out.push('| Phase | Result | Time |', '|---|---|---:|');
  for (const p of report.phases) {
    out.push(`| ${PHASE_TITLES[p.name]} | ${p.status === 'ok' ? '✅' : p.status === 'failed' ? '❌ failed' : p.status === 'rolled back' ? `↩️ rolled back${p.detail ? `: ${p.detail}` : ''}` : `⏭️ skipped${p.detail ? `: ${p.detail}` : ''}`} | ${fmt(p.ms)} |`);
  }
  const total = report.finishedAt.getTime() - report.startedAt.getTime();
  out.push('', `<sub>pg-branch-sync · mode \`${report.mode}\` · ${fmt(total)}${options.runUrl ? ` · [workflow run](${options.runUrl})` : ''}</sub>`);
  return maskSecrets(out.join('\n'));
}
