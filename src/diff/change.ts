/** A plan is a list of statements that each know their object, action and risk. */

export type Hazard = 'destructive' | 'rewrite' | 'lock' | 'index-build' | 'access';
export type Action = 'create' | 'alter' | 'drop' | 'replace';

/** What users see of a statement (`plan --format json`). */
export interface Change {
  sql: string;
  /** Display name: `public.users`, `public.users.email`, `public.f(integer)`. */
  object: string;
  /** table, column, view, function, index, constraint, trigger, policy, grant, ... */
  kind: string;
  action: Action;
  hazards: Hazard[];
  /** With pending migrations: whether the change brings production's schema or the pull request's. */
  origin?: 'production' | 'pull request';
}

/**
 * A change plus what orders it. Statements of the `drop` phase are ordered by
 * the target's dependencies (dependents first); those of the `create` phase
 * by the source's (dependencies first).
 */
export interface Statement extends Change {
  /** The catalog key of the object the statement acts on. */
  key: string;
  phase: 'drop' | 'create';
  /** Further keys whose create-phase statements must come first. */
  after?: string[];
  /** Drop-phase: keys whose drop-phase statements must come after (ownership released before a table goes). */
  before?: string[];
  /** Keys this statement brings into existence besides `key` (a table's columns). */
  provides?: string[];
  /** Place of its object kind in the natural order; breaks ties between free statements. */
  rank?: number;
}

export interface PlanNote {
  /** The object the note is about. */
  object: string;
  message: string;
  /** The target still differs from the source there (an owner or privilege the applying role may not set): no drift check may call it equal. */
  differs?: boolean;
}

export interface Plan {
  changes: Statement[];
  /** What was left out and why (a grant to a role missing on the target...). */
  notes: PlanNote[];
}

export function hasHazard(changes: readonly Change[], hazard: Hazard): boolean {
  return changes.some((c) => c.hazards.includes(hazard));
}

/** The user-facing part of a statement. */
export function publicChange(s: Statement): Change {
  return { sql: s.sql, object: s.object, kind: s.kind, action: s.action, hazards: s.hazards, ...(s.origin ? { origin: s.origin } : {}) };
}
