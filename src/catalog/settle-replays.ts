import { qualified, quoteIdent, quoteLiteral } from '../db/quote.js';
import { objectKey } from './keys.js';
import type { Column, SchemaModel } from './model.js';

/** One replay: statements run in order, then a query giving one jsonb value (none for a setup step). */
export interface Replay {
  run: string[];
  read?: string;
  /** Given what PostgreSQL printed, or null when the replay failed (a genuine difference, or a context the target lacks). */
  settle?: (printed: unknown) => void;
}

export interface Adoption {
  key: string;
  context: ReadonlySet<string>;
  apply(model: SchemaModel): void;
}

/** The replays of one settle, and the temporary names they use. */
export class SettleBatch {
  readonly replays: Replay[] = [];
  /** What the replays found equal, to be taken from the target. */
  readonly adoptions: Adoption[] = [];
  private count = 0;

  constructor(private readonly source: SchemaModel, private readonly target: SchemaModel) {}

  /**
   * Takes a text from the target for the object `key`: an equality judged on
   * the target as it is, so it holds only while what the object depends on
   * (and `also`) stays as it is.
   */
  adopt(key: string, apply: (model: SchemaModel) => void, also: string[] = []): void {
    const context = new Set([...(this.source.depends.get(key) ?? []), ...(this.target.depends.get(key) ?? []), ...also]);
    context.delete(key);
    this.adoptions.push({ key, context, apply });
  }
  private readonly copies = new Map<string, string>();

  /** A fresh temporary object name (plain, never needs quoting). */
  name(prefix: string): string {
    return `pgbs_settle_${prefix}${++this.count}`;
  }

  /** A temporary table with the target table's columns (types, collations; no defaults, checks or data), made once per table. */
  copyOf(schema: string, table: string): string {
    const key = JSON.stringify([schema, table]);
    let name = this.copies.get(key);
    if (!name) {
      name = this.name('t');
      this.copies.set(key, name);
      this.replays.push({ run: [`CREATE TEMPORARY TABLE ${name} (LIKE ${qualified(schema, table)})`] });
    }
    return `pg_temp.${name}`;
  }

  add(replay: Replay): void {
    this.replays.push(replay);
  }
}

/** `'schema.name'::regclass`: a relation's (or with `regtype`, a type's) oid in a read-back query. */
export const oidOf = (relation: string, type = 'regclass') => `${quoteLiteral(relation)}::pg_catalog.${type}`;

/** The read-back of one text: `select to_jsonb(<expr>) from ...`. */
export const readText = (expr: string, from?: string) => `SELECT pg_catalog.to_jsonb(${expr})${from ? ` FROM ${from}` : ''}`;



/** A trigger or a rule: named per table, printed whole. */
interface Named {
  schema: string;
  table: string;
  name: string;
  definition: string;
}

type Pairs<T> = Iterable<[key: string, source: T, target: T]>;

function* pairs<T>(source: Map<string, T>, target: Map<string, T>): Pairs<T> {
  for (const [key, s] of source) {
    const t = target.get(key);
    if (t !== undefined) yield [key, s, t];
  }
}

function patch<T>(map: Map<string, T>, key: string, change: (current: T) => T): void {
  map.set(key, change(map.get(key)!));
}

const withoutSemicolon = (sql: string) => sql.trim().replace(/;$/, '');

/** `definition` with the first `<marker><from>` followed by white space made `<marker><to>`; null when it is not there. */
function swapRelation(definition: string, marker: string, from: string, to: string): string | null {
  const needle = `${marker}${from}`;
  for (let at = definition.indexOf(needle); at >= 0; at = definition.indexOf(needle, at + 1)) {
    const next = definition.charAt(at + needle.length);
    if (next === '' || /\s/.test(next)) return definition.slice(0, at) + marker + to + definition.slice(at + needle.length);
  }
  return null;
}

/** Queues a replay for each source/target pair whose printed texts differ. */
export function collectReplays(batch: SettleBatch, source: SchemaModel, target: SchemaModel): void {
  tables(batch, source, target);
  relationParts(batch, source, target);
  views(batch, source, target);
  routines(batch, source, target);
  domains(batch, source, target);
  publications(batch, source, target);
}

