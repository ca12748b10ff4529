export const id = 701;
export const ids = [701];
export const modules = {

/***/ 4701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  resolveBranchTarget: () => (/* binding */ resolveBranchTarget)
});

// EXTERNAL MODULE: ./src/log/secrets.ts
var secrets = __webpack_require__(4367);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(6518);
;// CONCATENATED MODULE: ./src/supabase/branching/api.ts

/** Where Supabase's Management API is: SUPABASE_API_URL, else this. */
const DEFAULT_API_URL = 'https://api.supabase.com';
const REQUEST_TIMEOUT_MS = 30_000;
/** How often a 429 is waited out, and how long one wait may be at most. */
const RATE_LIMIT_RETRIES = 5;
const MAX_RETRY_AFTER_MS = 60_000;
/** A network failure or a 5xx is tried again this many times. */
const FAILURE_RETRIES = 2;
class ManagementApiError extends Error {
    status;
    name = 'ManagementApiError';
    constructor(message, status) {
        super((0,secrets/* maskSecrets */.QU)(message));
        this.status = status;
    }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A client of the Management API: bearer token, 429s waited out as Retry-After says, transient failures retried. */
function managementApi(options) {
    (0,secrets/* addSecret */.Ck)(options.token);
    const baseUrl = (options.baseUrl?.trim() || DEFAULT_API_URL).replace(/\/+$/, '');
    try {
        new URL(baseUrl);
    }
    catch {
        throw new ManagementApiError(`SUPABASE_API_URL is not a URL (got "${baseUrl}"); leave it unset for ${DEFAULT_API_URL}`);
    }
    const wait = options.sleep ?? sleep;
    return {
        baseUrl,
        async get(path, doing) {
            let limited = 0;
            let failed = 0;
            for (;;) {
                let response;
                try {
                    response = await fetch(`${baseUrl}${path}`, {
                        headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json' },
                        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
                    });
                }
                catch (error) {
                    if (failed++ < FAILURE_RETRIES) {
                        await wait(1000 * failed);
                        continue;
                    }
                    const cause = error.cause?.code ?? error.message;
                    throw new ManagementApiError(`${doing}: the Supabase Management API at ${baseUrl} could not be reached (${cause})`);
                }
                if (response.ok)
                    return (await response.json());
                const body = await response.text().catch(() => '');
                const said = apiMessage(body);
                if (response.status === 404)
                    return undefined;
                if (response.status === 429 && limited++ < RATE_LIMIT_RETRIES) {
                    const ms = retryAfterMs(response.headers.get('retry-after'));
                    options.logger.warning(`the Supabase Management API is rate-limiting this token (HTTP 429) while ${doing}; retrying in ${Math.ceil(ms / 1000)} s, as its Retry-After says`);
                    await wait(ms);
                    continue;
                }
                if (response.status >= 500 && failed++ < FAILURE_RETRIES) {
                    await wait(1000 * failed);
                    continue;
                }
                throw new ManagementApiError(explainStatus(response.status, doing, said), response.status);
            }
        },
    };
}
function explainStatus(status, doing, said) {
    const detail = said ? ` (${said})` : '';
    if (status === 401) {
        return `${doing}: the Supabase Management API refused the access token (HTTP 401${detail}). Set supabase-access-token (CLI: SUPABASE_ACCESS_TOKEN) to a valid token from https://supabase.com/dashboard/account/tokens, passed from a secret`;
    }
    if (status === 403) {
        return `${doing}: the access token is not allowed to (HTTP 403${detail}). It must belong to a member of the project's organization and be able to read its branches, database settings and API keys (a personal access token, or an OAuth token with the environment:read, database:read and secrets:read scopes)`;
    }
    if (status === 429)
        return `${doing}: the Supabase Management API kept rate-limiting this token (HTTP 429${detail}); try again in a minute`;
    return `${doing}: the Supabase Management API answered HTTP ${status}${detail}`;
}
/** The API's own error message (`{"message": ...}`), shortened. */
function apiMessage(body) {
    try {
        const parsed = JSON.parse(body);
        const text = typeof parsed.message === 'string' ? parsed.message : typeof parsed.error === 'string' ? parsed.error : '';
        return text.slice(0, 200);
    }
    catch {
        return body.trim().slice(0, 200);
    }
}
/** Retry-After in seconds or as an HTTP date; 5 s when absent; never more than a minute. */
function retryAfterMs(header) {
    if (!header)
        return 5000;
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    if (!Number.isFinite(ms))
        return 5000;
    return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

// EXTERNAL MODULE: ./src/db/connect.ts
var connect = __webpack_require__(8008);
// EXTERNAL MODULE: ./src/db/url.ts
var db_url = __webpack_require__(879);
;// CONCATENATED MODULE: ./src/supabase/branching/connect.ts




/** Supavisor serves session mode on 5432 and transaction mode on 6543, on the same host. */
const SESSION_PORT = 5432;
const TRANSACTION_PORT = 6543;
/**
 * The port of the session pooler: the one given when it is in session mode,
 * else 5432 on the same host. Transaction mode (6543) cannot hold a session
 * across statements; the direct host is IPv6-only, which hosted runners lack.
 */
function sessionPort(pooler) {
    return pooler.pool_mode === 'transaction' || pooler.db_port === TRANSACTION_PORT ? SESSION_PORT : pooler.db_port;
}
/** The branch database's URL through its session pooler, with the user and password the API gives. */
async function branchDatabase(api, branch) {
    const ref = branch.project_ref;
    const detail = await api.get(`/v1/branches/${ref}`, `reading the database settings of branch ${ref}`);
    if (!detail)
        throw new ManagementApiError(`the Supabase branch ${ref} is gone (HTTP 404 on /v1/branches/${ref}): it may have been deleted while this run waited`, 404);
    (0,secrets/* addSecret */.Ck)(detail.db_pass);
    if (!detail.db_pass) {
        throw new ManagementApiError(`the Management API did not give the database password of branch ${ref} (no db_pass in /v1/branches/${ref}): the access token must be allowed to read the branch's settings (a personal access token of an organization member)`);
    }
    const poolers = await api.get(`/v1/projects/${ref}/config/database/pooler`, `reading the connection pooler of branch ${ref}`);
    const primary = poolers?.find((p) => p.database_type === 'PRIMARY');
    if (!primary)
        throw new ManagementApiError(`branch ${ref} has no pooler for its primary database (/v1/projects/${ref}/config/database/pooler): is the project still coming up?`);
    const host = primary.db_host;
    const port = sessionPort(primary);
    const user = primary.db_user || detail.db_user || `postgres.${ref}`;
    const database = primary.db_name || 'postgres';
    // TLS unless the pooler is on this machine (a tunnel or a local stand-in), which may speak plain TCP.
    const loopback = host === 'localhost' || host.startsWith('127.') || host === '::1';
    const hostPart = host.includes(':') ? `[${host}]` : host;
    const url = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(detail.db_pass)}@${hostPart}:${port}/${encodeURIComponent(database)}?sslmode=${loopback ? 'prefer' : 'require'}`;
    (0,db_url/* registerConnectionSecrets */.NK)(url);
    return { url, display: `${user}@${host}:${port}/${database}` };
}
/** The branch's anon and service_role keys, for seed users and API checks; masked before anything can print them. */
async function branchKeys(api, ref, logger) {
    let keys;
    try {
        keys = await api.get(`/v1/projects/${ref}/api-keys`, `reading the API keys of branch ${ref}`);
    }
    catch (error) {
        if (!(error instanceof ManagementApiError) || error.status !== 403)
            throw error;
        logger.warning(`${error.message}; seed users and API checks need the keys, and are left out without them`);
        return {};
    }
    const key = (name) => keys?.find((k) => k.name === name)?.api_key ?? undefined;
    const out = { anonKey: key('anon'), serviceRoleKey: key('service_role') };
    (0,secrets/* addSecret */.Ck)(out.anonKey);
    (0,secrets/* addSecret */.Ck)(out.serviceRoleKey);
    return out;
}
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P03', '53300', '08006', '08003']);
function connect_transient(error) {
    const code = error.code;
    if (typeof code === 'string' && TRANSIENT.has(code))
        return code;
    if (error instanceof Error && /Connection terminated|timeout/i.test(error.message))
        return 'terminated';
    return undefined;
}
/**
 * Opens a session and runs a query, a few times if need be: a branch that
 * has just turned healthy may refuse its first connections or drop them
 * (57P01) while it settles. Other failures (a wrong password) are not retried.
 */
async function probeBranch(database, options) {
    const attempts = options.attempts ?? 6;
    const wait = options.sleep ?? sleep;
    let delay = options.firstDelayMs ?? 1000;
    for (let attempt = 1;; attempt++) {
        let client;
        try {
            client = await (0,connect/* connect */.N)((0,db_url/* parseConnectionString */.HH)(database.url, 'Supabase branch URL'), { role: 'target', label: 'Supabase branch database', retries: 0 });
            await client.query('SELECT 1');
            return attempt;
        }
        catch (error) {
            const code = connect_transient(error);
            if (!code || attempt >= attempts)
                throw error;
            options.logger.warning(`the Supabase branch database (${database.display}) ${code === 'ECONNREFUSED' ? 'refused the connection' : `dropped the connection (${code})`}: retrying in ${delay} ms (attempt ${attempt + 1} of ${attempts})`);
            await wait(delay);
            delay = Math.min(delay * 2, 8000);
        }
        finally {
            await client?.end().catch(() => undefined);
        }
    }
}

;// CONCATENATED MODULE: ./src/supabase/branching/find.ts

/** A project ref: 20 lowercase letters, as in https://<ref>.supabase.co. */
const PROJECT_REF = /^[a-z]{20}$/;
function checkProjectRef(ref, what) {
    const trimmed = ref.trim();
    if (!PROJECT_REF.test(trimmed)) {
        throw new ManagementApiError(`${what} must be a Supabase project ref, 20 lowercase letters as in https://<ref>.supabase.co (got "${trimmed}")`);
    }
    return trimmed;
}
/** Every branch of the production project; a 404 says the project is not there. */
async function listBranches(api, projectRef) {
    const branches = await api.get(`/v1/projects/${projectRef}/branches`, `listing the branches of project ${projectRef}`);
    if (!branches) {
        throw new ManagementApiError(`no Supabase project ${projectRef} for this access token (HTTP 404): check supabase-project-ref (the production project's ref, from https://<ref>.supabase.co or Project Settings), and that the token's account can see it`, 404);
    }
    return branches;
}
/**
 * The preview branch of a git branch: the one Supabase's GitHub integration
 * made for it (its `git_branch`), else one named so. Never the default
 * (production) branch.
 */
