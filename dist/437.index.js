export const id = 437;
export const ids = [437,915];
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
select w.ord::int as ord, n.nspname as schema, c.relname as name,
  (select coalesce(json_agg(json_build_object(
      'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull,
      'generated', a.attgenerated = 's', 'identity', a.attidentity) order by a.attnum), '[]')
   from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
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
        schema: r.schema, name: r.name, columns: r.columns, primaryKey: r.primary_key ?? undefined,
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
/* harmony import */ var _prepare_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2266);
/* harmony import */ var _select_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3518);
/* harmony import */ var _sql_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5320);





/** Row count and checksum of each table's source query, in order, on one session (its snapshot). */
async function sourceParity(source, prepared) {
    const sums = [];
    for (const p of prepared)
        sums.push((await source.query((0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .paritySql */ .A5)(p.select))).rows[0]);
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
        const tgt = (await target.query((0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .paritySql */ .A5)(`SELECT ${(0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .columnList */ .hP)(p.columns)} FROM ${label}${scope}`))).rows[0];
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
        for (const p of await (0,_prepare_js__WEBPACK_IMPORTED_MODULE_1__/* .prepare */ .i)(source, tables, settings, [], sourceNames)) {
            const src = (await source.query((0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .paritySql */ .A5)(p.select))).rows[0];
            const tgt = (await target.query((0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .paritySql */ .A5)(`SELECT ${(0,_sql_js__WEBPACK_IMPORTED_MODULE_3__/* .columnList */ .hP)(p.columns)} FROM ${(0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .tableLabel */ .F)(p.table)}`))).rows[0];
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

/***/ 6437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  emptyDataResult: () => (/* binding */ emptyDataResult),
  runDataPhase: () => (/* binding */ runDataPhase)
});

// EXTERNAL MODULE: ./src/db/names.ts
var names = __webpack_require__(3902);
// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
// EXTERNAL MODULE: ./src/data/catalog.ts
var catalog = __webpack_require__(6531);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/pg-copy-streams/index.js
var pg_copy_streams = __webpack_require__(6901);
;// CONCATENATED MODULE: ./src/data/copy.ts



/** How often a long copy says how far it got. */
const PROGRESS_EVERY_MS = 2000;
const NEWLINE = 0x0a;
/**
 * Streams the rows of `select` on the source into `into` (a table and its
 * column list) on the target: COPY TO STDOUT piped into COPY FROM STDIN on
 * the other connection, chunk by chunk with backpressure, so memory stays
 * flat whatever the table's size. Text format: portable across server
 * versions, and a row ends at each raw newline (data newlines are escaped),
 * which counts rows as they pass.
 */
async function copyRows(source, target, select, into, onProgress) {
    const start = performance.now();
    const progress = { rows: 0, bytes: 0, ms: 0 };
    let lastReport = start;
    const counter = new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            progress.bytes += chunk.length;
            for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1))
                progress.rows++;
            const now = performance.now();
            if (onProgress && now - lastReport >= PROGRESS_EVERY_MS) {
                lastReport = now;
                onProgress({ ...progress, ms: now - start });
            }
            callback(null, chunk);
        },
    });
    const out = source.query((0,pg_copy_streams.to)(`COPY (${select}) TO STDOUT`));
    const sink = target.query((0,pg_copy_streams/* from */.H)(`COPY ${into} FROM STDIN`));
    await (0,promises_.pipeline)(out, counter, sink);
    progress.rows = sink.rowCount || progress.rows;
    progress.ms = performance.now() - start;
    return progress;
}

// EXTERNAL MODULE: ./src/data/model.ts
var model = __webpack_require__(1301);
// EXTERNAL MODULE: ./src/data/sql.ts
var data_sql = __webpack_require__(5320);
;// CONCATENATED MODULE: ./src/data/references.ts





const EXAMPLES = 3;
/**
 * Before anything is written: for each foreign key from a copied table to a
 * table that is not copied, the distinct key values the copied rows use are
 * streamed into a temporary table on the target and looked up there. Missing
 * ones would fail the load at its end; said first, with examples.
 */
