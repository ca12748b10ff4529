// Apart from the runner, so the pipeline can recognise it without loading COPY streams.
/** Where a seed file failed, and how PostgreSQL put it. */
export class SeedFileError extends Error {
  override name = 'SeedFileError';
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** The error without the file prefix, for annotations. */
    readonly reason: string,
    /** The annotation's title. */
    readonly title = 'seed file failed',
    /** PostgreSQL's own error, when it was one. */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}
