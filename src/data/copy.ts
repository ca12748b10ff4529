import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { CopyIn, CopyOut } from './relay.js';

export interface CopyProgress {
  rows: number;
  bytes: number;
  ms: number;
}

/** How often a long copy says how far it got. */
const PROGRESS_EVERY_MS = 2000;

/**
 * Streams the rows of `select` on the source into `into` (a table and its
 * column list) on the target: COPY TO STDOUT relayed into COPY FROM STDIN on
 * the other connection with backpressure, so memory stays flat whatever the
 * table's size. Text format: portable across server versions.
 */
export async function copyRows(
  source: pg.Client,
  target: pg.Client,
  select: string,
  into: string,
  onProgress?: (progress: CopyProgress) => void,
  freeze = false,
): Promise<CopyProgress> {
  const start = performance.now();
  const out = source.query(new CopyOut(`COPY (${select}) TO STDOUT`));
  const sink = target.query(new CopyIn(`COPY ${into} FROM STDIN${freeze ? ' WITH (FREEZE)' : ''}`));
  const progress = () => ({ rows: out.rows, bytes: out.bytes, ms: performance.now() - start });
  const timer = onProgress ? setInterval(() => onProgress(progress()), PROGRESS_EVERY_MS) : undefined;
  try {
    await pipeline(out, sink);
  } finally {
    clearInterval(timer);
  }
  return { ...progress(), rows: sink.rowCount || out.rows };
}