async function checkReferences(source, target, items) {
    const copied = new Set(items.map((i) => (0,model/* tableKey */.i)(i.table)));
    const problems = [];
    let n = 0;
    for (const { table, select } of items) {
        for (const key of table.foreignKeys) {
            const ref = { schema: key.refSchema, name: key.refTable };
            if (copied.has((0,model/* tableKey */.i)(ref)))
                continue;
            const temp = (0,quote/* quoteIdent */.v4)(`pgbs_ref_${n++}`);
            const cols = (0,data_sql/* columnList */.hP)(key.columns);
            await target.query(`CREATE TEMP TABLE ${temp} ON COMMIT DROP AS SELECT ${cols} FROM ${(0,names/* tableLabel */.F)(table)} WITH NO DATA`);
            const notNull = key.columns.map((c) => `${(0,quote/* quoteIdent */.v4)(c)} IS NOT NULL`).join(' AND ');
            await copyRows(source, target, `SELECT DISTINCT ${cols} FROM (${select}) s WHERE ${notNull}`, `pg_temp.${temp} (${cols})`);
            const match = `(${key.refColumns.map((c) => `u.${(0,quote/* quoteIdent */.v4)(c)}`).join(', ')}) = (${key.columns.map((c) => `r.${(0,quote/* quoteIdent */.v4)(c)}`).join(', ')})`;
            const { rows } = await target.query(`SELECT count(*) AS missing, (array_agg(ROW(${key.columns.map((c) => `r.${(0,quote/* quoteIdent */.v4)(c)}`).join(', ')})::text))[1:${EXAMPLES}] AS examples ` +
                `FROM pg_temp.${temp} r WHERE NOT EXISTS (SELECT 1 FROM ${(0,names/* tableLabel */.F)(ref)} u WHERE ${match})`);
            const missing = Number(rows[0].missing);
            if (missing > 0) {
                problems.push(`${(0,names/* tableLabel */.F)(table)} references ${(0,names/* tableLabel */.F)(ref)} (${key.name}), which is not copied, and ${missing} referenced row(s) are not on the target, ` +
                    `e.g. (${key.columns.join(', ')}) = ${rows[0].examples.join(', ')}`);
            }
            await target.query(`DROP TABLE pg_temp.${temp}`);
        }
    }
    if (problems.length > 0) {
        throw new Error(`${problems.join('; ')}. Add the referenced tables to [data].tables, or seed those rows first. Nothing was written.`);
    }
}

;// CONCATENATED MODULE: ./src/data/order.ts


class CycleError extends Error {
    name = 'CycleError';
}
/**
 * Orders the selected tables by their foreign keys to each other. A
 * self-reference needs nothing (COPY checks it at the end of the statement).
 * A cycle is broken without superuser rights: by deferring its deferrable
 * keys to commit, else by loading nullable key columns as NULL and filling
 * them in afterwards (needs a primary key), else it is an error naming it.
 */
