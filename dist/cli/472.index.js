export const id = 472;
export const ids = [472];
export const modules = {

/***/ 7472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  emptySeedResult: () => (/* binding */ emptySeedResult),
  prepareSeed: () => (/* binding */ prepareSeed),
  resetSeedTables: () => (/* binding */ resetSeedTables),
  runSeedFiles: () => (/* binding */ runSeedFiles),
  runSeedPhase: () => (/* binding */ runSeedPhase),
  seedRolledBack: () => (/* binding */ seedRolledBack),
  seedUsers: () => (/* binding */ seedUsers)
});

// EXTERNAL MODULE: ./src/apply/apply.ts
var apply = __webpack_require__(5256);
// EXTERNAL MODULE: ./src/db/names.ts
var db_names = __webpack_require__(3902);
// EXTERNAL MODULE: ./src/seed/files.ts
var seed_files = __webpack_require__(4218);
;// CONCATENATED MODULE: ./src/seed/reset.ts

/** Finds the listed tables and every table whose foreign keys reach them, directly or through others. */
const RESET_SQL = `
with recursive listed as (
  select l.ord, c.oid, c.relkind
  from unnest($1::text[], $2::text[]) with ordinality as l(schema, name, ord)
  left join pg_catalog.pg_namespace n on n.nspname = l.schema
  left join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = l.name and c.relkind in ('r', 'p', 'f', 'v', 'm')
),
reach(oid) as (
  select oid from listed where oid is not null
  union
  select con.conrelid from pg_catalog.pg_constraint con join reach r on con.confrelid = r.oid
  where con.contype = 'f' and con.conparentid = 0
)
select 'listed' as what, l.ord::int as ord, l.relkind::text as relkind, null::text as schema, null::text as name from listed l
union all
select 'reached', null, null, n.nspname, c.relname
from reach r join pg_catalog.pg_class c on c.oid = r.oid join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where r.oid not in (select oid from listed where oid is not null)`;
/**
 * Empties the [seed].reset tables in one TRUNCATE ... RESTART IDENTITY.
 * Refused, naming them, when other tables reference them by foreign key:
 * emptying those too is the user's call, never a silent CASCADE.
 */
async function resetTables(client, names) {
    if (names.length === 0)
        return [];
    const tables = names.map((n) => (0,db_names/* parseTableName */.H)(n, '[seed].reset entry'));
    const { rows } = await client.query(RESET_SQL, [tables.map((t) => t.schema), tables.map((t) => t.name)]);
    const missing = rows.filter((r) => r.what === 'listed' && r.relkind === null).map((r) => (0,db_names/* tableLabel */.F)(tables[r.ord - 1]));
    if (missing.length > 0)
        throw new Error(`[seed].reset: no table ${missing.join(', ')} on the target`);
    const notTables = rows.filter((r) => r.what === 'listed' && !['r', 'p'].includes(r.relkind)).map((r) => (0,db_names/* tableLabel */.F)(tables[r.ord - 1]));
    if (notTables.length > 0)
        throw new Error(`[seed].reset: ${notTables.join(', ')} is not a table and cannot be emptied`);
    const reached = rows.filter((r) => r.what === 'reached').map((r) => (0,db_names/* tableLabel */.F)({ schema: r.schema, name: r.name })).sort();
    if (reached.length > 0) {
        throw new Error(`[seed].reset would also empty ${reached.join(', ')}, whose foreign keys reference the tables listed. ` +
            'Add them to [seed].reset to empty them too, or take the referenced tables out of it. Nothing was emptied.');
    }
    await client.query(`TRUNCATE TABLE ${tables.map(db_names/* tableLabel */.F).join(', ')} RESTART IDENTITY`);
    return tables;
}

// EXTERNAL MODULE: ./src/seed/run-file.ts + 1 modules
var run_file = __webpack_require__(4927);
;// CONCATENATED MODULE: ./src/seed/phase.ts





function emptySeedResult() {
    return { origin: '', singleTransaction: true, reset: [], files: [], users: [], objects: [] };
}
/**
 * Finds the seed files and checks the test users' settings (a password's
 * variable not set, a missing URL or key), so that a seed that cannot run
 * fails before the run's transaction writes anything.
 */
async function prepareSeed(options, result = emptySeedResult()) {
    const { settings, logger } = options;
    const unset = settings.users.find((u) => u.passwordUnset)?.passwordUnset;
    if (unset)
        throw unset;
    // The Supabase clients load only when there are users to seed; a missing URL or key is said before anything changes.
    const users = settings.users.length > 0 ? await loadSupabase() : undefined;
    users?.client.adminApi(options.supabase);
    const { files, origin } = await (0,seed_files/* findSeedFiles */.KJ)(settings, options.root, options.targetName, options.configFile);
    result.origin = origin;
    result.singleTransaction = settings.singleTransaction;
    result.files = files.map((f) => ({ file: (0,seed_files/* displayPath */.Gt)(f), status: 'not run', statements: 0, ms: 0 }));
    logger.info(files.length > 0 ? `seed files (${origin}): ${result.files.map((f) => f.file).join(', ')}` : `no seed files: ${origin}`);
    return { files, users, options, result };
}
/**
 * Empties the [seed].reset tables, in the run's transaction. It runs before
 * the data phase, so that rows the seed made do not stand in the way of
 * production's rows replacing what they reference.
 */