function pickBranch(branches, name) {
    const previews = branches.filter((b) => !b.is_default);
    return previews.find((b) => b.git_branch === name) ?? previews.find((b) => b.name === name);
}
/** No branch for this git branch: what was looked for, and what to check. */
function noBranchError(projectRef, name, branches, waitedMs) {
    const previews = branches.filter((b) => !b.is_default);
    const seen = previews.length === 0
        ? 'the project has no preview branches at all: is Branching enabled for it, with the GitHub integration connected to this repository (Project Settings → Integrations), and "Automatic branching" on?'
        : `its branches are for ${previews.slice(0, 10).map((b) => `"${b.git_branch ?? b.name}"`).join(', ')}${previews.length > 10 ? ', …' : ''}`;
    return new ManagementApiError(`no Supabase preview branch for the git branch "${name}" in project ${projectRef} (looked for git_branch or name "${name}" for ${Math.round(waitedMs / 1000)} s): ${seen}. ` +
        'Supabase creates the branch when the pull request is opened; set supabase-branch (CLI: --supabase-branch) if its name differs.');
}

;// CONCATENATED MODULE: ./src/supabase/branching/wait.ts



const BROKEN_PROJECT = new Set(['INIT_FAILED', 'RESTORE_FAILED', 'PAUSE_FAILED', 'REMOVED', 'INACTIVE', 'GOING_DOWN']);
const DB_DONE = new Set(['MIGRATIONS_PASSED', 'FUNCTIONS_DEPLOYED', 'FUNCTIONS_FAILED']);
/**
 * Whether a branch is usable: its project healthy and its latest action run
 * through (every step EXITED), or, where runs cannot be read, its deprecated
 * status past the migrations. A DEAD step fails it, naming the run.
 */