/** `source` with the adoptions' texts taken from the target. */
export function adopted(source: SchemaModel, adoptions: readonly Adoption[]): SchemaModel {
  if (adoptions.length === 0) return source;
  const out: SchemaModel = {
    ...source,
    tables: new Map(source.tables), constraints: new Map(source.constraints), indexes: new Map(source.indexes), views: new Map(source.views),
    policies: new Map(source.policies), triggers: new Map(source.triggers), rules: new Map(source.rules), routines: new Map(source.routines),
    types: new Map(source.types), publications: new Map(source.publications),
  };
  for (const a of adoptions) a.apply(out);
  return out;
}

const columnDefault = (table: string, column: string) =>
  readText('pg_catalog.pg_get_expr(d.adbin, d.adrelid)', `pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = ${oidOf(table)} AND a.attname = ${quoteLiteral(column)}`);

/** Partition keys, column defaults and generated expressions. */
function tables(batch: SettleBatch, source: SchemaModel, target: SchemaModel): void {
  for (const [key, s, t] of pairs(source.tables, target.tables)) {
    if (s.partitionKey !== null && t.partitionKey !== null && s.partitionKey !== t.partitionKey) {
      const name = batch.name('k');
      batch.add({
        run: [`CREATE TEMPORARY TABLE ${name} (LIKE ${qualified(t.schema, t.name)}) PARTITION BY ${s.partitionKey}`],
        read: readText(`pg_catalog.pg_get_partkeydef(${oidOf(`pg_temp.${name}`)})`),
        settle: (p) => p === t.partitionKey && batch.adopt(key, (m) => patch(m.tables, key, (x) => ({ ...x, partitionKey: t.partitionKey })),
          t.partitionColumns.map((c) => objectKey('column', t.schema, t.name, c))),
      });
    }
    const setColumn = (column: Column, change: Partial<Column>) => batch.adopt(column.key, (m) =>
      patch(m.tables, key, (x) => ({ ...x, columns: x.columns.map((c) => (c.name === column.name ? { ...c, ...change } : c)) })));
    for (const sc of s.columns) {
      const tc = t.columns.find((c) => c.name === sc.name);
      if (!tc || tc.type !== sc.type) continue;
      if (sc.defaultExpr !== null && tc.defaultExpr !== null && sc.defaultExpr !== tc.defaultExpr) {
        const copy = batch.copyOf(t.schema, t.name);
        batch.add({
          run: [`ALTER TABLE ${copy} ALTER COLUMN ${quoteIdent(sc.name)} SET DEFAULT ${sc.defaultExpr}`],
          read: columnDefault(copy, sc.name),
          settle: (p) => p === tc.defaultExpr && setColumn(sc, { defaultExpr: tc.defaultExpr }),
        });
      }
      if (sc.generated !== null && tc.generated !== null && sc.generated !== tc.generated) {
        // A column of its own: the copy's columns are plain, and one cannot be given an expression before PostgreSQL 17.
        const copy = batch.copyOf(t.schema, t.name);
        const column = batch.name('g');
        batch.add({
          run: [`ALTER TABLE ${copy} ADD COLUMN ${column} ${sc.type} GENERATED ALWAYS AS (${sc.generated}) STORED`],
          read: columnDefault(copy, column),
          settle: (p) => p === tc.generated && setColumn(sc, { generated: tc.generated }),
        });
      }
    }
  }
}

