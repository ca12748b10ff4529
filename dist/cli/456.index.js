export const id = 456;
export const ids = [456];
export const modules = {

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

/***/ 1456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  emptySeedResult: () => (/* binding */ emptySeedResult),
  runSeedPhase: () => (/* binding */ runSeedPhase)
});

// EXTERNAL MODULE: ./src/apply/apply.ts
var apply = __webpack_require__(5256);
// EXTERNAL MODULE: ./src/db/names.ts
var db_names = __webpack_require__(3902);
// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(3292);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var tinyglobby_dist = __webpack_require__(3382);
// EXTERNAL MODULE: ./src/config/error.ts
var config_error = __webpack_require__(8004);
;// CONCATENATED MODULE: ./src/seed/files.ts





/** A path as the report and annotations show it: relative to the working directory (the repository root in the action). */
function displayPath(file) {
    const relative = external_node_path_default().relative(process.cwd(), file);
    return (relative.startsWith('..') || external_node_path_default().isAbsolute(relative) ? file : relative).split((external_node_path_default()).sep).join('/');
}
/**
 * The seed files to run, first found of: files given on the command line;
 * the config's [seed].paths; supabase/config.toml [db.seed] (with
 * [remotes.<target>.db.seed] over it); supabase/seed.sql. None: nothing to
 * seed. A configured path or glob that matches nothing is an error.
 */
