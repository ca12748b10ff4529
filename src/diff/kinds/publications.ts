import type { Publication } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import type { KindHandler } from '../context.js';

const tableName = (t: string) => {
  const [schema = '', name = ''] = JSON.parse(t) as string[];
  return qualified(schema, name);
};
const tableKey = (t: string) => objectKey('table', ...(JSON.parse(t) as string[]));
const withOptions = (o: Publication) => `WITH (publish = ${quoteLiteral(o.publish.join(', '))}, publish_via_partition_root = ${o.viaRoot})`;

export const publications: KindHandler<Publication> = {
  collection: (m) => m.publications,
  same: (a, b) => JSON.stringify([a.allTables, a.publish, a.viaRoot, a.tables]) === JSON.stringify([b.allTables, b.publish, b.viaRoot, b.tables]),
  create(ctx, o, action) {
    const what = o.allTables ? ' FOR ALL TABLES' : o.tables.length > 0 ? ` FOR TABLE ${o.tables.map(tableName).join(', ')}` : '';
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'publication', object: o.name,
      sql: `CREATE PUBLICATION ${quoteIdent(o.name)}${what} ${withOptions(o)}`, after: o.tables.map(tableKey),
    });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'publication', object: o.name, sql: `DROP PUBLICATION IF EXISTS ${quoteIdent(o.name)}` });
  },
  alter(ctx, s, t) {
    if (s.allTables !== t.allTables) return 'replace';
    const id = quoteIdent(s.name);
    const emit = (sql: string, after: string[] = []) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'publication', object: s.name, sql, after });
    const removed = t.tables.filter((x) => !s.tables.includes(x));
    const added = s.tables.filter((x) => !t.tables.includes(x));
    if (removed.length > 0) {
      ctx.emit({ key: s.key, phase: 'drop', action: 'alter', kind: 'publication', object: s.name, sql: `ALTER PUBLICATION ${id} DROP TABLE ${removed.map(tableName).join(', ')}` });
    }
    if (added.length > 0) emit(`ALTER PUBLICATION ${id} ADD TABLE ${added.map(tableName).join(', ')}`, added.map(tableKey));
    if (JSON.stringify([s.publish, s.viaRoot]) !== JSON.stringify([t.publish, t.viaRoot])) {
      emit(`ALTER PUBLICATION ${id} SET (publish = ${quoteLiteral(s.publish.join(', '))}, publish_via_partition_root = ${s.viaRoot})`);
    }
  },
};
