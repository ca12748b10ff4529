import type { SchemaModel } from '../catalog/model.js';
import type { Action, Hazard, PlanNote, Statement } from './change.js';

/** One object kind's part in a plan. */
export interface KindHandler<T extends { key: string }> {
  collection(model: SchemaModel): Map<string, T>;
  create(ctx: DiffContext, o: T, action: Action): void;
  drop(ctx: DiffContext, o: T, action: Action): void;
  /** True when source and target agree on everything this handler syncs (grants and comments aside). */
  same(source: T, target: T): boolean;
  /** Emits in-place statements, or returns 'replace' when only drop + create can get there. */
  alter(ctx: DiffContext, source: T, target: T): 'replace' | void;
}

export interface DiffOptions {
  /** Sync extension versions (ALTER EXTENSION ... UPDATE). Default true. */
  extensionVersions?: boolean;
  /**
   * Rows are written after the schema in the same transaction (the data phase,
   * seed files): an enum gaining values is then rebuilt rather than altered
   * by ADD VALUE, whose values PostgreSQL refuses to use before a commit.
   */
  rowsFollow?: boolean;
}

export class DiffContext {
  readonly statements: Statement[] = [];
  readonly notes: PlanNote[] = [];
  /** Target keys dropped or replaced, or (columns) changed in a way their dependents cannot survive. */
  readonly invalidated = new Set<string>();
  /** Target columns that are dropped (alone or with their table). */
  readonly droppedColumns = new Set<string>();
  /** Keys whose object is created or re-created from the source: it starts with default grants and no comment. */
  readonly fresh = new Set<string>();

  /** Keys the plan creates or re-creates (known before any statement is emitted). */
  readonly creating = new Set<string>();

  /** Rank given to statements emitted now: the current kind's place in the natural order. */
  rank = 0;

  constructor(
    readonly source: SchemaModel,
    readonly target: SchemaModel,
    readonly options: DiffOptions = {},
  ) {}

  emit(s: {
    key: string;
    phase: 'drop' | 'create';
    sql: string;
    object: string;
    kind: string;
    action: Action;
    hazards?: Hazard[];
    after?: string[];
    before?: string[];
    provides?: string[];
  }): void {
    const statement: Statement = {
      sql: s.sql.trim().endsWith(';') ? s.sql.trim() : `${s.sql.trim()};`,
      object: s.object,
      kind: s.kind,
      action: s.action,
      hazards: [...new Set(s.hazards ?? [])].sort(),
      key: s.key,
      phase: s.phase,
      rank: this.rank,
    };
    if (s.after?.length) statement.after = s.after;
    if (s.before?.length) statement.before = s.before;
    if (s.provides?.length) statement.provides = s.provides;
    this.statements.push(statement);
  }

  private expressions?: string;

  /**
   * Every expression the source's tables, constraints, indexes, views,
   * policies, triggers and domains hold, as one text to search (function
   * bodies are left out: nothing runs them during an apply).
   */
  sourceExpressions(): string {
    const m = this.source;
    this.expressions ??= [
      ...[...m.tables.values()].flatMap((t) => t.columns.map((c) => `${c.defaultExpr ?? ''} ${c.generated ?? ''}`)),
      ...[...m.constraints.values()].map((c) => c.definition),
      ...[...m.indexes.values()].map((i) => i.definition),
      ...[...m.views.values()].map((v) => v.definition),
      ...[...m.policies.values()].map((p) => `${p.using ?? ''} ${p.withCheck ?? ''}`),
      ...[...m.triggers.values()].map((t) => t.definition),
      ...[...m.types.values()].map((t) => `${t.defaultExpr ?? ''} ${t.checks.map((c) => c.definition).join(' ')}`),
    ].join('\n');
    return this.expressions;
  }

  note(object: string, message: string, differs = false): void {
    this.notes.push(differs ? { object, message, differs } : { object, message });
  }

  /** Whether the applying role may act as `owner` on the target (GRANT, COMMENT, ALTER ... OWNER on its objects). */
  actsAs(owner: string): boolean {
    return this.target.access.superuser || owner === this.target.currentUser || this.target.access.usage.has(owner);
  }

  /** Each synced object's owner on the target while its grants and comments run, before any owner change (set by the owner diff). */
  readonly owners = new Map<string, string>();
  /** Keys whose owner differs from the source's and stays so (the plan notes why). */
  readonly ownerKept = new Set<string>();

  /** Target objects that depend on `key` (one level). */
  dependentsInTarget(key: string): string[] {
    if (!this.dependents) {
      // Inverted once: a cascade asks for many keys.
      this.dependents = new Map();
      for (const [from, deps] of this.target.depends) for (const d of deps) {
        const list = this.dependents.get(d);
        if (list) list.push(from);
        else this.dependents.set(d, [from]);
      }
    }
    return [...(this.dependents.get(key) ?? [])].sort();
  }

  private dependents?: Map<string, string[]>;
}

/** Compares two values as data, ignoring the listed top-level fields. */
export function sameExcept<T extends object>(a: T, b: T, ignore: readonly (keyof T)[]): boolean {
  const strip = (o: T) => JSON.stringify(o, (k, v: unknown) => (ignore.includes(k as keyof T) ? undefined : v));
  return strip(a) === strip(b);
}
