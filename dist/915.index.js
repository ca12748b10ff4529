export const id = 915;
export const ids = [915];
export const modules = {

/***/ 6531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WS: () => (/* binding */ listTables),
/* harmony export */   gb: () => (/* binding */ readTables),
/* harmony export */   nL: () => (/* binding */ incomingKeys)
/* harmony export */ });
/** Every table data can be copied into or out of: ordinary and partitioned tables, not partitions (their parent copies them). */
const TABLES_SQL = `
select n.nspname as schema, c.relname as name
from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and not c.relispartition
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg\\_temp\\_%' and n.nspname not like 'pg\\_toast\\_temp\\_%'
  and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
order by 1, 2`;
async function listTables(client) {
    return (await client.query(TABLES_SQL)).rows;
}
/** Columns, key, foreign keys, user triggers and owned sequences of the given tables, in one query. */
const DETAILS_SQL = `
with wanted as (
  select c.oid, w.ord
  from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
  join pg_catalog.pg_namespace n on n.nspname = w.schema
  join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name
)
select w.ord::int as ord, n.nspname as schema, c.relname as name, c.relkind as kind,
  (select coalesce(json_agg(json_build_object(
      'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod), 'baseType', dom.base,
      'domainChecks', coalesce(dom.checks, '[]'), 'notNull', a.attnotnull or dom.not_null,
      'generated', a.attgenerated = 's', 'identity', a.attidentity) order by a.attnum), '[]')
   from pg_catalog.pg_attribute a
   -- The chain of domains under the column's type: masks must fit the base type and pass every CHECK.
   cross join lateral (
     with recursive chain(typ, mod, depth) as (
       select a.atttypid, a.atttypmod, 0
       union all
       select t.typbasetype, t.typtypmod, ch.depth + 1 from chain ch join pg_catalog.pg_type t on t.oid = ch.typ where t.typtype = 'd')
     select (select pg_catalog.format_type(ch.typ, ch.mod) from chain ch order by ch.depth desc limit 1) as base,
       exists (select 1 from chain ch join pg_catalog.pg_type t on t.oid = ch.typ where t.typtype = 'd' and t.typnotnull) as not_null,
       (select json_agg(json_build_object('domain', pg_catalog.format_type(co.contypid, null), 'name', co.conname,
          'definition', pg_catalog.pg_get_constraintdef(co.oid)) order by ch.depth, co.conname)
        from chain ch join pg_catalog.pg_constraint co on co.contypid = ch.typ and co.contype = 'c') as checks
   ) dom
   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
  (select json_agg(a.attname order by k.i)
   from pg_catalog.pg_constraint pk, unnest(pk.conkey) with ordinality k(attnum, i)
   join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
   where pk.conrelid = c.oid and pk.contype = 'p') as primary_key,
  (select coalesce(json_agg(json_build_object(
      'name', f.conname, 'deferrable', f.condeferrable, 'refSchema', rn.nspname, 'refTable', rc.relname,
      'columns', (select json_agg(a.attname order by k.i) from unnest(f.conkey) with ordinality k(attnum, i)
                  join pg_catalog.pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.attnum),
      'refColumns', (select json_agg(a.attname order by k.i) from unnest(f.confkey) with ordinality k(attnum, i)
                     join pg_catalog.pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.attnum)) order by f.conname), '[]')
   from pg_catalog.pg_constraint f
   join pg_catalog.pg_class rc on rc.oid = f.confrelid join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
   where f.conrelid = c.oid and f.contype = 'f' and f.conparentid = 0) as foreign_keys,
  (select coalesce(json_agg(json_build_object('name', t.tgname, 'enabled', t.tgenabled) order by t.tgname), '[]')
   from pg_catalog.pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal) as triggers,
  (select coalesce(json_agg(json_build_object('column', a.attname,
      'sequence', pg_catalog.quote_ident(sn.nspname) || '.' || pg_catalog.quote_ident(s.relname)) order by a.attnum), '[]')
   from pg_catalog.pg_depend d
   join pg_catalog.pg_class s on s.oid = d.objid and s.relkind = 'S'
   join pg_catalog.pg_namespace sn on sn.oid = s.relnamespace
   join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = d.refobjsubid
   where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.refobjid = c.oid
     and d.deptype in ('a', 'i')) as sequences
from wanted w join pg_catalog.pg_class c on c.oid = w.oid join pg_catalog.pg_namespace n on n.oid = c.relnamespace
order by w.ord`;
/** The details of each named table, in the order given; a table the database lacks is left out. */
async function readTables(client, tables) {
    if (tables.length === 0)
        return [];
    const { rows } = await client.query(DETAILS_SQL, [tables.map((t) => t.schema), tables.map((t) => t.name)]);
    return rows.map((r) => ({
        schema: r.schema, name: r.name, kind: r.kind, columns: r.columns, primaryKey: r.primary_key ?? undefined,
        foreignKeys: r.foreign_keys, triggers: r.triggers, sequences: r.sequences,
    }));
}
/** Foreign keys of tables outside `tables` that reference one of them, with whether the referencing table has rows. */
const INCOMING_SQL = `
with wanted as (
  select c.oid
  from unnest($1::text[], $2::text[]) as w(schema, name)
  join pg_catalog.pg_namespace n on n.nspname = w.schema
  join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name
)
select f.conname as name, n.nspname as schema, c.relname as table, rn.nspname as ref_schema, rc.relname as ref_table
from pg_catalog.pg_constraint f
join pg_catalog.pg_class c on c.oid = f.conrelid join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_class rc on rc.oid = f.confrelid join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
where f.contype = 'f' and f.conparentid = 0 and f.confrelid in (select oid from wanted) and f.conrelid not in (select oid from wanted)
order by 2, 3, 1`;
async function incomingKeys(client, tables) {
    if (tables.length === 0)
        return [];
    return (await client.query(INCOMING_SQL, [tables.map((t) => t.schema), tables.map((t) => t.name)])).rows;
}


/***/ }),

