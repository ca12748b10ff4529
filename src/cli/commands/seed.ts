import { runPipeline } from '../../pipeline/run.js';
import { cliRun, CONNECTION_OPTIONS, SUPABASE_OPTIONS } from '../options.js';
import { printReport, REPORT_FORMAT_OPTION } from '../report-output.js';
import type { CommandSpec } from '../spec.js';

const { source: _source, ...TARGET_OPTIONS } = CONNECTION_OPTIONS;

export const seedCommand: CommandSpec = {
  name: 'seed',
  summary: 'apply seed files and test users to the target',
  details: `
Empties the [seed].reset tables (TRUNCATE ... RESTART IDENTITY; refused when
other tables reference them), runs the seed files in order, each in its own
transaction (or all in one: [seed].single_transaction), then creates or
updates the [[seed.users]] through Supabase's Auth admin API. The files are,
first found: --file, [seed].paths, supabase/config.toml [db.seed] sql_paths,
supabase/seed.sql. A failing file is rolled back and reported with its line.

Exit codes: 0 done (or nothing to seed), 1 error.`,
  options: {
    ...TARGET_OPTIONS,
    ...SUPABASE_OPTIONS,
    file: { type: 'string', multiple: true, value: 'FILE', description: 'run this seed file (repeatable) instead of the configured ones' },
    'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
    verbose: { type: 'boolean', description: 'print more of what happens' },
    ...REPORT_FORMAT_OPTION,
  },
  async run(values, io) {
    const { settings, targetName, logger, configFile } = await cliRun(values, io, 'unused');
    const report = await runPipeline({
      ...settings, targetName, logger, configFile, mode: 'apply', steps: ['seed'],
      seed: { ...settings.seed, enabled: true },
    });
    printReport(report, values, io);
    return report.status === 'failed' ? 1 : 0;
  },
};
