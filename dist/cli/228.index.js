export const id = 228;
export const ids = [228];
export const modules = {

/***/ 9228:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  emptyDataResult: () => (/* reexport */ emptyDataResult),
  runDataPhase: () => (/* binding */ runDataPhase)
});

// EXTERNAL MODULE: ./src/db/names.ts
var names = __webpack_require__(3902);
// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
// EXTERNAL MODULE: ./src/data/catalog.ts
var catalog = __webpack_require__(6531);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/data/relay.ts

/**
 * COPY between two servers without unpacking the rows. What COPY TO STDOUT
 * sends (CopyData messages, one per row in text format) is what COPY FROM
 * STDIN takes, so whole messages go to the target as they arrived: no
 * per-row parsing, slicing or re-framing in Node, and rows are counted as
 * messages pass. Both ends are `pg` submittables (objects with `submit`, as
 * pg-copy-streams is): the source end reads the socket itself while the COPY
 * lasts, so `pg` does not parse every row into a message object.
 */
const COPY_DATA = 0x64; // 'd'
const COPY_DONE = 0x63; // 'c'
const ERROR_RESPONSE = 0x45; // 'E'
const HEADER = 5;
const COPY_DONE_MESSAGE = Buffer.from([COPY_DONE, 0, 0, 0, 4]);
/**
 * The source end: `COPY (…) TO STDOUT`, read as whole CopyData messages,
 * each pushed chunk a run of them. Destroyed early (the target failed), it
 * reads the rest of the COPY and drops it, so the connection can still roll
 * back.
 */
class CopyOut extends external_node_stream_.Readable {
    text;
    rows = 0;
    bytes = 0;
    connection;
    pgHandler;
    /** A message split across socket reads: its pieces so far. */
    pending = [];
    pendingSize = 0;
    wanted = true;
    discarding = false;
    onReadable = () => this.forward();
    constructor(text) {
        super();
        this.text = text;
    }
    submit(connection) {
        this.connection = connection;
        const stream = connection.stream;
        const listeners = stream.listeners('data');
        if (listeners.length !== 1)
            throw new Error('COPY relay: the connection has no single data listener to take over');
        this.pgHandler = listeners[0];
        stream.removeListener('data', this.pgHandler);
        stream.pause();
        stream.on('readable', this.onReadable);
        connection.query(this.text);
    }
    _read() {
        this.wanted = true;
        this.forward();
    }
    _destroy(error, callback) {
        // Still attached: keep reading so the COPY ends and the connection is usable.
        if (this.connection) {
            this.discarding = true;
            this.wanted = true;
            this.forward();
        }
        callback(error);
    }
    forward() {
        const connection = this.connection;
        let chunk;
        while (connection && this.connection && this.wanted && (chunk = connection.stream.read()) !== null)
            this.parse(chunk);
    }
    parse(input) {
        let chunk = input;
        if (this.pendingSize > 0) {
            // Complete the split message first: its header (to know its length), then its body.
            if (this.pendingSize < HEADER) {
                const take = Math.min(HEADER - this.pendingSize, chunk.length);
                const head = Buffer.concat([...this.pending, chunk.subarray(0, take)]);
                chunk = chunk.subarray(take);
                this.pending = [head];
                this.pendingSize = head.length;
                if (head.length < HEADER)
                    return;
            }
            const size = 1 + this.pending[0].readUInt32BE(1);
            const need = size - this.pendingSize;
            if (chunk.length < need) {
                this.pending.push(chunk);
                this.pendingSize += chunk.length;
                return;
            }
            const pieces = this.pending;
            this.pending = [];
            this.pendingSize = 0;
            if (pieces[0][0] !== COPY_DATA) {
                // Rare (a notice, the end, an error): read on from it, the rest of the read included.
                chunk = Buffer.concat([...pieces, chunk]);
            }
            else {
                this.rows++;
                this.emitRun(Buffer.concat([...pieces, chunk.subarray(0, need)], size));
                chunk = chunk.subarray(need);
            }
        }
        this.takeMessages(chunk);
    }
    /** Handles the whole messages of `chunk` and keeps a split last one. */
    takeMessages(chunk) {
        let pos = 0;
        let run = -1;
        let rows = 0;
        let over = false;
        while (pos + HEADER <= chunk.length) {
            const code = chunk[pos];
            const end = pos + 1 + chunk.readUInt32BE(pos + 1);
            if (code === COPY_DATA) {
                if (end > chunk.length)
                    break;
                if (run === -1)
                    run = pos;
                rows++;
                pos = end;
                continue;
            }
            if (run !== -1)
                this.emitRun(chunk.subarray(run, pos));
            run = -1;
            if (code === ERROR_RESPONSE) {
                // `pg` reads the error (and what follows) and fails the query through handleError.
                this.detach(chunk.subarray(pos));
                over = true;
                break;
            }
            if (end > chunk.length)
                break;
            pos = end;
            if (code === COPY_DONE) {
                this.detach(chunk.subarray(pos));
                over = true;
                break;
            }
            // CopyOutResponse, and notices or parameter changes between rows: not rows.
        }
        this.rows += rows;
        if (over)
            return;
        if (run !== -1)
            this.emitRun(chunk.subarray(run, pos));
        if (pos < chunk.length) {
            const rest = chunk.subarray(pos);
            this.pending = [rest];
            this.pendingSize = rest.length;
        }
    }
    emitRun(run) {
        this.bytes += run.length;
        if (!this.discarding && !this.push(run))
            this.wanted = false;
    }
    detach(rest) {
        const connection = this.connection;
        const stream = connection.stream;
        stream.removeListener('readable', this.onReadable);
        stream.on('data', this.pgHandler);
        this.connection = undefined;
        if (rest.length > 0)
            this.pgHandler(rest);
        // The handler may pause the stream on its own high-water mark: resume once it returns.
        process.nextTick(() => stream.resume());
    }
    /** Defined so `pg` can install its query_timeout here. */
    callback() { }
    handleError(error) {
        this.callback();
        this.destroy(error);
    }
    handleCommandComplete() { }
    handleReadyForQuery() {
        this.callback();
        if (!this.discarding)
            this.push(null);
    }
}
/**
 * The target end: `COPY … FROM STDIN`, written whole CopyData messages as
 * `CopyOut` pushes them. Only whole messages ever reach the socket, so a
 * CopyFail after a failure is read as a message of its own.
 */
