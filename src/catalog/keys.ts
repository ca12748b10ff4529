/**
 * Stable identities of catalog objects. Names are encoded as a JSON array so
 * that dots or quotes inside names can never make two keys collide.
 */
export type KeyKind =
  | 'schema' | 'extension' | 'collation' | 'type' | 'sequence' | 'table' | 'column' | 'constraint'
  | 'index' | 'view' | 'function' | 'trigger' | 'policy' | 'defacl' | 'publication'
  | 'foreign-data-wrapper' | 'server' | 'user-mapping' | 'foreign-table'
  | 'rule' | 'event_trigger' | 'partition-index';

export function objectKey(kind: KeyKind, ...parts: string[]): string {
  return `${kind}:${JSON.stringify(parts)}`;
}

export function keyKind(key: string): KeyKind {
  return key.slice(0, key.indexOf(':')) as KeyKind;
}

export function keyParts(key: string): string[] {
  return JSON.parse(key.slice(key.indexOf(':') + 1)) as string[];
}

/** `function` keys carry the identity arguments: `public.f(integer, text)`. */
export function routineKey(schema: string, name: string, identityArgs: string): string {
  return objectKey('function', schema, name, identityArgs);
}