/***/ 2392:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ chooseParity)
/* harmony export */ });
/**
 * Whether each copied column can be hashed by value, read from the catalog:
 * a built-in type (never an extension's: its OID and hash are the server's
 * own) whose default hash operator class has an extended hash function — the
 * one hash partitioning relies on staying the same across servers — or an
 * array of one, or a domain over either. Left out: enums (their hash is the
 * label's OID, which differs between databases), composites and ranges,
 * aclitem (role OIDs), the reg* types (hashed as OIDs, copied as names), json
 * (no hash), and any column whose collation is nondeterministic (its hash
 * treats texts the collation calls equal as equal). Equal by value means equal
 * as the type compares: 1.0 and 1.00 (numeric), 0 and -0 (float) hash alike.
 * Returns each column's type too, so both sides can be held to the same types.
 */
const ELIGIBLE_SQL = `
with recursive cols as (
  select w.ord, w.pos, a.atttypid as typ, a.attcollation as coll, pg_catalog.format_type(a.atttypid, a.atttypmod) as printed
  from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[]) as w(ord, pos, schema, name, col)
  join pg_catalog.pg_namespace n on n.nspname = w.schema
  join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name
  join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = w.col and a.attnum > 0 and not a.attisdropped
),
-- A type under its domains, then (for an array) its element under the element's domains.
chain(ord, pos, typ, step) as (
  select ord, pos, typ, 0 from cols
  union all
  select ch.ord, ch.pos, case when t.typtype = 'd' then t.typbasetype else t.typelem end, ch.step + 1
  from chain ch join pg_catalog.pg_type t on t.oid = ch.typ
  where ch.step < 20 and (t.typtype = 'd' or (t.typelem <> 0 and t.typlen = -1 and t.typcategory = 'A'))
),
hashable as (
  select t.oid from pg_catalog.pg_type t
  where t.oid < 16384 and t.typtype = 'b' and t.typcategory <> 'A' and t.typname <> 'aclitem'
    and exists (
      select 1 from pg_catalog.pg_opclass o
      join pg_catalog.pg_am am on am.oid = o.opcmethod and am.amname = 'hash'
      join pg_catalog.pg_amproc p on p.amprocfamily = o.opcfamily and p.amprocnum = 2
        and p.amproclefttype = o.opcintype and p.amprocrighttype = o.opcintype
      where o.opcdefault and (o.opcintype = t.oid
        -- varchar hashes as text, cidr as inet (binary-coercible, same category); reg* (as oid) do not count.
        or (t.typcategory in ('S', 'I') and exists (select 1 from pg_catalog.pg_cast k
          where k.castsource = t.oid and k.casttarget = o.opcintype and k.castmethod = 'b'))))
)
select c.ord, pg_catalog.array_agg(c.printed order by c.pos) as types,
  pg_catalog.bool_and(
    (select h.oid is not null from chain ch left join hashable h on h.oid = ch.typ
     where ch.ord = c.ord and ch.pos = c.pos order by ch.step desc limit 1)
    and coalesce((select co.collisdeterministic from pg_catalog.pg_collation co where co.oid = c.coll), true)
  ) and pg_catalog.count(*) = pg_catalog.max(w.n) as eligible
from cols c
join (select ord, pg_catalog.count(*) as n from unnest($1::int[]) as x(ord) group by ord) w on w.ord = c.ord
group by c.ord`;
/** The first major whose servers have hash_record_extended. */
const VALUE_HASH_SINCE = 140000;
async function readEligible(client, tables) {
    const { rows } = await client.query("SELECT pg_catalog.current_setting('server_version_num')::int AS v");
    if (rows[0].v < VALUE_HASH_SINCE)
        return undefined;
    const flat = tables.flatMap((t, i) => t.columns.map((col, pos) => ({ ord: i, pos, schema: t.table.schema, name: t.table.name, col })));
    const { rows: out } = await client.query(ELIGIBLE_SQL, [
        flat.map((f) => f.ord), flat.map((f) => f.pos), flat.map((f) => f.schema), flat.map((f) => f.name), flat.map((f) => f.col),
    ]);
    return new Map(out.map((r) => [r.ord, r]));
}
/**
 * The parity of each table: by value where both servers have
 * hash_record_extended and every copied column has the same hashable type on
 * both; else by the row's text. Hashing values skips printing every row as
 * text on both sides.
 */
async function chooseParity(source, target, tables) {
    if (tables.length === 0)
        return [];
    const [src, tgt] = [await readEligible(source, tables), await readEligible(target, tables)];
    return tables.map((t, i) => {
        const a = src?.get(i);
        const b = tgt?.get(i);
        if (t.columns.length === 0 || !a?.eligible || !b?.eligible)
            return 'text';
        return a.types.length === b.types.length && a.types.every((type, k) => type === b.types[k]) ? 'value' : 'text';
    });
}


/***/ }),

/***/ 7002:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ resolveMasks),
/* harmony export */   Mi: () => (/* binding */ textCapacity),
/* harmony export */   Rb: () => (/* binding */ fitProblem),
/* harmony export */   lB: () => (/* binding */ maskExpression),
/* harmony export */   m8: () => (/* binding */ tomlKey)
/* harmony export */ });
/* unused harmony export parseMaskRule */
/* harmony import */ var _db_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6246);
/* harmony import */ var _util_suggest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7406);
/**
 * Column masks for the data phase. Every mask is an SQL expression placed in
 * the SELECT list of the source's `COPY (SELECT ...) TO STDOUT`, so personal
 * data is replaced on production and never travels unmasked.
 */


