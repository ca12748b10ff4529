import { maskSecrets } from './secrets.js';

/** Where a message points in a file, for annotations. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  title?: string;
}

/**
 * How the pipeline speaks. The action writes workflow commands through
 * @actions/core; the CLI writes plain lines to stderr. Every implementation
 * masks secrets.
 */
export interface Logger {
  info(message: string): void;
  warning(message: string, where?: SourceLocation): void;
  error(message: string, where?: SourceLocation): void;
  debug(message: string): void;
  /** Runs `fn` inside a folded group (a plain heading on a terminal). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export interface StreamLoggerOptions {
  verbose?: boolean;
  write?: (text: string) => void;
}

/** The CLI's logger: stderr, so stdout stays clean for plans and JSON. */
export function streamLogger(options: StreamLoggerOptions = {}): Logger {
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const line = (text: string) => write(`${maskSecrets(text)}\n`);
  const at = (where?: SourceLocation) =>
    where ? `${where.file}${where.line ? `:${where.line}` : ''}${where.column ? `:${where.column}` : ''}: ` : '';
  return {
    info: (m) => line(m),
    warning: (m, where) => line(`warning: ${at(where)}${m}`),
    error: (m, where) => line(`error: ${at(where)}${m}`),
    debug: (m) => {
      if (options.verbose) line(`debug: ${m}`);
    },
    group: async (title, fn) => {
      line(`== ${title}`);
      return fn();
    },
  };
}

/** A logger that keeps everything, for tests and reports. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const base = streamLogger({ verbose: true, write: (t) => lines.push(t.replace(/\n$/, '')) });
  return Object.assign(base, { lines });
}
