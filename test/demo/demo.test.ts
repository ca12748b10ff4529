import { execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';

const CLI = new URL('../../dist/cli/index.js', import.meta.url).pathname;

/** Data folders and server processes the demo's servers leave behind, if any. */
function leftovers(before: Set<string>): { dirs: string[]; processes: string[] } {
  const dirs = readdirSync(os.tmpdir()).filter((d) => /^pg-branch-sync-data-demo-/.test(d) && !before.has(d));
  const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => dirs.some((d) => l.includes(d)) || /pg-branch-sync-data-demo-.*postgres|postgres.*pg-branch-sync-data-demo-/.test(l));
  return { dirs, processes };
}

function run(onStderr?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(stderr, child);
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const settle = () => new Promise((r) => setTimeout(r, 1500));

describe('pg-branch-sync demo', () => {
  it('runs the whole pipeline on servers it starts, shows a second run has nothing to do, and leaves nothing behind', async () => {
    const before = new Set(readdirSync(os.tmpdir()));
    const { code, stdout, stderr } = await run();
    expect(stderr).toContain('Starting two embedded PostgreSQL servers');
    expect(code).toBe(0);
    // A terminal's rendering of the report: aligned text, no Markdown.
    expect(stdout).toMatch(/🔄 preview synced with production: \d+ changes applied \(2 destructive\) — checked /);
    expect(stdout).toMatch(/\n {2}app\.partner +200 +200 +✅ equal +\d+ ms\n/);
    expect(stdout).toContain('Masked in production before copying: app.partner (contact_email, contact_phone).');
    expect(stdout).toContain('Validation: all 6 checks passed');
    expect(stdout).toContain('✅ preview is in sync with production');
    expect(stdout).not.toContain('❌');
    expect(stdout).not.toMatch(/^#{1,6} |<\/?(details|summary|sub)>|\*\*|`|^\|/m);
    await settle();
    expect(leftovers(before)).toEqual({ dirs: [], processes: [] });
  });

  it('stops its servers and removes their data on Ctrl-C', async () => {
    const before = new Set(readdirSync(os.tmpdir()));
    let sent = false;
    const { code, stderr } = await run((text, child) => {
      if (!sent && text.includes('Building production')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(stderr).toContain('interrupted: stopping the servers');
    expect(code).toBe(130);
    await settle();
    expect(leftovers(before)).toEqual({ dirs: [], processes: [] });
  });
});
