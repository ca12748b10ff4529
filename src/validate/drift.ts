import type pg from 'pg';
import { planSchema } from '../apply/sync.js';
import type { SchemaFilter } from '../catalog/filter.js';
import type { SchemaModel } from '../catalog/model.js';
import type { CheckResult } from './check.js';

const LISTED = 10;

/** The target's schema equals the source's: the engine's diff is empty, and nothing is left that the applying role may not set (an owner). */
export async function checkDrift(
  source: pg.Client, target: pg.Client, filter: SchemaFilter, extensionVersions: boolean, desired?: SchemaModel, wanted = 'production',
): Promise<Omit<CheckResult, 'name' | 'ms'>> {
  const { plan, seedObjects } = await planSchema(source, target, { filter, extensionVersions }, desired);
  const unsettable = plan.notes.filter((n) => n.differs);
  const count = plan.changes.length + unsettable.length;
  if (count === 0) return { status: 'pass', detail: `the schema equals ${wanted}${seedNote(seedObjects.map((o) => o.label))}` };
  const all = [...plan.changes.map((c) => `${c.action} ${c.kind} ${c.object}`), ...unsettable.map((n) => `${n.object}: ${n.message}`)];
  const more = count > LISTED ? `; and ${count - LISTED} more` : '';
  return { status: 'fail', detail: `${count} difference(s) from ${wanted}: ${all.slice(0, LISTED).join('; ')}${more}` };
}

/** Objects the seed files made are no drift, but are said. */
export function seedNote(labels: readonly string[]): string {
  if (labels.length === 0) return '';
  const shown = labels.slice(0, LISTED).join(', ');
  return `; ${labels.length} object(s) made by seed files: ${shown}${labels.length > LISTED ? `, and ${labels.length - LISTED} more` : ''}`;
}
