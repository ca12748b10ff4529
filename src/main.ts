import * as core from '@actions/core';
import { actionLogger } from './action/logger.js';
import { readInputs } from './action/inputs.js';
import { connect } from './db/connect.js';
import { describeError } from './db/errors.js';

/**
 * The action: reads inputs, runs the pipeline for one target, and turns any
 * error into a failed step with a message the user can act on.
 */
export async function run(): Promise<void> {
  const logger = actionLogger();
  try {
    const inputs = readInputs();
    const source = await connect(inputs.sourceUrl, { role: 'source', label: 'source database', onRetry: logger.warning });
    try {
      const target = await connect(inputs.targetUrl, { role: 'target', label: `target "${inputs.targetName}"`, onRetry: logger.warning });
      try {
        for (const [name, client] of [['source', source], [inputs.targetName, target]] as const) {
          const { rows } = await client.query<{ v: string }>("select current_setting('server_version') as v");
          logger.info(`${name}: PostgreSQL ${rows[0]?.v}`);
        }
      } finally {
        await target.end();
      }
    } finally {
      await source.end();
    }
  } catch (error) {
    core.setFailed(describeError(error));
  }
}