function readiness(branch, runs) {
    const project = branch.preview_project_status;
    const dashboard = `https://supabase.com/dashboard/project/${branch.parent_project_ref}/branches`;
    if (project && BROKEN_PROJECT.has(project)) {
        const why = project === 'INACTIVE' ? 'it is paused: restore it in the dashboard' : 'see the branch in the dashboard';
        return { state: 'failed', says: `project ${project}`, failure: `the Supabase branch "${branch.name}" (${branch.project_ref}) is ${project}: ${why} (${dashboard})` };
    }
    const projectSays = `project ${project ?? 'status unknown'}`;
    const latest = newest(runs);
    let done;
    let says;
    let warning;
    if (latest) {
        says = `${projectSays}, run ${latest.id}: ${latest.run_steps.map((s) => `${s.name} ${s.status}`).join(', ') || 'no steps yet'}`;
        const dead = latest.run_steps.find((s) => s.status === 'DEAD' && s.name !== 'deploy');
        if (dead) {
            const what = dead.name === 'migrate' ? 'the migrations failed' : dead.name === 'seed' ? 'the seed failed' : `its "${dead.name}" step failed`;
            return {
                state: 'failed', says,
                failure: `${what} on the Supabase branch "${branch.name}" (${branch.project_ref}), action run ${latest.id} (step "${dead.name}"): fix the pull request's migrations, push, and read the run's log in the dashboard (${dashboard})`,
            };
        }
        if (latest.run_steps.some((s) => s.name === 'deploy' && s.status === 'DEAD'))
            warning = `the edge functions failed to deploy on the branch (action run ${latest.id}); the database is synced anyway`;
        done = latest.run_steps.length > 0 && latest.run_steps.every((s) => s.status === 'EXITED' || (s.name === 'deploy' && s.status === 'DEAD'));
    }
    else {
        says = `${projectSays}, status ${branch.status}`;
        if (branch.status === 'MIGRATIONS_FAILED') {
            return { state: 'failed', says, failure: `the migrations failed on the Supabase branch "${branch.name}" (${branch.project_ref}): fix the pull request's migrations and push; the branch's log is in the dashboard (${dashboard})` };
        }
        done = DB_DONE.has(branch.status);
        if (branch.status === 'FUNCTIONS_FAILED')
            warning = 'the edge functions failed to deploy on the branch; the database is synced anyway';
    }
    const healthy = project === undefined || project === 'ACTIVE_HEALTHY';
    return { state: done && healthy ? 'ready' : 'waiting', says, ...(warning ? { warning } : {}) };
}
/** A branch may be created a little after the pull request's first workflow starts: looked for this long at most. */
const APPEAR_MS = 120_000;
/**
 * Finds the preview branch of `gitBranch` and polls until Supabase has
 * created it and run its migrations, or `waitMs` is over; a progress line
 * whenever its state changes (and every 30 s).
 */
