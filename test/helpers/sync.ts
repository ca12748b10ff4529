import { connect } from '../../src/db/connect.js';
import { planSchema, syncSchema, type SchemaSyncOptions } from '../../src/apply/sync.js';
import type { Plan } from '../../src/diff/change.js';

/** Opens source (READ ONLY) and target sessions like a run does, and closes them after. */
export async function withSessions<T>(sourceUrl: string, targetUrl: string, fn: (s: Awaited<ReturnType<typeof connect>>, t: Awaited<ReturnType<typeof connect>>) => Promise<T>): Promise<T> {
  const source = await connect(sourceUrl, { role: 'source', retries: 0 });
  try {
    const target = await connect(targetUrl, { role: 'target', retries: 0 });
    try {
      return await fn(source, target);
    } finally {
      await target.end();
    }
  } finally {
    await source.end();
  }
}

export function plan(sourceUrl: string, targetUrl: string, options: SchemaSyncOptions = {}): Promise<Plan> {
  return withSessions(sourceUrl, targetUrl, async (s, t) => (await planSchema(s, t, options)).plan);
}

export function sync(sourceUrl: string, targetUrl: string, options: SchemaSyncOptions = {}) {
  return withSessions(sourceUrl, targetUrl, (s, t) => syncSchema(s, t, { allowDestructive: true, ...options }));
}

export const planText = (p: Plan) => p.changes.map((c) => c.sql).join('\n');
