/** The shape of a CLI command: what it is called, what it takes, what it does. */

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help: `--source URL`. */
  value?: string;
  multiple?: boolean;
  short?: string;
  /** Allowed values of a string option. */
  choices?: readonly string[];
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Extra help text: what it does in detail, exit codes, examples. */
  details: string;
  options: Record<string, OptionSpec>;
  /** Returns the process exit code. */
  run(values: OptionValues, io: CliIo): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}
