import { publicChange } from '../diff/change.js';
import { maskSecrets } from '../log/secrets.js';
import type { RunReport } from '../pipeline/report.js';
import type { ReportContext } from './github/context.js';
import { summarize } from './plan-format.js';

/** The report as one JSON object (`--format json`): what a script needs, the plan as `plan --format json` gives it. */
export function reportJson(report: RunReport, context: ReportContext = {}): string {
  const { schema, startedAt, finishedAt, ...rest } = report;
  const out = {
    ...rest,
    ...(context.sha ? { commit: context.sha } : {}),
    ...(context.runUrl ? { runUrl: context.runUrl } : {}),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    ms: finishedAt.getTime() - startedAt.getTime(),
    ...(schema ? { schema: { status: schema.status, summary: summarize(schema.plan), changes: schema.plan.changes.map(publicChange), notes: schema.plan.notes } } : {}),
  };
  return `${maskSecrets(JSON.stringify(out, null, 2))}\n`;
}