async function findSeedFiles(settings, root, targetName, configFile) {
    if (settings.files) {
        const files = settings.files.map((f) => external_node_path_default().resolve(f));
        for (const [i, file] of files.entries()) {
            if (!isFile(file))
                throw new Error(`seed file ${settings.files[i]} does not exist`);
        }
        return { files, origin: '--file' };
    }
    if (settings.paths) {
        const where = configFile ? `[seed].paths in ${displayPath(configFile)}` : '[seed].paths';
        return { files: await expand(settings.paths, root, where), origin: where };
    }
    const supabaseDir = external_node_path_default().join(root, 'supabase');
    const supabaseConfig = external_node_path_default().join(supabaseDir, 'config.toml');
    if ((0,external_node_fs_.existsSync)(supabaseConfig)) {
        const seed = supabaseSeedSettings(supabaseConfig, targetName);
        const where = `${displayPath(supabaseConfig)} ${seed.section}`;
        if (!seed.enabled)
            return { files: [], origin: `${where}: enabled = false` };
        if (seed.sqlPaths)
            return { files: await expand(seed.sqlPaths, supabaseDir, `${where} sql_paths`), origin: where };
    }
    const defaultSeed = external_node_path_default().join(supabaseDir, 'seed.sql');
    if (isFile(defaultSeed))
        return { files: [defaultSeed], origin: displayPath(defaultSeed) };
    return { files: [], origin: 'none found ([seed].paths, supabase/config.toml [db.seed] or supabase/seed.sql)' };
}
/** [db.seed] of a Supabase project's config.toml, with the remote named like the target over it. */
function supabaseSeedSettings(file, targetName) {
    let doc;
    try {
        doc = (0,dist/* parse */.qg)((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch (error) {
        if (error instanceof dist/* TomlError */.zx)
            throw new config_error/* ConfigError */.x(`invalid TOML: ${error.message.split('\n')[0]}`, displayPath(file), error.line, error.column);
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
        throw new config_error/* ConfigError */.x('db.seed.enabled must be true or false', displayPath(file));
    if (sqlPaths !== undefined && (!Array.isArray(sqlPaths) || !sqlPaths.every((p) => typeof p === 'string'))) {
        throw new config_error/* ConfigError */.x('db.seed.sql_paths must be a list of paths, e.g. ["./seed.sql"]', displayPath(file));
    }
    return { enabled, sqlPaths: sqlPaths, section: remote ? `[remotes.${targetName}.db.seed]` : '[db.seed]' };
}
/** Each pattern in turn, its matches sorted; a file matched twice runs once, where first matched. */
async function expand(patterns, base, where) {
    const seen = new Set();
    for (const pattern of patterns) {
        const matches = (0,tinyglobby_dist/* isDynamicPattern */.ey)(pattern)
            ? (await (0,tinyglobby_dist/* glob */.TI)(pattern, { cwd: base, absolute: true, onlyFiles: true, expandDirectories: false })).map((f) => external_node_path_default().resolve(f)).sort()
            : [external_node_path_default().resolve(base, pattern)].filter(isFile);
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
        return (0,external_node_fs_.statSync)(file).isFile();
    }
    catch {
        return false;
    }
}

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
    return { origin: '', singleTransaction: false, reset: [], files: [], users: [] };
}
/**
 * Seeds the target: [seed].reset tables emptied, then the seed files in
 * order (each in its own transaction, or all in one), then the test users
 * through the Auth admin API. Holds the run lock so a concurrent run waits.
 */
async function runSeedPhase(target, options, result = emptySeedResult()) {
    const { settings, logger } = options;
    // The Supabase clients load only when there are users to seed; a missing URL or key is said before anything changes.
    const supabase = settings.users.length > 0 ? await loadSupabase() : undefined;
    const admin = supabase?.client.adminApi(options.supabase);
    const { files, origin } = await findSeedFiles(settings, options.root, options.targetName, options.configFile);
    result.origin = origin;
    result.singleTransaction = settings.singleTransaction;
    result.files = files.map((f) => ({ file: displayPath(f), status: 'not run', statements: 0, ms: 0 }));
    logger.info(files.length > 0 ? `seed files (${origin}): ${result.files.map((f) => f.file).join(', ')}` : `no seed files: ${origin}`);
    const inTransaction = async (work) => {
        await target.query('BEGIN');
        try {
            await target.query(`SET LOCAL lock_timeout = ${(0,quote/* quoteLiteral */.ce)(options.lockTimeout)}`);
            await work();
            await target.query('COMMIT');
        }
        catch (error) {
            await target.query('ROLLBACK').catch(() => undefined);
            throw error;
        }
    };
    const reset = async () => {
        const tables = await resetTables(target, settings.reset);
        result.reset = tables.map(db_names/* tableLabel */.F);
        if (tables.length > 0)
            logger.info(`emptied ${result.reset.join(', ')} (RESTART IDENTITY)`);
    };
    const runFile = async (index) => {
        const outcome = result.files[index];
        const start = performance.now();
        try {
            const { statements } = await (0,run_file/* runSeedScript */.u)(target, files[index], outcome.file);
            Object.assign(outcome, { status: 'applied', statements, ms: performance.now() - start });
            logger.info(`${outcome.file}: ${statements} statement(s) in ${Math.round(outcome.ms)} ms`);
        }
        catch (error) {
            Object.assign(outcome, { status: 'failed', ms: performance.now() - start });
            throw error;
        }
    };
    await (0,apply/* withRunLock */.Z4)(target, {}, async () => {
        if (settings.singleTransaction) {
            try {
                await inTransaction(async () => {
                    await reset();
                    for (let i = 0; i < files.length; i++)
                        await runFile(i);
                });
            }
            catch (error) {
                for (const f of result.files)
                    if (f.status === 'applied')
                        f.status = 'rolled back';
                result.reset = [];
                throw error;
            }
        }
        else {
            if (settings.reset.length > 0)
                await inTransaction(reset);
            for (let i = 0; i < files.length; i++)
                await inTransaction(() => runFile(i));
        }
        // A seed file may create objects too: have a Supabase API reload its schema cache.
        if (files.length > 0)
            await target.query("NOTIFY pgrst, 'reload schema'");
    });
    if (admin && supabase) {
        const missing = settings.users.filter((u) => u.password === undefined).map((u) => u.email);
        if (missing.length > 0)
            logger.warning(`seed users without a password (they cannot sign in with one): ${missing.join(', ')}`);
        result.users = await supabase.users.upsertUsers(admin, settings.users);
        for (const u of result.users)
            logger.info(`user ${u.email}: ${u.action}`);
    }
    return result;
}
async function loadSupabase() {
    const [client, users] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(24), __webpack_require__.e(31)]).then(__webpack_require__.bind(__webpack_require__, 7031)), Promise.all(/* import() */[__webpack_require__.e(24), __webpack_require__.e(546)]).then(__webpack_require__.bind(__webpack_require__, 9546))]);
    return { client, users };
}


/***/ })

};