/** What belongs to a table: checks and exclusions, indexes, policies, triggers, rules, replayed on a copy of it. */
function relationParts(batch: SettleBatch, source: SchemaModel, target: SchemaModel): void {
  for (const [key, s, t] of pairs(source.constraints, target.constraints)) {
    if (s.definition === t.definition || s.type !== t.type || (s.type !== 'c' && s.type !== 'x')) continue;
    const copy = batch.copyOf(t.schema, t.table);
    const name = batch.name('c');
    batch.add({
      run: [`ALTER TABLE ${copy} ADD CONSTRAINT ${name} ${s.definition}`],
      read: readText('pg_catalog.pg_get_constraintdef(c.oid)', `pg_catalog.pg_constraint c WHERE c.conrelid = ${oidOf(copy)} AND c.conname = ${quoteLiteral(name)}`),
      settle: (p) => p === t.definition && batch.adopt(key, (m) => patch(m.constraints, key, (x) => ({ ...x, definition: t.definition }))),
    });
  }
  for (const [key, s, t] of pairs(source.indexes, target.indexes)) {
    if (s.definition === t.definition) continue;
    const header = ['', 'UNIQUE '].flatMap((unique) => ['', 'ONLY '].map((only) => ({ unique, text: `CREATE ${unique}INDEX ${quoteIdent(s.name)} ON ${only}${qualified(s.schema, s.table)} ` })))
      .find((h) => s.definition.startsWith(h.text));
    if (!header) continue;
    const copy = batch.copyOf(t.schema, t.table);
    const name = batch.name('i');
    const temp = `CREATE ${header.unique}INDEX ${name} ON ${copy} `;
    batch.add({
      run: [temp + s.definition.slice(header.text.length)],
      read: readText(`pg_catalog.pg_get_indexdef(${oidOf(`pg_temp.${name}`)})`),
      settle: (p) => typeof p === 'string' && p.startsWith(temp) && header.text + p.slice(temp.length) === t.definition &&
        batch.adopt(key, (m) => patch(m.indexes, key, (x) => ({ ...x, definition: t.definition }))),
    });
  }
  for (const [key, s, t] of pairs(source.policies, target.policies)) {
    if ((s.using === t.using && s.withCheck === t.withCheck) || s.command !== t.command) continue;
    const copy = batch.copyOf(t.schema, t.table);
    const name = batch.name('p');
    const clauses = `${s.using !== null ? ` USING (${s.using})` : ''}${s.withCheck !== null ? ` WITH CHECK (${s.withCheck})` : ''}`;
    batch.add({
      run: [`CREATE POLICY ${name} ON ${copy} FOR ${s.command}${clauses}`],
      read: `SELECT pg_catalog.jsonb_build_array(pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid))
        FROM pg_catalog.pg_policy p WHERE p.polrelid = ${oidOf(copy)} AND p.polname = ${quoteLiteral(name)}`,
      settle: (p) => Array.isArray(p) && (p[0] === t.using || p[1] === t.withCheck) && batch.adopt(key, (m) => patch(m.policies, key, (x) => ({
        ...x, using: p[0] === t.using ? t.using : x.using, withCheck: p[1] === t.withCheck ? t.withCheck : x.withCheck,
      }))),
    });
  }
  // Triggers and rules keep their names: they are per table, and each table has a copy of its own.
  const named = [
    { collection: (m: SchemaModel) => m.triggers as Map<string, Named>, marker: ' ON ', print: 'pg_catalog.pg_get_triggerdef(o.oid)', from: 'pg_catalog.pg_trigger o', on: 'o.tgrelid', name: 'o.tgname' },
    { collection: (m: SchemaModel) => m.rules as Map<string, Named>, marker: ' TO ', print: 'pg_catalog.pg_get_ruledef(o.oid)', from: 'pg_catalog.pg_rewrite o', on: 'o.ev_class', name: 'o.rulename' },
  ] as const;
  for (const kind of named) {
    for (const [key, s, t] of pairs(kind.collection(source), kind.collection(target))) {
      if (s.definition === t.definition) continue;
      const real = qualified(t.schema, t.table);
      const copy = batch.copyOf(t.schema, t.table);
      const replayed = swapRelation(withoutSemicolon(s.definition), kind.marker, real, copy);
      if (replayed === null) continue;
      batch.add({
        run: [replayed],
        read: readText(kind.print, `${kind.from} WHERE ${kind.on} = ${oidOf(copy)} AND ${kind.name} = ${quoteLiteral(s.name)}`),
        settle: (p) => typeof p === 'string' && swapRelation(p, kind.marker, copy, real) === t.definition &&
          batch.adopt(key, (m) => patch(kind.collection(m), key, (x) => ({ ...x, definition: t.definition }))),
      });
    }
  }
}

function views(batch: SettleBatch, source: SchemaModel, target: SchemaModel): void {
  for (const [key, s, t] of pairs(source.views, target.views)) {
    if (s.definition === t.definition) continue;
    // A materialized view's query prints as a view's does.
    const name = batch.name('v');
    batch.add({
      run: [`CREATE TEMPORARY VIEW ${name} AS ${withoutSemicolon(s.definition)}`],
      read: readText(`pg_catalog.pg_get_viewdef(${oidOf(`pg_temp.${name}`)})`),
      settle: (p) => p === t.definition && batch.adopt(key, (m) => patch(m.views, key, (x) => ({ ...x, definition: t.definition }))),
    });
  }
}

const KEYWORD = { function: 'FUNCTION', window: 'FUNCTION', procedure: 'PROCEDURE' } as const;

