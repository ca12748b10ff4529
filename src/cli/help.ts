import type { CommandSpec } from './spec.js';

export function commandHelp(command: CommandSpec): string {
  const rows = Object.entries(command.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    const extra = [o.multiple ? '(repeatable)' : '', o.choices ? `(${o.choices.join(' | ')})` : ''].filter(Boolean).join(' ');
    return [flag, extra ? `${o.description} ${extra}` : o.description] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return [
    `Usage: pg-branch-sync ${command.name} [options]`,
    '',
    command.summary,
    '',
    command.details.trim(),
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    '',
  ].join('\n');
}

export function mainHelp(commands: readonly CommandSpec[], version: string): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length)) + 2;
  return [
    `pg-branch-sync ${version}: keep preview and testing PostgreSQL databases in sync with production.`,
    '',
    'Usage: pg-branch-sync <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (pg-branch-sync <command> --help for a command)',
    '  -V, --version  print the version',
    '',
    'Database URLs come from --source / --target or SOURCE_DATABASE_URL / TARGET_DATABASE_URL.',
    'Without a target URL, --supabase-project-ref REF with SUPABASE_ACCESS_TOKEN set makes the target a Supabase preview branch.',
    '',
  ].join('\n');
}
