import { runPipeline } from '../../pipeline/run.js';
import { cliRun, CONNECTION_OPTIONS, SCHEMA_OPTIONS, SUPABASE_OPTIONS } from '../options.js';
import { printReport, REPORT_FORMAT_OPTION } from '../report-output.js';
import type { CommandSpec } from '../spec.js';

export const runCommand: CommandSpec = {
  name: 'run',
  summary: 'run the whole pipeline for one target exactly as the action does, and print its report',
  details: `
Connects (refusing a target that is the source), then syncs the schema
(--mode apply, the default) or only plans it (--mode plan), copies the
[data] tables when enabled (see data --help), seeds the target
(see seed --help; not in plan mode), validates it (see validate --help), and
prints the report the pull-request comment and job summary show.

Exit codes: 0 done, 3 blocked: destructive changes without --allow-destructive,
4 a validation check failed, 1 error (a failed phase leaves the target unchanged).`,
  options: {
    ...CONNECTION_OPTIONS,
    ...SCHEMA_OPTIONS,
    mode: { type: 'string', value: 'MODE', choices: ['apply', 'plan'], description: 'apply (default) or plan' },
    'allow-destructive': { type: 'boolean', description: 'allow statements that lose data' },
    'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
    'sync-data': { type: 'boolean', description: 'copy the [data] tables (off unless enabled here or in the config)' },
    'no-seed': { type: 'boolean', description: 'skip the seed phase' },
    'no-validate': { type: 'boolean', description: 'skip the validation phase' },
    ...SUPABASE_OPTIONS,
    ...REPORT_FORMAT_OPTION,
  },
  async run(values, io) {
    const { settings, targetName, logger, configFile } = await cliRun(values, io);
    const report = await runPipeline({ ...settings, targetName, logger, configFile });
    printReport(report, values, io);
    return report.status === 'blocked' ? 3 : report.checksFailed ? 4 : report.status === 'failed' ? 1 : 0;
  },
};