function planLoadOrder(tables) {
    const byKey = new Map(tables.map((t) => [(0,model/* tableKey */.i)(t), t]));
    const edgesOf = (t) => t.foreignKeys
        .map((key) => ({ key, to: byKey.get((0,model/* tableKey */.i)({ schema: key.refSchema, name: key.refTable })) }))
        .filter((e) => e.to !== undefined && e.to !== t);
    const deferred = [];
    const nulled = [];
    const broken = new Set();
    for (;;) {
        const { order, rest } = kahn(tables, (t) => edgesOf(t).filter((e) => !broken.has(e.key)).map((e) => e.to));
        if (rest.length === 0)
            return { order, deferred, nulled };
        const cycle = findCycle(rest, (t) => edgesOf(t).filter((e) => !broken.has(e.key) && rest.includes(e.to)));
        const deferrable = cycle.filter((e) => e.key.deferrable);
        if (deferrable.length > 0) {
            for (const e of deferrable) {
                broken.add(e.key);
                deferred.push({ table: e.from, key: e.key });
            }
            continue;
        }
        const nullable = cycle.find((e) => e.from.primaryKey && e.key.columns.every((c) => !e.from.columns.find((col) => col.name === c)?.notNull));
        if (nullable) {
            broken.add(nullable.key);
            nulled.push({ table: nullable.from, key: nullable.key });
            continue;
        }
        const path = [...cycle.map((e) => `${(0,names/* tableLabel */.F)(e.from)} (${e.key.name})`), (0,names/* tableLabel */.F)(cycle[0].from)].join(' → ');
        throw new CycleError(`the foreign keys of the selected tables form a cycle that cannot be loaded without superuser rights: ${path}. ` +
            'Make one of these keys DEFERRABLE, or its columns nullable (on a table with a primary key), or leave a table of the cycle out of [data].tables.');
    }
}
/** Kahn's algorithm, keeping the given order among tables that are free at the same time. */
function kahn(tables, dependsOn) {
    const order = [];
    const placed = new Set();
    let progress = true;
    while (progress) {
        progress = false;
        for (const t of tables) {
            if (placed.has(t))
                continue;
            if (dependsOn(t).every((d) => placed.has(d))) {
                order.push(t);
                placed.add(t);
                progress = true;
            }
        }
    }
    return { order, rest: tables.filter((t) => !placed.has(t)) };
}
/** One cycle among tables that Kahn's algorithm could not place: follow edges until a table repeats. */
function findCycle(rest, edges) {
    const path = [];
    const seenAt = new Map();
    let at = rest[0];
    for (;;) {
        seenAt.set(at, path.length);
        // Every table left has an edge inside the rest; take the first for a stable message.
        const next = edges(at)[0];
        path.push({ from: at, to: next.to, key: next.key });
        const start = seenAt.get(next.to);
        if (start !== undefined)
            return path.slice(start);
        at = next.to;
    }
}

// EXTERNAL MODULE: ./src/data/parity.ts
var parity = __webpack_require__(2915);
// EXTERNAL MODULE: ./src/data/prepare.ts + 1 modules
var prepare = __webpack_require__(2266);
// EXTERNAL MODULE: ./src/data/select.ts
var data_select = __webpack_require__(3518);
;// CONCATENATED MODULE: ./src/data/phase.ts











function emptyDataResult(mode = 'replace') {
    return { mode, tables: [], deferred: [], nulled: [] };
}
const fmt = (n) => n.toLocaleString('en-US');
/**
 * Copies the chosen tables from the source into the target: one REPEATABLE
 * READ snapshot of the source, one transaction on the target, rows streamed
 * by COPY in foreign-key order with user triggers off, sequences moved past
 * the copied values, and parity (rows and checksum) proven per table before
 * commit, so any failure leaves the target as it was.
 */