class CopyIn extends external_node_stream_.Writable {
    text;
    rowCount = 0;
    connection;
    ready = false;
    waiting;
    finished;
    failed;
    constructor(text) {
        super();
        this.text = text;
    }
    submit(connection) {
        this.connection = connection;
        connection.query(this.text);
    }
    handleCopyInResponse() {
        this.ready = true;
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.();
    }
    whenReady(then) {
        if (this.ready)
            then();
        else
            this.waiting = then;
    }
    _write(chunk, _encoding, callback) {
        this.whenReady(() => {
            const stream = this.connection?.stream;
            if (!stream)
                return callback();
            if (stream.write(chunk))
                callback();
            else
                stream.once('drain', () => callback());
        });
    }
    _final(callback) {
        this.finished = callback;
        this.whenReady(() => this.connection?.stream.write(COPY_DONE_MESSAGE));
    }
    _destroy(error, callback) {
        // Over already (finished, or the server failed it): nothing to stop.
        if (!this.connection)
            return callback(error);
        // The server answers a CopyFail with an error, which ends the query.
        this.failed = () => callback(error);
        this.whenReady(() => this.connection?.sendCopyFail(error?.message ?? 'the copy was stopped'));
    }
    /** Defined so `pg` can install its query_timeout here. */
    callback() { }
    handleError(error) {
        this.callback();
        this.connection = undefined;
        const failed = this.failed ?? this.finished;
        this.failed = this.finished = undefined;
        if (failed)
            failed(error);
        else
            this.destroy(error);
    }
    handleCommandComplete(message) {
        const match = /COPY (\d+)/.exec(message?.text ?? '');
        if (match)
            this.rowCount = Number(match[1]);
    }
    handleReadyForQuery() {
        this.callback();
        this.connection = undefined;
        const finished = this.finished;
        this.finished = undefined;
        finished?.();
    }
}

;// CONCATENATED MODULE: ./src/data/copy.ts


/** How often a long copy says how far it got. */
const PROGRESS_EVERY_MS = 2000;
/**
 * Streams the rows of `select` on the source into `into` (a table and its
 * column list) on the target: COPY TO STDOUT relayed into COPY FROM STDIN on
 * the other connection with backpressure, so memory stays flat whatever the
 * table's size. Text format: portable across server versions.
 */
