import { type Action, type Change, type Hazard, type Plan } from '../diff/change.js';
import { capRows, code, countText, join, strong, type Block, type Budget, type Inline, type LeftOut } from './blocks.js';
import { toMarkdown } from './gfm.js';

export { countText } from './blocks.js';

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
  return [...formatPlanParts(plan, format, targetName)].join('');
}

/**
 * The same text in parts, a statement or so each: a big plan is written out
 * without its whole text (and the objects it is made from) in memory at once.
 */
export function* formatPlanParts(plan: Plan, format: PlanFormat, targetName: string): Generator<string> {
  switch (format) {
    case 'json':
      yield* planJson(plan);
      return;
    case 'markdown':
      yield `${toMarkdown(planBlocks(plan, {}, { sql: 0, rows: 0 }))}\n`;
      return;
    case 'sql':
      yield* planSql(plan, targetName);
  }
}

/** JSON.stringify(…, null, 2) of the whole plan, its changes stringified one by one at their depth. */
function* planJson(plan: Plan): Generator<string> {
  const rest = JSON.stringify({ changes: [], summary: summarize(plan), notes: plan.notes }, null, 2);
  if (plan.changes.length === 0) {
    yield `${rest}\n`;
    return;
  }
  const empty = '{\n  "changes": [],';
  yield '{\n  "changes": [\n';
  for (const [i, c] of plan.changes.entries()) yield `${i > 0 ? ',\n' : ''}${changeJson(c)}`;
  yield `\n  ],${rest.slice(empty.length)}\n`;
}

const str = (s: string) => JSON.stringify(s);

/** One change as JSON.stringify(publicChange(c), null, 2) prints it at the depth of the list, without building it (a big plan has thousands). */
export function changeJson(c: Change): string {
  const hazards = c.hazards.length === 0 ? '[]' : `[\n        ${c.hazards.map(str).join(',\n        ')}\n      ]`;
  const origin = c.origin ? `,\n      "origin": ${str(c.origin)}` : '';
  return `    {\n      "sql": ${str(c.sql)},\n      "object": ${str(c.object)},\n      "kind": ${str(c.kind)},\n      "action": ${str(c.action)},\n      "hazards": ${hazards}${origin}\n    }`;
}

function* planSql(plan: Plan, targetName: string): Generator<string> {
  const s = summarize(plan);
  yield s.total === 0
    ? `-- pg-branch-sync: target "${targetName}" already matches the source; nothing to do.`
    : `-- pg-branch-sync plan for target "${targetName}": ${countText(s.total, 'change')}${s.destructive ? `, ${s.destructive} destructive` : ''}.`;
  for (const [i, c] of plan.changes.entries()) {
    const hazards = c.hazards.length ? ` [${c.hazards.join(', ')}]` : '';
    const what = c.kind === 'grant' || c.kind === 'comment' ? c.kind : `${c.action} ${c.kind}`;
    const from = c.origin === 'pull request' ? ' (from the pull request)' : '';
    yield `\n\n-- ${i + 1}. ${what} ${c.object}${from}${hazards}\n${c.sql}`;
  }
  if (plan.notes.length > 0) yield `\n\n${plan.notes.map((n) => `-- note: ${n.object}: ${n.message}`).join('\n')}`;
  yield '\n';
}

/** Riskiest first: the order rows are shown in, and cut from the bottom of. */
const HAZARD_ORDER: readonly Hazard[] = ['destructive', 'rewrite', 'lock', 'index-build', 'access'];
const HAZARD_BADGE: Record<Hazard, string> = {
  destructive: '🛑 destructive',
  rewrite: '♻️ rewrite',
  lock: '🔒 lock',
  'index-build': '🏗️ index build',
  access: '🔑 access',
};

export function hazardBadges(hazards: readonly Hazard[]): string {
  return [...hazards].sort((a, b) => HAZARD_ORDER.indexOf(a) - HAZARD_ORDER.indexOf(b)).map((h) => HAZARD_BADGE[h]).join(' ');
}

/** The schema line of the summary: how many changes, and how many of each risk. */
export function planSummaryText(plan: Plan): string {
  const s = summarize(plan);
  if (s.total === 0) return 'in sync, no changes';
  const risks = [
    s.destructive ? `${s.destructive} destructive` : '',
    s.hazards.rewrite ? countText(s.hazards.rewrite, 'rewrite') : '',
    s.hazards.lock ? countText(s.hazards.lock, 'lock') : '',
    s.hazards.access ? `${s.hazards.access} access` : '',
  ].filter(Boolean);
  const fromPr = plan.changes.filter((c) => c.origin === 'pull request').length;
  return `${countText(s.total, 'change')}${risks.length ? ` — ${risks.join(', ')}` : ''}${fromPr ? `; ${fromPr} from this pull request` : ''}`;
}

interface Row {
  change: string;
  object: string;
  count: number;
  hazards: Hazard[];
  origin: Change['origin'];
}

const risk = (hazards: readonly Hazard[]) => Math.min(HAZARD_ORDER.length, ...hazards.map((h) => HAZARD_ORDER.indexOf(h)));

