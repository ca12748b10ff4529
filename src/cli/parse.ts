import { parseArgs } from 'node:util';
import { didYouMean } from '../util/suggest.js';
import { UsageError, type CommandSpec, type OptionValues } from './spec.js';

/** Parses a command's arguments strictly: unknown options, missing values and bad choices are usage errors. */
export function parseCommandArgs(command: CommandSpec, args: string[]): OptionValues {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
  }
  let values: OptionValues;
  try {
    // Boolean options are never `multiple` here, so arrays hold strings only.
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values as OptionValues;
  } catch (error) {
    throw new UsageError(explainParseError(error as Error & { code?: string }, command));
  }
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
      throw new UsageError(`--${name} must be ${spec.choices.map((c) => `"${c}"`).join(' or ')} (got "${value}")`);
    }
  }
  return values;
}

function explainParseError(error: Error & { code?: string }, command: CommandSpec): string {
  const known = Object.keys(command.options).map((n) => `--${n}`);
  const option = /'(-{1,2}[^'\s]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option} for "${command.name}"${didYouMean(option ?? '', known)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message)
        ? `${option} needs a value`
        : `${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(error.message)?.[1] ?? ''} for "${command.name}": options are written --name value`;
    default:
      return error.message;
  }
}