async function copyRows(source, target, select, into, onProgress, freeze = false) {
    const start = performance.now();
    const out = source.query(new CopyOut(`COPY (${select}) TO STDOUT`));
    const sink = target.query(new CopyIn(`COPY ${into} FROM STDIN${freeze ? ' WITH (FREEZE)' : ''}`));
    const progress = () => ({ rows: out.rows, bytes: out.bytes, ms: performance.now() - start });
    const timer = onProgress ? setInterval(() => onProgress(progress()), PROGRESS_EVERY_MS) : undefined;
    try {
        await (0,promises_.pipeline)(out, sink);
    }
    finally {
        clearInterval(timer);
    }
    return { ...progress(), rows: sink.rowCount || out.rows };
}

;// CONCATENATED MODULE: ./src/data/indexes.ts


// Below this many source rows, maintaining an index during the load costs less than dropping and building it.
const MIN_ROWS = 10_000;
/**
 * Indexes that are nothing but an index: no constraint owns or uses them
 * (primary keys, unique constraints, the unique index a foreign key points
 * at), nothing depends on them (partition indexes), not the replica identity,
 * no per-column statistics target and the default tablespace — so what
 * pg_get_indexdef prints, its comment and its CLUSTER mark rebuild all of it.
 */
const INDEXES_SQL = `
select w.ord::int as ord, i.relname as name, pg_catalog.pg_get_indexdef(x.indexrelid) as definition,
  pg_catalog.obj_description(x.indexrelid, 'pg_class') as comment, x.indisclustered as clustered
from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
join pg_catalog.pg_namespace n on n.nspname = w.schema
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name and c.relkind = 'r'
join pg_catalog.pg_index x on x.indrelid = c.oid
join pg_catalog.pg_class i on i.oid = x.indexrelid
where x.indisvalid and x.indisready and x.indislive and not x.indisreplident and i.reltablespace = 0
  and not exists (select 1 from pg_catalog.pg_constraint k where k.conindid = x.indexrelid)
  and not exists (select 1 from pg_catalog.pg_depend d where d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = x.indexrelid)
  and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = x.indexrelid and d.deptype in ('P', 'S'))
  and not exists (select 1 from pg_catalog.pg_attribute a where a.attrelid = x.indexrelid and coalesce(a.attstattarget, -1) <> -1)
order by w.ord, i.relname`;
/** Source tables big enough for the rebuild to pay, by the planner's estimate (read without a lock: production's locks never hold this up). */
const BIG_SQL = `
select w.ord::int as ord
from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
join pg_catalog.pg_namespace n on n.nspname = w.schema
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name
where c.reltuples >= $3`;
const indexes_names = (tables) => [tables.map((t) => t.schema), tables.map((t) => t.name)];
/** The tables whose rows are many enough (planner's estimate on the source) for a drop and rebuild to pay. */
async function bigTables(source, tables) {
    if (tables.length === 0)
        return [];
    const big = new Set((await source.query(BIG_SQL, [...indexes_names(tables), MIN_ROWS])).rows.map((r) => r.ord));
    return tables.filter((_, i) => big.has(i + 1));
}
/**
 * Drops the secondary indexes of the big tables just emptied, inside the
 * target's transaction (a failure rolls the drop back with the rest); the
 * caller builds them again with rebuildIndexes once the rows are in.
 */
async function dropIndexesForLoad(source, target, tables) {
    const chosen = await bigTables(source, tables);
    if (chosen.length === 0)
        return [];
    const { rows } = await target.query(INDEXES_SQL, indexes_names(chosen));
    const deferred = rows.map((r) => ({ table: chosen[r.ord - 1], name: r.name, definition: r.definition, comment: r.comment, clustered: r.clustered }));
    if (deferred.length > 0)
        await target.query(deferred.map((d) => `DROP INDEX ${(0,quote/* quoteIdent */.v4)(d.table.schema)}.${(0,quote/* quoteIdent */.v4)(d.name)}`).join('; '));
    return deferred;
}
/** Builds the dropped indexes again, as they were: one sorted build each instead of an insert per row. */
async function rebuildIndexes(target, deferred) {
    for (const d of deferred) {
        const index = `${(0,quote/* quoteIdent */.v4)(d.table.schema)}.${(0,quote/* quoteIdent */.v4)(d.name)}`;
        const sql = [d.definition];
        if (d.comment !== null)
            sql.push(`COMMENT ON INDEX ${index} IS ${(0,quote/* quoteLiteral */.ce)(d.comment)}`);
        if (d.clustered)
            sql.push(`ALTER TABLE ${(0,names/* tableLabel */.F)(d.table)} CLUSTER ON ${(0,quote/* quoteIdent */.v4)(d.name)}`);
        await target.query(sql.join('; '));
    }
}

