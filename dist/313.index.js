export const id = 313;
export const ids = [313];
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

/***/ 7313:
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
        doc = (0,dist.parse)((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch (error) {
        if (error instanceof dist.TomlError)
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
    const meta = metaCommands[0];
    if (meta) {
        const reason = `psql meta-command ${meta.text.split(/\s/)[0]} cannot run here: seed files are plain SQL (as in Supabase's seeding); write it as SQL`;
        throw new seed_error/* SeedFileError */.q(`${display}:${meta.line}:${meta.column}: ${reason}`, display, meta.line, meta.column, reason);
    }
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
        if (ABORTS.test(statement.text)) {
            const reason = `${statement.text.split(/\s/)[0].toUpperCase()} cannot run here: the file runs inside pg-branch-sync's one transaction on the target, which commits or rolls back as a whole`;
            throw new seed_error/* SeedFileError */.q(`${display}:${statement.line}:${statement.column}: ${reason}`, display, statement.line, statement.column, reason);
        }
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
        throw new seed_error/* SeedFileError */.q(`${display}:${line}:1: ${reason}`, display, line, 1, reason);
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
    return new seed_error/* SeedFileError */.q(`${display}:${at.line}:${at.column}: ${reason}`, display, at.line, at.column, reason);
}

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
    const { files, origin } = await findSeedFiles(settings, options.root, options.targetName, options.configFile);
    result.origin = origin;
    result.singleTransaction = settings.singleTransaction;
    result.files = files.map((f) => ({ file: displayPath(f), status: 'not run', statements: 0, ms: 0 }));
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
            const run = await runSeedScript(target, file, outcome.file);
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
