import { describeError } from '../db/errors.js';
import { didYouMean } from '../util/suggest.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands.js';
import { commandHelp, mainHelp } from './help.js';
import { parseCommandArgs } from './parse.js';
import { UsageError, type CliIo } from './spec.js';

export function defaultIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
  };
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const target = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout(target ? commandHelp(target) : mainHelp(COMMANDS, VERSION));
    return first === undefined ? 1 : 0;
  }
  if (first === '-V' || first === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    const names = first.startsWith('-') ? ['--help', '--version'] : COMMANDS.map((c) => c.name);
    io.stderr(`error: ${what}${didYouMean(first, names)}\nRun pg-branch-sync --help to see the commands.\n`);
    return 1;
  }
  try {
    const values = parseCommandArgs(command, rest);
    if (values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    return await command.run(values, io);
  } catch (error) {
    const hint = error instanceof UsageError ? `\nRun pg-branch-sync ${command.name} --help for its options.` : '';
    io.stderr(`error: ${describeError(error)}${hint}\n`);
    return 1;
  }
}