;// CONCATENATED MODULE: ./src/data/foreign-keys.ts



/**
 * Validated foreign keys (a NOT VALID one still checks new rows, which adding
 * it again would not) of plain tables, nothing else depending on them, which this role
 * may drop and add again (owner of the table, REFERENCES on the referenced
 * one): what pg_get_constraintdef prints (deferrability, actions, NOT VALID)
 * and the comment rebuild all of it. Checking each loaded row by a trigger
 * costs an index lookup per row; adding the key checks them all in one join.
 */
const KEYS_SQL = `
select w.ord::int as ord, k.conname as name, pg_catalog.pg_get_constraintdef(k.oid) as definition,
  pg_catalog.obj_description(k.oid, 'pg_constraint') as comment
from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
join pg_catalog.pg_namespace n on n.nspname = w.schema
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name and c.relkind = 'r'
join pg_catalog.pg_constraint k on k.conrelid = c.oid and k.contype = 'f' and k.conparentid = 0
where k.convalidated and pg_catalog.pg_has_role(c.relowner, 'USAGE') and pg_catalog.has_table_privilege(k.confrelid, 'REFERENCES')
  and not exists (select 1 from pg_catalog.pg_depend d where d.refclassid = 'pg_catalog.pg_constraint'::regclass and d.refobjid = k.oid and d.deptype <> 'i')
order by w.ord, k.conname`;
/**
 * Drops the foreign keys of the big tables just emptied, inside the target's
 * transaction (a failure rolls the drop back with the rest); addKeys puts
 * them back once every row is in, which checks every row.
 */
async function dropKeysForLoad(source, target, tables) {
    const chosen = await bigTables(source, tables);
    if (chosen.length === 0)
        return [];
    const { rows } = await target.query(KEYS_SQL, indexes_names(chosen));
    const deferred = rows.map((r) => ({ table: chosen[r.ord - 1], name: r.name, definition: r.definition, comment: r.comment }));
    if (deferred.length > 0)
        await target.query(deferred.map((d) => `ALTER TABLE ${(0,names/* tableLabel */.F)(d.table)} DROP CONSTRAINT ${(0,quote/* quoteIdent */.v4)(d.name)}`).join('; '));
    return deferred;
}
/** Adds the dropped foreign keys again, as they were; a row whose referenced row is missing fails it (and the run). */
async function addKeys(target, deferred) {
    for (const d of deferred) {
        const sql = [`ALTER TABLE ${(0,names/* tableLabel */.F)(d.table)} ADD CONSTRAINT ${(0,quote/* quoteIdent */.v4)(d.name)} ${d.definition}`];
        if (d.comment !== null)
            sql.push(`COMMENT ON CONSTRAINT ${(0,quote/* quoteIdent */.v4)(d.name)} ON ${(0,names/* tableLabel */.F)(d.table)} IS ${(0,quote/* quoteLiteral */.ce)(d.comment)}`);
        await target.query(sql.join('; '));
    }
}

// EXTERNAL MODULE: ./src/data/hashing.ts
var hashing = __webpack_require__(2392);
;// CONCATENATED MODULE: ./src/data/unique-keys.ts



/**
 * Primary keys and unique constraints of plain tables that nothing else
 * needs while the rows load: no foreign key references them any more (those
 * of the loaded tables were dropped first), no view depends on them (a GROUP
 * BY on a primary key does), not the replica identity's or CLUSTER's index,
 * no per-column statistics target, the default tablespace, no storage
 * parameters (pg_get_constraintdef leaves them out), and a table this role
 * owns. What it prints (columns, INCLUDE, DEFERRABLE, NULLS NOT DISTINCT)
 * and both comments rebuild all of it.
 * Building the index once from sorted rows costs less than inserting each row
 * into it.
 */
