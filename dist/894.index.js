export const id = 894;
export const ids = [894];
export const modules = {

/***/ 184:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ EXPECTATION)
/* harmony export */ });
/** An expectation for a numeric assertion: a number (equal) or a comparison such as ">= 10". */
const EXPECTATION = /^\s*(=|==|!=|<>|<=|>=|<|>)?\s*(-?\d+(?:\.\d+)?)\s*$/;


/***/ }),

/***/ 894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  failedChecks: () => (/* binding */ failedChecks),
  runValidation: () => (/* binding */ runValidation)
});

// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/config/expectation.ts
var expectation = __webpack_require__(184);
// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
;// CONCATENATED MODULE: ./src/validate/assertions.ts



/**
 * Runs one assertion READ ONLY under a statement timeout: it must return one
 * row of one column, either true, or a number meeting `expect`. A failure
 * shows the SQL and what came back.
 */
async function runAssertion(target, assertion, statementTimeout) {
    const sql = assertion.sql.trim().replace(/;\s*$/, '');
    let result;
    await target.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${(0,quote/* quoteLiteral */.ce)(statementTimeout)}`);
    try {
        result = await target.query(sql);
    }
    catch (error) {
        const why = (0,errors/* isPgError */.QO)(error) && error.code === '57014' ? `took longer than ${statementTimeout} (statement_timeout; set [validate].statement_timeout)` : (0,errors/* describeError */.Uc)(error, sql);
        return fail(sql, why);
    }
    finally {
        await target.query('ROLLBACK').catch(() => undefined);
    }
    if (Array.isArray(result))
        return fail(sql, `must be one query (got ${result.length} statements)`);
    if (result.rows.length !== 1 || result.fields.length !== 1) {
        return fail(sql, `must return one row with one column (got ${result.rows.length} row(s) of ${result.fields.length} column(s))`);
    }
    const value = Object.values(result.rows[0])[0];
    return judge(sql, value, assertion.expect);
}
function judge(sql, value, expect) {
    const shown = value === null ? 'NULL' : typeof value === 'string' ? value : JSON.stringify(value);
    if (expect === undefined) {
        if (value === true)
            return { status: 'pass', detail: 'true' };
        return fail(sql, `returned ${shown}; expected true${typeof value === 'boolean' || value === null ? '' : ' (for a number, set expect, e.g. expect = ">= 1")'}`);
    }
    const [, op = '=', wanted] = expectation/* EXPECTATION */.N.exec(String(expect));
    const got = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (Number.isNaN(got))
        return fail(sql, `returned ${shown}; expected a number ${op} ${wanted}`);
    const w = Number(wanted);
    const ok = { '=': got === w, '==': got === w, '!=': got !== w, '<>': got !== w, '<': got < w, '<=': got <= w, '>': got > w, '>=': got >= w }[op];
    return ok ? { status: 'pass', detail: `${shown} ${op} ${wanted}` } : fail(sql, `returned ${shown}; expected ${op} ${wanted}`);
}
function fail(sql, why) {
    return { status: 'fail', detail: `${why}\nSQL: ${sql}` };
}

;// CONCATENATED MODULE: ./src/validate/check.ts
/** Times a check; an exception is a failed check whose detail is the error, never a crashed run. */
async function timedCheck(name, fn, describe) {
    const start = performance.now();
    try {
        return { name, ...(await fn()), ms: performance.now() - start };
    }
    catch (error) {
        return { name, status: 'fail', detail: describe(error), ms: performance.now() - start };
    }
}
function skipped(name, why) {
    return { name, status: 'skip', detail: why, ms: 0 };
}

// EXTERNAL MODULE: ./src/apply/sync.ts + 5 modules
var sync = __webpack_require__(7496);
;// CONCATENATED MODULE: ./src/validate/drift.ts

const LISTED = 10;
/** The target's schema equals the source's: the engine's diff is empty, and nothing is left that the applying role may not set (an owner). */
async function checkDrift(source, target, filter, extensionVersions, desired, wanted = 'production') {
    const { plan, seedObjects } = await (0,sync/* planSchema */.Fu)(source, target, { filter, extensionVersions }, desired);
    const unsettable = plan.notes.filter((n) => n.differs);
    const count = plan.changes.length + unsettable.length;
    if (count === 0)
        return { status: 'pass', detail: `the schema equals ${wanted}${seedNote(seedObjects.map((o) => o.label))}` };
    const all = [...plan.changes.map((c) => `${c.action} ${c.kind} ${c.object}`), ...unsettable.map((n) => `${n.object}: ${n.message}`)];
    const more = count > LISTED ? `; and ${count - LISTED} more` : '';
    return { status: 'fail', detail: `${count} difference(s) from ${wanted}: ${all.slice(0, LISTED).join('; ')}${more}` };
}
/** Objects the seed files made are no drift, but are said. */
function seedNote(labels) {
    if (labels.length === 0)
        return '';
    const shown = labels.slice(0, LISTED).join(', ');
    return `; ${labels.length} object(s) made by seed files: ${shown}${labels.length > LISTED ? `, and ${labels.length - LISTED} more` : ''}`;
}

// EXTERNAL MODULE: ./src/db/names.ts
var names = __webpack_require__(3902);
;// CONCATENATED MODULE: ./src/validate/required.ts


const REQUIRED_SQL = `
select l.ord::int as ord, c.relkind::text as relkind,
  (select coalesce(array_agg(w.col order by w.col), '{}') from unnest(string_to_array(l.cols, E'\\x01')) w(col)
   where w.col <> '' and not exists (
     select 1 from pg_catalog.pg_attribute a
     where a.attrelid = c.oid and a.attname = w.col and a.attnum > 0 and not a.attisdropped)) as missing
from unnest($1::text[], $2::text[], $3::text[]) with ordinality as l(schema, name, cols, ord)
left join pg_catalog.pg_namespace n on n.nspname = l.schema
left join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = l.name and c.relkind in ('r', 'p', 'v', 'm', 'f')`;
/**
 * Every required table exists (a view, materialized view or foreign table
 * counts too), with the required columns. One query for all of them.
 */
async function checkRequired(target, tables, columns) {
    const wanted = new Map();
    const want = (name, cols) => {
        const table = (0,names/* parseTableName */.H)(name, 'required table');
        const entry = wanted.get((0,names/* tableLabel */.F)(table)) ?? { table, columns: [] };
        for (const c of cols)
            if (!entry.columns.includes(c))
                entry.columns.push(c);
        wanted.set((0,names/* tableLabel */.F)(table), entry);
    };
    for (const name of tables)
        want(name, []);
    for (const [name, cols] of Object.entries(columns))
        want(name, cols);
    const list = [...wanted.values()];
    // Columns travel as one \x01-delimited text per table: arrays cannot be ragged, and \x01 is no name's character.
    const { rows } = await target.query(REQUIRED_SQL, [
        list.map((w) => w.table.schema), list.map((w) => w.table.name), list.map((w) => w.columns.join('\u0001')),
    ]);
    const problems = [];
    for (const row of rows) {
        const { table } = list[row.ord - 1];
        if (row.relkind === null)
            problems.push(`${(0,names/* tableLabel */.F)(table)} is missing`);
        else if (row.missing.length > 0)
            problems.push(`${(0,names/* tableLabel */.F)(table)} lacks column(s) ${row.missing.map(quote/* quoteIdent */.v4).join(', ')}`);
    }
    if (problems.length > 0)
        return { status: 'fail', detail: problems.join('; ') };
    const columnCount = list.reduce((n, w) => n + w.columns.length, 0);
    return { status: 'pass', detail: `${list.length} table(s)${columnCount > 0 ? ` and ${columnCount} column(s)` : ''} present` };
}

;// CONCATENATED MODULE: ./src/validate/phase.ts





/**
 * Runs every check and reports each as pass, fail or skipped, with the reason
 * and its time. Checks run one after another on the target's session (their
 * queries are small); a failing check never stops the others.
 */
async function runValidation(target, source, options) {
    const { settings, supabase, logger } = options;
    const checks = [];
    const add = (check) => {
        checks.push(check);
        const mark = check.status === 'pass' ? 'ok' : check.status === 'fail' ? 'FAILED' : 'skipped';
        logger.info(`${mark}: ${check.name}${check.detail ? ` — ${check.detail.split('\n')[0]}` : ''}`);
    };
    const run = async (name, fn) => add(await timedCheck(name, fn, (e) => (0,errors/* describeError */.Uc)(e)));
    const drift = 'Schema matches production';
    if (options.skipDrift || !source)
        add(skipped(drift, options.skipDrift ?? 'no source database given'));
    else if (options.driftProven)
        add({ name: drift, status: 'pass', detail: `the schema equals ${wanted(options)} (proven by the schema sync of this run)${seedNote(options.seedObjects ?? [])}`, ms: 0 });
    else
        await run(drift, () => checkDrift(source, target, options.filter, options.extensionVersions, options.desired, wanted(options)));
    const required = [...settings.requiredTables, ...Object.keys(settings.requiredColumns)];
    if (required.length === 0)
        add(skipped('Required tables', 'none configured ([validate].required_tables)'));
    else
        await run('Required tables', () => checkRequired(target, settings.requiredTables, settings.requiredColumns));
    await parityCheck(target, source, options, add, run);
    for (const assertion of settings.assertions) {
        await run(assertion.name, () => runAssertion(target, assertion, settings.statementTimeout));
    }
    // A URL or key the config reads from an unset variable is not skipped: the check fails, saying which variable.
    const noApi = !settings.api ? '[validate].api = false' : !supabase.url && !supabase.unset?.url ? 'no Supabase URL (input supabase-url, --supabase-url, SUPABASE_URL)' : undefined;
    if (options.seedUsers.length === 0)
        add(skipped('Seed users exist and are confirmed', 'no [[seed.users]] configured'));
    else if (noApi || (!supabase.serviceRoleKey && !supabase.unset?.serviceRoleKey))
        add(skipped('Seed users exist and are confirmed', noApi ?? 'no SUPABASE_SERVICE_ROLE_KEY'));
    else
        await run('Seed users exist and are confirmed', async () => (await api()).checkSeedUsers(supabase, options.seedUsers));
    if (noApi) {
        add(skipped('Supabase API', noApi));
        return { checks };
    }
    const tables = [...new Set(required)];
    if (tables.length === 0)
        add(skipped('REST API', 'no required tables to ask it for'));
    for (const table of tables)
        await run(`REST API: ${table}`, async () => (await api()).checkRestTable(supabase, table));
    const withPassword = options.seedUsers.find((u) => u.password !== undefined);
    const signIn = 'Seed user signs in';
    if (!withPassword)
        add(skipped(signIn, 'no seed user with a password'));
    else if (!supabase.anonKey && !supabase.unset?.anonKey)
        add(skipped(signIn, 'no SUPABASE_ANON_KEY'));
    else
        await run(signIn, async () => (await api()).checkSignIn(supabase, withPassword));
    return { checks };
}
const PARITY = 'Row parity with production';
/**
 * Rows of the copied tables equal production's: re-read now (replace mode,
 * where each table should hold exactly the source's rows, masked as masked),
 * so a seed that changed them afterwards shows; upsert and append-missing
 * were proven inside the data phase's transaction.
 */
async function parityCheck(target, source, options, add, run) {
    const { data, dataResult } = options;
    if (!data?.enabled || data.tables.length === 0)
        return add(skipped(PARITY, 'no data sync configured ([data] tables, enabled)'));
    if (!source)
        return add(skipped(PARITY, 'no source database given'));
    if (options.skipDrift?.startsWith('mode plan'))
        return add(skipped(PARITY, 'mode plan: no data was copied'));
    if (data.mode !== 'replace') {
        if (!dataResult)
            return add(skipped(PARITY, `mode ${data.mode}: parity is proven while the data phase loads`));
        return run(PARITY, async () => {
            const bad = dataResult.tables.filter((t) => t.status === 'differs' || t.status === 'not run');
            return bad.length > 0
                ? { status: 'fail', detail: `not proven for ${bad.map((t) => t.table).join(', ')}` }
                : { status: 'pass', detail: `${dataResult.tables.length} table(s) proven at load (${data.mode})` };
        });
    }
    await run(PARITY, async () => {
        const { recheckParity } = await __webpack_require__.e(/* import() */ 915).then(__webpack_require__.bind(__webpack_require__, 2915));
        const rows = await recheckParity(source, target, data);
        const differ = rows.filter((r) => !r.equal);
        if (differ.length > 0) {
            return { status: 'fail', detail: differ.map((r) => `${r.table}: production ${r.sourceRows} row(s), target ${r.targetRows}${r.sourceRows === r.targetRows ? ' (same count, different values)' : ''}`).join('; ') };
        }
        return { status: 'pass', detail: `${rows.length} table(s), ${rows.reduce((n, r) => n + r.sourceRows, 0)} row(s) equal` };
    });
}
/** What the target is compared with: production, or production with the pull request's migrations. */
function wanted(options) {
    const n = options.desired ? (options.pullRequestMigrations ?? 0) : 0;
    return n > 0 ? `production + ${n} migration${n === 1 ? '' : 's'} of this pull request` : 'production';
}
// The Supabase clients load only when a check needs them.
const api = () => Promise.all(/* import() */[__webpack_require__.e(24), __webpack_require__.e(818)]).then(__webpack_require__.bind(__webpack_require__, 6818));
function failedChecks(result) {
    return result?.checks.filter((c) => c.status === 'fail') ?? [];
}


/***/ })

};
