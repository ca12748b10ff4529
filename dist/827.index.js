export const id = 827;
export const ids = [827];
export const modules = {

/***/ 184:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ EXPECTATION)
/* harmony export */ });
/** An expectation for a numeric assertion: a number (equal) or a comparison such as ">= 10". */
const EXPECTATION = /^\s*(=|==|!=|<>|<=|>=|<|>)?\s*(-?\d+(?:\.\d+)?)\s*$/;


/***/ }),

/***/ 9827:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readConfigFile: () => (/* binding */ readConfigFile)
});

// UNUSED EXPORTS: ConfigError, lineOf, parseConfig

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(3292);
// EXTERNAL MODULE: ./src/util/suggest.ts
var suggest = __webpack_require__(7406);
// EXTERNAL MODULE: ./src/config/env.ts
var config_env = __webpack_require__(8409);
// EXTERNAL MODULE: ./src/config/error.ts
var config_error = __webpack_require__(8004);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
// EXTERNAL MODULE: ./src/config/expectation.ts
var expectation = __webpack_require__(184);
// EXTERNAL MODULE: ./src/config/target-name.ts
var target_name = __webpack_require__(7449);
;// CONCATENATED MODULE: ./src/config/schema.ts



/** A value read from the environment at run time: `env:NAME`. Secrets never live in the file. */
const envReference = schemas/* string */.YjP().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, 'must be an env:NAME reference (secrets are never written in the config)');
const schemaSection = schemas/* strictObject */.rej({
    enabled: schemas/* boolean */.zMY().optional(),
    schemas: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    exclude_schemas: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    extension_versions: schemas/* boolean */.zMY().optional(),
});
const seedUser = schemas/* strictObject */.rej({
    email: schemas/* string */.YjP().regex(/^[^@\s]+@[^@\s]+$/, 'must be an email address'),
    password: envReference.optional(),
    metadata: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    app_metadata: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
});
const seedSection = schemas/* strictObject */.rej({
    enabled: schemas/* boolean */.zMY().optional(),
    paths: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    reset: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    single_transaction: schemas/* boolean */.zMY().optional(),
    users: schemas/* array */.YOg(seedUser).optional(),
});
const assertion = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1),
    sql: schemas/* string */.YjP().min(1),
    expect: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP().regex(expectation/* EXPECTATION */.N, 'must be a number or a comparison such as ">= 10"')]).optional(),
});
const validateSection = schemas/* strictObject */.rej({
    enabled: schemas/* boolean */.zMY().optional(),
    required_tables: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    required_columns: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP().min(1))).optional(),
    statement_timeout: schemas/* string */.YjP().optional(),
    api: schemas/* boolean */.zMY().optional(),
    assert: schemas/* array */.YOg(assertion).optional(),
});
const dataSection = schemas/* strictObject */.rej({
    enabled: schemas/* boolean */.zMY().optional(),
    tables: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    exclude: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    mode: schemas/* enum */.k5n(['replace', 'upsert', 'append-missing']).optional(),
    where: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP().min(1)).optional(),
    mask: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP().min(1))).optional(),
    mask_salt: envReference.optional(),
    allow_unmasked: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
});
const migrationsSection = schemas/* strictObject */.rej({
    enabled: schemas/* boolean */.zMY().optional(),
    paths: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    ledger: schemas/* string */.YjP().regex(/^[^.\s]+\.[^.\s]+$/, 'must be schema.table, e.g. "supabase_migrations.schema_migrations"').optional(),
    pending: schemas/* enum */.k5n(['ledger', 'git']).optional(),
});
/** Settings a target may override. */
const settings = {
    mode: schemas/* enum */.k5n(['apply', 'plan']).optional(),
    allow_destructive: schemas/* boolean */.zMY().optional(),
    create_roles: schemas/* boolean */.zMY().optional(),
    lock_timeout: schemas/* string */.YjP().optional(),
    supabase_url: schemas/* string */.YjP().min(1).optional(),
    supabase_service_role_key: envReference.optional(),
    supabase_anon_key: envReference.optional(),
    schema: schemaSection.optional(),
    data: dataSection.optional(),
    seed: seedSection.optional(),
    validate: validateSection.optional(),
    migrations: migrationsSection.optional(),
};
const targetSchema = schemas/* strictObject */.rej({ url: envReference.optional(), ...settings });
const configSchema = schemas/* strictObject */.rej({
    source_url: envReference.optional(),
    ...settings,
    targets: schemas/* record */.g1P(schemas/* string */.YjP().regex(target_name/* TARGET_NAME */.MI, `target names are ${target_name/* TARGET_NAME_RULE */.Xv}`), targetSchema).optional(),
});
/** The keys each table of the file may hold, for "unknown key" messages. */
const KNOWN_KEYS = {
    '': ['source_url', ...Object.keys(settings), 'targets'],
    target: ['url', ...Object.keys(settings)],
    schema: Object.keys(schemaSection.shape),
    data: Object.keys(dataSection.shape),
    seed: Object.keys(seedSection.shape),
    users: Object.keys(seedUser.shape),
    validate: Object.keys(validateSection.shape),
    migrations: Object.keys(migrationsSection.shape),
    assert: Object.keys(assertion.shape),
};