const SIMPLE = ['null', 'email', 'name', 'phone', 'hash'];
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
const longest = (words) => Math.max(...words.map((w) => w.length));
/** The longest value each hashed rule can yield, to check against varchar(n) / character(n). */
function resultLength(rule) {
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
function parseMaskRule(text, what) {
    const colon = text.indexOf(':');
    const head = (colon < 0 ? text : text.slice(0, colon)).trim();
    const rest = colon < 0 ? '' : text.slice(colon + 1);
    if (colon >= 0 && head === 'fixed') {
        // Verbatim after the colon: spaces may be part of the value.
        return { kind: 'fixed', value: rest };
    }
    if (colon >= 0 && head === 'sql') {
        const expression = rest.trim();
        if (expression === '')
            throw new Error(`${what}: "sql:" needs an expression after the colon, e.g. sql:left(email, 2) || '***'`);
        return { kind: 'sql', expression };
    }
    const simple = SIMPLE.find((kind) => kind === head);
    if (simple && colon < 0)
        return { kind: simple };
    if (simple)
        throw new Error(`${what}: the ${simple} mask takes no value (got ${JSON.stringify(text)}); allowed: ${ALLOWED}`);
    if (colon < 0 && (head === 'fixed' || head === 'sql')) {
        throw new Error(`${what}: the ${head} mask needs a value: write ${head === 'fixed' ? 'fixed:<value>' : 'sql:<expression>'}`);
    }
    throw new Error(`${what}: unknown mask rule ${JSON.stringify(text)}${(0,_util_suggest_js__WEBPACK_IMPORTED_MODULE_1__/* .didYouMean */ .au)(head, KINDS)}; allowed: ${ALLOWED}`);
}
/**
 * sha256 of salt || input, as bytea. The input is text SQL, `<column>::text`
 * so any type can be hashed; NULL in gives NULL out (every function here is
 * strict). Functions are schema-qualified so the source's search_path cannot
 * swap them.
 */
function digest(input, salt) {
    return `pg_catalog.sha256(pg_catalog.convert_to(${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(salt)} || ${input}, 'UTF8'))`;
}
function hexDigest(input, salt) {
    return `pg_catalog.encode(${digest(input, salt)}, 'hex')`;
}
/** `digits` decimal digits from the first `hexChars` hex characters (`bits` bits) of a hex digest. */
function hashDigits(hex, hexChars, bits, digits) {
    const number = `(('x' || pg_catalog.substr(${hex}, 1, ${hexChars}))::bit(${bits})::bigint % 1${'0'.repeat(digits)})::text`;
    return `pg_catalog.lpad(${number}, ${digits}, '0')`;
}
/** The fake text a hashed rule makes of `input` (text SQL), not yet cast. */
function fakeText(rule, input, salt) {
    const hex = () => hexDigest(input, salt);
    switch (rule.kind) {
        case 'hash':
            return hex();
        case 'email':
            return `${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(EMAIL_PREFIX)} || pg_catalog.substr(${hex()}, 1, ${EMAIL_HASH_CHARS}) || ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(EMAIL_DOMAIN)}`;
        case 'phone':
            // 32 bits of the hash, reduced to 7 decimal digits.
            return `${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(PHONE_PREFIX)} || ${hashDigits(hex(), 8, 32, PHONE_DIGITS)}`;
        case 'digits':
            // 60 bits: 15 digits keep a million distinct inputs apart with a chance of a clash below 1 in 1,000.
            return `${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(rule.prefix)} || ${hashDigits(hex(), 15, 60, Math.min(rule.digits, 15))}`;
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
const sqlArray = (words) => `(ARRAY[${words.map(_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce).join(', ')}])`;
/**
 * The SQL expression (for the source's SELECT list) yielding the masked value
 * of `column`, cast back to the column's type (its format_type, which is valid
 * SQL type syntax) so COPY into the same column on the target works. NULL stays
 * NULL except for fixed and sql. The same salt and input always give the same
 * output, in any table or run, so masked key columns still join.
 */
function maskExpression(column, rule, salt) {
    // The column's own type, a domain too: its CHECKs then run on the source, where prepare() names a failing rule.
    const type = column.type;
    const name = (0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(column.name);
    const input = `${name}::text`;
    const masked = () => {
        switch (rule.kind) {
            case 'null':
                return `NULL::${type}`;
            case 'fixed':
                return `${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(rule.value)}::${type}`;
            case 'sql':
                // The user's own SQL from the config, not data: it runs only inside the
                // READ ONLY source session, as one SELECT list item. The newline keeps a
                // trailing `--` comment from swallowing the closing parenthesis.
                return `(${rule.expression}\n)::${type}`;
            case 'json': {
                const value = `${name}::jsonb`;
                const pairs = [
                    ...rule.keep.map((key) => `${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(key)}, ${value} -> ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(key)}`),
                    ...Object.entries(rule.fake ?? {}).map(([key, fake]) => `${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(key)}, pg_catalog.to_jsonb(${fakeText(fake, `(${value} ->> ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(key)})`, salt)})`),
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
function textCapacity(type) {
    if (type === 'text' || type === 'bpchar' || /^(?:.+\.)?citext$/.test(type))
        return Infinity;
    const match = /^(character varying|character)(?:\((\d+)\))?$/.exec(type);
    if (!match)
        return undefined;
    if (match[2] !== undefined)
        return Number(match[2]);
    // Bare `character` is character(1); bare `character varying` is unlimited.
    return match[1] === 'character' ? 1 : Infinity;
}
/** A config key as TOML would write it, for error paths. */
function tomlKey(name) {
    return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
}
/** Why a rule would fail or silently truncate when copied into this column; undefined when it fits. */
function fitProblem(column, rule, of) {
    const col = `column ${JSON.stringify(column.name)} of ${of}`;
    const base = column.baseType ?? column.type;
    const type = base === column.type ? column.type : `${column.type} (a domain over ${base})`;
    const capacity = textCapacity(base);
    if (rule.kind === 'null' && column.notNull) {
        const other = capacity === undefined ? 'fixed:<value> or sql:<expression>' : 'hash, fixed:<value> or sql:<expression>';
        return `${col} is NOT NULL, so the null mask would make the copy fail; use another rule, e.g. ${other}`;
    }
    if (rule.kind === 'null' || rule.kind === 'fixed' || rule.kind === 'sql')
        return undefined;
    if (rule.kind === 'json')
        return base === 'json' || base === 'jsonb' ? undefined : `the json mask needs a json or jsonb column, but ${col} is ${type}`;
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
function resolveMasks(table, rules, what) {
    const of = (0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .qualified */ .LX)(table.schema, table.name);
    const names = table.columns.map((c) => c.name);
    const resolved = new Map();
    for (const [name, text] of Object.entries(rules)) {
        const where = `${what}.${tomlKey(name)}`;
        const column = table.columns.find((c) => c.name === name);
        if (!column) {
            throw new Error(`${where}: table ${of} has no column ${JSON.stringify(name)}${(0,_util_suggest_js__WEBPACK_IMPORTED_MODULE_1__/* .didYouMean */ .au)(name, names)}; its columns: ${names.join(', ')}`);
        }
        if (column.generated) {
            throw new Error(`${where}: column ${JSON.stringify(name)} of ${of} is generated: it is not copied (the target computes it), ` +
                'so it cannot be masked; mask the columns it is computed from');
        }
        const rule = parseMaskRule(text, where);
        const problem = fitProblem(column, rule, of);
        if (problem)
            throw new Error(`${where}: ${problem}`);
        resolved.set(name, rule);
    }
    return resolved;
}


/***/ }),

/***/ 1301:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ tableKey)
/* harmony export */ });
/** What the data phase knows of a table it copies, read from the catalog. */
/** `schema.table` as a map key (not for SQL). */
function tableKey(t) {
    return JSON.stringify([t.schema, t.name]);
}


/***/ }),

/***/ 2915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ proveParity),
/* harmony export */   j: () => (/* binding */ sourceParity),
/* harmony export */   recheckParity: () => (/* binding */ recheckParity)
/* harmony export */ });
/* harmony import */ var _db_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3902);
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6531);
/* harmony import */ var _hashing_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2392);
/* harmony import */ var _prepare_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7158);
/* harmony import */ var _select_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3518);
/* harmony import */ var _sql_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5320);