async function resetSeedTables(target, work) {
    const tables = await resetTables(target, work.options.settings.reset);
    work.result.reset = tables.map(db_names/* tableLabel */.F);
    if (tables.length > 0)
        work.options.logger.info(`emptied ${work.result.reset.join(', ')} (RESTART IDENTITY)`);
}
/**
 * Runs the seed files in order in the run's transaction, with the session a
 * psql user would have. With single_transaction = false each file after the
 * first commits on its own (the reset and the run's other work go with the
 * first). Returns whether any file may have changed the schema.
 */
async function runSeedFiles(target, work, tx) {
    const { result, files, options } = work;
    let mayChangeSchema = false;
    await target.query(apply/* USER_SESSION */.rR);
    for (const [index, file] of files.entries()) {
        if (index > 0 && !options.settings.singleTransaction && tx) {
            await tx.checkpoint();
            await target.query(apply/* USER_SESSION */.rR);
        }
        const outcome = result.files[index];
        const start = performance.now();
        try {
            const run = await (0,run_file/* runSeedScript */.uy)(target, file, outcome.file);
            Object.assign(outcome, { status: 'applied', statements: run.statements, ms: performance.now() - start });
            mayChangeSchema ||= run.mayChangeSchema;
            const wrapper = run.transactionControl.length > 0 ? `; its BEGIN/COMMIT (line ${run.transactionControl.join(', ')}) left out: it runs inside the run's transaction` : '';
            options.logger.info(`${outcome.file}: ${run.statements} statement(s) in ${Math.round(outcome.ms)} ms${wrapper}`);
        }
        catch (error) {
            Object.assign(outcome, { status: 'failed', ms: performance.now() - start });
            throw error;
        }
    }
    return mayChangeSchema;
}
/** What was committed with the failed file's transaction is reported as rolled back. */
function seedRolledBack(result, committedFiles = 0) {
    result.files.forEach((f, i) => {
        if (f.status === 'applied' && i >= committedFiles)
            f.status = 'rolled back';
    });
    if (committedFiles === 0)
        result.reset = [];
}
/**
 * The test users, through the Auth admin API, after the run's transaction
 * has committed (the API cannot join it): created or updated, never duplicated.
 */
async function seedUsers(work) {
    const { users, options, result } = work;
    if (!users)
        return;
    const missing = options.settings.users.filter((u) => u.password === undefined).map((u) => u.email);
    if (missing.length > 0)
        options.logger.warning(`seed users without a password (they cannot sign in with one): ${missing.join(', ')}`);
    try {
        result.users = await users.users.upsertUsers(users.client.adminApi(options.supabase), options.settings.users);
    }
    catch (error) {
        throw new Error(`${error.message} (the test users come after the database's changes, which are committed; the next run tries them again)`, { cause: error });
    }
    for (const u of result.users)
        options.logger.info(`user ${u.email}: ${u.action}`);
}
/**
 * The seed phase on its own (the seed command): reset and files in one
 * transaction under the run lock (per-file when asked), then the users.
 */
async function runSeedPhase(target, options, result = emptySeedResult()) {
    const work = await prepareSeed(options, result);
    await (0,apply/* withRunLock */.Z4)(target, {}, async () => {
        let committed = 0;
        try {
            await (0,apply/* inRunTransaction */.LX)(target, { lockTimeout: options.lockTimeout }, async (tx) => {
                await resetSeedTables(target, work);
                await runSeedFiles(target, work, {
                    checkpoint: async () => {
                        await tx.checkpoint();
                        committed = result.files.filter((f) => f.status === 'applied').length;
                    },
                });
                // A seed file may create objects too: have a Supabase API reload its schema cache.
                if (work.files.length > 0)
                    await target.query("NOTIFY pgrst, 'reload schema'");
                return true;
            });
        }
        catch (error) {
            seedRolledBack(result, committed);
            throw error;
        }
    });
    await seedUsers(work);
    return result;
}
async function loadSupabase() {
    const [client, users] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(24), __webpack_require__.e(31)]).then(__webpack_require__.bind(__webpack_require__, 7031)), Promise.all(/* import() */[__webpack_require__.e(24), __webpack_require__.e(546)]).then(__webpack_require__.bind(__webpack_require__, 9546))]);
    return { client, users };
}


/***/ })

};
