import { runPipeline } from '../../pipeline/run.js';
import { cliRun, CONNECTION_OPTIONS, SCHEMA_OPTIONS, SUPABASE_OPTIONS } from '../options.js';
import { printReport, REPORT_FORMAT_OPTION } from '../report-output.js';
import type { CommandSpec } from '../spec.js';

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'check the target: schema drift, required tables, assertions, seed users, Supabase APIs',
  details: `
Runs every check and prints each as pass, fail or skipped, with the reason
and its time: the target's schema equals the source's (needs --source or
SOURCE_DATABASE_URL; skipped without), [validate].required_tables and
required_columns exist, each [[validate.assert]] query (READ ONLY, under
[validate].statement_timeout) holds, the [[seed.users]] exist and are
confirmed, and with a Supabase URL: the REST API answers for each required
table, and a seed user signs in with its password. Never writes.

Exit codes: 0 all checks pass, 4 a check failed, 1 error.`,
  options: {
    ...CONNECTION_OPTIONS,
    ...SCHEMA_OPTIONS,
    ...SUPABASE_OPTIONS,
    ...REPORT_FORMAT_OPTION,
  },
  async run(values, io) {
    const { settings, targetName, logger, configFile } = await cliRun(values, io, 'optional');
    const report = await runPipeline({
      ...settings, targetName, logger, configFile, steps: ['validate'],
      validate: { ...settings.validate, enabled: true },
    });
    printReport(report, values, io);
    return report.checksFailed ? 4 : report.status === 'failed' ? 1 : 0;
  },
};
