export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
  }
}
