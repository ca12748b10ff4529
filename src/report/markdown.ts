import type { RunReport } from '../pipeline/report.js';
import { maskSecrets } from '../log/secrets.js';
import type { Budget } from './blocks.js';
import { buildReport, type BuildOptions } from './build.js';
import { toMarkdown } from './gfm.js';
import type { ReportContext } from './github/context.js';

export interface ReportOptions {
  context?: ReportContext;
  /** Link to the workflow run (kept for callers that know only that). */
  runUrl?: string;
  budget?: Budget;
  pointer?: BuildOptions['pointer'];
}

/** The full report as GitHub Markdown: headline, what went wrong, summary, details riskiest first, checks, link to the run. */
export function renderReport(report: RunReport, options: ReportOptions = {}): string {
  const context = { ...(options.runUrl ? { runUrl: options.runUrl } : {}), ...options.context };
  const { blocks } = buildReport(report, { context, ...(options.budget ? { budget: options.budget } : {}), ...(options.pointer ? { pointer: options.pointer } : {}) });
  return maskSecrets(toMarkdown(blocks));
}
