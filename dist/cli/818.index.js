export const id = 818;
export const ids = [818,31,546];
export const modules = {

/***/ 7031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SupabaseError: () => (/* binding */ SupabaseError),
/* harmony export */   adminApi: () => (/* binding */ adminApi),
/* harmony export */   explainAuthError: () => (/* binding */ explainAuthError),
/* harmony export */   projectUrl: () => (/* binding */ projectUrl),
/* harmony export */   restApi: () => (/* binding */ restApi),
/* harmony export */   userAuth: () => (/* binding */ userAuth)
/* harmony export */ });
/* harmony import */ var _supabase_auth_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1904);
/* harmony import */ var _supabase_auth_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(_supabase_auth_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _supabase_postgrest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(299);
/* harmony import */ var _log_secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4367);



/** How long one HTTP call to Supabase may take. */
const REQUEST_TIMEOUT_MS = 30_000;
class SupabaseError extends Error {
    name = 'SupabaseError';
}
/** The project URL without a trailing slash; refuses what is not an http(s) URL. */
function projectUrl(settings) {
    const url = settings.url?.trim();
    if (!url && settings.unset?.url)
        throw settings.unset.url;
    if (!url)
        throw new SupabaseError('no Supabase URL: pass --supabase-url URL or set SUPABASE_URL (action input supabase-url, config supabase_url)');
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new SupabaseError(`the Supabase URL is not a URL (got "${(0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecrets */ .QU)(url)}"); expected e.g. https://<project-ref>.supabase.co`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        throw new SupabaseError(`the Supabase URL must start with https:// (got "${parsed.protocol}")`);
    }
    return url.replace(/\/+$/, '');
}
const timedFetch = (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
function keyHeaders(key) {
    return { apikey: key, Authorization: `Bearer ${key}` };
}
/** The Auth admin API (service role key). */
function adminApi(settings) {
    const url = projectUrl(settings);
    if (!settings.serviceRoleKey && settings.unset?.serviceRoleKey)
        throw settings.unset.serviceRoleKey;
    if (!settings.serviceRoleKey) {
        throw new SupabaseError('no service role key: set SUPABASE_SERVICE_ROLE_KEY (action input supabase-service-role-key) to manage seed users');
    }
    return new _supabase_auth_js__WEBPACK_IMPORTED_MODULE_0__.GoTrueAdminApi({ url: `${url}/auth/v1`, headers: keyHeaders(settings.serviceRoleKey), fetch: timedFetch });
}
/** An Auth client as an app's user would have it (anon key), without session storage or refresh timers. */
function userAuth(settings) {
    const url = projectUrl(settings);
    if (!settings.anonKey && settings.unset?.anonKey)
        throw settings.unset.anonKey;
    if (!settings.anonKey)
        throw new SupabaseError('no anon key: set SUPABASE_ANON_KEY (action input supabase-anon-key)');
    return new _supabase_auth_js__WEBPACK_IMPORTED_MODULE_0__.GoTrueClient({
        url: `${url}/auth/v1`, headers: keyHeaders(settings.anonKey), fetch: timedFetch,
        persistSession: false, autoRefreshToken: false, detectSessionInUrl: false,
    });
}
/** The REST API (PostgREST) with the given key. */
function restApi(settings, key) {
    return new _supabase_postgrest_js__WEBPACK_IMPORTED_MODULE_1__/* .PostgrestClient */ .tE(`${projectUrl(settings)}/rest/v1`, { headers: keyHeaders(key), fetch: timedFetch });
}
/** An Auth API failure as a sentence that says what to fix. */
function explainAuthError(error, doing, key = 'service role key') {
    if ((0,_supabase_auth_js__WEBPACK_IMPORTED_MODULE_0__.isAuthError)(error)) {
        const status = error.status ?? 0;
        const code = error.code ? ` ${error.code}` : '';
        const why = status === 401 || status === 403
            ? `: the key was refused; check that it is the ${key} of this project`
            : status === 0
                ? ': the Auth API could not be reached; check the Supabase URL'
                : status >= 500
                    ? ': the Auth API failed; try again, or check the project status'
                    : '';
        return new SupabaseError((0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecrets */ .QU)(`${doing} failed (HTTP ${status || 'no response'}${code}): ${error.message}${why}`));
    }
    return new SupabaseError((0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecrets */ .QU)(`${doing} failed: ${error instanceof Error ? error.message : String(error)}`));
}


/***/ }),

/***/ 9546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   upsertUsers: () => (/* binding */ upsertUsers),
/* harmony export */   usersByEmail: () => (/* binding */ usersByEmail)
/* harmony export */ });
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7031);

const PER_PAGE = 1000;
/** A guard against a server that never stops paging. */
const MAX_PAGES = 10_000;
/**
 * Every user of the project, by lower-cased email, read page by page until a
 * short page. auth-js's `nextPage` is not used: it reads only the first digit
 * of the page number in the Link header, so it goes wrong from page 10 on.
 */
async function usersByEmail(admin) {
    const byEmail = new Map();
    for (let page = 1; page <= MAX_PAGES; page++) {
        const { data, error } = await admin.listUsers({ page, perPage: PER_PAGE });
        if (error)
            throw (0,_client_js__WEBPACK_IMPORTED_MODULE_0__.explainAuthError)(error, `listing users (page ${page})`);
        for (const user of data.users)
            if (user.email)
                byEmail.set(user.email.toLowerCase(), user);
        if (data.users.length < PER_PAGE)
            return byEmail;
    }
    throw new _client_js__WEBPACK_IMPORTED_MODULE_0__.SupabaseError(`listing users: still more after ${MAX_PAGES} pages; stopped`);
}
/**
 * Makes each configured user exist with its password and metadata, email
 * confirmed: an existing user (by email, case-insensitive) is updated, never
 * duplicated, so every run ends in the same state.
 */
