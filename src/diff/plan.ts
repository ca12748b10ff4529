import { keyKind, keyParts, objectKey } from '../catalog/keys.js';
import type { SchemaModel } from '../catalog/model.js';
import { qualified, quoteIdent } from '../db/quote.js';
import type { Plan } from './change.js';
import { diffComments } from './comments.js';
import { DiffContext, type DiffOptions, type KindHandler } from './context.js';
import { diffGrants } from './grants.js';
import { diffOwners } from './owners.js';
import { collations } from './kinds/collations.js';
import { constraints } from './kinds/constraints.js';
import { extensions } from './kinds/extensions.js';
import { indexes } from './kinds/indexes.js';
import { partitionIndexes } from './kinds/partition-indexes.js';
import { policies } from './kinds/policies.js';
import { publications } from './kinds/publications.js';
import { foreignDataWrappers, foreignServers, foreignTables, userMappings } from './kinds/foreign.js';
import { routines } from './kinds/routines.js';
import { schemas } from './kinds/schemas.js';
import { sequences } from './kinds/sequences.js';
import { tableIndexFlags, tables } from './kinds/tables.js';
import { triggers } from './kinds/triggers.js';
import { types } from './kinds/types.js';
import { views } from './kinds/views.js';
import { defaultPrivileges } from './kinds/default-privileges.js';
import { eventTriggers } from './kinds/event-triggers.js';
import { rules } from './kinds/rules.js';
import { rebuildDomainCheck } from './kinds/types.js';
import { releaseOwnedSequences } from './kinds/sequences.js';
import { calmNewTables } from './hazards.js';
import { orderStatements } from './order.js';

type AnyHandler = KindHandler<{ key: string }>;

/** In the order creates are emitted when nothing else decides. */
const HANDLERS = [
  schemas, extensions, foreignDataWrappers, foreignServers, userMappings, collations, types, sequences, routines, tables, foreignTables,
  constraints, indexes, partitionIndexes, views, triggers, rules, policies, publications, defaultPrivileges, eventTriggers,
] as unknown as AnyHandler[];
const LAST_RANK = HANDLERS.length + 1;

type Decision = 'create' | 'drop' | 'replace' | 'alter';

interface Entry {
  handler: AnyHandler;
  decision: Decision;
  source?: { key: string };
  target?: { key: string };
}

/**
 * Computes the statements that make `target` equal to `source`: set
 * arithmetic per kind, replacements cascaded to dependents, then grants and
 * comments, all ordered by both dependency graphs.
 */
export function diffModels(source: SchemaModel, target: SchemaModel, options: DiffOptions = {}): Plan {
  const ctx = new DiffContext(source, target, options);
  const entries = new Map<string, Entry>();

  for (const [rank, handler] of HANDLERS.entries()) {
    ctx.rank = rank;
    const s = handler.collection(source);
    const t = handler.collection(target);
    for (const key of [...new Set([...s.keys(), ...t.keys()])].sort()) {
      const so = s.get(key);
      const to = t.get(key);
      if (so && !to) entries.set(key, { handler, decision: 'create', source: so });
      else if (!so && to) {
        entries.set(key, { handler, decision: 'drop', target: to });
        ctx.invalidated.add(key);
      } else if (so && to && !handler.same(so, to)) {
        const result = handler.alter(ctx, so, to);
        entries.set(key, { handler, decision: result === 'replace' ? 'replace' : 'alter', source: so, target: to });
        if (result === 'replace') ctx.invalidated.add(key);
      }
    }
  }
  // A table that goes takes its columns with it: what depends on them must follow.
  for (const [key, e] of entries) {
    if ((keyKind(key) !== 'table' && keyKind(key) !== 'foreign-table') || (e.decision !== 'drop' && e.decision !== 'replace')) continue;
    for (const c of (target.tables.get(key) ?? target.foreignTables.get(key))?.columns ?? []) {
      ctx.invalidated.add(c.key);
      ctx.droppedColumns.add(c.key);
    }
  }

  cascade(ctx, entries);
  ctx.rank = HANDLERS.indexOf(sequences as unknown as AnyHandler);
  releaseOwnedSequences(ctx, (key) => entries.get(key)?.decision);

  for (const [key, e] of entries) if (e.decision === 'create' || e.decision === 'replace') ctx.creating.add(key);
  for (const [key, e] of entries) {
    ctx.rank = HANDLERS.indexOf(e.handler);
    if ((e.decision === 'drop' || e.decision === 'replace') && e.target) e.handler.drop(ctx, e.target, e.decision);
    if ((e.decision === 'create' || e.decision === 'replace') && e.source) {
      e.handler.create(ctx, e.source, e.decision);
      ctx.fresh.add(key);
    }
  }
  ctx.rank = HANDLERS.indexOf(tables as unknown as AnyHandler);
  tableIndexFlags(ctx);
  ctx.rank = HANDLERS.length;
  // Owners first: grants and comments run as the current owner; the owner changes come after them (ranked last).
  ctx.rank = LAST_RANK;
  diffOwners(ctx);
  ctx.rank = HANDLERS.length;
  diffGrants(ctx);
  diffComments(ctx);

  calmNewTables(ctx, new Set([...entries].filter(([k, e]) => keyKind(k) === 'table' && (e.decision === 'create' || e.decision === 'replace')).map(([k]) => k)));
  const { ordered, cycles } = orderStatements(ctx.statements, source, target, LAST_RANK);
  for (const object of cycles) ctx.note(object, 'placed by emission order: its dependencies form a cycle');
  return { changes: ordered, notes: ctx.notes };
}