const UNIQUE_SQL = `
select w.ord::int as ord, k.conname as name, pg_catalog.pg_get_constraintdef(k.oid) as definition,
  pg_catalog.obj_description(k.oid, 'pg_constraint') as comment, pg_catalog.obj_description(k.conindid, 'pg_class') as index_comment
from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
join pg_catalog.pg_namespace n on n.nspname = w.schema
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name and c.relkind = 'r'
join pg_catalog.pg_constraint k on k.conrelid = c.oid and k.contype in ('p', 'u') and k.conparentid = 0
join pg_catalog.pg_index x on x.indexrelid = k.conindid
join pg_catalog.pg_class i on i.oid = x.indexrelid
where pg_catalog.pg_has_role(c.relowner, 'USAGE') and x.indisvalid and not x.indisreplident and not x.indisclustered and i.reltablespace = 0 and i.reloptions is null
  and not exists (select 1 from pg_catalog.pg_depend d where d.refclassid = 'pg_catalog.pg_constraint'::regclass and d.refobjid = k.oid and d.deptype <> 'i')
  and not exists (select 1 from pg_catalog.pg_depend d where d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = x.indexrelid)
  and not exists (select 1 from pg_catalog.pg_attribute a where a.attrelid = x.indexrelid and coalesce(a.attstattarget, -1) <> -1)
order by w.ord, k.conname`;
/**
 * Drops the primary keys and unique constraints of the big tables just
 * emptied, inside the target's transaction; call it after their foreign keys
 * are dropped, and addUniques before adding those back.
 */
