/**
 * Column masks for the data phase. Every mask is an SQL expression placed in
 * the SELECT list of the source's `COPY (SELECT ...) TO STDOUT`, so personal
 * data is replaced on production and never travels unmasked.
 */
import { qualified, quoteIdent, quoteLiteral } from '../db/quote.js';
import { didYouMean } from '../util/suggest.js';
import type { DataColumn } from './model.js';

type RuleBody =
  | { kind: 'null' }
  | { kind: 'email' }
  | { kind: 'name' }
  | { kind: 'phone' }
  | { kind: 'hash' }
  | { kind: 'fixed'; value: string }
  | { kind: 'sql'; expression: string }
  /** Built-in masks only: `prefix` and `digits` (at most 15) decimal digits of the hash, phone-like and unique enough for a UNIQUE column. */
  | { kind: 'digits'; prefix: string; digits: number }
  /** Built-in masks only: a JSON object keeping only `keep`'s keys of the value, and `fake`'s keys' text replaced by a fake. */
  | { kind: 'json'; keep: readonly string[]; fake?: Readonly<Record<string, FakeRule>> };

/** `keepEmpty`: '' stays '' (what Supabase Auth writes for "nothing pending"), like NULL stays NULL. */
export type MaskRule = RuleBody & { keepEmpty?: boolean };

type HashedKind = 'email' | 'name' | 'phone' | 'hash';
export type FakeRule = Extract<RuleBody, { kind: HashedKind | 'digits' }>;

const SIMPLE = ['null', 'email', 'name', 'phone', 'hash'] as const;
const KINDS = [...SIMPLE, 'fixed', 'sql'];
const ALLOWED = 'null, email, name, phone, hash, fixed:<value>, sql:<expression>';

// ASCII letters only: the length check below counts characters, and no quote needs escaping.
const FIRST_NAMES = [
  'Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Dennis', 'Frances', 'Ken',
  'Radia', 'Niklaus', 'Hedy', 'Tim', 'Katherine', 'Linus', 'Shafi', 'Leslie', 'Sophie', 'John',
];
const LAST_NAMES = [
  'Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Ritchie', 'Allen', 'Thompson',
  'Perlman', 'Wirth', 'Lamarr', 'Lee', 'Johnson', 'Torvalds', 'Goldwasser', 'Lamport', 'Wilson', 'Backus',
];

const EMAIL_PREFIX = 'user_';
const EMAIL_DOMAIN = '@example.com';
const EMAIL_HASH_CHARS = 32; // 128 bits: collisions among distinct inputs are practically impossible
const PHONE_PREFIX = '+1555';
const PHONE_DIGITS = 7;
const NAME_SUFFIX_CHARS = 4;

const longest = (words: string[]) => Math.max(...words.map((w) => w.length));

/** The longest value each hashed rule can yield, to check against varchar(n) / character(n). */
function resultLength(rule: FakeRule): number {
  switch (rule.kind) {
    case 'email':
      return EMAIL_PREFIX.length + EMAIL_HASH_CHARS + EMAIL_DOMAIN.length;
    case 'name':
      return longest(FIRST_NAMES) + 1 + longest(LAST_NAMES) + 1 + NAME_SUFFIX_CHARS;
    case 'phone':
      return PHONE_PREFIX.length + PHONE_DIGITS;
    case 'hash':
      return 64;
    case 'digits':
      return rule.prefix.length + Math.min(rule.digits, 15);
  }
}

/** Parses a rule as written in the config: null, email, name, phone, hash, fixed:<value>, sql:<expression>. */
export function parseMaskRule(text: string, what: string): MaskRule {
  const colon = text.indexOf(':');
  const head = (colon < 0 ? text : text.slice(0, colon)).trim();
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (colon >= 0 && head === 'fixed') {
    // Verbatim after the colon: spaces may be part of the value.
    return { kind: 'fixed', value: rest };
  }
  if (colon >= 0 && head === 'sql') {
    const expression = rest.trim();
    if (expression === '') throw new Error(`${what}: "sql:" needs an expression after the colon, e.g. sql:left(email, 2) || '***'`);
    return { kind: 'sql', expression };
  }
  const simple = SIMPLE.find((kind) => kind === head);
  if (simple && colon < 0) return { kind: simple };
  if (simple) throw new Error(`${what}: the ${simple} mask takes no value (got ${JSON.stringify(text)}); allowed: ${ALLOWED}`);
  if (colon < 0 && (head === 'fixed' || head === 'sql')) {
    throw new Error(`${what}: the ${head} mask needs a value: write ${head === 'fixed' ? 'fixed:<value>' : 'sql:<expression>'}`);
  }
  throw new Error(`${what}: unknown mask rule ${JSON.stringify(text)}${didYouMean(head, KINDS)}; allowed: ${ALLOWED}`);
}

