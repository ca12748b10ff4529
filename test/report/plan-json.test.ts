import { describe, expect, it } from 'vitest';
import { publicChange, type Plan, type Statement } from '../../src/diff/change.js';
import { changeJson, formatPlan } from '../../src/report/plan-format.js';

const statement = (over: Partial<Statement>): Statement => ({
  key: 'table:public:t', phase: 'create', sql: 'CREATE TABLE public.t ()', object: 'public.t', kind: 'table', action: 'create', hazards: [], ...over,
} as Statement);

const CHANGES = [
  statement({}),
  statement({ hazards: ['access'], kind: 'grant', action: 'alter', sql: 'GRANT SELECT ON TABLE public.t TO "anon", authenticated' }),
  statement({ hazards: ['destructive', 'lock'], action: 'drop', sql: 'DROP TABLE public."we\\"ird"\n-- a line\n\tand a tab', origin: 'pull request' }),
  statement({ sql: 'COMMENT ON TABLE public.t IS \'ünïcødé ✓ \u2028 \u0001\'', origin: 'production', object: 'public.t' }),
];

describe('plan JSON', () => {
  it('prints each change as JSON.stringify of its public fields does, at the depth of the list', () => {
    for (const c of CHANGES) {
      expect(changeJson(c)).toBe(JSON.stringify(publicChange(c), null, 2).split('\n').map((l) => `    ${l}`).join('\n'));
    }
  });

  it('prints the whole plan as JSON.stringify does, an empty one too', () => {
    for (const changes of [CHANGES, []]) {
      const plan = { changes, notes: [{ object: 'public.t', message: 'a note' }] } as unknown as Plan;
      const text = formatPlan(plan, 'json', 'preview');
      const parsed = JSON.parse(text) as { changes: unknown[]; summary: unknown; notes: unknown[] };
      expect(text).toBe(`${JSON.stringify({ changes: changes.map(publicChange), summary: parsed.summary, notes: plan.notes }, null, 2)}\n`);
    }
  });
});