/** Row count and checksum of each table's source query, in order, on one session (its snapshot). */
async function sourceParity(source, prepared) {
    const sums = [];
    for (const p of prepared)
        sums.push((await source.query((0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .paritySql */ .A5)(p.select, p.parity))).rows[0]);
    return sums;
}
/**
 * Compares the source's sums (taken in the copy's snapshot) with the target
 * inside the uncommitted transaction: rows and an order-independent checksum
 * of the copied columns (masked ones as masked). Upsert compares the rows
 * whose keys came from the source; append-missing proves every source key is
 * present.
 */
async function proveParity(target, prepared, sums, mode) {
    for (const [i, p] of prepared.entries()) {
        const label = (0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .tableLabel */ .F)(p.table);
        const src = sums[i];
        p.result.sourceRows = Number(src.rows);
        if (mode === 'append-missing') {
            const { rows } = await target.query(`SELECT (SELECT count(*) FROM ${label}) AS total, (SELECT count(*) FROM ${p.staged} s WHERE NOT EXISTS (SELECT 1 FROM ${label} t WHERE ${(0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .keyMatch */ .ts)(p.table, 't', 's')})) AS absent`);
            p.result.targetRows = Number(rows[0].total);
            p.result.status = Number(rows[0].absent) === 0 ? 'present' : 'differs';
            continue;
        }
        const scope = mode === 'upsert' ? ` t WHERE EXISTS (SELECT 1 FROM ${p.staged} s WHERE ${(0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .keyMatch */ .ts)(p.table, 't', 's')})` : '';
        const tgt = (await target.query((0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .paritySql */ .A5)(`SELECT ${(0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .columnList */ .hP)(p.columns)} FROM ${label}${scope}`, p.parity))).rows[0];
        p.result.targetRows = Number(tgt.rows);
        p.result.status = src.rows === tgt.rows && src.checksum === tgt.checksum ? 'equal' : 'differs';
    }
}
/**
 * Parity of the configured tables as they stand now, each side in a
 * snapshot of its own: what validation checks after a run (replace mode,
 * where the target table should hold exactly the source's rows).
 */
async function recheckParity(source, target, settings) {
    await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await target.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
        await source.query(_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .COPY_SETTINGS */ .qw);
        await target.query(_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .COPY_SETTINGS */ .qw);
        const sourceNames = await (0,_catalog_js__WEBPACK_IMPORTED_MODULE_4__/* .listTables */ .WS)(source);
        const tables = await (0,_catalog_js__WEBPACK_IMPORTED_MODULE_4__/* .readTables */ .gb)(target, (0,_select_js__WEBPACK_IMPORTED_MODULE_2__/* .selectTables */ .e)(sourceNames, settings.tables, settings.exclude));
        const rows = [];
        const prepared = await (0,_prepare_js__WEBPACK_IMPORTED_MODULE_1__/* .prepare */ .i)(source, tables, settings, [], sourceNames);
        const kinds = await (0,_hashing_js__WEBPACK_IMPORTED_MODULE_5__/* .chooseParity */ .B)(source, target, prepared);
        for (const [i, p] of prepared.entries()) {
            const src = (await source.query((0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .paritySql */ .A5)(p.select, kinds[i]))).rows[0];
            const tgt = (await target.query((0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .paritySql */ .A5)(`SELECT ${(0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .columnList */ .hP)(p.columns)} FROM ${(0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .tableLabel */ .F)(p.table)}`, kinds[i]))).rows[0];
            rows.push({ table: (0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .tableLabel */ .F)(p.table), sourceRows: Number(src.rows), targetRows: Number(tgt.rows), equal: src.rows === tgt.rows && src.checksum === tgt.checksum });
        }
        return rows;
    }
    finally {
        await source.query('COMMIT').catch(() => undefined);
        await target.query('COMMIT').catch(() => undefined);
    }
}


/***/ }),

/***/ 5982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aq: () => (/* binding */ allowedColumns),
/* harmony export */   Jr: () => (/* binding */ isAllowed),
/* harmony export */   bX: () => (/* binding */ reportUnmasked)
/* harmony export */ });
/* unused harmony exports personalReason, parseColumnName */
/* harmony import */ var _db_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3902);
/* harmony import */ var _db_quote_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6246);
/* harmony import */ var _util_suggest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7406);
/* harmony import */ var _mask_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7002);
/**
 * Columns that look personal (by name, type or domain) and are copied
 * unmasked: said in the log and the report, so following the tool's advice
 * (add the referenced table) never copies real emails silently. [data]
 * allow_unmasked = ["schema.table.column"] says one is meant to be copied.
 */




const set = (words) => new Set(words.split(' '));
const EMAIL = set('email emails mail emailaddress');
const PHONE = set('phone phones mobile telephone phonenumber cellphone msisdn fax');
const NAMES = set('firstname lastname fullname surname givenname familyname middlename maidenname nickname username realname');
// `<word>_name` is a person's name after these; `table_name`, `file_name`, `bucket_name` are not.
const NAME_OF = set('first last full given family middle maiden nick user real legal contact customer guest person owner billing shipping');
// A bare `name` or `display_name` is a person's on tables of people, a thing's elsewhere (countries.name).
const PEOPLE_NAMES = new Set(['name', 'displayname', 'display_name']);
const PEOPLE = set('user users profile profiles person persons people customer customers member members contact contacts guest guests ' +
    'employee employees patient patients student students author authors subscriber subscribers attendee attendees applicant applicants staff client clients account accounts');
