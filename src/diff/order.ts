import type { SchemaModel } from '../catalog/model.js';
import type { Statement } from './change.js';

/**
 * Orders statements by the dependency graphs of both databases:
 * - a create-phase statement follows the create-phase statements of what its
 *   object depends on in the source, and every statement of the keys in `after`;
 * - a drop-phase statement precedes the drops of what its object depends on
 *   in the target (dependents go first);
 * - an in-place change of an object precedes the drop of what it stopped
 *   depending on (a column moves off a type before the type is dropped);
 * - a drop-phase statement precedes the drops of the keys it lists in `before`;
 * - statements on one object keep their order, drops before creates.
 * Among statements free to go, drops come first, then kind order, then emission order, so the
 * same pair of databases always yields the same plan. A cycle (which
 * PostgreSQL's own dependencies never form) is broken at the earliest
 * statement, and reported.
 */
export function orderStatements(statements: Statement[], source: SchemaModel, target: SchemaModel, maxRank = 0): { ordered: Statement[]; cycles: string[] } {
  const n = statements.length;
  const creates = new Map<string, number[]>();
  const drops = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  const noIndexes: number[] = [];
  statements.forEach((s, i) => {
    const map = s.phase === 'drop' ? drops : creates;
    push(map, s.key, i);
    for (const key of s.provides ?? []) push(map, key, i);
  });

  // Plain arrays: a repeated edge is harmless, as in-degrees count it the same way.
  const successors: number[][] = Array.from({ length: n }, () => []);
  const edge = (before: number, after: number) => {
    if (before !== after) successors[before]!.push(after);
  };
  const lastByKey = [new Map<string, number>(), new Map<string, number>()];
  const noKeys: string[] = [];
  statements.forEach((s, i) => {
    const own = lastByKey[s.phase === 'drop' ? 0 : 1]!;
    const previous = own.get(s.key);
    if (previous !== undefined) edge(previous, i);
    own.set(s.key, i);
    // What a statement brings or takes with it (a table's columns) orders it too.
    const provides = s.provides ?? noKeys;
    const ownKey = (dep: string) => dep === s.key || provides.includes(dep);
    const dropsBefore = (dep: string) => {
      for (const j of drops.get(dep) ?? noIndexes) if (statements[j]!.key !== s.key) edge(i, j);
    };
    if (s.phase === 'create') {
      for (const d of drops.get(s.key) ?? noIndexes) edge(d, i);
      const before = (dep: string) => {
        for (const j of creates.get(dep) ?? noIndexes) if (j < i || statements[j]!.key !== s.key) edge(j, i);
      };
      for (const dep of source.depends.get(s.key) ?? noKeys) if (!ownKey(dep)) before(dep);
      for (const key of provides) for (const dep of source.depends.get(key) ?? noKeys) if (!ownKey(dep)) before(dep);
      for (const dep of s.after ?? noKeys) {
        before(dep);
        for (const d of drops.get(dep) ?? noIndexes) edge(d, i);
      }
      if (s.action === 'alter') {
        for (const dep of target.depends.get(s.key) ?? noKeys) dropsBefore(dep);
      }
    } else {
      for (const dep of target.depends.get(s.key) ?? noKeys) if (!ownKey(dep)) dropsBefore(dep);
      for (const key of provides) for (const dep of target.depends.get(key) ?? noKeys) if (!ownKey(dep)) dropsBefore(dep);
      for (const dep of s.before ?? noKeys) dropsBefore(dep);
    }
  });

  const indegree = new Array<number>(n).fill(0);
  for (const set of successors) for (const j of set) indegree[j]!++;
  // Drops first, in reverse kind order (policies before tables); then creates in kind order.
  const ranks = statements.map((s, i) => (s.phase === 'drop' ? maxRank - (s.rank ?? 0) : maxRank + 1 + (s.rank ?? 0)) * n + i);
  const rank = (i: number) => ranks[i]!;
  const ready = new MinHeap(rank);
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i);

  const done = new Array<boolean>(n).fill(false);
  const ordered: Statement[] = [];
  const cycles: string[] = [];
  while (ordered.length < n) {
    let next = ready.pop();
    if (next === undefined) {
      // A cycle: release the earliest waiting statement.
      next = [...Array(n).keys()].filter((i) => !done[i]).sort((a, b) => rank(a) - rank(b))[0]!;
      cycles.push(statements[next]!.object);
    }
    if (done[next]) continue;
    done[next] = true;
    ordered.push(statements[next]!);
    for (const j of successors[next]!) {
      if (--indegree[j]! === 0 && !done[j]) ready.push(j);
    }
  }
  return { ordered, cycles };
}

class MinHeap {
  private items: number[] = [];
  constructor(private readonly rank: (i: number) => number) {}
  push(i: number): void {
    const a = this.items;
    a.push(i);
    let c = a.length - 1;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (this.rank(a[p]!) <= this.rank(a[c]!)) break;
      const t = a[p]!;
      a[p] = a[c]!;
      a[c] = t;
      c = p;
    }
  }
  pop(): number | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < a.length && this.rank(a[l]!) < this.rank(a[m]!)) m = l;
        if (r < a.length && this.rank(a[r]!) < this.rank(a[m]!)) m = r;
        if (m === p) break;
        const t = a[p]!;
        a[p] = a[m]!;
        a[m] = t;
        p = m;
      }
    }
    return top;
  }
}
