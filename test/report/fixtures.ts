import type { Hazard, Plan, Statement } from '../../src/diff/change.js';
import type { RunReport } from '../../src/pipeline/report.js';

/**
 * Run reports of typical shapes, built from plain data: the report's
 * renderers read nothing else, so these stand in for runs without a server.
 */

const STARTED = new Date('2026-12-02T04:05:11Z');
const FINISHED = new Date('2026-12-02T04:05:15Z');

function change(kind: string, object: string, action: Statement['action'], sql: string, hazards: Hazard[] = []): Statement {
  return { kind, object, action, sql, hazards, key: `${kind}:${object}`, phase: action === 'drop' ? 'drop' : 'create' };
}

const body = (n: number) => `  select coalesce(sum(amount), 0) from public.invoice_line where invoice_id = $1 and line_no <= ${n};`;

/** A plan of about `size` changes with the mix a real application's drift has: comments and grants first, as the differ emits them. */
export function mixedPlan(size: number, destructiveAt: readonly number[] = []): Plan {
  const changes: Statement[] = [];
  const per = Math.max(1, Math.round(size / 8));
  for (let i = 0; changes.length < size; i++) {
    const t = `public.table_${String(i).padStart(4, '0')}`;
    const batch: Statement[] = [
      change('comment', `${t}`, 'alter', `COMMENT ON TABLE ${t} IS 'Rows of ${t}, kept by the billing service.';`),
      change('grant', `${t}`, 'alter', `GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE ${t} TO authenticated;`, ['access']),
      change('table', t, 'create', `CREATE TABLE ${t} (\n  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,\n  account_id uuid NOT NULL,\n  created_at timestamp with time zone DEFAULT now() NOT NULL\n);`),
      change('column', `${t}.status`, 'alter', `ALTER TABLE ${t} ALTER COLUMN status SET DEFAULT 'open'::text;`),
      change('index', `${t}_account_idx`, 'create', `CREATE INDEX ${t.replace('public.', '')}_account_idx ON ${t} USING btree (account_id);`, ['index-build', 'lock']),
      change('policy', `${t}.members read`, 'create', `CREATE POLICY "members read" ON ${t} AS PERMISSIVE FOR SELECT TO authenticated USING ((account_id = auth.uid()));`, ['access']),
      change('function', `public.total_${i}(bigint)`, 'replace', `CREATE OR REPLACE FUNCTION public.total_${i}(invoice bigint)\n RETURNS numeric\n LANGUAGE sql\n STABLE\nAS $function$\n${body(i)}\n$function$;`),
      change('default privileges', 'public: functions of postgres', 'alter', 'ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO service_role;', ['access']),
    ];
    changes.push(...batch.slice(0, Math.min(batch.length, per * 8)));
  }
  changes.length = size;
  for (const at of destructiveAt) {
    if (at < changes.length) changes[at] = change('column', `public.table_${String(at).padStart(4, '0')}.legacy_code`, 'drop', `ALTER TABLE public.table_${String(at).padStart(4, '0')} DROP COLUMN legacy_code;`, ['destructive']);
  }
  return { changes, notes: [] };
}

function base(extra: Partial<RunReport>): RunReport {
  return {
    targetName: 'preview', steps: ['schema', 'data', 'seed', 'validate'], mode: 'apply', status: 'applied',
    phases: [
      { name: 'connect', status: 'ok', ms: 210 },
      { name: 'schema', status: 'ok', ms: 1840 },
      { name: 'seed', status: 'ok', ms: 95 },
      { name: 'validate', status: 'ok', ms: 312 },
    ],
    startedAt: STARTED, finishedAt: FINISHED, ...extra,
  };
}

const SEED: RunReport['seed'] = {
  origin: 'supabase/config.toml [db.seed]', singleTransaction: true, reset: [], objects: [],
  files: [{ file: 'supabase/seed.sql', status: 'applied', statements: 14, ms: 41 }],
  users: [{ email: 'admin@example.com', action: 'updated', id: 'u-1' }],
};

const CHECKS: NonNullable<RunReport['validation']>['checks'] = [
  { name: 'schema equals production', status: 'pass', detail: 'no difference', ms: 120 },
  { name: 'required table public.users', status: 'pass', detail: 'present', ms: 2 },
  { name: 'admin user exists', status: 'pass', detail: 'true', ms: 4 },
];

export const nothingToDo = (): RunReport => base({ status: 'no-changes', schema: { status: 'no-changes', plan: { changes: [], notes: [] } }, seed: SEED, validation: { checks: CHECKS.map((c) => ({ ...c })) } });

export const applied = (size: number, destructiveAt: number[] = [3, 11]): RunReport =>
  base({ status: 'applied', schema: { status: 'applied', plan: mixedPlan(size, destructiveAt) }, seed: SEED, validation: { checks: CHECKS.map((c) => ({ ...c })) } });

export const blocked = (): RunReport => base({
  status: 'blocked', schema: { status: 'blocked', plan: mixedPlan(30, [0, 15, 16]) },
  error: '3 destructive change(s) need consent: set allow-destructive (--allow-destructive) for this target to apply them. Nothing was applied.',
  phases: [
    { name: 'connect', status: 'ok', ms: 200 },
    { name: 'schema', status: 'ok', ms: 900 },
    { name: 'seed', status: 'skipped', ms: 0, detail: 'the schema sync was blocked' },
    { name: 'validate', status: 'skipped', ms: 0, detail: 'the schema sync was blocked' },
  ],
});

export const failedSeed = (): RunReport => base({
  status: 'failed', schema: { status: 'planned', plan: mixedPlan(12) },
  seed: { ...SEED!, files: [{ file: 'supabase/seed.sql', status: 'failed', statements: 3, ms: 12 }], users: [] },
  error: 'ERROR:  insert or update on table "task" violates foreign key constraint "task_account_fkey"\nLINE 12: insert into public.task (account_id, title) values (\'7d3f\', \'first task\');\n         ^\nDETAIL:  Key (account_id)=(7d3f) is not present in table "account".',
  errorAt: { file: 'supabase/seed.sql', line: 12, title: 'seed failed', reason: 'insert or update on table "task" violates foreign key constraint "task_account_fkey"' },
  phases: [
    { name: 'connect', status: 'ok', ms: 200 },
    { name: 'schema', status: 'rolled back', ms: 900, detail: 'undone: the seed phase failed' },
    { name: 'seed', status: 'failed', ms: 12, detail: 'supabase/seed.sql failed' },
    { name: 'validate', status: 'skipped', ms: 0, detail: 'not run: the seed phase failed' },
  ],
});