const ADDRESS = set('address addresses addr street streetaddress postcode postal zip zipcode');
const IP = set('ip ips ipaddress ipaddr ipv4 ipv6');
const SECRET = set('password passwords passwd pwd passphrase secret secrets token tokens otp apikey');
const KEY_OF = set('api private access');
const BIRTH = set('birth birthday birthdate dob');
const ID_NUMBER = set('ssn iban passport');
const META_OF = set('user profile identity personal contact customer member');
const META = set('meta metadata data info details attributes');
// `email_verified`, `token_type`, `phone_country`: about the value, not the value.
const ABOUT = set('type types kind status count format verified confirmed enabled required provider providers method domain hint policy length id ids prefix country version scope scopes url urls uri uris endpoint');
/** Words of an identifier: split at non-letters and camelCase, lower case. */
function words(name) {
    return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}
const any = (ws, of) => ws.some((w) => of.has(w));
/** What a name says the text in it is, if personal. */
function byName(ws, table) {
    if (ws.length === 0 || ABOUT.has(ws.at(-1)))
        return undefined;
    if (any(ws, IP) || (ws.includes('remote') && ws.some((w) => w.startsWith('addr'))))
        return 'an IP address';
    if (any(ws, EMAIL))
        return 'an email';
    if (any(ws, PHONE))
        return 'a phone number';
    if (any(ws, SECRET) || ws.some((w, i) => w === 'key' && i > 0 && KEY_OF.has(ws[i - 1])))
        return 'a secret';
    if (any(ws, NAMES) || ws.some((w, i) => w === 'name' && i > 0 && NAME_OF.has(ws[i - 1])))
        return 'a name';
    if (PEOPLE_NAMES.has(ws.join('_')) && any(table, PEOPLE))
        return 'a name';
    if (any(ws, ADDRESS))
        return 'an address';
    if (any(ws, ID_NUMBER))
        return 'an ID number';
    if (any(ws, BIRTH))
        return 'a birth date';
    return undefined;
}
/** Why a column looks personal, or undefined. Names count only on types that can hold such data. */
function personalReason(table, column) {
    const base = (column.baseType ?? column.type).replace(/(\[\])+$/, '');
    const plain = base.replace(/^.*\./, '');
    if (plain === 'inet')
        return 'an IP address';
    const ws = words(column.name);
    const tableWords = words(table.name);
    if ((0,_mask_js__WEBPACK_IMPORTED_MODULE_2__/* .textCapacity */ .Mi)(base) !== undefined) {
        // A domain named for what it holds: `contact public.email_address`.
        const domain = column.type !== base ? words(column.type.replace(/^.*\./, '')) : [];
        if (any(domain, EMAIL))
            return 'an email';
        if (any(domain, PHONE))
            return 'a phone number';
        return byName(ws, tableWords);
    }
    if (plain === 'json' || plain === 'jsonb') {
        if (any(ws, META_OF) && any(ws, META))
            return 'user metadata';
        return byName(ws, tableWords);
    }
    const about = ws.length === 0 || ABOUT.has(ws.at(-1));
    if (plain === 'date' || plain.startsWith('timestamp'))
        return any(ws, BIRTH) && !about ? 'a birth date' : undefined;
    // Phone and ID numbers are sometimes kept as numbers.
    if (['bigint', 'integer', 'numeric'].includes(plain.replace(/\(.*$/, '')) && !about) {
        if (any(ws, PHONE))
            return 'a phone number';
        if (any(ws, ID_NUMBER))
            return 'an ID number';
    }
    return undefined;
}
/** Splits at dots outside double quotes. */
function parts(text) {
    const out = [''];
    let quoted = false;
    for (const ch of text) {
        if (ch === '"')
            quoted = !quoted;
        if (ch === '.' && !quoted)
            out.push('');
        else
            out[out.length - 1] += ch;
    }
    return out;
}
/** `schema.table.column`, each part plain (folded to lower case) or double-quoted. */
function parseColumnName(text, what) {
    const p = parts(text);
    if (p.length !== 3)
        throw new Error(`${what} "${text}" is not schema.table.column; quote parts with "..." when needed`);
    const table = (0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTableName */ .H)(`${p[0]}.${p[1]}`, what);
    const column = (0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTableName */ .H)(`${p[0]}.${p[2]}`, what).name;
    return { schema: table.schema, table: table.name, column };
}
const WHAT = '[data] allow_unmasked entry';
/** The columns [data] allow_unmasked names. */
function allowedColumns(entries) {
    return (entries ?? []).map((e) => parseColumnName(e, WHAT));
}
function isAllowed(allowed, table, column) {
    return allowed.some((a) => a.schema === table.schema && a.table === table.name && a.column === column);
}
const columnLabel = (table, column) => `${(0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .tableLabel */ .F)(table)}.${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteIdent */ .v4)(column)}`;
/**
 * Warns of the copied columns that look personal and have no mask, one line
 * per table, and of allow_unmasked entries that name no copied column (a
 * typo there would hide nothing, but should not pass unnoticed). Returns
 * the unmasked ones as `schema.table.column`.
 */
function reportUnmasked(copies, allowUnmasked, logger) {
    const allowed = allowedColumns(allowUnmasked);
    const unmasked = [];
    for (const { table, columns, masked } of copies) {
        const found = table.columns.flatMap((c) => {
            if (!columns.includes(c.name) || masked.includes(c.name) || isAllowed(allowed, table, c.name))
                return [];
            const reason = personalReason(table, c);
            return reason ? [{ name: c.name, reason }] : [];
        });
        if (found.length === 0)
            continue;
        unmasked.push(...found.map((f) => columnLabel(table, f.name)));
        logger.warning(`${(0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .tableLabel */ .F)(table)}: copied unmasked, though they look personal: ${found.map((f) => `${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteIdent */ .v4)(f.name)} (${f.reason})`).join(', ')}. ` +
            `Mask them in [data.mask."${(0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .tableLabel */ .F)(table)}"], or list them in [data] allow_unmasked to copy them as they are.`);
    }
    const copied = copies.flatMap(({ table, columns }) => columns.map((c) => ({ table, column: c })));
    const labels = copied.map((c) => columnLabel(c.table, c.column));
    for (const [i, entry] of (allowUnmasked ?? []).entries()) {
        const a = allowed[i];
        if (copied.some((c) => isAllowed([a], c.table, c.column)))
            continue;
        logger.warning(`${WHAT} "${entry}" names no copied column${(0,_util_suggest_js__WEBPACK_IMPORTED_MODULE_3__/* .didYouMean */ .au)(entry, labels)}`);
    }
    return unmasked;
}


