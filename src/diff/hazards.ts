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
    case 'partition-index': {
      const i = ctx.source.partitionIndexes.get(key);
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
  // Many statements ask for the same tables (a table's columns, its indexes' dependencies): each key is resolved once.
  const tables = new Map<string, string | undefined>();
  const table = (key: string) => {
    if (tables.has(key)) return tables.get(key);
    const found = tableOf(ctx, key);
    tables.set(key, found);
    return found;
  };
  for (const s of ctx.statements) {
    if (s.phase !== 'create' || !s.hazards.some((h) => h === 'lock' || h === 'index-build')) continue;
    const hash = s.key.indexOf('#');
    const own = table(hash === -1 ? s.key : s.key.slice(0, hash));
    if (!own || !created.has(own) || s.sql.includes(' ATTACH PARTITION ')) continue;
    let touchesOthers = false;
    for (const d of ctx.source.depends.get(s.key) ?? []) {
      const kind = keyKind(d);
      const other = kind === 'table' || kind === 'column' ? table(d) : undefined;
      if (other !== undefined && other !== own && !created.has(other)) {
        touchesOthers = true;
        break;
      }
    }
    s.hazards = s.hazards.filter((h) => h === 'index-build' ? false : h !== 'lock' || touchesOthers);
  }
}
