import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { actionLogger } from './action/logger.js';
import { readInputs } from './action/inputs.js';
import { ConfigError } from './config/error.js';
import { loadConfig } from './config/find.js';
import { resolveSettings } from './config/resolve.js';
import { describeError } from './db/errors.js';
import { runPipeline } from './pipeline/run.js';
import { summarize } from './report/plan-format.js';
import { renderReport } from './report/markdown.js';
import { postReport } from './report/github/comment.js';

/**
 * The action: reads inputs, runs the pipeline for one target, writes the
 * report (job summary, report file, outputs), and fails the step when the
 * sync failed or was blocked, with a message the user can act on.
 */
export async function run(): Promise<void> {
  const logger = actionLogger();
  try {
    const inputs = readInputs();
    const loaded = await loadConfig(inputs.configFile);
    const root = loaded ? path.dirname(path.resolve(loaded.file)) : process.cwd();
    const settings = resolveSettings(loaded?.config, inputs.targetName, inputs.explicit, (m) => logger.warning(m), root);
    if (!settings.sourceUrl || !settings.targetUrl) throw new Error('source-url and target-url are required');
    const report = await runPipeline({
      ...settings, sourceUrl: settings.sourceUrl, targetUrl: settings.targetUrl, targetName: inputs.targetName, configFile: loaded?.file, logger,
    });
    const env = process.env;
    const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
    const markdown = renderReport(report, runUrl ? { runUrl } : {});
    if (inputs.comment) {
      const comment = await postReport({
        env, token: inputs.githubToken, targetName: inputs.targetName, logger,
        render: (maxSqlChars) => renderReport(report, { ...(runUrl ? { runUrl } : {}), ...(maxSqlChars !== undefined ? { maxSqlChars } : {}) }),
      });
      if (comment.url) core.setOutput('comment-url', comment.url);
    }
    const reportFile = path.join(env.RUNNER_TEMP || os.tmpdir(), `pg-branch-sync-${inputs.targetName}.md`);
    writeFileSync(reportFile, `${markdown}\n`);
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();

    const summary = report.schema ? summarize(report.schema.plan) : undefined;
    core.setOutput('status', report.status);
    core.setOutput('changes', String(summary?.total ?? 0));
    core.setOutput('destructive-changes', String(summary?.destructive ?? 0));
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
    if (error instanceof ConfigError) {
      // Said once, as an annotation on the config file's line.
      core.error(error.message, { file: error.file, ...(error.line ? { startLine: error.line } : {}), title: 'pg-branch-sync config' });
      process.exitCode = core.ExitCode.Failure;
      return;
    }
    core.setFailed(describeError(error));
  }
}