async function runDataPhase(source, target, options, result = emptyDataResult()) {
    const { settings, logger } = options;
    result.mode = settings.mode;
    if (settings.tables.length === 0)
        throw new Error('[data].tables is empty: name the tables to copy (globs such as public.ref_* work)');
    await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await target.query('BEGIN');
    let helper;
    try {
        // Reading production waits for its locks (a migration running there) no longer than the target would.
        const sourceSettings = `${data_sql/* COPY_SETTINGS */.qw}; SET LOCAL lock_timeout = ${(0,quote/* quoteLiteral */.ce)(options.lockTimeout)}`;
        await source.query(sourceSettings);
        // A second session in the same snapshot sums the source while the first streams rows.
        if (options.openSource)
            helper = await shareSnapshot(source, options.openSource, sourceSettings);
        const summer = helper;
        // The load may take longer than a role's statement_timeout allows an API query; lock waits stay bounded.
        await target.query(`${data_sql/* COPY_SETTINGS */.qw}; SET LOCAL lock_timeout = ${(0,quote/* quoteLiteral */.ce)(options.lockTimeout)}; SET LOCAL statement_timeout = 0`);
        const sourceNames = await (0,catalog/* listTables */.WS)(source);
        const chosen = (0,data_select/* selectTables */.e)(sourceNames, settings.tables, settings.exclude);
        const tables = await (0,catalog/* readTables */.gb)(target, chosen);
        const missing = chosen.filter((c) => !tables.some((t) => (0,model/* tableKey */.i)(t) === (0,model/* tableKey */.i)(c)));
        if (missing.length > 0)
            throw new Error(`${missing.map(names/* tableLabel */.F).join(', ')} not on the target: sync the schema first (the data phase copies rows into existing tables)`);
        const plan = planLoadOrder(tables);
        result.deferred = plan.deferred.map((d) => `${(0,names/* tableLabel */.F)(d.table)}.${d.key.name}`);
        result.nulled = plan.nulled.map((d) => `${(0,names/* tableLabel */.F)(d.table)}.${d.key.name}`);
        const prepared = await (0,prepare/* prepare */.i)(source, plan.order, settings, plan.nulled, sourceNames);
        result.tables = prepared.map((p) => p.result);
        const sums = summer ? (0,parity/* sourceParity */.j)(summer, prepared).finally(() => void summer.end().catch(() => undefined)) : undefined;
        // Settled later; a rejection is handled when awaited.
        sums?.catch(() => undefined);
        await checkReferences(source, target, prepared.map((p) => ({ table: p.table, select: p.select })));
        if (plan.deferred.length > 0) {
            await target.query(`SET CONSTRAINTS ${plan.deferred.map((d) => `${(0,quote/* quoteIdent */.v4)(d.table.schema)}.${(0,quote/* quoteIdent */.v4)(d.key.name)}`).join(', ')} DEFERRED`);
        }
        if (settings.mode === 'replace')
            await emptyTables(target, prepared.map((p) => p.table));
        for (const p of prepared) {
            if (p.table.triggers.some((t) => t.enabled !== 'D')) {
                await target.query(`ALTER TABLE ${(0,names/* tableLabel */.F)(p.table)} DISABLE TRIGGER USER`);
                p.result.triggersDisabled = p.table.triggers.filter((t) => t.enabled !== 'D').length;
            }
        }
        for (const [i, p] of prepared.entries()) {
            const label = (0,names/* tableLabel */.F)(p.table);
            const onProgress = (c) => logger.progress(`${label}: ${fmt(c.rows)} rows so far (${fmt(Math.round(c.rows / (c.ms / 1000)))} rows/s)`);
            const staging = settings.mode !== 'replace' || p.nulled.length > 0;
            let copied;
            if (!staging) {
                copied = await copyRows(source, target, p.select, `${label} (${(0,data_sql/* columnList */.hP)(p.columns)})`, onProgress);
            }
            else {
                p.staged = `pg_temp.${(0,quote/* quoteIdent */.v4)(`pgbs_stage_${i}`)}`;
                await target.query(`CREATE TEMP TABLE ${(0,quote/* quoteIdent */.v4)(`pgbs_stage_${i}`)} ON COMMIT DROP AS SELECT ${(0,data_sql/* columnList */.hP)(p.columns)} FROM ${label} WITH NO DATA`);
                copied = await copyRows(source, target, p.select, `${p.staged} (${(0,data_sql/* columnList */.hP)(p.columns)})`, onProgress);
                await target.query(insertFromStage(p, settings.mode));
            }
            p.result.ms = copied.ms;
            p.result.sourceRows = copied.rows;
            logger.info(`${label}: ${fmt(copied.rows)} rows in ${(copied.ms / 1000).toFixed(1)} s (${fmt(Math.round(copied.rows / Math.max(copied.ms / 1000, 0.001)))} rows/s)`);
        }
        for (const p of prepared.filter((x) => x.nulled.length > 0)) {
            const sets = p.nulled.map((c) => `${(0,quote/* quoteIdent */.v4)(c)} = s.${(0,quote/* quoteIdent */.v4)(c)}`).join(', ');
            await target.query(`UPDATE ${(0,names/* tableLabel */.F)(p.table)} t SET ${sets} FROM ${p.staged} s WHERE ${(0,data_sql/* keyMatch */.ts)(p.table, 't', 's')}`);
        }
        for (const p of prepared) {
            for (const trigger of p.table.triggers) {
                const sql = p.result.triggersDisabled > 0 ? (0,data_sql/* restoreTrigger */.Rh)(p.table, trigger.name, trigger.enabled) : undefined;
                if (sql)
                    await target.query(sql);
            }
            for (const s of p.table.sequences)
                await target.query((0,data_sql/* advanceSequence */.gx)(p.table, s.column, s.sequence));
        }
        if (plan.deferred.length > 0)
            await target.query('SET CONSTRAINTS ALL IMMEDIATE');
        await (0,parity/* proveParity */.a)(target, prepared, await (sums ?? (0,parity/* sourceParity */.j)(source, prepared)), settings.mode);
        const differs = prepared.filter((p) => p.result.status === 'differs');
        if (differs.length > 0) {
            throw new Error(`rows differ after the copy, so nothing was committed: ${differs.map((p) => `${p.result.table} (production ${fmt(p.result.sourceRows)}, target ${fmt(p.result.targetRows)})`).join(', ')}`);
        }
        await target.query('COMMIT');
        await source.query('COMMIT');
        return result;
    }
    catch (error) {
        // Not awaited: a helper still waiting on the server ends when its wait does.
        void helper?.end().catch(() => undefined);
        await target.query('ROLLBACK').catch(() => undefined);
        await source.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
}
/**
 * Replace mode empties the tables first: one TRUNCATE of them all when no
 * other table references them, else DELETE, and only when the referencing
 * tables are empty — rows there would lose what they reference.
 */
async function emptyTables(target, tables) {
    const incoming = await (0,catalog/* incomingKeys */.nL)(target, tables);
    if (incoming.length === 0) {
        await target.query(`TRUNCATE TABLE ${tables.map(names/* tableLabel */.F).join(', ')}`);
        return;
    }
    const referencing = [...new Map(incoming.map((k) => [(0,model/* tableKey */.i)({ schema: k.schema, name: k.table }), { schema: k.schema, name: k.table }])).values()];
    const withRows = [];
    for (const r of referencing) {
        const { rows } = await target.query(`SELECT 1 FROM ${(0,names/* tableLabel */.F)(r)} LIMIT 1`);
        if (rows.length > 0)
            withRows.push((0,names/* tableLabel */.F)(r));
    }
    if (withRows.length > 0) {
        throw new Error(`replacing the rows of the selected tables would break rows of ${withRows.join(', ')}, which reference them and are not selected. ` +
            'Add those tables to [data].tables, or use mode = "upsert" or "append-missing". Nothing was written.');
    }
    for (const t of [...tables].reverse())
        await target.query(`DELETE FROM ${(0,names/* tableLabel */.F)(t)}`);
}
function insertFromStage(p, mode) {
    const label = (0,names/* tableLabel */.F)(p.table);
    if (mode !== 'replace' && !p.table.primaryKey) {
        throw new Error(`${label} has no primary key: mode "${mode}" needs one to know which rows exist; use mode "replace" for it`);
    }
    const values = p.columns.map((c) => (p.nulled.includes(c) ? `NULL AS ${(0,quote/* quoteIdent */.v4)(c)}` : (0,quote/* quoteIdent */.v4)(c))).join(', ');
    const overriding = p.table.columns.some((c) => c.identity === 'a') ? ' OVERRIDING SYSTEM VALUE' : '';
    let conflict = '';
    if (mode === 'append-missing')
        conflict = ` ON CONFLICT (${(0,data_sql/* columnList */.hP)(p.table.primaryKey)}) DO NOTHING`;
    if (mode === 'upsert') {
        const rest = p.columns.filter((c) => !p.table.primaryKey.includes(c));
        conflict = rest.length === 0
            ? ` ON CONFLICT (${(0,data_sql/* columnList */.hP)(p.table.primaryKey)}) DO NOTHING`
            : ` ON CONFLICT (${(0,data_sql/* columnList */.hP)(p.table.primaryKey)}) DO UPDATE SET ${rest.map((c) => `${(0,quote/* quoteIdent */.v4)(c)} = EXCLUDED.${(0,quote/* quoteIdent */.v4)(c)}`).join(', ')}`;
    }
    return `INSERT INTO ${label} (${(0,data_sql/* columnList */.hP)(p.columns)})${overriding} SELECT ${values} FROM ${p.staged}${conflict}`;
}
/** A second source session inside the first one's snapshot (exported), READ ONLY like every source session. */
async function shareSnapshot(source, open, settings) {
    const { rows } = await source.query('SELECT pg_catalog.pg_export_snapshot() AS id');
    const helper = await open();
    try {
        await helper.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await helper.query(`SET TRANSACTION SNAPSHOT ${(0,quote/* quoteLiteral */.ce)(rows[0].id)}`);
        await helper.query(settings);
        return helper;
    }
    catch (error) {
        await helper.end().catch(() => undefined);
        throw error;
    }
}


/***/ }),

