import type { Column, FdwOption, ForeignDataWrapper, ForeignServer, ForeignTable, UserMapping } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import type { DiffContext, KindHandler } from '../context.js';
import { columnDefinition, dropColumn, sameColumn } from './columns.js';

const sameOptions = (a: FdwOption[], b: FdwOption[]) => JSON.stringify(a) === JSON.stringify(b);
const optionList = (options: FdwOption[]) => options.map(([name, value]) => `${quoteIdent(name)} ${quoteLiteral(value ?? '')}`).join(', ');

/** ` OPTIONS (a 'x', b 'y')` for a CREATE, credentials (unread, null) left out. */
const createOptions = (options: FdwOption[]) => {
  const known = options.filter(([, v]) => v !== null);
  return known.length > 0 ? ` OPTIONS (${optionList(known)})` : '';
};

/**
 * The ADD / SET / DROP that turn the target's options into the source's. A
 * credential (its value unread on both sides) counts as equal when the name is
 * there; one missing on the target is reported, never copied.
 */
function optionChanges(s: FdwOption[], t: FdwOption[], missingSecret: (name: string) => void): string | null {
  const out: string[] = [];
  const target = new Map(t);
  for (const [name, value] of s) {
    if (value === null) {
      if (!target.has(name)) missingSecret(name);
    } else if (!target.has(name)) out.push(`ADD ${quoteIdent(name)} ${quoteLiteral(value)}`);
    else if (target.get(name) !== value) out.push(`SET ${quoteIdent(name)} ${quoteLiteral(value)}`);
  }
  const source = new Set(s.map(([name]) => name));
  for (const [name] of t) if (!source.has(name)) out.push(`DROP ${quoteIdent(name)}`);
  return out.length > 0 ? ` OPTIONS (${out.join(', ')})` : null;
}

const secretNote = (ctx: DiffContext, object: string, what: string) => (name: string) =>
  ctx.note(object, `option ${name} looks like a credential and is not copied from production: set it on ${what} by hand`);

/** An extension's own wrapper comes and goes with the extension: only its grants and comment are synced. */
export const foreignDataWrappers: KindHandler<ForeignDataWrapper> = {
  collection: (m) => m.foreignDataWrappers,
  same: (a, b) => a.extension === b.extension && (a.extension !== null || (a.handler === b.handler && a.validator === b.validator && sameOptions(a.options, b.options))),
  create(ctx, o, action) {
    if (o.extension) return;
    const handler = o.handler ? ` HANDLER ${o.handler}` : '';
    const validator = o.validator ? ` VALIDATOR ${o.validator}` : '';
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'foreign-data wrapper', object: o.name,
      sql: `CREATE FOREIGN DATA WRAPPER ${quoteIdent(o.name)}${handler}${validator}${createOptions(o.options)}`,
    });
  },
  drop(ctx, o, action) {
    if (o.extension) return;
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'foreign-data wrapper', object: o.name, hazards: ['destructive'], sql: `DROP FOREIGN DATA WRAPPER IF EXISTS ${quoteIdent(o.name)}` });
  },
  alter(ctx, s, t) {
    if (s.extension !== null || t.extension !== null) return s.extension === t.extension ? undefined : 'replace';
    const parts: string[] = [];
    if (s.handler !== t.handler) parts.push(s.handler ? `HANDLER ${s.handler}` : 'NO HANDLER');
    if (s.validator !== t.validator) parts.push(s.validator ? `VALIDATOR ${s.validator}` : 'NO VALIDATOR');
    const options = optionChanges(s.options, t.options, secretNote(ctx, s.name, 'the foreign-data wrapper'));
    if (options) parts.push(options.trim());
    if (parts.length > 0) {
      ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'foreign-data wrapper', object: s.name, sql: `ALTER FOREIGN DATA WRAPPER ${quoteIdent(s.name)} ${parts.join(' ')}` });
    }
  },
};