async function waitForBranch(api, projectRef, gitBranch, options) {
    const wait = options.sleep ?? sleep;
    const start = Date.now();
    // Every 5 s, more often for short waits.
    const interval = Math.min(5000, Math.max(200, Math.floor(options.waitMs / 20)));
    let runsReadable = true;
    let since = options.since ? Date.parse(options.since) : Number.NaN;
    let lastSaid = '';
    let lastAt = 0;
    for (;;) {
        const elapsed = Date.now() - start;
        const branches = await listBranches(api, projectRef);
        const branch = pickBranch(branches, gitBranch);
        let state;
        if (!branch) {
            if (elapsed >= Math.min(options.waitMs, APPEAR_MS))
                throw noBranchError(projectRef, gitBranch, branches, elapsed);
            state = { state: 'waiting', says: 'not created yet' };
        }
        else {
            let runs;
            if (runsReadable) {
                try {
                    runs = await api.get(`/v1/projects/${branch.project_ref}/actions`, `reading the action runs of branch ${branch.project_ref}`);
                }
                catch (error) {
                    if (!(error instanceof ManagementApiError) || error.status !== 403)
                        throw error;
                }
                // Not there, or not for this token: the branch's status says instead.
                if (!runs) {
                    runsReadable = false;
                    options.logger.debug('the branch\'s action runs cannot be read; waiting on its status instead');
                }
            }
            const latest = newest(runs);
            if (latest && Date.parse(latest.created_at) < since) {
                // Supabase starts a run for each push a little after it: the latest one may still be the previous push's.
                const old = `no action run for this push yet (the latest, ${latest.id}, is from ${latest.created_at})`;
                if (elapsed < Math.min(options.waitMs, APPEAR_MS))
                    state = { state: 'waiting', says: old };
                else {
                    options.logger.warning(`${old} after ${(0,duration/* formatWait */.Du)(Math.min(options.waitMs, APPEAR_MS))}: using the branch as that run left it`);
                    since = Number.NaN;
                    state = readiness(branch, runs);
                }
            }
            else {
                state = readiness(branch, runs);
            }
            if (state.state === 'failed')
                throw new ManagementApiError(state.failure);
            if (state.state === 'ready') {
                if (state.warning)
                    options.logger.warning(state.warning);
                options.logger.info(`Supabase branch "${branch.name}" (${branch.project_ref}) is ready: ${state.says}`);
                return branch;
            }
        }
        if (elapsed >= options.waitMs) {
            throw new ManagementApiError(`the Supabase branch for "${gitBranch}" was not ready after ${(0,duration/* formatWait */.Du)(options.waitMs)} (${state.says}): raise branch-wait (CLI: --branch-wait), or see why in the dashboard (https://supabase.com/dashboard/project/${projectRef}/branches)`);
        }
        if (state.says !== lastSaid || elapsed - lastAt >= 30_000) {
            options.logger.progress(`waiting for the Supabase branch of "${gitBranch}": ${state.says} (${(0,duration/* formatWait */.Du)(Math.round(elapsed / 1000) * 1000)} of ${(0,duration/* formatWait */.Du)(options.waitMs)})`);
            lastSaid = state.says;
            lastAt = elapsed;
        }
        await wait(Math.min(interval, Math.max(0, options.waitMs - elapsed)) || interval);
    }
}
function newest(runs) {
    return [...(runs ?? [])].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
}