/***/ }),

/***/ 7158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ prepare)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/env.ts
var env = __webpack_require__(8409);
// EXTERNAL MODULE: ./src/config/error.ts
var config_error = __webpack_require__(8004);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/db/names.ts
var names = __webpack_require__(3902);
// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
// EXTERNAL MODULE: ./src/data/catalog.ts
var catalog = __webpack_require__(6531);
// EXTERNAL MODULE: ./src/data/mask.ts
var data_mask = __webpack_require__(7002);
// EXTERNAL MODULE: ./src/data/model.ts
var model = __webpack_require__(1301);
// EXTERNAL MODULE: ./src/data/personal.ts
var personal = __webpack_require__(5982);
;// CONCATENATED MODULE: ./src/data/platform-masks.ts
/**
 * Built-in masks for the tables of platform-managed schemas (Supabase's auth
 * and storage). Copying `public.profiles` asks for `auth.users`, which holds
 * emails, phone numbers, password hashes and tokens: these rules mask them
 * with no config. A rule in [data.mask."auth.users"] replaces the built-in
 * one of its column; [data] allow_unmasked turns one off.
 */


const EMAIL = { kind: 'email' };
// Digits without '+', as Supabase Auth stores numbers; 15 of them, since auth.users.phone is UNIQUE.
const PHONE = { kind: 'digits', prefix: '1555', digits: 15 };
// '' is what Supabase Auth writes for "no token pending"; the token indexes are UNIQUE only for other values.
const EMPTY = { kind: 'fixed', value: '' };
const NULL = { kind: 'null' };
// Unique in, unique out: for UNIQUE or NOT NULL secrets.
const HASH = { kind: 'hash' };
const CONTACT = { email: EMAIL, phone: PHONE };
/** Per table (`schema.table`), column → rule. Columns a version lacks are skipped. */
const PLATFORM_MASKS = {
    'auth.users': {
        email: { ...EMAIL, keepEmpty: true },
        phone: { ...PHONE, keepEmpty: true },
        email_change: { ...EMAIL, keepEmpty: true },
        phone_change: { ...PHONE, keepEmpty: true },
        encrypted_password: EMPTY,
        confirmation_token: EMPTY,
        recovery_token: EMPTY,
        email_change_token_new: EMPTY,
        email_change_token_current: EMPTY,
        phone_change_token: EMPTY,
        reauthentication_token: EMPTY,
        raw_user_meta_data: { kind: 'json', keep: ['sub', 'email_verified', 'phone_verified'], fake: CONTACT },
        raw_app_meta_data: { kind: 'json', keep: ['provider', 'providers'] },
    },
    'auth.identities': {
        // identities.email is generated from identity_data, so the target computes it from the masked value.
        identity_data: { kind: 'json', keep: ['sub', 'provider_id', 'iss', 'email_verified', 'phone_verified'], fake: CONTACT },
    },
    'auth.sessions': { ip: NULL, user_agent: NULL, refresh_token_hmac_key: NULL },
    // parent holds another row's token: hashed alike, the chain still links.
    'auth.refresh_tokens': { token: HASH, parent: HASH },
    'auth.mfa_factors': { secret: NULL, phone: PHONE },
    'auth.mfa_challenges': { ip_address: { kind: 'fixed', value: '0.0.0.0' }, otp_code: NULL, web_authn_session_data: NULL },
    'auth.one_time_tokens': { token_hash: HASH, relates_to: HASH },
    'auth.flow_state': { auth_code: HASH, provider_access_token: NULL, provider_refresh_token: NULL, invite_token: NULL },
    'auth.audit_log_entries': { payload: { kind: 'json', keep: ['action', 'actor_id', 'actor_via_sso', 'log_type'] }, ip_address: EMPTY },
    'auth.saml_relay_states': { for_email: EMAIL },
    'auth.oauth_clients': { client_secret_hash: NULL },
    'auth.oauth_authorizations': { authorization_code: NULL, code_challenge: NULL },
    'auth.oauth_client_states': { code_verifier: NULL },
    'auth.webauthn_challenges': { session_data: { kind: 'json', keep: [] } },
    'auth.custom_oauth_providers': { client_secret: EMPTY },
    'storage.objects': { user_metadata: NULL },
    'storage.s3_multipart_uploads': { upload_signature: EMPTY, user_metadata: NULL },
};
/** A built-in rule as the docs and messages name it. */
function ruleText(rule) {
    const kept = rule.keepEmpty ? " ('' kept)" : '';
    switch (rule.kind) {
        case 'fixed':
            return rule.value === '' ? "fixed:'' (empty)" : `fixed:${rule.value}`;
        case 'sql':
            return `sql:${rule.expression}`;
        case 'digits':
            return `phone digits: ${rule.prefix} and ${rule.digits} more${kept}`;
        case 'json': {
            const fakes = Object.keys(rule.fake ?? {});
            const keeps = rule.keep.length > 0 ? `keeps ${rule.keep.join(', ')}` : 'an empty object';
            return `json: ${keeps}${fakes.length > 0 ? `; ${fakes.join(', ')} faked` : ''}`;
        }
        default:
            return `${rule.kind}${kept}`;
    }
}
/**
 * The built-in rules that apply to a table's columns. A rule for a column
 * this version of the table lacks, or one that does not fit the column (a
 * generated column, another type), is skipped: such a column is then checked
 * like any other (personal.ts), so it is never left unmasked unsaid.
 */
