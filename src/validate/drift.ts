import type pg from 'pg';
import { planSchema } from '../apply/sync.js';
import type { SchemaFilter } from '../catalog/filter.js';
import type { SchemaModel } from '../catalog/model.js';
import type { CheckResult } from './check.js';

const LISTED = 10;

/** The target's schema equals the source's: the engine's diff is empty. */
export async function checkDrift(
  source: pg.Client, target: pg.Client, filter: SchemaFilter, extensionVersions: boolean, desired?: SchemaModel, wanted = 'production',
): Promise<Omit<CheckResult, 'name' | 'ms'>> {
  const { plan, seedObjects } = await planSchema(source, target, { filter, extensionVersions }, desired);
  if (plan.changes.length === 0) return { status: 'pass', detail: `the schema equals ${wanted}${seedNote(seedObjects.map((o) => o.label))}` };
  const shown = plan.changes.slice(0, LISTED).map((c) => `${c.action} ${c.kind} ${c.object}`);
  const more = plan.changes.length > LISTED ? `; and ${plan.changes.length - LISTED} more` : '';
  return { status: 'fail', detail: `${plan.changes.length} difference(s) from ${wanted}: ${shown.join('; ')}${more}` };
}

/** Objects the seed files made are no drift, but are said. */
export function seedNote(labels: readonly string[]): string {
  if (labels.length === 0) return '';
  const shown = labels.slice(0, LISTED).join(', ');
  return `; ${labels.length} object(s) made by seed files: ${shown}${labels.length > LISTED ? `, and ${labels.length - LISTED} more` : ''}`;
}
