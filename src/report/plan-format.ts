import { publicChange, type Action, type Change, type Hazard, type Plan } from '../diff/change.js';

export type PlanFormat = 'sql' | 'json' | 'markdown';
export const PLAN_FORMATS: readonly PlanFormat[] = ['sql', 'json', 'markdown'];

export interface PlanSummary {
  total: number;
  destructive: number;
  byAction: Partial<Record<Action, number>>;
  byKind: Record<string, number>;
  hazards: Partial<Record<Hazard, number>>;
  notes: number;
}

export function summarize(plan: Plan): PlanSummary {
  const summary: PlanSummary = { total: plan.changes.length, destructive: 0, byAction: {}, byKind: {}, hazards: {}, notes: plan.notes.length };
  for (const c of plan.changes) {
    summary.byAction[c.action] = (summary.byAction[c.action] ?? 0) + 1;
    summary.byKind[c.kind] = (summary.byKind[c.kind] ?? 0) + 1;
    for (const h of c.hazards) summary.hazards[h] = (summary.hazards[h] ?? 0) + 1;
    if (c.hazards.includes('destructive')) summary.destructive++;
  }
  return summary;
}

export function formatPlan(plan: Plan, format: PlanFormat, targetName: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ changes: plan.changes.map(publicChange), summary: summarize(plan), notes: plan.notes }, null, 2)}\n`;
    case 'markdown':
      return `${planMarkdown(plan)}\n`;
    case 'sql':
      return planSql(plan, targetName);
  }
}

function planSql(plan: Plan, targetName: string): string {
  const s = summarize(plan);
  const lines = [
    s.total === 0
      ? `-- pg-branch-sync: target "${targetName}" already matches the source; nothing to do.`
      : `-- pg-branch-sync plan for target "${targetName}": ${countText(s.total, 'change')}${s.destructive ? `, ${s.destructive} destructive` : ''}.`,
  ];
  plan.changes.forEach((c, i) => {
    const hazards = c.hazards.length ? ` [${c.hazards.join(', ')}]` : '';
    const what = c.kind === 'grant' || c.kind === 'comment' ? c.kind : `${c.action} ${c.kind}`;
    const from = c.origin === 'pull request' ? ' (from the pull request)' : '';
    lines.push('', `-- ${i + 1}. ${what} ${c.object}${from}${hazards}`, c.sql);
  });
  if (plan.notes.length > 0) lines.push('', ...plan.notes.map((n) => `-- note: ${n.object}: ${n.message}`));
  return `${lines.join('\n')}\n`;
}

const HAZARD_BADGE: Record<Hazard, string> = {
  destructive: '🛑 destructive',
  rewrite: '♻️ rewrite',
  lock: '🔒 lock',
  'index-build': '🏗️ index build',
  access: '🔑 access',
};

export function hazardBadges(hazards: readonly Hazard[]): string {
  return hazards.map((h) => HAZARD_BADGE[h]).join(' ');
}

/** Markdown: changes grouped by object kind with hazard badges, the SQL folded. */
export function planMarkdown(plan: Plan, options: { maxSqlChars?: number } = {}): string {
  const s = summarize(plan);
  if (s.total === 0) return '**Schema:** in sync, no changes.';
  const out = [`**Schema:** ${countText(s.total, 'change')}${s.destructive ? `, **${s.destructive} destructive**` : ''}`, ''];
  // With pending migrations each change says whether it brings production's schema or the pull request's.
  const origins = plan.changes.some((c) => c.origin);
  out.push(origins ? '| Kind | Object | Change | From | Hazards |' : '| Kind | Object | Change | Hazards |', origins ? '|---|---|---|---|---|' : '|---|---|---|---|');
  for (const [kind, changes] of groupByKind(plan.changes)) {
    for (const c of changes) {
      const from = origins ? ` ${c.origin === 'pull request' ? '🔀 pull request' : 'production'} |` : '';
      out.push(`| ${kind} | \`${escapeCell(c.object)}\` | ${c.action} |${from} ${hazardBadges(c.hazards)} |`);
    }
  }
  if (plan.notes.length > 0) {
    out.push('', ...plan.notes.map((n) => `> ⚠️ \`${escapeCell(n.object)}\`: ${n.message}`));
  }
  let sql = plan.changes.map((c) => c.sql).join('\n');
  const max = options.maxSqlChars ?? Infinity;
  if (sql.length > max) sql = `${sql.slice(0, max)}\n-- … cut here; the full plan is in the job summary`;
  out.push('', `<details><summary>SQL (${countText(s.total, 'statement')})</summary>`, '', '```sql', sql.replaceAll('```', '` ` `'), '```', '</details>');
  return out.join('\n');
}

function groupByKind(changes: readonly Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const c of changes) groups.set(c.kind, [...(groups.get(c.kind) ?? []), c]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('`', "'").replaceAll('\n', ' ');
}

export function countText(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
