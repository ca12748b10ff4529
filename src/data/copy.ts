import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

export interface CopyProgress {
  rows: number;
  bytes: number;
  ms: number;
}

/** How often a long copy says how far it got. */
const PROGRESS_EVERY_MS = 2000;
const NEWLINE = 0x0a;

/**
 * Streams the rows of `select` on the source into `into` (a table and its
 * column list) on the target: COPY TO STDOUT piped into COPY FROM STDIN on
 * the other connection, chunk by chunk with backpressure, so memory stays
 * flat whatever the table's size. Text format: portable across server
 * versions, and a row ends at each raw newline (data newlines are escaped),
 * which counts rows as they pass.
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
  const progress: CopyProgress = { rows: 0, bytes: 0, ms: 0 };
  let lastReport = start;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      progress.bytes += chunk.length;
      for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) progress.rows++;
      const now = performance.now();
      if (onProgress && now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        onProgress({ ...progress, ms: now - start });
      }
      callback(null, chunk);
    },
  });
  const out = source.query(copyTo(`COPY (${select}) TO STDOUT`));
  const sink = target.query(copyFrom(`COPY ${into} FROM STDIN${freeze ? ' WITH (FREEZE)' : ''}`));
  await pipeline(out, counter, sink);
  progress.rows = sink.rowCount || progress.rows;
  progress.ms = performance.now() - start;
  return progress;
}
