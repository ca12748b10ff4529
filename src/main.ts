import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { actionLogger } from './action/logger.js';
import { readInputs } from './action/inputs.js';
import { describeError } from './db/errors.js';
import { runPipeline } from './pipeline/run.js';
import { summarize } from './report/plan-format.js';
import { renderReport } from './report/markdown.js';

/**
 * The action: reads inputs, runs the pipeline for one target, writes the
 * report (job summary, report file, outputs), and fails the step when the
 * sync failed or was blocked, with a message the user can act on.
 */
export async function run(): Promise<void> {
  const logger = actionLogger();
  try {
    const inputs = readInputs();
    const report = await runPipeline({
      ...inputs,
      filter: { schemas: inputs.schemas, excludeSchemas: inputs.excludeSchemas },
      logger,
    });
    const env = process.env;
    const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
    const markdown = renderReport(report, runUrl ? { runUrl } : {});
    const reportFile = path.join(env.RUNNER_TEMP || os.tmpdir(), `pg-branch-sync-${inputs.targetName}.md`);
    writeFileSync(reportFile, `${markdown}\n`);
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();

    const summary = report.schema ? summarize(report.schema.plan) : undefined;
    core.setOutput('status', report.status);
    core.setOutput('changes', String(summary?.total ?? 0));
    core.setOutput('destructive-changes', String(summary?.destructive ?? 0));
    core.setOutput('report-file', reportFile);
    if (report.status === 'failed' || report.status === 'blocked') core.setFailed(report.error ?? `the sync of ${inputs.targetName} failed`);
  } catch (error) {
    core.setOutput('status', 'failed');
    core.setFailed(describeError(error));
  }
}