/***/ 2266:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ prepare)
});

// EXTERNAL MODULE: ./src/db/names.ts
var names = __webpack_require__(3902);
// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
// EXTERNAL MODULE: ./src/data/catalog.ts
var catalog = __webpack_require__(6531);
// EXTERNAL MODULE: ./src/util/suggest.ts
var suggest = __webpack_require__(7406);
;// CONCATENATED MODULE: ./src/data/mask.ts
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
const RESULT_LENGTH = {
    email: EMAIL_PREFIX.length + EMAIL_HASH_CHARS + EMAIL_DOMAIN.length,
    name: longest(FIRST_NAMES) + 1 + longest(LAST_NAMES) + 1 + NAME_SUFFIX_CHARS,
    phone: PHONE_PREFIX.length + PHONE_DIGITS,
    hash: 64,
};
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
    throw new Error(`${what}: unknown mask rule ${JSON.stringify(text)}${(0,suggest/* didYouMean */.au)(head, KINDS)}; allowed: ${ALLOWED}`);
}
/**
 * sha256 of salt || input, as bytea. The input is `<column>::text` so any type
 * can be hashed; NULL in gives NULL out (every function here is strict).
 * Functions are schema-qualified so the source's search_path cannot swap them.
 */
function digest(column, salt) {
    return `pg_catalog.sha256(pg_catalog.convert_to(${(0,quote/* quoteLiteral */.ce)(salt)} || ${(0,quote/* quoteIdent */.v4)(column.name)}::text, 'UTF8'))`;
}
function hexDigest(column, salt) {
    return `pg_catalog.encode(${digest(column, salt)}, 'hex')`;
}
const sqlArray = (words) => `(ARRAY[${words.map(quote/* quoteLiteral */.ce).join(', ')}])`;
/**
 * The SQL expression (for the source's SELECT list) yielding the masked value
 * of `column`, cast back to the column's type (its format_type, which is valid
 * SQL type syntax) so COPY into the same column on the target works. NULL stays
 * NULL except for fixed and sql. The same salt and input always give the same
 * output, in any table or run, so masked key columns still join.
 */