function platformMasks(table) {
    const rules = PLATFORM_MASKS[`${table.schema}.${table.name}`] ?? {};
    const out = new Map();
    for (const [name, rule] of Object.entries(rules)) {
        const column = table.columns.find((c) => c.name === name);
        if (!column || column.generated || (0,data_mask/* fitProblem */.Rb)(column, rule, (0,quote/* qualified */.LX)(table.schema, table.name)))
            continue;
        out.set(name, rule);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/data/prepare.ts












/**
 * The masks of a table's columns, in column order: the config's rules, and
 * the built-in ones (platform-masks.ts) for columns the config leaves out,
 * unless [data] allow_unmasked names the column.
 */
function tableMasks(table, settings, maskName, allowed) {
    const what = `[data.mask."${maskName}"]`;
    const own = maskName ? (0,data_mask/* resolveMasks */.AN)(table, settings.mask[maskName], what) : new Map();
    const builtIn = platformMasks(table);
    return table.columns.flatMap((column) => {
        const mine = own.get(column.name);
        if (mine)
            return [{ column, rule: mine, origin: `${what}.${(0,data_mask/* tomlKey */.m8)(column.name)}` }];
        const rule = builtIn.get(column.name);
        if (!rule || (0,personal/* isAllowed */.Jr)(allowed, table, column.name))
            return [];
        return [{ column, rule, origin: `the built-in mask of ${(0,names/* tableLabel */.F)(table)}.${(0,quote/* quoteIdent */.v4)(column.name)} (${ruleText(rule)})` }];
    });
}
/**
 * Masked values must pass the CHECKs of a column's domain: the mask is cast
 * to the domain on the source, so a fake the domain rejects would fail the
 * copy with a bare "violates check constraint". Tried first on the source's
 * rows, in the same snapshot, so the error names the rule and the check.
 */
/**
 * A [data.where] condition is the user's SQL: tried on its table before
 * anything is copied, so a mistake names the table and the config's line.
 */
async function checkWhere(source, table, name, condition, configFile) {
    try {
        await source.query(`EXPLAIN SELECT 1 FROM ${(0,names/* tableLabel */.F)(table)} WHERE (${condition})`);
    }
    catch (error) {
        if (!(0,errors/* isPgError */.QO)(error))
            throw error;
        const message = `[data.where] "${name}": the condition ${JSON.stringify(condition)} fails on table ${(0,names/* tableLabel */.F)(table)}: ${error.message}. ` +
            'Fix the condition (it is SQL run on the source as WHERE (...)); nothing was copied.';
        if (!configFile)
            throw new Error(message, { cause: error });
        let line;
        try {
            line = (0,env/* lineOf */.cA)((0,external_node_fs_.readFileSync)(configFile, 'utf8'), ['data', 'where', name]);
        }
        catch {
            // The file is gone: its name still helps.
        }
        throw new config_error/* ConfigError */.x(message, external_node_path_default().relative(process.cwd(), configFile) || configFile, line);
    }
}
async function checkDomains(source, table, where, masks, salt) {
    for (const { column, rule, origin } of masks.filter((m) => (m.column.domainChecks ?? []).length > 0)) {
        try {
            await source.query(`SELECT count(${(0,data_mask/* maskExpression */.lB)(column, rule, salt)}) FROM ${(0,names/* tableLabel */.F)(table)}${where}`);
        }
        catch (error) {
            if (!(0,errors/* isPgError */.QO)(error) || (error.code !== '23514' && error.code !== '23502'))
                throw error;
            const name = error.constraint;
            const check = column.domainChecks.find((c) => c.name === name);
            const broken = check ? `the check ${(0,quote/* quoteIdent */.v4)(check.name)} of domain ${check.domain}, ${check.definition}` : `its domain ${column.type} (${error.message})`;
            throw new Error(`${origin}: the masked values of column ${JSON.stringify(column.name)} of ${(0,names/* tableLabel */.F)(table)} fail ${broken}. ` +
                `Give the column a rule whose values pass it in [data.mask."${(0,names/* tableLabel */.F)(table)}"] (fixed:<value>, sql:<expression>), or loosen the domain. Nothing was written.`, { cause: error });
        }
    }
}
/**
 * What to copy of each table: the target's columns less generated ones (each
 * must exist on the source), masked where [data.mask] or a built-in mask
 * says, filtered by [data.where]. A mask or filter for a source table not
 * copied this time is left unused; one naming no table of the source is an
 * error (a typo must not leave a column unmasked).
 */
async function prepare(source, order, settings, nulled, sourceNames, configFile) {
    const byKey = (map, what) => {
        const out = new Map();
        for (const name of Object.keys(map)) {
            const key = (0,model/* tableKey */.i)((0,names/* parseTableName */.H)(name, what));
            if (!sourceNames.some((t) => (0,model/* tableKey */.i)(t) === key))
                throw new Error(`${what} "${name}" names no table of the source`);
            out.set(key, name);
        }
        return out;
    };
    const whereNames = byKey(settings.where, '[data.where]');
    const maskNames = byKey(settings.mask, '[data.mask]');
    const allowed = (0,personal/* allowedColumns */.Aq)(settings.allowUnmasked);
    const sourceTables = await (0,catalog/* readTables */.gb)(source, order);
    const prepared = order.map((table) => {
        const key = (0,model/* tableKey */.i)(table);
        const columns = table.columns.filter((c) => !c.generated).map((c) => c.name);
        const onSource = sourceTables.find((s) => (0,model/* tableKey */.i)(s) === key);
        const absent = columns.filter((c) => !onSource?.columns.some((s) => s.name === c && !s.generated));
        if (absent.length > 0)
            throw new Error(`${(0,names/* tableLabel */.F)(table)} on the source lacks column(s) ${absent.map(quote/* quoteIdent */.v4).join(', ')} of the target: sync the schema first`);
        const masks = tableMasks(table, settings, maskNames.get(key), allowed);
        // An unset mask_salt would make every fake guessable from its input: an error where a mask is used.
        if (masks.length > 0 && settings.maskSaltUnset)
            throw settings.maskSaltUnset;
        const masked = masks.map((m) => m.column.name);
        const list = columns.map((name) => {
            const mask = masks.find((m) => m.column.name === name);
            return mask ? `${(0,data_mask/* maskExpression */.lB)(mask.column, mask.rule, settings.maskSalt)} AS ${(0,quote/* quoteIdent */.v4)(name)}` : (0,quote/* quoteIdent */.v4)(name);
        });
        const whereName = whereNames.get(key);
        // The condition is the user's own SQL, run only in the READ ONLY source session.
        const where = whereName ? ` WHERE (${settings.where[whereName]})` : '';
        const label = (0,names/* tableLabel */.F)(table);
        const item = {
            table, columns, select: `SELECT ${list.join(', ')} FROM ${label}${where}`, masked,
            nulled: nulled.filter((n) => n.table === table).flatMap((n) => n.key.columns), staged: undefined, parity: 'text',
            result: { table: label, sourceRows: 0, targetRows: 0, status: 'not run', ms: 0, masked: [...masked], triggersDisabled: 0 },
        };
        return { item, where, masks };
    });
    for (const [i, p] of prepared.entries()) {
        const whereName = whereNames.get((0,model/* tableKey */.i)(order[i]));
        if (whereName)
            await checkWhere(source, p.item.table, whereName, settings.where[whereName], configFile);
        await checkDomains(source, p.item.table, p.where, p.masks, settings.maskSalt);
    }
    return prepared.map((p) => p.item);
}


/***/ }),

