import type pg from 'pg';
import { connect } from '../db/connect.js';
import { assertDifferentDatabases } from '../db/guard.js';
import { parseConnectionString, type ConnectionSpec } from '../db/url.js';
import type { Logger } from '../log/logger.js';

export interface Sessions {
  source: pg.Client;
  target: pg.Client;
  sourceSpec: ConnectionSpec;
  targetSpec: ConnectionSpec;
  /** Open one more session to each database (no retries), e.g. to share a read in one snapshot. */
  helpers: { source: () => Promise<pg.Client>; target: () => Promise<pg.Client> };
  close(): Promise<void>;
}

export interface SessionOptions {
  sourceUrl: string;
  targetUrl: string;
  targetName: string;
  logger: Logger;
}

/**
 * Opens the source READ ONLY and the target, and refuses to go on when the
 * target is the source.
 */
export async function openSessions(options: SessionOptions): Promise<Sessions> {
  const sourceSpec = parseConnectionString(options.sourceUrl, 'source URL');
  const targetSpec = parseConnectionString(options.targetUrl, `target URL ("${options.targetName}")`);
  for (const [spec, what] of [[sourceSpec, 'source'], [targetSpec, 'target']] as const) {
    if (spec.ignored.length > 0) options.logger.warning(`${what} URL: ignoring parameter(s) ${spec.ignored.join(', ')}`);
  }
  const onRetry = (message: string) => options.logger.warning(message);
  // Settle every attempt before cleaning up: a session that opens after another failed must be closed too.
  const attempts = await Promise.allSettled([
    connect(sourceSpec, { role: 'source', label: 'source database', onRetry }),
    connect(targetSpec, { role: 'target', label: `target "${options.targetName}"`, onRetry }),
  ]);
  const opened = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
  const close = async () => {
    await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
  };
  try {
    const failed = attempts.find((a) => a.status === 'rejected');
    if (failed) throw failed.reason;
    const [source, target] = opened as [pg.Client, pg.Client];
    await assertDifferentDatabases({ spec: sourceSpec, client: source }, { spec: targetSpec, client: target });
    const helpers = {
      source: () => connect(sourceSpec, { role: 'source', label: 'source database', retries: 0 }),
      target: () => connect(targetSpec, { role: 'target', label: `target "${options.targetName}"`, retries: 0 }),
    };
    return { source, target, sourceSpec, targetSpec, helpers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Only the target, for the commands that do not read the source (seed, validate without drift). */
export async function openTarget(options: Omit<SessionOptions, 'sourceUrl'>): Promise<{ target: pg.Client; close(): Promise<void> }> {
  const targetSpec = parseConnectionString(options.targetUrl, `target URL ("${options.targetName}")`);
  if (targetSpec.ignored.length > 0) options.logger.warning(`target URL: ignoring parameter(s) ${targetSpec.ignored.join(', ')}`);
  const target = await connect(targetSpec, { role: 'target', label: `target "${options.targetName}"`, onRetry: (m) => options.logger.warning(m) });
  return { target, close: () => target.end().catch(() => undefined) };
}
