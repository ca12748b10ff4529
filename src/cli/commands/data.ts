import { runPipeline } from '../../pipeline/run.js';
import { cliRun, CONNECTION_OPTIONS } from '../options.js';
import { printReport, REPORT_FORMAT_OPTION } from '../report-output.js';
import type { CommandSpec } from '../spec.js';

export const dataCommand: CommandSpec = {
  name: 'data',
  summary: 'copy the rows of chosen tables from source to target, masked, and prove parity',
  details: `
Copies the tables of [data].tables (globs such as public.ref_*, less
[data].exclude) from one REPEATABLE READ snapshot of the source into the
target, in one transaction: COPY streamed in foreign-key order, stored
generated columns left to the target, user triggers off during the load,
sequences moved past the copied rows, [data.mask] rules applied in the
source's query so personal data never leaves it unmasked. Before commit,
rows and a checksum are compared per table; any difference rolls it all back.
Modes ([data].mode or --mode): replace (default), upsert, append-missing.

Exit codes: 0 done and parity proven, 1 error (target unchanged).`,
  options: {
    ...CONNECTION_OPTIONS,
    table: { type: 'string', multiple: true, value: 'PATTERN', description: 'copy this table or glob (repeatable) instead of [data].tables' },
    mode: { type: 'string', value: 'MODE', choices: ['replace', 'upsert', 'append-missing'], description: 'replace (default), upsert or append-missing' },
    'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
    verbose: { type: 'boolean', description: 'print more of what happens' },
    ...REPORT_FORMAT_OPTION,
  },
  async run(values, io) {
    const { settings, targetName, logger, configFile } = await cliRun(values, io);
    const tables = values.table as string[] | undefined;
    const report = await runPipeline({
      ...settings, targetName, logger, configFile, mode: 'apply', steps: ['data'],
      data: {
        ...settings.data, enabled: true,
        ...(tables && tables.length > 0 ? { tables } : {}),
        ...(values.mode ? { mode: values.mode as 'replace' | 'upsert' | 'append-missing' } : {}),
      },
    });
    printReport(report, values, io);
    return report.status === 'failed' ? 1 : 0;
  },
};