/** Identical entries become one row with a count; rows are ordered riskiest first, the plan's order within. */
export function changeRows(changes: readonly Change[]): Row[] {
  const rows = new Map<string, Row>();
  for (const c of changes) {
    const hazards = [...c.hazards].sort();
    const key = [c.kind, c.action, c.object, hazards.join(','), c.origin ?? ''].join('\u0000');
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { change: `${c.action} ${c.kind}`, object: c.object, count: 1, hazards, origin: c.origin });
  }
  return [...rows.values()].map((r, i) => ({ r, i })).sort((a, b) => risk(a.r.hazards) - risk(b.r.hazards) || a.i - b.i).map(({ r }) => r);
}

/** Kinds that come by the dozen and carry little risk: one line each, unless they are all there is. */
const FOLDED_KINDS: readonly { kind: string; label: string }[] = [{ kind: 'comment', label: 'Comments' }, { kind: 'grant', label: 'Grants' }];
const FOLD_TABLE_OVER = 15;
const NAMES_SHOWN = 4;

/** The schema changes: riskiest first, repeated entries merged, comments and grants a line each, the SQL folded. */
export function planBlocks(plan: Plan, budget: Budget, left: LeftOut, pointer?: Inline): Block[] {
  if (plan.changes.length === 0) return [{ kind: 'para', text: [strong('Schema:'), ' in sync, no changes.'] }];
  const out: Block[] = [{ kind: 'heading', text: `Schema changes: ${planSummaryText(plan)}` }];
  const origins = plan.changes.some((c) => c.origin);
  const foldAll = plan.changes.every((c) => FOLDED_KINDS.some((f) => f.kind === c.kind));
  const folded = foldAll ? [] : FOLDED_KINDS.filter((f) => plan.changes.some((c) => c.kind === f.kind));
  const rows = changeRows(plan.changes.filter((c) => !folded.some((f) => f.kind === c.kind)));
  const head = origins ? ['Change', 'Object', 'From', 'Hazards'] : ['Change', 'Object', 'Hazards'];
  const cells = (r: Row): Inline[] => [
    r.change,
    r.count > 1 ? [code(r.object), ` ×${r.count}`] : code(r.object),
    ...(origins ? [r.origin === 'pull request' ? '🔀 pull request' : 'production'] : []),
    hazardBadges(r.hazards),
  ];
  const shown = capRows(rows, budget, left);
  const cut = rows.length - shown.length;
  const table = (list: readonly Row[]): Block => ({ kind: 'table', head, rows: list.map(cells) });
  if (shown.length <= FOLD_TABLE_OVER) {
    if (shown.length > 0) out.push(table(shown));
  } else {
    // A long list is folded; what would lose data stays in view above it.
    const open = shown.filter((r) => r.hazards.includes('destructive'));
    const rest = shown.filter((r) => !r.hazards.includes('destructive'));
    if (open.length > 0) out.push(table(open));
    const locks = rest.filter((r) => r.hazards.some((h) => h === 'lock' || h === 'rewrite')).length;
    out.push({
      kind: 'fold', summary: `${open.length > 0 ? 'Other changes' : 'Changes'}: ${countText(rest.length, 'row')}${locks ? `, ${locks} taking locks` : ''}`,
      body: [table(rest)],
    });
  }
  if (cut > 0) out.push({ kind: 'para', text: [`… and ${countText(cut, 'more row')}, left out to fit: `, ...(pointer ? [pointer] : ['see the job summary']), '.'] });
  for (const f of folded) {
    const of = plan.changes.filter((c) => c.kind === f.kind);
    const names = [...new Set(of.map((c) => c.object))];
    const hazards = [...new Set(of.flatMap((c) => c.hazards))];
    const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : '';
    out.push({ kind: 'para', text: [strong(`${f.label}:`), ` ${countText(of.length, 'change')} on `, ...join(names.slice(0, NAMES_SHOWN).map(code), ', '), more, hazards.length ? ` (${hazardBadges(hazards)})` : ''] });
  }
  for (const n of plan.notes) out.push({ kind: 'para', text: ['⚠️ ', code(n.object), `: ${n.message}`] });
  out.push(sqlFold(plan, budget, left));
  return out;
}

function sqlFold(plan: Plan, budget: Budget, left: LeftOut): Block {
  const max = budget.sql ?? Infinity;
  const statements = plan.changes.map((c) => c.sql);
  const kept = statements.slice(0, max);
  const cut = statements.length - kept.length;
  left.sql += cut;
  const text = kept.join('\n') + (cut > 0 ? `${kept.length > 0 ? '\n' : ''}-- … ${countText(cut, 'more statement')} left out to fit: the job summary has them all` : '');
  return {
    kind: 'fold', summary: `SQL · ${countText(statements.length, 'statement')}`, body: [{ kind: 'code', lang: 'sql', text }],
    terminal: `SQL: ${countText(statements.length, 'statement')}, folded here (pg-branch-sync plan --format sql prints them)`,
  };
}