export const foreignServers: KindHandler<ForeignServer> = {
  collection: (m) => m.foreignServers,
  same: (a, b) => a.wrapper === b.wrapper && a.type === b.type && a.version === b.version && sameOptions(a.options, b.options),
  create(ctx, o, action) {
    const type = o.type !== null ? ` TYPE ${quoteLiteral(o.type)}` : '';
    const version = o.version !== null ? ` VERSION ${quoteLiteral(o.version)}` : '';
    for (const [name, value] of o.options) if (value === null) secretNote(ctx, o.name, 'the server')(name);
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'server', object: o.name, after: [objectKey('foreign-data-wrapper', o.wrapper)],
      sql: `CREATE SERVER ${quoteIdent(o.name)}${type}${version} FOREIGN DATA WRAPPER ${quoteIdent(o.wrapper)}${createOptions(o.options)}`,
    });
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'server', object: o.name, hazards: ['destructive'], sql: `DROP SERVER IF EXISTS ${quoteIdent(o.name)}` });
  },
  alter(ctx, s, t) {
    if (s.wrapper !== t.wrapper || s.type !== t.type) return 'replace';
    const version = s.version !== t.version ? ` VERSION ${s.version === null ? 'NULL' : quoteLiteral(s.version)}` : '';
    const options = optionChanges(s.options, t.options, secretNote(ctx, s.name, 'the server'));
    if (version || options) {
      ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'server', object: s.name, sql: `ALTER SERVER ${quoteIdent(s.name)}${version}${options ?? ''}` });
    }
  },
};

const mappingName = (o: UserMapping) => `${o.role} on server ${o.server}`;
const mappingFor = (o: UserMapping) => `FOR ${o.role === 'PUBLIC' ? 'PUBLIC' : quoteIdent(o.role)} SERVER ${quoteIdent(o.server)}`;

/**
 * A user mapping is created bare: its options (a remote user name and
 * password) stay on production, and a preview's own, set there by hand, are
 * kept, as they are never read.
 */
export const userMappings: KindHandler<UserMapping> = {
  collection: (m) => m.userMappings,
  same: () => true,
  create(ctx, o, action) {
    if (o.role !== 'PUBLIC' && !ctx.target.roles.has(o.role)) {
      ctx.note(mappingName(o), `user mapping not created: role ${o.role} does not exist on the target (create it there first)`);
      return;
    }
    ctx.emit({ key: o.key, phase: 'create', action, kind: 'user mapping', object: mappingName(o), after: [objectKey('server', o.server)], sql: `CREATE USER MAPPING ${mappingFor(o)}` });
    ctx.note(mappingName(o), `user mapping created without options: its credentials stay on production; set this database's with ALTER USER MAPPING ${mappingFor(o)} OPTIONS (ADD ...)`);
  },
  drop(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'drop', action, kind: 'user mapping', object: mappingName(o), hazards: ['destructive'], sql: `DROP USER MAPPING IF EXISTS ${mappingFor(o)}` });
  },
  alter: () => undefined,
};

const tableName = (o: ForeignTable) => `${o.schema}.${o.name}`;

/** The key of a parent in inheritance: a table or a foreign table. */
function parentKey(ctx: DiffContext, p: { schema: string; name: string }): string {
  const table = objectKey('table', p.schema, p.name);
  return ctx.source.tables.has(table) ? table : objectKey('foreign-table', p.schema, p.name);
}

/**
 * Whether only re-creating the foreign table gets its columns' own declaration
 * (attislocal) right: a column the source inherits only, where the target
 * declares it (or it joins the parent now: INHERIT leaves it declared), or the reverse.
 */
function localityDiffers(ctx: DiffContext, s: ForeignTable, t: ForeignTable): boolean {
  if (s.partitionOf) return false;
  // A parent both sides inherit, whose column reaches the child from there.
  const keptParentHas = (column: string) => s.inherits.some((p) => t.inherits.some((x) => x.schema === p.schema && x.name === p.name)
    && [...ctx.source.tables.values(), ...ctx.source.foreignTables.values()].some((x) => x.schema === p.schema && x.name === p.name && x.columns.some((y) => y.name === column)));
  return s.columns.some((c) => {
    const other = t.columns.find((x) => x.name === c.name);
    if (!c.local) return other === undefined ? !keptParentHas(c.name) : other.local;
    return other !== undefined && !other.local && s.inherits.length > 0;
  });
}

