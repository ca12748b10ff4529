import type { DataResult } from '../data/phase.js';
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

const COPY_STATUS = { equal: '✅ equal', present: '✅ all present', differs: '❌ differs', 'not run': '⏭️ not run', 'rolled back': '↩️ rolled back' } as const;

/** Rows per copied table, production beside the target, like `Table | Production | Preview | Status`. */
export function dataMarkdown(data: DataResult, targetName: string): string {
  const title = targetName.charAt(0).toUpperCase() + targetName.slice(1);
  const out = [`#### Data (${data.mode})`, ''];
  out.push(`| Table | Production | ${cell(title)} | Status | Time |`, '|---|---:|---:|---|---:|');
  const n = (x: number) => x.toLocaleString('en-US');
  for (const t of data.tables) {
    out.push(`| \`${cell(t.table)}\` | ${n(t.sourceRows)} | ${n(t.targetRows)} | ${COPY_STATUS[t.status]} | ${duration(t.ms)} |`);
  }
  const notes: string[] = [];
  if (data.unmasked.length > 0) {
    notes.push(`⚠️ unmasked personal-looking columns: ${data.unmasked.map((c) => `\`${c}\``).join(', ')} (mask them in [data.mask], or list them in [data] allow_unmasked).`);
  }
  const masked = data.tables.filter((t) => t.masked.length > 0).map((t) => `\`${t.table}\` (${t.masked.join(', ')})`);
  if (masked.length > 0) notes.push(`Masked in production before copying: ${masked.join(', ')}.`);
  const triggers = data.tables.filter((t) => t.triggersDisabled > 0).map((t) => `\`${t.table}\``);
  if (triggers.length > 0) notes.push(`User triggers were off while loading ${triggers.join(', ')}, and restored.`);
  if (data.deferred.length > 0) notes.push(`Deferred to commit to load a cycle: ${data.deferred.join(', ')}.`);
  if (data.nulled.length > 0) notes.push(`Loaded as NULL, then filled in, to load a cycle: ${data.nulled.join(', ')}.`);
  if (notes.length > 0) out.push('', ...notes);
  return out.join('\n');
}