async function upsertUsers(admin, users) {
    if (users.length === 0)
        return [];
    const existing = await usersByEmail(admin);
    const outcomes = [];
    for (const user of users) {
        const attributes = {
            email_confirm: true,
            ...(user.password !== undefined ? { password: user.password } : {}),
            // GoTrue merges metadata keys into what the user has; only what is configured is sent.
            ...(user.metadata !== undefined ? { user_metadata: user.metadata } : {}),
            ...(user.appMetadata !== undefined ? { app_metadata: user.appMetadata } : {}),
        };
        let found = existing.get(user.email.toLowerCase());
        if (!found) {
            const { data, error } = await admin.createUser({ email: user.email, ...attributes });
            if (!error) {
                outcomes.push({ email: user.email, action: 'created', id: data.user.id });
                continue;
            }
            // Created meanwhile (another run, or a list that missed it): update instead.
            if (error.status !== 422 || error.code !== 'email_exists')
                throw (0,_client_js__WEBPACK_IMPORTED_MODULE_0__.explainAuthError)(error, `creating user ${user.email}`);
            found = (await usersByEmail(admin)).get(user.email.toLowerCase());
            if (!found)
                throw (0,_client_js__WEBPACK_IMPORTED_MODULE_0__.explainAuthError)(error, `creating user ${user.email}`);
        }
        const { error } = await admin.updateUserById(found.id, attributes);
        if (error)
            throw (0,_client_js__WEBPACK_IMPORTED_MODULE_0__.explainAuthError)(error, `updating user ${user.email}`);
        outcomes.push({ email: user.email, action: 'updated', id: found.id });
    }
    return outcomes;
}


/***/ }),

/***/ 6818:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkRestTable: () => (/* binding */ checkRestTable),
/* harmony export */   checkSeedUsers: () => (/* binding */ checkSeedUsers),
/* harmony export */   checkSignIn: () => (/* binding */ checkSignIn)
/* harmony export */ });
/* harmony import */ var _db_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3902);
/* harmony import */ var _log_secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4367);
/* harmony import */ var _supabase_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7031);
/* harmony import */ var _supabase_users_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9546);




/** The configured seed users exist in Supabase Auth with a confirmed email. */
async function checkSeedUsers(supabase, users) {
    const all = await (0,_supabase_users_js__WEBPACK_IMPORTED_MODULE_3__.usersByEmail)((0,_supabase_client_js__WEBPACK_IMPORTED_MODULE_2__.adminApi)(supabase));
    const problems = [];
    for (const u of users) {
        const found = all.get(u.email.toLowerCase());
        if (!found)
            problems.push(`${u.email} does not exist`);
        else if (!found.email_confirmed_at)
            problems.push(`${u.email} is not confirmed`);
    }
    if (problems.length > 0)
        return { status: 'fail', detail: problems.join('; ') };
    return { status: 'pass', detail: `${users.length} user(s) exist, confirmed` };
}
/**
 * The REST API answers for a table with its row count. A GET with a count,
 * not a HEAD: PostgREST answers HEAD for a missing table with an empty 404
 * that the client library reports as success.
 */
async function checkRestTable(supabase, name) {
    const key = supabase.serviceRoleKey ?? supabase.anonKey;
    if (!key)
        return { status: 'skip', detail: 'no SUPABASE_SERVICE_ROLE_KEY or SUPABASE_ANON_KEY' };
    const table = (0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTableName */ .H)(name, 'required table');
    const { count, error, status } = await (0,_supabase_client_js__WEBPACK_IMPORTED_MODULE_2__.restApi)(supabase, key).schema(table.schema).from(table.name).select('*', { count: 'exact' }).limit(1);
    if (error) {
        const hint = error.code === 'PGRST205' || error.code === '42P01'
            ? `: the API does not see ${(0,_db_names_js__WEBPACK_IMPORTED_MODULE_0__/* .tableLabel */ .F)(table)}; reload its schema cache (NOTIFY pgrst, 'reload schema') or check the table exists`
            : error.code === 'PGRST106'
                ? `: schema ${table.schema} is not exposed; add it to the API's exposed schemas`
                : status === 401 || status === 403
                    ? ': the key was refused, or its role lacks privileges on the table (check the GRANTs to anon/authenticated/service_role)'
                    : '';
        return { status: 'fail', detail: (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .maskSecrets */ .QU)(`HTTP ${status}${error.code ? ` ${error.code}` : ''}: ${error.message}${hint}`) };
    }
    return { status: 'pass', detail: `${count ?? '?'} row(s) through the REST API (${supabase.serviceRoleKey ? 'service role' : 'anon'} key)` };
}
/** A seed user signs in with its password, as an app would (anon key). */
async function checkSignIn(supabase, user) {
    const { data, error } = await (0,_supabase_client_js__WEBPACK_IMPORTED_MODULE_2__.userAuth)(supabase).signInWithPassword({ email: user.email, password: user.password });
    if (error)
        throw (0,_supabase_client_js__WEBPACK_IMPORTED_MODULE_2__.explainAuthError)(error, `signing in as ${user.email}`, 'anon key');
    return { status: 'pass', detail: `${user.email} signed in${data.user?.id ? ` (id ${data.user.id})` : ''}` };
}


/***/ })

};
