export const id = 454;
export const ids = [454];
export const modules = {

/***/ 6454:
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
// EXTERNAL MODULE: ./src/db/url.ts
var url = __webpack_require__(879);
// EXTERNAL MODULE: ./src/util/suggest.ts
var suggest = __webpack_require__(7406);
// EXTERNAL MODULE: ./src/config/error.ts
var config_error = __webpack_require__(8004);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
// EXTERNAL MODULE: ./src/config/target-name.ts
var target_name = __webpack_require__(7449);
;// CONCATENATED MODULE: ./src/config/schema.ts


/** A value read from the environment at run time: `env:NAME`. Secrets never live in the file. */
const envReference = schemas/* string */.YjP().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, 'must be an env:NAME reference (secrets are never written in the config)');
const schemaSection = schemas/* strictObject */.rej({
    schemas: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    exclude_schemas: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    extension_versions: schemas/* boolean */.zMY().optional(),
});
/** Settings a target may override. */
const settings = {
    mode: schemas/* enum */.k5n(['apply', 'plan']).optional(),
    allow_destructive: schemas/* boolean */.zMY().optional(),
    lock_timeout: schemas/* string */.YjP().optional(),
    schema: schemaSection.optional(),
};
const targetSchema = schemas/* strictObject */.rej({ url: envReference.optional(), ...settings });
const configSchema = schemas/* strictObject */.rej({
    source_url: envReference.optional(),
    ...settings,
    targets: schemas/* record */.g1P(schemas/* string */.YjP().regex(target_name/* TARGET_NAME */.MI, `target names are ${target_name/* TARGET_NAME_RULE */.Xv}`), targetSchema).optional(),
});
/** Sections of the contract whose phases this version does not run yet: refused, never ignored. */
const NOT_YET_SUPPORTED = ['data', 'seed', 'validate'];

;// CONCATENATED MODULE: ./src/version.ts
// Kept equal to package.json's version by a test.
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/config/load.ts








/** Reads and validates one config file. */
function readConfigFile(path) {
    return parseConfig((0,external_node_fs_.readFileSync)(path, 'utf8'), path);
}
function parseConfig(text, file) {
    let raw;
    try {
        raw = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        if (error instanceof dist/* TomlError */.zx) {
            throw new config_error/* ConfigError */.x(`invalid TOML: ${error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '')}`, file, error.line, error.column);
        }
        throw error;
    }
    for (const section of NOT_YET_SUPPORTED) {
        const places = [raw, ...Object.values(raw.targets ?? {})];
        if (places.some((p) => p && typeof p === 'object' && section in p)) {
            throw new config_error/* ConfigError */.x(`[${section}] is not supported by pg-branch-sync ${VERSION}: remove it (its phase is not available in this version)`, file, lineOf(text, [section]));
        }
    }
    const result = configSchema.safeParse(raw);
    if (!result.success) {
        const issue = result.error.issues[0];
        const { message, path } = explainIssue(issue, raw);
        throw new config_error/* ConfigError */.x(message, file, lineOf(text, path));
    }
    return resolveEnv(result.data, file, text);
}
const KNOWN_KEYS = {
    '': ['source_url', 'mode', 'allow_destructive', 'lock_timeout', 'schema', 'targets'],
    target: ['url', 'mode', 'allow_destructive', 'lock_timeout', 'schema'],
    schema: ['schemas', 'exclude_schemas', 'extension_versions'],
};
function explainIssue(issue, raw) {
    const path = issue.path.map(String);
    const at = path.join('.');
    if (issue.code === 'unrecognized_keys') {
        const key = issue.keys[0];
        const scope = path.length === 0 ? '' : path[0] === 'targets' && path.length === 2 ? 'target' : path[path.length - 1] === 'schema' ? 'schema' : '';
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
    if (issue.code === 'invalid_type') {
        const expected = issue.expected === 'boolean' ? 'true or false' : issue.expected === 'array' ? 'a list, e.g. ["public"]' : `a ${issue.expected}`;
        return { message: `${at} must be ${expected} (got ${shown})`, path };
    }
    return { message: `${at}: ${issue.message} (got ${shown})`, path };
}
function resolveEnv(config, file, text) {
    const read = (ref, path) => {
        if (ref === undefined)
            return undefined;
        const name = ref.slice('env:'.length);
        const value = process.env[name];
        if (value === undefined || value === '') {
            throw new config_error/* ConfigError */.x(`${path.join('.')} reads the environment variable ${name}, which is not set`, file, lineOf(text, path));
        }
        // Every env value the config reads is a secret (that is why it is not in the file).
        (0,url/* registerConnectionSecrets */.NK)(value);
        return value;
    };
    const out = { ...config };
    if (config.source_url !== undefined)
        out.source_url = read(config.source_url, ['source_url']);
    if (config.targets) {
        out.targets = Object.fromEntries(Object.entries(config.targets).map(([name, t]) => [name, t.url === undefined ? t : { ...t, url: read(t.url, ['targets', name, 'url']) }]));
    }
    return out;
}
/** The line where a key (by path) is set, for annotations: tracks [table] headers and dotted keys. */
function lineOf(text, path) {
    if (path.length === 0)
        return undefined;
    const lines = text.split('\n');
    let table = [];
    let best;
    const unquote = (s) => s.trim().replace(/^["']|["']$/g, '');
    for (const [i, raw] of lines.entries()) {
        const line = raw.trim();
        const header = /^\[\[?([^\]]+)\]\]?/.exec(line);
        if (header) {
            table = header[1].split('.').map(unquote);
            if (table.join('.') === path.join('.'))
                best ??= i + 1;
            continue;
        }
        const key = /^([A-Za-z0-9_."'-]+)\s*=/.exec(line)?.[1];
        if (!key)
            continue;
        const full = [...table, ...key.split('.').map(unquote)];
        if (full.join('.') === path.join('.'))
            return i + 1;
        if (path.join('.').startsWith(`${full.join('.')}.`))
            best ??= i + 1;
    }
    return best;
}


/***/ })

};