/**
 * Whatever depends, in the target, on an object that is dropped or replaced
 * must be dropped first and re-created after it. A changed column type only
 * takes down what PostgreSQL refuses to convert along (views, policies,
 * triggers, routines); its indexes and constraints are rebuilt by ALTER TYPE.
 */
function cascade(ctx: DiffContext, entries: Map<string, Entry>): void {
  const byKey = new Map<string, AnyHandler>();
  for (const handler of HANDLERS) for (const key of handler.collection(ctx.target).keys()) byKey.set(key, handler);
  const queue = [...ctx.invalidated].sort();
  const seen = new Set(queue);
  while (queue.length > 0) {
    const key = queue.shift()!;
    const retypedColumn = keyKind(key) === 'column' && !ctx.droppedColumns.has(key);
    for (const dependent of ctx.dependentsInTarget(key)) {
      const kind = keyKind(dependent);
      if (retypedColumn && (kind === 'index' || kind === 'partition-index' || kind === 'constraint')) continue;
      if (kind === 'schema' || kind === 'extension') continue;
      // A publication lets go of a dropped column or table in place (ALTER PUBLICATION ... DROP TABLE).
      if (kind === 'publication' && (ctx.droppedColumns.has(key) || entries.get(key)?.decision === 'drop')) continue;
      if (kind === 'column') {
        resetDefault(ctx, dependent, key);
        continue;
      }
      if (kind === 'constraint' && rebuildDomainCheck(ctx, dependent, (k) => entries.get(k)?.decision)) continue;
      const entry = entries.get(dependent);
      if (entry && entry.decision !== 'alter') continue;
      const handler = byKey.get(dependent);
      const sourceObject = handler?.collection(ctx.source).get(dependent);
      const targetObject = handler?.collection(ctx.target).get(dependent);
      if (!handler || !targetObject) continue;
      if (entry) ctx.statements.splice(0, ctx.statements.length, ...ctx.statements.filter((s) => s.key !== dependent));
      entries.set(dependent, sourceObject
        ? { handler, decision: 'replace', source: sourceObject, target: targetObject }
        : { handler, decision: 'drop', target: targetObject });
      if (!seen.has(dependent)) {
        seen.add(dependent);
        queue.push(dependent);
      }
    }
  }
}

/**
 * A column whose default uses something being replaced (a function): drop
 * the default first and set the source's again afterwards. A column whose
 * type is being replaced cannot be kept that way and is reported.
 */
function resetDefault(ctx: DiffContext, columnKey: string, cause: string): void {
  const [schema = '', table = '', column = ''] = keyParts(columnKey);
  const tableKey = objectKey('table', schema, table);
  const t = ctx.target.tables.get(tableKey)?.columns.find((c) => c.name === column);
  const s = ctx.source.tables.get(tableKey)?.columns.find((c) => c.name === column);
  if (!t || !s || ctx.droppedColumns.has(columnKey) || ctx.statements.some((x) => x.key === columnKey)) return;
  const object = `${schema}.${table}.${column}`;
  if (t.defaultExpr === null) {
    if (keyKind(cause) === 'type' || keyKind(cause) === 'collation') {
      ctx.note(object, `its type ${t.type} is being replaced; change the column by hand if the apply fails`);
    }
    return;
  }
  const prefix = `ALTER TABLE ${qualified(schema, table)} ALTER COLUMN ${quoteIdent(column)}`;
  ctx.emit({ key: columnKey, phase: 'drop', action: 'alter', kind: 'column', object, sql: `${prefix} DROP DEFAULT` });
  if (s.defaultExpr !== null && s.generated === null && !s.identity) {
    ctx.emit({ key: columnKey, phase: 'create', action: 'alter', kind: 'column', object, sql: `${prefix} SET DEFAULT ${s.defaultExpr}` });
  }
}
