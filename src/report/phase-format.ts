import type { DataResult } from '../data/phase.js';
import type { MigrationRun } from '../migrate/desired.js';
import type { SeedResult } from '../seed/phase.js';
import type { ValidateResult } from '../validate/phase.js';
import { capRows, code, countText, duration, join, strong, type Block, type Budget, type Inline, type LeftOut } from './blocks.js';
import { toMarkdown } from './gfm.js';
import { thousands } from '../util/numbers.js';

export { duration } from './blocks.js';

/** What the report says of a section cut to fit. */
function cutNote(cut: number, noun: string, pointer: Inline | undefined): Block[] {
  return cut > 0 ? [{ kind: 'para', text: [`… and ${countText(cut, `more ${noun}`)}, left out to fit: `, ...(pointer ? [pointer] : ['see the job summary']), '.'] }] : [];
}

const MIGRATION_STATUS = { applied: '✅ applied', kept: '✅ in place', failed: '❌ failed', 'not run': '—' } as const;

const UNCHANGED = 'Not computed again: production\'s schema, these migrations, the options and the target read the same as when a run last proved the target equal to them, so the target is the desired schema already.';

/** The pull request's pending migrations: what the target gets on top of production's schema. */
export function migrationBlocks(runs: readonly MigrationRun[], budget: Budget, left: LeftOut, pointer?: Inline): Block[] {
  const shown = capRows(runs, budget, left);
  const notRun = runs.filter((r) => r.status === 'not run').length;
  return [
    { kind: 'heading', text: `Pending migrations: ${countText(runs.length, 'migration')} of this pull request, on top of production's schema` },
    {
      kind: 'table', head: ['Migration', 'Statements', 'Time', 'Result'], right: [1, 2],
      rows: shown.map((r) => [
        code(r.file), r.status === 'not run' ? '—' : String(r.statements), r.status === 'not run' ? '—' : duration(r.ms),
        `${MIGRATION_STATUS[r.status]}${r.transactionControl ? ` (its BEGIN/COMMIT, line ${r.transactionControl.join(', ')}, left out: it runs inside the run's one transaction)` : ''}`,
      ]),
    },
    ...cutNote(runs.length - shown.length, 'migration', pointer),
    ...(notRun > 0 ? [{ kind: 'para' as const, text: `— not run: ${countText(notRun, 'migration')} after the one that failed.` }] : []),
    ...(runs.length > 0 && runs.every((r) => r.unchanged) ? [{ kind: 'para' as const, text: UNCHANGED }] : []),
  ];
}

const COPY_STATUS = { equal: '✅ equal', present: '✅ all present', differs: '❌ differs', 'not run': '—', 'rolled back': '↩️ rolled back' } as const;

/** Rows copied and proven equal, for the summary and the data command's headline. */
export function rowsCopied(data: DataResult): { rows: number; tables: number } {
  const done = data.tables.filter((t) => t.status === 'equal' || t.status === 'present');
  return { rows: done.reduce((n, t) => n + t.targetRows, 0), tables: done.length };
}

/** Rows per copied table, production beside the target, like `Table | Production | Preview | Status`. */
export function dataBlocks(data: DataResult, targetName: string, budget: Budget = {}, left: LeftOut = { sql: 0, rows: 0 }, pointer?: Inline, why?: string): Block[] {
  const title = targetName.charAt(0).toUpperCase() + targetName.slice(1);
  const n = thousands;
  const shown = capRows(data.tables, budget, left);
  const out: Block[] = [{ kind: 'heading', text: `Data (${data.mode})` }];
  if (data.tables.length > 0) {
    out.push({
      kind: 'table', head: ['Table', 'Production', title, 'Status', 'Time'], right: [1, 2, 4],
      rows: shown.map((t) => t.status === 'not run'
        ? [code(t.table), '—', '—', '—', '—']
        : [code(t.table), n(t.sourceRows), n(t.targetRows), COPY_STATUS[t.status], duration(t.ms)]),
    });
  }
  out.push(...cutNote(data.tables.length - shown.length, 'table', pointer));
  const notRun = data.tables.filter((t) => t.status === 'not run').length;
  if (notRun > 0) out.push({ kind: 'para', text: `— not copied: ${countText(notRun, 'table')}${why ? `, because ${why}` : ''}.` });
  if (data.unmasked.length > 0) {
    out.push({ kind: 'para', text: ['⚠️ unmasked personal-looking columns: ', ...join(data.unmasked.map(code), ', '), ' (mask them in [data.mask], or list them in [data] allow_unmasked).'] });
  }
  const masked = data.tables.filter((t) => t.masked.length > 0);
  if (masked.length > 0) out.push({ kind: 'para', text: ['Masked in production before copying: ', ...join(masked.map((t) => [code(t.table), ` (${t.masked.join(', ')})`]), ', '), '.'] });
  const triggers = data.tables.filter((t) => t.triggersDisabled > 0);
  if (triggers.length > 0) out.push({ kind: 'para', text: ['User triggers were off while loading ', ...join(triggers.map((t) => code(t.table)), ', '), ', and restored.'] });
  if (data.deferred.length > 0) out.push({ kind: 'para', text: `Deferred to commit to load a cycle: ${data.deferred.join(', ')}.` });
  if (data.nulled.length > 0) out.push({ kind: 'para', text: `Loaded as NULL, then filled in, to load a cycle: ${data.nulled.join(', ')}.` });
  return out;
}

/** The data section as Markdown, on its own. */
export function dataMarkdown(data: DataResult, targetName: string): string {
  return toMarkdown(dataBlocks(data, targetName));
}

const FILE_STATUS = { applied: '✅ applied', failed: '❌ failed', 'rolled back': '↩️ rolled back', 'not run': '—' } as const;

/** Where the seed files were looked for, when none was found. */
export const SEED_LOOKED_IN = '[seed].paths, supabase/config.toml [db.seed] sql_paths, supabase/seed.sql';

/** Seed files (with statements and time), emptied tables, and test users. */
export function seedBlocks(seed: SeedResult, budget: Budget = {}, left: LeftOut = { sql: 0, rows: 0 }, pointer?: Inline): Block[] {
  const out: Block[] = [{ kind: 'heading', text: 'Seed' }];
  if (seed.files.length === 0 && seed.reset.length === 0 && seed.users.length === 0) {
    return [...out, { kind: 'para', text: `Nothing to seed: ${seed.origin || `no seed files found (looked in ${SEED_LOOKED_IN}) and no [[seed.users]]`}.` }];
  }
  if (seed.reset.length > 0) out.push({ kind: 'para', text: ['Emptied first (RESTART IDENTITY): ', ...join(seed.reset.map(code), ', ')] });
  if (seed.files.length > 0) {
    const shown = capRows(seed.files, budget, left);
    out.push({ kind: 'para', text: `Files from ${seed.origin}${seed.singleTransaction ? ', all in one transaction' : ', each in its own transaction'}:` });
    out.push({
      kind: 'table', head: ['File', 'Result', 'Statements', 'Time'], right: [2, 3],
      rows: shown.map((f) => [code(f.file), FILE_STATUS[f.status], f.status === 'not run' ? '—' : String(f.statements), f.status === 'not run' ? '—' : duration(f.ms)]),
    });
    out.push(...cutNote(seed.files.length - shown.length, 'file', pointer));
  }
  if (seed.users.length > 0) {
    out.push({ kind: 'table', head: ['Test user', 'Result'], rows: seed.users.map((u) => [u.email, u.action === 'created' ? '✅ created' : '✅ updated']) });
  }
  if (seed.objects.length > 0) out.push({ kind: 'para', text: ['Made by the seed files (kept out of the schema sync and the drift check): ', ...join(seed.objects.map(code), ', ')] });
  return out;
}

/** What the seed did, in a few words, for the summary. */
export function seedSummaryText(seed: SeedResult): string {
  if (seed.files.length === 0 && seed.reset.length === 0 && seed.users.length === 0) return 'nothing to seed';
  const applied = seed.files.filter((f) => f.status === 'applied').length;
  return [
    seed.files.length ? `${applied === seed.files.length ? '' : `${applied} of `}${countText(seed.files.length, 'file')}` : '',
    seed.reset.length ? `${countText(seed.reset.length, 'table')} emptied` : '',
    seed.users.length ? countText(seed.users.length, 'test user') : '',
  ].filter(Boolean).join(', ');
}

const CHECK_STATUS = { pass: '✅ pass', fail: '❌ fail', skip: '⏭️ skipped' } as const;

export function checkCounts(validation: ValidateResult): { passed: number; failed: number; skipped: number } {
  const count = (s: string) => validation.checks.filter((c) => c.status === s).length;
  return { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
}

export function checksSummaryText(validation: ValidateResult): string {
  const { passed, failed, skipped } = checkCounts(validation);
  if (failed > 0) return `${failed} of ${countText(validation.checks.length - skipped, 'check')} failed`;
  return `${passed === 1 ? 'the one check' : `all ${countText(passed, 'check')}`} passed${skipped ? `, ${skipped} skipped` : ''}`;
}

/** Every check, never cut: failures first, and open when one failed. */
export function validationBlocks(validation: ValidateResult): Block[] {
  const order = { fail: 0, pass: 1, skip: 2 } as const;
  const checks = [...validation.checks].sort((a, b) => order[a.status] - order[b.status]);
  const table: Block = {
    kind: 'table', head: ['Check', 'Result', 'Detail', 'Time'], right: [3],
    rows: checks.map((c) => [c.name, CHECK_STATUS[c.status], c.detail, c.status === 'skip' ? '' : duration(c.ms)]),
  };
  const { failed } = checkCounts(validation);
  return [{ kind: 'fold', open: failed > 0, summary: [strong('Validation:'), ` ${checksSummaryText(validation)}`], body: [table] }];
}