function maskExpression(column, rule, salt) {
    const type = column.type;
    const hex = () => hexDigest(column, salt);
    switch (rule.kind) {
        case 'null':
            return `NULL::${type}`;
        case 'fixed':
            return `${(0,quote/* quoteLiteral */.ce)(rule.value)}::${type}`;
        case 'sql':
            // The user's own SQL from the config, not data: it runs only inside the
            // READ ONLY source session, as one SELECT list item. The newline keeps a
            // trailing `--` comment from swallowing the closing parenthesis.
            return `(${rule.expression}\n)::${type}`;
        case 'hash':
            return `(${hex()})::${type}`;
        case 'email':
            return `(${(0,quote/* quoteLiteral */.ce)(EMAIL_PREFIX)} || pg_catalog.substr(${hex()}, 1, ${EMAIL_HASH_CHARS}) || ${(0,quote/* quoteLiteral */.ce)(EMAIL_DOMAIN)})::${type}`;
        case 'phone': {
            // 32 bits of the hash, reduced to 7 decimal digits.
            const number = `(('x' || pg_catalog.substr(${hex()}, 1, 8))::bit(32)::bigint % 1${'0'.repeat(PHONE_DIGITS)})::text`;
            return `(${(0,quote/* quoteLiteral */.ce)(PHONE_PREFIX)} || pg_catalog.lpad(${number}, ${PHONE_DIGITS}, '0'))::${type}`;
        }
        case 'name': {
            // Bytes 0 and 1 pick the names; hex chars 5-8 (bytes 2-3) are the suffix that keeps namesakes apart.
            const d = digest(column, salt);
            const first = `${sqlArray(FIRST_NAMES)}[pg_catalog.get_byte(${d}, 0) % ${FIRST_NAMES.length} + 1]`;
            const last = `${sqlArray(LAST_NAMES)}[pg_catalog.get_byte(${d}, 1) % ${LAST_NAMES.length} + 1]`;
            const suffix = `pg_catalog.substr(${hex()}, 5, ${NAME_SUFFIX_CHARS})`;
            return `(${first} || ' ' || ${last} || ' ' || ${suffix})::${type}`;
        }
    }
}
/**
 * How many characters a text-like type holds (Infinity when unlimited), or
 * undefined when the type is not text-like. Domains over text are not
 * recognised: format_type names the domain, not its base type.
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
/** Refuses rules that would fail or silently truncate when copied into this column. */
function checkFits(column, rule, where, of) {
    const col = `column ${JSON.stringify(column.name)} of ${of}`;
    const capacity = textCapacity(column.type);
    if (rule.kind === 'null' && column.notNull) {
        const other = capacity === undefined ? 'fixed:<value> or sql:<expression>' : 'hash, fixed:<value> or sql:<expression>';
        throw new Error(`${where}: ${col} is NOT NULL, so the null mask would make the copy fail; use another rule, e.g. ${other}`);
    }
    if (rule.kind === 'null' || rule.kind === 'fixed' || rule.kind === 'sql')
        return;
    if (capacity === undefined) {
        throw new Error(`${where}: the ${rule.kind} mask yields text, but ${col} is ${column.type}; use fixed:<value> or sql:<expression> for it`);
    }
    const length = RESULT_LENGTH[rule.kind];
    if (length > capacity) {
        // An explicit cast to varchar(n) truncates silently, which would break uniqueness: refuse instead.
        throw new Error(`${where}: the ${rule.kind} mask yields up to ${length} characters, but ${col} is ${column.type} ` +
            `(at most ${capacity}); widen the column or use another rule (fixed:<value>, sql:<expression>)`);
    }
}
/**
 * Checks a table's rules against its columns and parses them. `rules` maps
 * column names to rule texts; `what` is the config path of the table's rules,
 * e.g. 'data.mask."public.guests"'.
 */