/** A column as CREATE FOREIGN TABLE or ADD COLUMN has it: OPTIONS right after the type. */
function foreignColumn(c: Column, options: FdwOption[] | undefined): string {
  const definition = columnDefinition(c);
  const head = `${quoteIdent(c.name)} ${c.type}`;
  return options?.length ? `${head}${createOptions(options)}${definition.slice(head.length)}` : definition;
}

function alterForeignColumn(ctx: DiffContext, o: ForeignTable, s: Column, t: Column): void {
  const prefix = `ALTER FOREIGN TABLE ${qualified(o.schema, o.name)} ALTER COLUMN ${quoteIdent(s.name)}`;
  const emit = (sql: string) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'column', object: `${tableName(o)}.${s.name}`, sql: `${prefix} ${sql}` });
  const typeChanged = s.type !== t.type || s.collation !== t.collation;
  let currentDefault = t.defaultExpr;
  if (currentDefault !== null && (typeChanged || s.defaultExpr !== currentDefault)) {
    emit('DROP DEFAULT');
    currentDefault = null;
  }
  // No USING: the rows live on the remote server, nothing is converted here.
  if (typeChanged) {
    emit(`TYPE ${s.type}${s.collation ? ` COLLATE ${s.collation}` : s.type === t.type ? ' COLLATE pg_catalog."default"' : ''}`);
    ctx.invalidated.add(s.key);
  }
  if (s.defaultExpr !== null && s.defaultExpr !== currentDefault) emit(`SET DEFAULT ${s.defaultExpr}`);
  if (s.notNull !== t.notNull) emit(s.notNull ? 'SET NOT NULL' : 'DROP NOT NULL');
}

