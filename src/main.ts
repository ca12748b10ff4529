import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { actionLogger } from './action/logger.js';
import { readInputs } from './action/inputs.js';
import { loadSettings } from './config/settings.js';
import { describeError } from './db/errors.js';
import { notStarted, runPipeline, type RunReport } from './pipeline/run.js';
import { summarize } from './report/plan-format.js';
import { renderReport } from './report/markdown.js';
import { jobSummary } from './report/fit.js';
import { githubContext } from './report/github/context.js';
import { postReport } from './report/github/comment.js';

/**
 * The action: reads inputs, runs the pipeline for one target, writes the
 * report (job summary, report file, outputs), and fails the step when the
 * sync failed or was blocked, with a message the user can act on.
 */
export async function run(): Promise<void> {
  const logger = actionLogger();
  let inputs: ReturnType<typeof readInputs>;
  try {
    inputs = readInputs();
  } catch (error) {
    core.setOutput('status', 'failed');
    core.setFailed(describeError(error));
    return;
  }
  try {
    let report: RunReport;
    try {
      const { settings, configFile } = await loadSettings(inputs.configFile, inputs.targetName, inputs.explicit, logger);
      if (inputs.fork && !settings.sourceUrl && !settings.targetUrl) {
        // A fork's pull request runs without the repository's secrets: nothing to sync with, and nothing wrong.
        logger.warning('this pull request comes from a fork, whose workflows get no secrets (source-url, target-url, supabase-access-token are empty): the sync is skipped. It runs for branches of this repository');
        core.setOutput('status', 'skipped');
        return;
      }
      if (settings.branch) core.setOutput('branch-ref', settings.branch.ref);
      const sourceUrl = settings.sourceUrl ?? fail(settings.unset?.sourceUrl, 'no source database: set the input source-url (from a secret), or source_url = "env:NAME" in the config');
      const targetUrl = settings.targetUrl ?? fail(settings.unset?.targetUrl, `no target database: set the input target-url (from a secret), or url = "env:NAME" under [targets.${inputs.targetName}] in the config`);
      report = await runPipeline({ ...settings, sourceUrl, targetUrl, targetName: inputs.targetName, configFile, logger });
      if (settings.branch) report.branch = settings.branch;
    } catch (error) {
      // A run that cannot start still writes its report and comment, so the reviewer sees why.
      report = notStarted(inputs.targetName, inputs.explicit.mode ?? 'apply', error);
    }
    const env = process.env;
    // The commit checked and the run's link; the job summary holds the full report (cut only past its 1 MiB).
    const context = githubContext(env);
    const markdown = renderReport(report, { context });
    if (inputs.comment) {
      const comment = await postReport({
        env, token: inputs.githubToken, targetName: inputs.targetName, logger,
        render: (budget) => renderReport(report, { context, budget }),
      });
      if (comment.url) core.setOutput('comment-url', comment.url);
    }
    const reportFile = path.join(env.RUNNER_TEMP || os.tmpdir(), `pg-branch-sync-${inputs.targetName}.md`);
    writeFileSync(reportFile, `${markdown}\n`);
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(jobSummary(report, context), true).write();

    const summary = report.schema ? summarize(report.schema.plan) : undefined;
    core.setOutput('status', report.status);
    core.setOutput('changes', String(summary?.total ?? 0));
    core.setOutput('destructive-changes', String(summary?.destructive ?? 0));
    core.setOutput('pending-migrations', String(report.migrations?.runs.length ?? 0));
    core.setOutput('failed-checks', String(report.validation?.checks.filter((c) => c.status === 'fail').length ?? 0));
    core.setOutput('report-file', reportFile);
    if (report.status === 'failed' || report.status === 'blocked') {
      const message = report.error ?? `the sync of ${inputs.targetName} failed`;
      // Said once: as an annotation on the user's file and line when there is one.
      if (report.errorAt) {
        const { reason, ...where } = report.errorAt;
        logger.error(reason, where);
        process.exitCode = core.ExitCode.Failure;
      } else {
        core.setFailed(message);
      }
    }
  } catch (error) {
    core.setOutput('status', 'failed');
    core.setFailed(describeError(error));
  }
}

function fail(unset: Error | undefined, otherwise: string): never {
  throw unset ?? new Error(otherwise);
}