function resolveMasks(table, rules, what) {
    const of = (0,quote/* qualified */.LX)(table.schema, table.name);
    const names = table.columns.map((c) => c.name);
    const resolved = new Map();
    for (const [name, text] of Object.entries(rules)) {
        const where = `${what}.${tomlKey(name)}`;
        const column = table.columns.find((c) => c.name === name);
        if (!column) {
            throw new Error(`${where}: table ${of} has no column ${JSON.stringify(name)}${(0,suggest/* didYouMean */.au)(name, names)}; its columns: ${names.join(', ')}`);
        }
        if (column.generated) {
            throw new Error(`${where}: column ${JSON.stringify(name)} of ${of} is generated: it is not copied (the target computes it), ` +
                'so it cannot be masked; mask the columns it is computed from');
        }
        const rule = parseMaskRule(text, where);
        checkFits(column, rule, where, of);
        resolved.set(name, rule);
    }
    return resolved;
}

// EXTERNAL MODULE: ./src/data/model.ts
var model = __webpack_require__(1301);
;// CONCATENATED MODULE: ./src/data/prepare.ts





/**
 * What to copy of each table: the target's columns less generated ones (each
 * must exist on the source), masked where [data.mask] says, filtered by
 * [data.where]. A mask or filter for a source table not copied this time
 * is left unused; one naming no table of the source is an error (a typo
 * must not leave a column unmasked).
 */