export const foreignTables: KindHandler<ForeignTable> = {
  collection: (m) => m.foreignTables,
  same(s, t) {
    if (s.server !== t.server || JSON.stringify(s.partitionOf) !== JSON.stringify(t.partitionOf) || JSON.stringify(s.inherits) !== JSON.stringify(t.inherits)) return false;
    if (!sameOptions(s.options, t.options) || s.columns.length !== t.columns.length) return false;
    if (JSON.stringify(s.columnOptions) !== JSON.stringify(t.columnOptions)) return false;
    return s.columns.every((c) => {
      const other = t.columns.find((x) => x.name === c.name);
      return other !== undefined && sameColumn(c, other) && c.local === other.local;
    });
  },
  create(ctx, o, action) {
    const id = qualified(o.schema, o.name);
    const server = `SERVER ${quoteIdent(o.server)}${createOptions(o.options)}`;
    const after = [objectKey('server', o.server)];
    const provides = o.columns.map((c) => c.key);
    if (o.partitionOf) {
      // A partition's columns come from its parent; their options follow.
      const parent = qualified(o.partitionOf.schema, o.partitionOf.name);
      after.push(objectKey('table', o.partitionOf.schema, o.partitionOf.name));
      ctx.emit({ key: o.key, phase: 'create', action, kind: 'foreign table', object: tableName(o), after, provides, sql: `CREATE FOREIGN TABLE ${id} PARTITION OF ${parent} ${o.partitionOf.bound} ${server}` });
      for (const c of o.columns) {
        const options = o.columnOptions[c.name];
        if (options?.length) {
          ctx.emit({ key: c.key, phase: 'create', action: 'alter', kind: 'column', object: `${tableName(o)}.${c.name}`, sql: `ALTER FOREIGN TABLE ${id} ALTER COLUMN ${quoteIdent(c.name)}${createOptions(options)}` });
        }
      }
      return;
    }
    // Inherited columns come from the parents; their options follow.
    const columns = o.columns.filter((c) => c.local).map((c) => `    ${foreignColumn(c, o.columnOptions[c.name])}`);
    const inherits = o.inherits.length > 0 ? ` INHERITS (${o.inherits.map((p) => qualified(p.schema, p.name)).join(', ')})` : '';
    after.push(...o.inherits.map((p) => parentKey(ctx, p)));
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'foreign table', object: tableName(o), after, provides,
      sql: `CREATE FOREIGN TABLE ${id} (${columns.length > 0 ? `\n${columns.join(',\n')}\n` : ''})${inherits} ${server}`,
    });
    for (const c of o.columns) {
      const options = o.columnOptions[c.name];
      if (!c.local && options?.length) {
        ctx.emit({ key: c.key, phase: 'create', action: 'alter', kind: 'column', object: `${tableName(o)}.${c.name}`, sql: `ALTER FOREIGN TABLE ${id} ALTER COLUMN ${quoteIdent(c.name)}${createOptions(options)}` });
      }
    }
  },
  drop(ctx, o, action) {
    ctx.emit({
      key: o.key, phase: 'drop', action, kind: 'foreign table', object: tableName(o), hazards: ['destructive'], provides: o.columns.map((c) => c.key),
      sql: `DROP FOREIGN TABLE IF EXISTS ${qualified(o.schema, o.name)}`,
    });
  },
  alter(ctx, s, t) {
    if (s.server !== t.server || JSON.stringify(s.partitionOf) !== JSON.stringify(t.partitionOf) || localityDiffers(ctx, s, t)) return 'replace';
    const id = qualified(s.schema, s.name);
    const emitTable = (sql: string, after?: string[]) =>
      ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'foreign table', object: tableName(s), sql: `ALTER FOREIGN TABLE ${id} ${sql}`, after });
    const has = (list: ForeignTable['inherits'], p: ForeignTable['inherits'][number]) => list.some((x) => x.schema === p.schema && x.name === p.name);
    // A column the source lacks goes, unless a parent kept on both sides still carries it (it goes with the parent's);
    // one inherited from a parent let go of stays behind as the table's own (NO INHERIT), and is dropped after.
    const kept = t.inherits.filter((p) => has(s.inherits, p));
    const carried = (column: string) => kept.some((p) => [...ctx.target.tables.values(), ...ctx.target.foreignTables.values()]
      .some((x) => x.schema === p.schema && x.name === p.name && x.columns.some((y) => y.name === column)));
    const gone = t.columns.filter((c) => !s.columns.some((x) => x.name === c.name) && (c.local || !carried(c.name)));
    for (const p of t.inherits) {
      if (!has(s.inherits, p)) {
        ctx.emit({
          key: s.key, phase: 'drop', action: 'alter', kind: 'foreign table', object: tableName(s), sql: `ALTER FOREIGN TABLE ${id} NO INHERIT ${qualified(p.schema, p.name)}`,
          before: gone.map((c) => c.key),
        });
      }
    }
    for (const c of gone) dropColumn(ctx, c, 'drop');
    for (const c of s.columns) {
      const other = t.columns.find((x) => x.name === c.name);
      const alterOptions = (from: FdwOption[], after?: string[]) => {
        const options = optionChanges(s.columnOptions[c.name] ?? [], from, () => undefined);
        if (options) {
          ctx.emit({ key: c.key, phase: 'create', action: 'alter', kind: 'column', object: `${tableName(s)}.${c.name}`, sql: `ALTER FOREIGN TABLE ${id} ALTER COLUMN ${quoteIdent(c.name)}${options}`, after });
        }
      };
      // An inherited column changes with its parent's (or comes with it); only its options are its own.
      if (!c.local && (s.partitionOf || s.inherits.length > 0)) {
        if (other) alterOptions(t.columnOptions[c.name] ?? []);
        else alterOptions([], [...s.inherits, ...(s.partitionOf ? [s.partitionOf] : [])].map((p) => objectKey('column', p.schema, p.name, c.name)));
        continue;
      }
      const add = (action: 'create' | 'replace') =>
        ctx.emit({ key: c.key, phase: 'create', action, kind: 'column', object: `${tableName(s)}.${c.name}`, sql: `ALTER FOREIGN TABLE ${id} ADD COLUMN ${foreignColumn(c, s.columnOptions[c.name])}` });
      if (!other) add('create');
      else if (c.generated !== other.generated) {
        dropColumn(ctx, other, 'replace');
        add('replace');
      } else {
        if (!sameColumn(c, other)) alterForeignColumn(ctx, s, c, other);
        alterOptions(t.columnOptions[c.name] ?? []);
      }
    }
    // Joining a parent needs its columns in place first (added above, declared locally: see localityDiffers).
    for (const p of s.inherits) if (!has(t.inherits, p)) emitTable(`INHERIT ${qualified(p.schema, p.name)}`, [parentKey(ctx, p)]);
    const options = optionChanges(s.options, t.options, () => undefined);
    if (options) emitTable(options.trim());
  },
};