/***/ 3518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ selectTables)
/* harmony export */ });
/* harmony import */ var _db_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3902);

function globPart(part) {
    const body = Array.from(part, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
    return new RegExp(`^${body}$`, 's');
}
function parsePattern(text, what) {
    // Glob characters are allowed where a plain name is: stand them in by letters, parse, then put them back.
    const stand = text.replace(/\*/g, 'x_star_x').replace(/\?/g, 'x_qm_x');
    const parsed = (0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTableName */ .H)(stand, what);
    const back = (s) => s.replace(/x_star_x/g, '*').replace(/x_qm_x/g, '?');
    const quoted = (s) => text.includes(`"${s}"`);
    const part = (s) => (quoted(s) ? new RegExp(`^${back(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 's') : globPart(back(s)));
    return { text, schema: part(parsed.schema), name: part(parsed.name) };
}
/**
 * The tables named by `include` patterns minus those named by `exclude`, in
 * catalog order. A pattern that matches no table is an error: a typo must not
 * silently copy nothing.
 */
function selectTables(all, include, exclude) {
    const includes = include.map((p) => parsePattern(p, '[data].tables entry'));
    const excludes = exclude.map((p) => parsePattern(p, '[data].exclude entry'));
    const matches = (p, t) => p.schema.test(t.schema) && p.name.test(t.name);
    for (const p of [...includes, ...excludes]) {
        if (!all.some((t) => matches(p, t))) {
            const kind = includes.includes(p) ? '[data].tables' : '[data].exclude';
            throw new Error(`${kind}: "${p.text}" matches no table on the source (tables are written schema.table; * and ? match any characters)`);
        }
    }
    const chosen = all.filter((t) => includes.some((p) => matches(p, t)) && !excludes.some((p) => matches(p, t)));
    if (chosen.length === 0)
        throw new Error(`[data].exclude leaves no table of ${include.join(', ')} to copy`);
    return chosen;
}


/***/ }),

/***/ 5320:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A5: () => (/* binding */ paritySql),
/* harmony export */   Rh: () => (/* binding */ restoreTrigger),
/* harmony export */   gx: () => (/* binding */ advanceSequence),
/* harmony export */   hP: () => (/* binding */ columnList),
/* harmony export */   qw: () => (/* binding */ COPY_SETTINGS),
/* harmony export */   ts: () => (/* binding */ keyMatch)
/* harmony export */ });
/* harmony import */ var _db_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6246);
/* harmony import */ var _db_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3902);


/** Session settings both sides share while copying, so rows print the same as text (COPY, checksums). */
const COPY_SETTINGS = "SET LOCAL datestyle = 'ISO, YMD'; SET LOCAL intervalstyle = 'postgres'; SET LOCAL extra_float_digits = 3; " +
    "SET LOCAL timezone = 'UTC'; SET LOCAL bytea_output = 'hex'; SET LOCAL search_path = ''";
function columnList(columns) {
    return columns.map(_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4).join(', ');
}
/**
 * An order-independent checksum and the row count of what a query returns
 * (sum of bigint: summed in 128 bits, exact). By value, each row's record
 * hash goes through a 64-bit mix first: the record hash combines its columns
 * linearly, so a plain sum would not see values swapped between rows.
 */
function paritySql(query, kind = 'text') {
    if (kind === 'value') {
        return 'SELECT count(*)::bigint AS rows, coalesce(sum(pg_catalog.hashint8extended(h, 0) # pg_catalog.hashint8extended(h >> 32, 1)), 0)::text AS checksum ' +
            `FROM (SELECT pg_catalog.hash_record_extended(s, 0) AS h FROM (${query}) s) m`;
    }
    return `SELECT count(*)::bigint AS rows, coalesce(sum(pg_catalog.hashtextextended(s::text, 0)), 0)::text AS checksum FROM (${query}) s`;
}
/** `(a, b) = (s.a, s.b)`: a key match between the table and its staging copy. */
function keyMatch(table, left, right) {
    const key = table.primaryKey;
    return `(${key.map((c) => `${left}.${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(c)}`).join(', ')}) = (${key.map((c) => `${right}.${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(c)}`).join(', ')})`;
}
/** The statement that puts a trigger back in the state it had. */
function restoreTrigger(table, name, state) {
    const how = { O: 'ENABLE TRIGGER', R: 'ENABLE REPLICA TRIGGER', A: 'ENABLE ALWAYS TRIGGER', D: undefined }[state];
    return how ? `ALTER TABLE ${(0,_db_names_js__WEBPACK_IMPORTED_MODULE_1__/* .tableLabel */ .F)(table)} ${how} ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(name)}` : undefined;
}
/** Moves a sequence past the largest value of its column, never back. */
function advanceSequence(table, column, sequence) {
    const seq = `${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteLiteral */ .ce)(sequence)}::regclass`;
    return (`SELECT pg_catalog.setval(${seq}, m) FROM (SELECT max(${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(column)}) AS m FROM ${(0,_db_names_js__WEBPACK_IMPORTED_MODULE_1__/* .tableLabel */ .F)(table)}) x ` +
        `WHERE m IS NOT NULL AND m >= (SELECT last_value FROM ${sequence})`);
}


/***/ })

};