;// CONCATENATED MODULE: ./src/supabase/branching/target.ts






/**
 * Finds the pull request's preview branch through the Management API, waits
 * until Supabase has created it and run its migrations, and opens a first
 * session through its session pooler (retried while it settles). Every
 * secret it learns is masked before anything is logged.
 */
async function resolveBranchTarget(options) {
    (0,secrets/* addSecret */.Ck)(options.token);
    const { logger } = options;
    const projectRef = checkProjectRef(options.projectRef, 'supabase-project-ref');
    const api = managementApi({ token: options.token, baseUrl: options.apiUrl, logger, sleep: options.sleep });
    logger.info(`looking for the Supabase preview branch of "${options.gitBranch}" in project ${projectRef} (waiting up to ${(0,duration/* formatWait */.Du)(options.waitMs)})`);
    const branch = await waitForBranch(api, projectRef, options.gitBranch, { waitMs: options.waitMs, since: options.since, logger, sleep: options.sleep });
    const database = await branchDatabase(api, branch);
    const keys = await branchKeys(api, branch.project_ref, logger);
    const attempts = await probeBranch(database, { logger, sleep: options.sleep });
    logger.info(`connected to the Supabase branch database ${database.display}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`);
    return {
        targetUrl: database.url, branchRef: branch.project_ref, branchName: branch.name,
        supabaseUrl: `https://${branch.project_ref}.supabase.co`, anonKey: keys.anonKey, serviceRoleKey: keys.serviceRoleKey,
    };
}


/***/ })

};