;// CONCATENATED MODULE: ./src/config/load.ts







/** Reads and validates one config file. */
function readConfigFile(path, env = process.env) {
    return parseConfig((0,external_node_fs_.readFileSync)(path, 'utf8'), path, env);
}
function parseConfig(text, file, env = process.env) {
    let raw;
    try {
        raw = (0,dist.parse)(text);
    }
    catch (error) {
        if (error instanceof dist.TomlError) {
            throw new config_error/* ConfigError */.x(`invalid TOML: ${error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '')}`, file, error.line, error.column);
        }
        throw error;
    }
    const result = configSchema.safeParse(raw);
    if (!result.success) {
        // A misspelt key explains a missing one: say it first.
        const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0];
        const { message, path } = explainIssue(issue, raw);
        throw new config_error/* ConfigError */.x(message, file, (0,config_env/* lineOf */.cA)(text, path));
    }
    // env: values are read when a setting is used (config/env.ts): a run that never needs one, or gets it as an input, needs no variable.
    (0,config_env/* rememberOrigin */.AZ)(result.data, { file, text, env });
    return result.data;
}
function explainIssue(issue, raw) {
    const path = issue.path.map(String);
    const at = path.join('.');
    if (issue.code === 'unrecognized_keys') {
        const key = issue.keys[0];
        const named = path.filter((p) => !/^\d+$/.test(p));
        const scope = path.length === 0 ? '' : path[0] === 'targets' && path.length === 2 ? 'target' : (named[named.length - 1] ?? '');
        const known = KNOWN_KEYS[scope] ?? [];
        return { message: `unknown key ${[...path, key].join('.')}${(0,suggest/* didYouMean */.au)(key, known)}; known keys here: ${known.join(', ')}`, path: [...path, key] };
    }
    const got = path.reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), raw);
    // A URL written in the file may hold a password: never echo it.
    const secretKey = /url$/.test(path[path.length - 1] ?? '');
    const shown = secretKey ? 'a literal value' : typeof got === 'string' ? `"${got}"` : JSON.stringify(got);
    if (issue.code === 'invalid_value' && 'values' in issue) {
        const allowed = issue.values.map((v) => `"${String(v)}"`).join(' or ');
        return { message: `${at} must be ${allowed} (got ${shown})${typeof got === 'string' ? (0,suggest/* didYouMean */.au)(got, issue.values.map(String)) : ''}`, path };
    }
    if (issue.code === 'invalid_type' && got === undefined)
        return { message: `${at} is required`, path: path.slice(0, -1) };
    if (issue.code === 'invalid_type') {
        const expected = issue.expected === 'boolean' ? 'true or false' : issue.expected === 'array' ? 'a list, e.g. ["public"]' : `a ${issue.expected}`;
        return { message: `${at} must be ${expected} (got ${shown})`, path };
    }
    return { message: `${at}: ${issue.message} (got ${shown})`, path };
}


/***/ })

};
