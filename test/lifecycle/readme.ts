import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

/** The config block of the README's "Config file" section, exactly as users copy it. */
export function readmeConfig(): string {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Config file\n'));
  const block = /```toml\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md: no toml block under "## Config file"');
  return block[1]!;
}

/** The input names the example workflow gives the action's step, and the env variables it sets there. */
export function exampleStep(file = 'examples/supabase-preview-sync.yml'): { inputs: string[]; env: string[] } {
  const text = readFileSync(new URL(file, root), 'utf8');
  const step = text.slice(text.indexOf('uses: pg-branch-sync/pg-branch-sync@'));
  const keysOf = (block: string | undefined) => [...(block ?? '').matchAll(/^ {10}([a-z][a-z0-9_-]*):/gim)].map((m) => m[1]!);
  const withBlock = /\n {8}with:\n([\s\S]*?)(?:\n {8}[a-z]|\n {6}- )/.exec(step)?.[1];
  const envBlock = /\n {8}env:\n([\s\S]*?)\n {6}- /.exec(step)?.[1];
  return { inputs: keysOf(withBlock), env: keysOf(envBlock) };
}
