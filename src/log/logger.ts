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
  /** How far a long step got: a live line on a terminal, a plain line elsewhere. */
  progress(message: string): void;
  /** Runs `fn` inside a folded group (a plain heading on a terminal). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export interface StreamLoggerOptions {
  verbose?: boolean;
  write?: (text: string) => void;
  /** A terminal: progress rewrites one line in place. */
  live?: boolean;
}

/** The CLI's logger: stderr, so stdout stays clean for plans and JSON. */
export function streamLogger(options: StreamLoggerOptions = {}): Logger {
  const out = options.write ?? ((text: string) => void process.stderr.write(text));
  let showing = false;
  // A live progress line is cleared before anything else is written.
  const write = (text: string) => {
    if (showing) out('\r\x1b[K');
    showing = false;
    out(text);
  };
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
    progress: (m) => {
      if (!options.live) return line(m);
      write(maskSecrets(m));
      showing = true;
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