/**
 * sha256 of salt || input, as bytea. The input is text SQL, `<column>::text`
 * so any type can be hashed; NULL in gives NULL out (every function here is
 * strict). Functions are schema-qualified so the source's search_path cannot
 * swap them.
 */
function digest(input: string, salt: string): string {
  return `pg_catalog.sha256(pg_catalog.convert_to(${quoteLiteral(salt)} || ${input}, 'UTF8'))`;
}

function hexDigest(input: string, salt: string): string {
  return `pg_catalog.encode(${digest(input, salt)}, 'hex')`;
}

/** `digits` decimal digits from the first `hexChars` hex characters (`bits` bits) of a hex digest. */
function hashDigits(hex: string, hexChars: number, bits: number, digits: number): string {
  const number = `(('x' || pg_catalog.substr(${hex}, 1, ${hexChars}))::bit(${bits})::bigint % 1${'0'.repeat(digits)})::text`;
  return `pg_catalog.lpad(${number}, ${digits}, '0')`;
}

/** The fake text a hashed rule makes of `input` (text SQL), not yet cast. */
function fakeText(rule: FakeRule, input: string, salt: string): string {
  const hex = () => hexDigest(input, salt);
  switch (rule.kind) {
    case 'hash':
      return hex();
    case 'email':
      return `${quoteLiteral(EMAIL_PREFIX)} || pg_catalog.substr(${hex()}, 1, ${EMAIL_HASH_CHARS}) || ${quoteLiteral(EMAIL_DOMAIN)}`;
    case 'phone':
      // 32 bits of the hash, reduced to 7 decimal digits.
      return `${quoteLiteral(PHONE_PREFIX)} || ${hashDigits(hex(), 8, 32, PHONE_DIGITS)}`;
    case 'digits':
      // 60 bits: 15 digits keep a million distinct inputs apart with a chance of a clash below 1 in 1,000.
      return `${quoteLiteral(rule.prefix)} || ${hashDigits(hex(), 15, 60, Math.min(rule.digits, 15))}`;
    case 'name': {
      // Bytes 0 and 1 pick the names; hex chars 5-8 (bytes 2-3) are the suffix that keeps namesakes apart.
      const d = digest(input, salt);
      const first = `${sqlArray(FIRST_NAMES)}[pg_catalog.get_byte(${d}, 0) % ${FIRST_NAMES.length} + 1]`;
      const last = `${sqlArray(LAST_NAMES)}[pg_catalog.get_byte(${d}, 1) % ${LAST_NAMES.length} + 1]`;
      const suffix = `pg_catalog.substr(${hex()}, 5, ${NAME_SUFFIX_CHARS})`;
      return `${first} || ' ' || ${last} || ' ' || ${suffix}`;
    }
  }
}

const sqlArray = (words: string[]) => `(ARRAY[${words.map(quoteLiteral).join(', ')}])`;

/**
 * The SQL expression (for the source's SELECT list) yielding the masked value
 * of `column`, cast back to the column's type (its format_type, which is valid
 * SQL type syntax) so COPY into the same column on the target works. NULL stays
 * NULL except for fixed and sql. The same salt and input always give the same
 * output, in any table or run, so masked key columns still join.
 */