async function prepare(source, order, settings, nulled, sourceNames) {
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
    const sourceTables = await (0,catalog/* readTables */.gb)(source, order);
    return order.map((table) => {
        const key = (0,model/* tableKey */.i)(table);
        const columns = table.columns.filter((c) => !c.generated).map((c) => c.name);
        const onSource = sourceTables.find((s) => (0,model/* tableKey */.i)(s) === key);
        const absent = columns.filter((c) => !onSource?.columns.some((s) => s.name === c && !s.generated));
        if (absent.length > 0)
            throw new Error(`${(0,names/* tableLabel */.F)(table)} on the source lacks column(s) ${absent.map(quote/* quoteIdent */.v4).join(', ')} of the target: sync the schema first`);
        const maskName = maskNames.get(key);
        const masks = maskName ? resolveMasks(table, settings.mask[maskName], `[data.mask."${maskName}"]`) : new Map();
        const list = columns.map((name) => {
            const rule = masks.get(name);
            return rule ? `${maskExpression(table.columns.find((c) => c.name === name), rule, settings.maskSalt)} AS ${(0,quote/* quoteIdent */.v4)(name)}` : (0,quote/* quoteIdent */.v4)(name);
        });
        const whereName = whereNames.get(key);
        // The condition is the user's own SQL, run only in the READ ONLY source session.
        const where = whereName ? ` WHERE (${settings.where[whereName]})` : '';
        const label = (0,names/* tableLabel */.F)(table);
        return {
            table, columns, select: `SELECT ${list.join(', ')} FROM ${label}${where}`, masked: [...masks.keys()],
            nulled: nulled.filter((n) => n.table === table).flatMap((n) => n.key.columns), staged: undefined,
            result: { table: label, sourceRows: 0, targetRows: 0, status: 'not run', ms: 0, masked: [...masks.keys()], triggersDisabled: 0 },
        };
    });
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
/** An order-independent checksum and the row count of what a query returns. */
function paritySql(query) {
    return `SELECT count(*)::bigint AS rows, coalesce(sum(pg_catalog.hashtextextended(s::text, 0)::numeric), 0)::text AS checksum FROM (${query}) s`;
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


/***/ }),

/***/ 3902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ tableLabel),
/* harmony export */   H: () => (/* binding */ parseTableName)
/* harmony export */ });
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6246);

/**
 * A table name as users write it in the config: `schema.table` or `table`
 * (in `public`), each part plain (folded to lower case, as PostgreSQL does)
 * or double-quoted (kept as written, `""` for a quote).
 */
function parseTableName(text, what = 'table name') {
    const parts = [];
    let i = 0;
    const fail = (why) => {
        throw new Error(`${what} "${text}" ${why}; write schema.table, quoting parts with "..." when needed`);
    };
    while (i <= text.length) {
        if (text[i] === '"') {
            let part = '';
            i++;
            for (;;) {
                if (i >= text.length)
                    fail('has an unterminated quote');
                if (text[i] === '"') {
                    if (text[i + 1] === '"') {
                        part += '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                part += text[i++];
            }
            if (part === '')
                fail('has an empty quoted part');
            parts.push(part);
        }
        else {
            const end = text.indexOf('.', i);
            const raw = text.slice(i, end === -1 ? text.length : end).trim();
            if (raw === '' || /["\s]/.test(raw))
                fail(raw === '' ? 'has an empty part' : 'needs quotes');
            parts.push(raw.toLowerCase());
            i = end === -1 ? text.length : end;
        }
        if (i >= text.length)
            break;
        if (text[i] !== '.')
            fail('is not a name');
        i++;
    }
    if (parts.length === 1)
        return { schema: 'public', name: parts[0] };
    if (parts.length === 2)
        return { schema: parts[0], name: parts[1] };
    return fail('has too many parts');
}
function tableLabel(table) {
    return (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .qualified */ .LX)(table.schema, table.name);
}


/***/ })

};
