import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { node24 } from '../helpers/node.js';

function runAction(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const action = new URL('../../dist/index.js', import.meta.url).pathname;
  return new Promise((resolve) => {
    execFile(node24(), [action], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the packaged action', () => {
  it('fails with a message naming the missing input source-url', async () => {
    const result = await runAction({});
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::no source database: set the input source-url (from a secret), or source_url = "env:NAME" in the config');
  });

  it('does nothing at import: run() is only called by the entry point', async () => {
    const before = process.exitCode;
    await import('../../src/main.js');
    expect(process.exitCode).toBe(before);
  });
});
