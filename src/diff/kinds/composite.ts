import type { TypeObject } from '../../catalog/model.js';
import { keyKind } from '../../catalog/keys.js';
import { qualified, quoteIdent } from '../../db/quote.js';
import type { Hazard } from '../change.js';
import type { DiffContext } from '../context.js';

interface Attribute {
  name: string;
  /** The type, and COLLATE when given. */
  rest: string;
}

/** `"Name" integer COLLATE x` as the catalog prints an attribute: quote_ident(name), then the rest. */
function parse(attribute: string): Attribute {
  if (attribute.startsWith('"')) {
    let i = 1;
    while (i < attribute.length) {
      if (attribute[i] === '"' && attribute[i + 1] === '"') i += 2;
      else if (attribute[i] === '"') break;
      else i++;
    }
    return { name: attribute.slice(1, i).replaceAll('""', '"'), rest: attribute.slice(i + 2) };
  }
  const space = attribute.indexOf(' ');
  return { name: attribute.slice(0, space), rest: attribute.slice(space + 1) };
}

/**
 * A composite type changes in place (ALTER TYPE ... ADD / DROP / ALTER
 * ATTRIBUTE ... CASCADE, which reaches typed tables), so columns of that type
 * keep their values. Attributes keep their order: from the first one out of
 * place, the rest are dropped and added again. An attribute whose type changes
 * while a column uses the type is dropped and added (its values are lost).
 */
export function alterComposite(ctx: DiffContext, s: TypeObject, t: TypeObject): void {
  const id = qualified(s.schema, s.name);
  const emit = (sql: string, hazards: Hazard[] = []) =>
    ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'type', object: `${s.schema}.${s.name}`, sql: `ALTER TYPE ${id} ${sql} CASCADE`, hazards });
  const wanted = s.attributes.map(parse);
  const present = t.attributes.map(parse);
  const usedByColumns = ctx.dependentsInTarget(t.key).some((k) => keyKind(k) === 'column');
  const kept = present.filter((a) => wanted.some((w) => w.name === a.name));
  for (const a of present) if (!kept.includes(a)) emit(`DROP ATTRIBUTE ${quoteIdent(a.name)}`, ['destructive']);
  let i = 0;
  for (; i < kept.length && i < wanted.length && kept[i]!.name === wanted[i]!.name; i++) {
    if (kept[i]!.rest === wanted[i]!.rest) continue;
    if (usedByColumns) break;
    emit(`ALTER ATTRIBUTE ${quoteIdent(wanted[i]!.name)} TYPE ${wanted[i]!.rest}`, ['destructive']);
  }
  for (const a of kept.slice(i)) emit(`DROP ATTRIBUTE ${quoteIdent(a.name)}`, ['destructive']);
  for (const a of wanted.slice(i)) emit(`ADD ATTRIBUTE ${quoteIdent(a.name)} ${a.rest}`);
}
