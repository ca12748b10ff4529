import type { Constraint } from '../../catalog/model.js';
import { objectKey } from '../../catalog/keys.js';
import { qualified, quoteIdent } from '../../db/quote.js';
import type { Hazard } from '../change.js';
import type { KindHandler } from '../context.js';

const name = (o: Constraint) => `${o.schema}.${o.table}.${o.name}`;

function hazards(o: Constraint): Hazard[] {
  if (o.type === 'p' || o.type === 'u' || o.type === 'x') return ['index-build', 'lock'];
  return /NOT VALID$/.test(o.definition) ? [] : ['lock'];
}

export const constraints: KindHandler<Constraint> = {
  // Inherited constraints come with their parent.
  collection: (m) => new Map([...m.constraints].filter(([, c]) => c.local)),
  same: (a, b) => a.type === b.type && a.definition === b.definition,
  create(ctx, o, action) {
    ctx.emit({
      key: o.key, phase: 'create', action, kind: 'constraint', object: name(o), hazards: hazards(o),
      sql: `ALTER TABLE ${qualified(o.schema, o.table)} ADD CONSTRAINT ${quoteIdent(o.name)} ${o.definition}`,
      after: [objectKey('table', o.schema, o.table)],
    });
  },
  drop(ctx, o, action) {
    ctx.emit({
      key: o.key, phase: 'drop', action, kind: 'constraint', object: name(o),
      sql: `ALTER TABLE IF EXISTS ${qualified(o.schema, o.table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(o.name)}`,
    });
  },
  alter: () => 'replace',
};