/** Argument defaults and SQL-standard bodies: the routine is made again as a temporary one. */
function routines(batch: SettleBatch, source: SchemaModel, target: SchemaModel): void {
  for (const [key, s, t] of pairs(source.routines, target.routines)) {
    if (s.definition === t.definition || s.kind === 'aggregate' || s.kind !== t.kind) continue;
    const header = `CREATE OR REPLACE ${KEYWORD[s.kind]} ${qualified(s.schema, s.name)}(`;
    if (!s.definition.startsWith(header)) continue;
    const name = batch.name('f');
    const temp = `CREATE OR REPLACE ${KEYWORD[s.kind]} pg_temp.${name}(`;
    batch.add({
      run: [temp + s.definition.slice(header.length)],
      read: `SELECT pg_catalog.jsonb_build_array(pg_catalog.pg_get_functiondef(p.oid), pg_catalog.pg_get_function_arguments(p.oid))
        FROM pg_catalog.pg_proc p WHERE p.pronamespace = pg_catalog.pg_my_temp_schema() AND p.proname = ${quoteLiteral(name)}`,
      settle: (p) => {
        if (!Array.isArray(p) || typeof p[0] !== 'string' || !p[0].startsWith(temp)) return;
        // Trimmed, as the reader keeps it.
        const definition = header + p[0].slice(temp.length).trim() === t.definition;
        if (!definition && p[1] !== t.args) return;
        batch.adopt(key, (m) => patch(m.routines, key, (x) => ({ ...x, definition: definition ? t.definition : x.definition, args: p[1] === t.args ? t.args : x.args })));
      },
    });
  }
}

/** Domain defaults and checks, on a temporary domain over the same base type. */
function domains(batch: SettleBatch, source: SchemaModel, target: SchemaModel): void {
  for (const [key, s, t] of pairs(source.types, target.types)) {
    if (s.kind !== 'domain' || t.kind !== 'domain' || s.baseType === null) continue;
    const defaultDiffers = s.defaultExpr !== null && t.defaultExpr !== null && s.defaultExpr !== t.defaultExpr;
    const checks = s.checks.filter((c) => t.checks.some((x) => x.name === c.name && x.definition !== c.definition));
    if (!defaultDiffers && checks.length === 0) continue;
    const name = `pg_temp.${batch.name('d')}`;
    batch.add({
      run: [
        `CREATE DOMAIN ${name} AS ${s.baseType}${s.collation ? ` COLLATE ${s.collation}` : ''}${defaultDiffers ? ` DEFAULT ${s.defaultExpr}` : ''}`,
        ...checks.map((c) => `ALTER DOMAIN ${name} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`),
      ],
      read: `SELECT pg_catalog.jsonb_build_array(d.typdefault, (SELECT pg_catalog.jsonb_object_agg(c.conname, pg_catalog.pg_get_constraintdef(c.oid))
        FROM pg_catalog.pg_constraint c WHERE c.contypid = d.oid)) FROM pg_catalog.pg_type d WHERE d.oid = ${oidOf(name, 'regtype')}`,
      settle: (p) => {
        if (!Array.isArray(p)) return;
        const printed = (p[1] ?? {}) as Record<string, unknown>;
        batch.adopt(key, (m) => patch(m.types, key, (x) => ({
          ...x,
          defaultExpr: defaultDiffers && p[0] === t.defaultExpr ? t.defaultExpr : x.defaultExpr,
          checks: x.checks.map((c) => {
            const other = t.checks.find((o) => o.name === c.name);
            return other && printed[c.name] === other.definition ? { ...c, definition: other.definition } : c;
          }),
        })));
      },
    });
  }
}

/** Row filters, on a publication of the real table (a temporary one cannot be published): nothing is read or locked but its definition. */
function publications(batch: SettleBatch, source: SchemaModel, target: SchemaModel): void {
  for (const [key, s, t] of pairs(source.publications, target.publications)) {
    for (const m of s.tables) {
      const o = t.tables.find((x) => x.schema === m.schema && x.name === m.name);
      if (!o || m.where === null || o.where === null || m.where === o.where) continue;
      const name = batch.name('b');
      const table = qualified(m.schema, m.name);
      batch.add({
        run: [`CREATE PUBLICATION ${name} FOR TABLE ${table} WHERE (${m.where}) WITH (publish = 'insert', publish_via_partition_root = true)`],
        read: readText('pg_catalog.pg_get_expr(r.prqual, r.prrelid)',
          `pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid WHERE p.pubname = ${quoteLiteral(name)} AND r.prrelid = ${oidOf(table)}`),
        settle: (p) => p === o.where && batch.adopt(key, (model) => patch(model.publications, key, (x) => ({
          ...x, tables: x.tables.map((y) => (y.schema === m.schema && y.name === m.name ? { ...y, where: o.where } : y)),
        }))),
      });
    }
  }
}
