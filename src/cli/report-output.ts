import type { RunReport } from '../pipeline/report.js';
import { githubContext } from '../report/github/context.js';
import { reportJson } from '../report/json.js';
import { renderReport } from '../report/markdown.js';
import { terminalReport, useColor } from '../report/terminal.js';
import type { CliIo, OptionSpec, OptionValues } from './spec.js';

export const REPORT_FORMATS = ['text', 'markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FORMAT_OPTION: Record<string, OptionSpec> = {
  format: { type: 'string', value: 'FORMAT', choices: REPORT_FORMATS, description: 'text (default: aligned, coloured on a terminal), markdown (the pull-request comment) or json' },
};

/** A report in the format asked for; text on a terminal, colour only there (NO_COLOR, FORCE_COLOR respected). */
export function formatReport(report: RunReport, format: ReportFormat, io: CliIo): string {
  const context = githubContext(io.env);
  switch (format) {
    case 'json':
      return reportJson(report, context);
    case 'markdown':
      return `${renderReport(report, { context })}\n`;
    case 'text':
      return `${terminalReport(report, { color: useColor(io.env, io.isTTY), context })}\n`;
  }
}

export function printReport(report: RunReport, values: OptionValues, io: CliIo): void {
  io.stdout(formatReport(report, ((values.format as string | undefined) ?? 'text') as ReportFormat, io));
}
