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
  const opened: pg.Client[] = [];
  const close = async () => {
    await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
  };
  try {
    const [source, target] = await Promise.all([
      connect(sourceSpec, { role: 'source', label: 'source database', onRetry }).then((c) => (opened.push(c), c)),
      connect(targetSpec, { role: 'target', label: `target "${options.targetName}"`, onRetry }).then((c) => (opened.push(c), c)),
    ]);
    await assertDifferentDatabases({ spec: sourceSpec, client: source }, { spec: targetSpec, client: target });
    return { source, target, sourceSpec, targetSpec, close };
  } catch (error) {
    await close();
    throw error;
  }
}