export function maskExpression(column: DataColumn, rule: MaskRule, salt: string): string {
  // The column's own type, a domain too: its CHECKs then run on the source, where prepare() names a failing rule.
  const type = column.type;
  const name = quoteIdent(column.name);
  const input = `${name}::text`;
  const masked = (): string => {
    switch (rule.kind) {
      case 'null':
        return `NULL::${type}`;
      case 'fixed':
        return `${quoteLiteral(rule.value)}::${type}`;
      case 'sql':
        // The user's own SQL from the config, not data: it runs only inside the
        // READ ONLY source session, as one SELECT list item. The newline keeps a
        // trailing `--` comment from swallowing the closing parenthesis.
        return `(${rule.expression}\n)::${type}`;
      case 'json': {
        const value = `${name}::jsonb`;
        const pairs = [
          ...rule.keep.map((key) => `${quoteLiteral(key)}, ${value} -> ${quoteLiteral(key)}`),
          ...Object.entries(rule.fake ?? {}).map(([key, fake]) => `${quoteLiteral(key)}, pg_catalog.to_jsonb(${fakeText(fake, `(${value} ->> ${quoteLiteral(key)})`, salt)})`),
        ];
        // Absent keys come out as JSON null and are stripped, so the object holds only what the value had.
        return `(CASE WHEN ${name} IS NULL THEN NULL ELSE pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(${pairs.join(', ')})) END)::${type}`;
      }
      default:
        return `(${fakeText(rule, input, salt)})::${type}`;
    }
  };
  return rule.keepEmpty ? `(CASE WHEN ${input} = '' THEN ${name} ELSE ${masked()} END)` : masked();
}

/**
 * How many characters a text-like type holds (Infinity when unlimited), or
 * undefined when the type is not text-like. Pass a domain's base type.
 */
export function textCapacity(type: string): number | undefined {
  if (type === 'text' || type === 'bpchar' || /^(?:.+\.)?citext$/.test(type)) return Infinity;
  const match = /^(character varying|character)(?:\((\d+)\))?$/.exec(type);
  if (!match) return undefined;
  if (match[2] !== undefined) return Number(match[2]);
  // Bare `character` is character(1); bare `character varying` is unlimited.
  return match[1] === 'character' ? 1 : Infinity;
}

/** A config key as TOML would write it, for error paths. */
export function tomlKey(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
}

/** Why a rule would fail or silently truncate when copied into this column; undefined when it fits. */
export function fitProblem(column: DataColumn, rule: MaskRule, of: string): string | undefined {
  const col = `column ${JSON.stringify(column.name)} of ${of}`;
  const base = column.baseType ?? column.type;
  const type = base === column.type ? column.type : `${column.type} (a domain over ${base})`;
  const capacity = textCapacity(base);
  if (rule.kind === 'null' && column.notNull) {
    const other = capacity === undefined ? 'fixed:<value> or sql:<expression>' : 'hash, fixed:<value> or sql:<expression>';
    return `${col} is NOT NULL, so the null mask would make the copy fail; use another rule, e.g. ${other}`;
  }
  if (rule.kind === 'null' || rule.kind === 'fixed' || rule.kind === 'sql') return undefined;
  if (rule.kind === 'json') return base === 'json' || base === 'jsonb' ? undefined : `the json mask needs a json or jsonb column, but ${col} is ${type}`;
  if (capacity === undefined) {
    return `the ${rule.kind} mask yields text, but ${col} is ${type}; use fixed:<value> or sql:<expression> for it`;
  }
  const length = resultLength(rule);
  if (length > capacity) {
    // An explicit cast to varchar(n) truncates silently, which would break uniqueness: refuse instead.
    return `the ${rule.kind} mask yields up to ${length} characters, but ${col} is ${type} ` +
      `(at most ${capacity}); widen the column or use another rule (fixed:<value>, sql:<expression>)`;
  }
  return undefined;
}

/**
 * Checks a table's rules against its columns and parses them. `rules` maps
 * column names to rule texts; `what` is the config path of the table's rules,
 * e.g. 'data.mask."public.guests"'.
 */
export function resolveMasks(
  table: { schema: string; name: string; columns: DataColumn[] },
  rules: Record<string, string>,
  what: string,
): Map<string, MaskRule> {
  const of = qualified(table.schema, table.name);
  const names = table.columns.map((c) => c.name);
  const resolved = new Map<string, MaskRule>();
  for (const [name, text] of Object.entries(rules)) {
    const where = `${what}.${tomlKey(name)}`;
    const column = table.columns.find((c) => c.name === name);
    if (!column) {
      throw new Error(
        `${where}: table ${of} has no column ${JSON.stringify(name)}${didYouMean(name, names)}; its columns: ${names.join(', ')}`,
      );
    }
    if (column.generated) {
      throw new Error(
        `${where}: column ${JSON.stringify(name)} of ${of} is generated: it is not copied (the target computes it), ` +
          'so it cannot be masked; mask the columns it is computed from',
      );
    }
    const rule = parseMaskRule(text, where);
    const problem = fitProblem(column, rule, of);
    if (problem) throw new Error(`${where}: ${problem}`);
    resolved.set(name, rule);
  }
  return resolved;
}
