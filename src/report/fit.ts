import type { RunReport } from '../pipeline/report.js';
import type { Budget } from './blocks.js';
import type { ReportContext } from './github/context.js';
import { renderReport } from './markdown.js';

/** GitHub's job summary takes up to 1 MiB per step. */
export const SUMMARY_LIMIT = 1024 * 1024;

/**
 * The largest rendering under `limit`: first fewer SQL statements, then
 * fewer rows per detail table, each cut from the bottom (the riskiest rows
 * are at the top). The headline, summary, checks and run link are never cut.
 */
export function fitReport(render: (budget: Budget) => string, limit: number, size: (text: string) => number = (t) => t.length): string {
  const full = render({});
  if (size(full) <= limit) return full;
  const fits = (budget: Budget) => size(render(budget)) <= limit;
  const largest = (max: number, at: (n: number) => Budget): number | undefined => {
    if (!fits(at(0))) return undefined;
    let lo = 0;
    let hi = max;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(at(mid))) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const statements = (full.match(/\n/g)?.length ?? 0) + 1;
  const sql = largest(statements, (n) => ({ sql: n }));
  if (sql !== undefined) return render({ sql });
  const rows = largest(statements, (n) => ({ sql: 0, rows: n }));
  if (rows !== undefined) return render({ sql: 0, rows });
  // Only the checks and errors themselves are this long: cut at a line, say so.
  const note = '\n\n… cut here to fit; the full report is in the job summary and the report file.';
  const text = render({ sql: 0, rows: 0 });
  let end = limit - size(note);
  while (end > 0 && size(text.slice(0, end)) > limit - size(note)) end -= 1024;
  return text.slice(0, text.lastIndexOf('\n', end)) + note;
}

/** The job summary: the full report, cut the same way only past GitHub's 1 MiB. */
export function jobSummary(report: RunReport, context: ReportContext): string {
  return fitReport((budget) => renderReport(report, { context, budget, pointer: 'the report file (output report-file)' }), SUMMARY_LIMIT, (t) => Buffer.byteLength(t));
}
