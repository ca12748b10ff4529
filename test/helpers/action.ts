import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { node24 } from './node.js';
import { tempDir } from './tmp.js';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Every text the run produced, for secret checks. */
  everything: string;
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter ... delimiter`). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]!] = m[3]!;
  return out;
}

/** Starts the packaged action the way a GitHub runner does: inputs as INPUT_* variables, file commands, Node 24. */
export function runAction(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<ActionRun> {
  const dir = tempDir('action');
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const action = new URL('../../dist/index.js', import.meta.url).pathname;
  return new Promise((resolve) => {
    execFile(
      node24(),
      [action],
      {
        ...(cwd ? { cwd } : {}),
        env: {
          PATH: process.env.PATH, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir,
          GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '42', ...inputEnv, ...env,
        },
      },
      (error, stdout, stderr) => {
        const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
        const summary = readFileSync(summaryFile, 'utf8');
        const report = outputs['report-file'] ? readFileSync(outputs['report-file'], 'utf8') : '';
        resolve({
          code: error ? Number(error.code ?? 1) : 0, stdout, stderr, outputs, summary,
          // ::add-mask:: lines are how the runner learns what to mask; it consumes them and never shows them.
          everything: [stdout.replace(/^::add-mask::.*$/gm, ''), stderr, summary, readFileSync(outputFile, 'utf8'), report].join('\n'),
        });
      },
    );
  });
}
