import type { SeedResult } from '../seed/phase.js';
import type { ValidateResult } from '../validate/phase.js';
import { countText } from './plan-format.js';

export function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replaceAll('\r', '').replaceAll('|', '\\|').replaceAll('\n', '<br>');
}

const FILE_STATUS = { applied: '✅ applied', failed: '❌ failed', 'rolled back': '↩️ rolled back', 'not run': '⏭️ not run' } as const;

/** Seed files (with statements and time), emptied tables, and test users. */
export function seedMarkdown(seed: SeedResult): string {
  const out = ['#### Seed', ''];
  if (seed.files.length === 0 && seed.reset.length === 0 && seed.users.length === 0) {
    return [...out, `Nothing to seed: ${seed.origin}.`].join('\n');
  }
  if (seed.reset.length > 0) out.push(`Emptied first (RESTART IDENTITY): ${seed.reset.map((t) => `\`${t}\``).join(', ')}`, '');
  if (seed.files.length > 0) {
    out.push(`Files from ${seed.origin}${seed.singleTransaction ? ', all in one transaction' : ', each in its own transaction'}:`, '');
    out.push('| File | Result | Statements | Time |', '|---|---|---:|---:|');
    for (const f of seed.files) out.push(`| \`${cell(f.file)}\` | ${FILE_STATUS[f.status]} | ${f.statements} | ${duration(f.ms)} |`);
    out.push('');
  }
  if (seed.users.length > 0) {
    out.push('| Test user | Result |', '|---|---|');
    for (const u of seed.users) out.push(`| ${cell(u.email)} | ${u.action === 'created' ? '✅ created' : '✅ updated'} |`);
  }
  return out.join('\n').trimEnd();
}

const CHECK_STATUS = { pass: '✅ pass', fail: '❌ fail', skip: '⏭️ skipped' } as const;

/** Every validation check with its result, detail and time. */
export function validationMarkdown(validation: ValidateResult): string {
  const passed = validation.checks.filter((c) => c.status === 'pass').length;
  const failed = validation.checks.filter((c) => c.status === 'fail').length;
  const out = [`#### Validation: ${countText(passed, 'check')} passed${failed > 0 ? `, ${failed} failed` : ''}`, ''];
  out.push('| Check | Result | Detail | Time |', '|---|---|---|---:|');
  for (const c of validation.checks) {
    out.push(`| ${cell(c.name)} | ${CHECK_STATUS[c.status]} | ${cell(c.detail)} | ${c.status === 'skip' ? '' : duration(c.ms)} |`);
  }
  return out.join('\n');
}
