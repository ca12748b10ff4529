import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { cli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; bin: Record<string, string> };

describe('CLI', () => {
  it('prints its version, equal to package.json', async () => {
    expect(VERSION).toBe(pkg.version);
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('prints help, and exits 1 when given nothing to do', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pg-branch-sync <command> [options]');
    expect((await cli([])).code).toBe(1);
  });

  it('names an unknown command or option', async () => {
    expect(await cli(['frobnicate'])).toMatchObject({ code: 1, stderr: 'error: unknown command "frobnicate"\nRun pg-branch-sync --help to see the commands.\n' });
    expect(await cli(['--verison'])).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown option --verison (did you mean "--version"?)') });
  });

  it('runs as the package bin from the committed bundle', async () => {
    const bin = new URL(`../../${pkg.bin['pg-branch-sync']}`, import.meta.url);
    const { stdout } = await promisify(execFile)(process.execPath, [bin.pathname, '--help']);
    expect(stdout).toContain('Usage: pg-branch-sync <command> [options]');
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
