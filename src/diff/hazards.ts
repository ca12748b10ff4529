import { keyKind, keyParts, objectKey } from '../catalog/keys.js';
import type { DiffContext } from './context.js';

/** The table a statement's object belongs to, if any. */
function tableOf(ctx: DiffContext, key: string): string | undefined {
  switch (keyKind(key)) {
    case 'table':
      return key;
    case 'index': {
      const i = ctx.source.indexes.get(key);
      return i ? objectKey('table', i.schema, i.table) : undefined;
    }
    case 'column': case 'constraint': case 'trigger': case 'rule': case 'policy': {
      const [schema = '', table = ''] = keyParts(key);
      return objectKey('table', schema, table);
    }
    default:
      return undefined;
  }
}

/**
 * A table the plan creates is empty and seen by no one until the commit:
 * building its indexes and constraints locks nothing anyone waits on. A
 * foreign key still locks the existing table it references, and attaching a
 * partition its existing parent.
 */
export function calmNewTables(ctx: DiffContext, created: ReadonlySet<string>): void {
  if (created.size === 0) return;
  for (const s of ctx.statements) {
    if (s.phase !== 'create' || !s.hazards.some((h) => h === 'lock' || h === 'index-build')) continue;
    const table = tableOf(ctx, s.key.replace(/#.*$/, ''));
    if (!table || !created.has(table) || / ATTACH PARTITION /.test(s.sql)) continue;
    const touchesOthers = [...(ctx.source.depends.get(s.key) ?? [])].some((d) => {
      const other = keyKind(d) === 'table' || keyKind(d) === 'column' ? tableOf(ctx, d) : undefined;
      return other !== undefined && other !== table && !created.has(other);
    });
    s.hazards = s.hazards.filter((h) => h === 'index-build' ? false : h !== 'lock' || touchesOthers);
  }
}
