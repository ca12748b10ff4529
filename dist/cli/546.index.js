export const id = 546;
export const ids = [546,31];
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


/***/ })

};