async function dropUniquesForLoad(source, target, tables) {
    const chosen = await bigTables(source, tables);
    if (chosen.length === 0)
        return [];
    const { rows } = await target.query(UNIQUE_SQL, indexes_names(chosen));
    const deferred = rows.map((r) => ({ table: chosen[r.ord - 1], name: r.name, definition: r.definition, comment: r.comment, indexComment: r.index_comment }));
    if (deferred.length > 0)
        await target.query(deferred.map((d) => `ALTER TABLE ${(0,names/* tableLabel */.F)(d.table)} DROP CONSTRAINT ${(0,quote/* quoteIdent */.v4)(d.name)}`).join('; '));
    return deferred;
}
/** Adds the dropped keys again, as they were: a duplicate fails it (and the run), as it would have failed the load. */
async function addUniques(target, deferred) {
    for (const d of deferred) {
        const sql = [`ALTER TABLE ${(0,names/* tableLabel */.F)(d.table)} ADD CONSTRAINT ${(0,quote/* quoteIdent */.v4)(d.name)} ${d.definition}`];
        if (d.comment !== null)
            sql.push(`COMMENT ON CONSTRAINT ${(0,quote/* quoteIdent */.v4)(d.name)} ON ${(0,names/* tableLabel */.F)(d.table)} IS ${(0,quote/* quoteLiteral */.ce)(d.comment)}`);
        // The constraint's index has the constraint's name.
        if (d.indexComment !== null)
            sql.push(`COMMENT ON INDEX ${(0,quote/* quoteIdent */.v4)(d.table.schema)}.${(0,quote/* quoteIdent */.v4)(d.name)} IS ${(0,quote/* quoteLiteral */.ce)(d.indexComment)}`);
        await target.query(sql.join('; '));
    }
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
// EXTERNAL MODULE: ./src/data/personal.ts
var personal = __webpack_require__(5982);
// EXTERNAL MODULE: ./src/data/prepare.ts + 1 modules
var prepare = __webpack_require__(7158);
// EXTERNAL MODULE: ./src/data/select.ts
var data_select = __webpack_require__(3518);
;// CONCATENATED MODULE: ./src/data/result.ts
function emptyDataResult(mode = 'replace') {
    return { mode, tables: [], deferred: [], nulled: [], unmasked: [] };
}

// EXTERNAL MODULE: ./src/util/numbers.ts
var numbers = __webpack_require__(1986);
;// CONCATENATED MODULE: ./src/data/phase.ts



















const fmt = numbers/* thousands */.o;
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
    const ownTransaction = !options.targetInTransaction;
    if (ownTransaction)
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
        const prepared = await (0,prepare/* prepare */.i)(source, plan.order, settings, plan.nulled, sourceNames, options.configFile);
        result.tables = prepared.map((p) => p.result);
        (await (0,hashing/* chooseParity */.B)(source, target, prepared)).forEach((kind, i) => (prepared[i].parity = kind));
        result.unmasked = (0,personal/* reportUnmasked */.bX)(prepared, settings.allowUnmasked, logger);
        const sums = summer ? (0,parity/* sourceParity */.j)(summer, prepared).finally(() => void summer.end().catch(() => undefined)) : undefined;
        // Settled later; a rejection is handled when awaited.
        sums?.catch(() => undefined);
        await checkReferences(source, target, prepared.map((p) => ({ table: p.table, select: p.select })));
        if (plan.deferred.length > 0) {
            await target.query(`SET CONSTRAINTS ${plan.deferred.map((d) => `${(0,quote/* quoteIdent */.v4)(d.table.schema)}.${(0,quote/* quoteIdent */.v4)(d.key.name)}`).join(', ')} DEFERRED`);
        }
        let deferredIndexes = [];
        let deferredKeys = [];
        let deferredUniques = [];
        let frozen = false;
        // Off before the tables are emptied too: their ON DELETE and ON TRUNCATE triggers are part of the load.
        for (const p of prepared) {
            if (p.table.triggers.some((t) => t.enabled !== 'D')) {
                await target.query(`ALTER TABLE ${(0,names/* tableLabel */.F)(p.table)} DISABLE TRIGGER USER`);
                p.result.triggersDisabled = p.table.triggers.filter((t) => t.enabled !== 'D').length;
            }
        }
        if (settings.mode === 'replace') {
            frozen = (await emptyTables(target, prepared.map((p) => p.table))) && (await mayFreeze(target));
            deferredIndexes = await dropIndexesForLoad(source, target, prepared.map((p) => p.table));
            deferredKeys = await dropKeysForLoad(source, target, prepared.map((p) => p.table));
            // Keys of tables loaded through a staging table are kept: rows are matched on them after.
            deferredUniques = await dropUniquesForLoad(source, target, prepared.filter((p) => p.nulled.length === 0).map((p) => p.table));
        }
        for (const [i, p] of prepared.entries()) {
            const label = (0,names/* tableLabel */.F)(p.table);
            const onProgress = (c) => logger.progress(`${label}: ${fmt(c.rows)} rows so far (${fmt(Math.round(c.rows / (c.ms / 1000)))} rows/s)`);
            const staging = settings.mode !== 'replace' || p.nulled.length > 0;
            let copied;
            if (!staging) {
                copied = await copyRows(source, target, p.select, `${label} (${(0,data_sql/* columnList */.hP)(p.columns)})`, onProgress, frozen && p.table.kind === 'r');
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
        // What was dropped for the load comes back: keys first (indexes and foreign keys may need them), timed and named.
        const restore = async (list, what, work) => {
            if (list.length === 0)
                return;
            const start = performance.now();
            await work(list);
            logger.info(`${fmt(list.length)} ${what} after the load in ${((performance.now() - start) / 1000).toFixed(1)} s: ${list.map((d) => d.name).join(', ')}`);
        };
        await restore(deferredUniques, 'primary key(s) and unique constraint(s) added again', (l) => addUniques(target, l));
        await restore(deferredIndexes, 'secondary index(es) built', (l) => rebuildIndexes(target, l));
        await restore(deferredKeys, 'foreign key(s) added again and checked', (l) => addKeys(target, l));
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
        if (ownTransaction)
            await target.query('COMMIT');
        await source.query('COMMIT');
        return result;
    }
    catch (error) {
        // Not awaited: a helper still waiting on the server ends when its wait does.
        void helper?.end().catch(() => undefined);
        if (ownTransaction)
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
        return true;
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
    return false;
}
/**
 * Whether the tables just truncated may be loaded with COPY FREEZE: rows
 * written frozen and all-visible, so the index builds, key checks and parity
 * that read them next set no hint bits, and no later VACUUM rewrites them to
 * freeze. PostgreSQL allows it for a table (not a partitioned one) truncated
 * in the current subtransaction — the data phase opens none between TRUNCATE
 * and COPY — when the transaction holds no snapshot but its own (READ
 * COMMITTED: one exported snapshot at most; none here, as exports from a
 * subtransaction are refused) and no cursor. A refusal would abort the
 * transaction, so it is decided here: open cursors, or a transaction not READ
 * COMMITTED (an exported snapshot there would refuse), keep the plain COPY.
 */
async function mayFreeze(target) {
    const { rows } = await target.query("SELECT pg_catalog.current_setting('transaction_isolation') = 'read committed' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_cursors) AS ok");
    return rows[0].ok;
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


/***/ })

};
