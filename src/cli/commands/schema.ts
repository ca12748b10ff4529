import { runPipeline } from '../../pipeline/run.js';
import { countText, formatPlanParts, PLAN_FORMATS, summarize, type PlanFormat } from '../../report/plan-format.js';
import { cliRun, CONNECTION_OPTIONS, SCHEMA_OPTIONS } from '../options.js';
import type { Logger } from '../../log/logger.js';
import type { CliIo, CommandSpec, OptionValues } from '../spec.js';

export const planCommand: CommandSpec = {
  name: 'plan',
  summary: 'print the statements that would make the target schema equal to the source, changing nothing',
  details: `
Reads both catalogs and prints the plan: each statement with its object, kind of
change and hazards (destructive, rewrite, lock, index-build, access).

Exit codes: 0 no changes, 2 changes pending, 1 error.`,
  options: {
    ...CONNECTION_OPTIONS,
    ...SCHEMA_OPTIONS,
    format: { type: 'string', value: 'FORMAT', choices: PLAN_FORMATS, description: 'output format (default: sql)' },
  },
  async run(values, io) {
    const { settings, targetName, logger } = await cliRun(values, io);
    const report = await runPipeline({ ...settings, targetName, logger: quiet(logger, values), mode: 'plan', steps: ['schema'] });
    if (report.status === 'failed' || !report.schema) return failed(report.error, io);
    const { plan } = report.schema;
    // Written in pieces of about a megabyte: a big plan's whole text is never held at once.
    let piece = '';
    for (const part of formatPlanParts(plan, ((values.format as string | undefined) ?? 'sql') as PlanFormat, targetName)) {
      piece += part;
      if (piece.length >= 1 << 20) {
        io.stdout(piece);
        piece = '';
      }
    }
    if (piece) io.stdout(piece);
    return plan.changes.length === 0 ? 0 : 2;
  },
};

export const applyCommand: CommandSpec = {
  name: 'apply',
  summary: 'make the target schema equal to the source in one transaction, then prove no difference is left',
  details: `
Computes the plan and applies it to the target in one transaction, holding an
advisory lock so concurrent runs never interleave; then reads the target again
and fails if anything still differs. Destructive statements (dropping tables,
columns or types, narrowing types, removing enum values) are refused unless
--allow-destructive is given.

Exit codes: 0 done (or nothing to do), 3 refused: destructive changes without
--allow-destructive, 1 error (the target is left unchanged).`,
  options: {
    ...CONNECTION_OPTIONS,
    ...SCHEMA_OPTIONS,
    'allow-destructive': { type: 'boolean', description: 'allow statements that lose data' },
    'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
  },
  async run(values, io) {
    const { settings, targetName, logger } = await cliRun(values, io);
    const report = await runPipeline({ ...settings, targetName, logger: quiet(logger, values), mode: 'apply', steps: ['schema'] });
    const result = report.schema;
    if (result) for (const note of result.plan.notes) logger.warning(`${note.object}: ${note.message}`);
    if (report.status === 'blocked' && result) {
      const destructive = result.plan.changes.filter((c) => c.hazards.includes('destructive'));
      io.stderr(
        `refused: the plan has ${countText(destructive.length, 'destructive statement')}; nothing was applied.\n` +
          destructive.map((c) => `  ${c.sql.split('\n')[0]}`).join('\n') +
          '\nRe-run with --allow-destructive to apply them.\n',
      );
      return 3;
    }
    if (report.status === 'failed' || !result) return failed(report.error, io);
    const pending = report.migrations?.runs.length ?? 0;
    const wanted = pending > 0 ? `production + ${countText(pending, 'migration')} of this pull request` : 'the source';
    io.stderr(
      result.status === 'no-changes'
        ? `target "${targetName}" already matches ${wanted}; nothing to do.\n`
        : `target "${targetName}": applied ${countText(summarize(result.plan).total, 'change')} in one transaction; no difference is left${pending > 0 ? ` (it equals ${wanted})` : ''}.\n`,
    );
    return 0;
  },
};

function failed(error: string | undefined, io: CliIo): number {
  io.stderr(`error: ${error ?? 'the run failed'}\n`);
  return 1;
}

/** plan and apply print their result alone: the pipeline's phase headings only with --verbose. */
function quiet(logger: Logger, values: OptionValues): Logger {
  return values.verbose === true ? logger : { ...logger, group: (_title, fn) => fn() };
}
