import type { Publication, PublicationTable } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import type { KindHandler } from '../context.js';

const sameMember = (a: PublicationTable, b: PublicationTable) => JSON.stringify(a) === JSON.stringify(b);

/** `public.t (a, b) WHERE (...)`, as a publication lists a table. */
function member(t: PublicationTable): string {
  const columns = t.columns ? ` (${t.columns.map(quoteIdent).join(', ')})` : '';
  return `${qualified(t.schema, t.name)}${columns}${t.where !== null ? ` WHERE (${t.where})` : ''}`;
}

/** What a create or ADD waits for: the tables and schemas named (pg_depend adds the listed columns). */
const memberKeys = (tables: PublicationTable[], schemas: string[]) => [
  ...tables.map((t) => objectKey('table', t.schema, t.name)),
  ...schemas.map((s) => objectKey('schema', s)),
];

function objects(tables: PublicationTable[], schemas: string[]): string {
  const parts = [...(tables.length > 0 ? [`TABLE ${tables.map(member).join(', ')}`] : []), ...(schemas.length > 0 ? [`TABLES IN SCHEMA ${schemas.map(quoteIdent).join(', ')}`] : [])];
  return parts.join(', ');
}

const withOptions = (o: Publication) => `(publish = ${quoteLiteral(o.publish.join(', '))}, publish_via_partition_root = ${o.viaRoot})`;

export const publications: KindHandler<Publication> = {
  collection: (m) => m.publications,
  same: (a, b) =>
    JSON.stringify([a.allTables, a.publish, a.viaRoot, a.tables, a.schemas]) === JSON.stringify([b.allTables, b.publish, b.viaRoot, b.tables, b.schemas]),
  create(ctx, o, action) {
    const what = o.allTables ? ' FOR ALL TABLES' : o.tables.length + o.schemas.length > 0 ? ` FOR ${objects(o.tables, o.schemas)}` : '';
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'publication', object: o.name,
      sql: `CREATE PUBLICATION ${quoteIdent(o.name)}${what} WITH ${withOptions(o)}`, after: memberKeys(o.tables, o.schemas),
    });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'publication', object: o.name, sql: `DROP PUBLICATION IF EXISTS ${quoteIdent(o.name)}` });
  },
  alter(ctx, s, t) {
    if (s.allTables !== t.allTables) return 'replace';
    const name = quoteIdent(s.name);
    const emit = (phase: 'drop' | 'create', sql: string, after: string[] = []) =>
      ctx.emit({ key: s.key, phase, action: 'alter', kind: 'publication', object: s.name, sql, after });
    // A table whose column list or row filter changes leaves and comes back: DROP goes before the
    // columns it listed are dropped, ADD after the columns it lists are added.
    const leaving = t.tables.filter((x) => !s.tables.some((y) => sameMember(x, y)));
    const coming = s.tables.filter((x) => !t.tables.some((y) => sameMember(x, y)));
    const schemasLeaving = t.schemas.filter((x) => !s.schemas.includes(x));
    const schemasComing = s.schemas.filter((x) => !t.schemas.includes(x));
    if (leaving.length > 0) emit('drop', `ALTER PUBLICATION ${name} DROP TABLE ${leaving.map((x) => qualified(x.schema, x.name)).join(', ')}`);
    if (schemasLeaving.length > 0) emit('drop', `ALTER PUBLICATION ${name} DROP TABLES IN SCHEMA ${schemasLeaving.map(quoteIdent).join(', ')}`);
    if (coming.length + schemasComing.length > 0) emit('create', `ALTER PUBLICATION ${name} ADD ${objects(coming, schemasComing)}`, memberKeys(coming, schemasComing));
    if (JSON.stringify([s.publish, s.viaRoot]) !== JSON.stringify([t.publish, t.viaRoot])) emit('create', `ALTER PUBLICATION ${name} SET ${withOptions(s)}`);
  },
};
