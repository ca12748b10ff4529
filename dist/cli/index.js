#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(199);

process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 199:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// UNUSED EXPORTS: defaultIo

;// CONCATENATED MODULE: ./src/log/secrets.ts
/**
 * The one place that knows every secret of a run. Everything printed, written
 * to a report or posted to GitHub passes through `maskSecrets` first.
 */
const MASK = '***';
const secrets = new Set();
const listeners = (/* unused pure expression or super */ null && ([]));
/** Registers a secret (and its URL-encoded form); short values are ignored to avoid masking noise. */
function addSecret(value) {
    if (!value || value.length < 3)
        return;
    for (const variant of new Set([value, safeEncode(value), safeDecode(value)])) {
        if (variant.length < 3 || secrets.has(variant))
            continue;
        secrets.add(variant);
        for (const listener of listeners)
            listener(variant);
    }
}
/** Called for each secret, including those added before: lets the action forward them to `core.setSecret`. */
function onSecret(listener) {
    listeners.push(listener);
    for (const secret of secrets)
        listener(secret);
}
function maskSecrets(text) {
    if (secrets.size === 0 || text === '')
        return text;
    // Longest first, so a URL is masked whole before the password inside it.
    let out = text;
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        if (out.includes(secret))
            out = out.split(secret).join(MASK);
    }
    return out;
}
/** For tests: forget every secret and listener. */
function resetSecrets() {
    secrets.clear();
    listeners.length = 0;
}
function safeEncode(value) {
    try {
        return encodeURIComponent(value);
    }
    catch {
        return value;
    }
}
function safeDecode(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value;
    }
}

;// CONCATENATED MODULE: ./src/db/errors.ts

function isPgError(error) {
    return (error instanceof Error &&
        typeof error.code === 'string' &&
        typeof error.severity === 'string');
}
/**
 * Renders an error the way psql prints it: severity and message, the
 * offending line with a caret under the error position, then DETAIL, HINT,
 * QUERY and CONTEXT. `sql` is the statement that failed, if known.
 */
function formatPgError(error, sql) {
    const lines = [`${error.severity ?? 'ERROR'}:  ${error.message}`];
    const position = Number(error.position);
    if (sql && position > 0)
        lines.push(...positionLines(sql, position));
    if (error.detail)
        lines.push(`DETAIL:  ${error.detail}`);
    if (error.hint)
        lines.push(`HINT:  ${error.hint}`);
    if (error.internalQuery) {
        lines.push(`QUERY:  ${error.internalQuery}`);
        const internal = Number(error.internalPosition);
        if (internal > 0)
            lines.push(...positionLines(error.internalQuery, internal));
    }
    if (error.where)
        lines.push(`CONTEXT:  ${error.where}`);
    return maskSecrets(lines.join('\n'));
}
/** Any error as text a user can act on: psql style for PostgreSQL's, the message otherwise. */
function describeError(error, sql) {
    if (isPgError(error))
        return formatPgError(error, sql);
    if (error instanceof AggregateError && error.errors.length > 0)
        return describeError(error.errors[0], sql);
    if (error instanceof Error)
        return maskSecrets(error.message);
    return maskSecrets(String(error));
}
/** Where a 1-based character position falls in a text: 1-based line and column. */
function lineAndColumn(text, position) {
    const chars = Array.from(text);
    let line = 1;
    let column = 1;
    for (let i = 0; i < Math.min(position - 1, chars.length); i++) {
        if (chars[i] === '\n') {
            line++;
            column = 1;
        }
        else {
            column++;
        }
    }
    return { line, column };
}
const DISPLAY_SIZE = 60;
const MIN_RIGHT_CUT = 10;
// psql shows at most about 60 columns of a long line, cut so the caret stays visible.
function positionLines(sql, position) {
    const { line, column } = lineAndColumn(sql, position);
    let text = Array.from((sql.split('\n')[line - 1] ?? '').replace(/\r$/, '').replaceAll('\t', ' '));
    let caret = column - 1;
    let prefix = '';
    let suffix = '';
    if (text.length > DISPLAY_SIZE) {
        if (caret + MIN_RIGHT_CUT < DISPLAY_SIZE) {
            text = text.slice(0, DISPLAY_SIZE);
            suffix = '...';
        }
        else {
            const end = Math.min(text.length, caret + MIN_RIGHT_CUT);
            const start = Math.max(0, end - DISPLAY_SIZE);
            if (end < text.length)
                suffix = '...';
            if (start > 0)
                prefix = '...';
            text = text.slice(start, end);
            caret = caret - start + prefix.length;
        }
    }
    const label = `LINE ${line}: `;
    return [`${label}${prefix}${text.join('')}${suffix}`, `${' '.repeat(label.length + caret)}^`];
}

;// CONCATENATED MODULE: ./src/util/suggest.ts
/** Levenshtein distance, for did-you-mean hints. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/** The closest candidate, if it is close enough to be a likely typo. */
function closest(input, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const d = editDistance(input.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
/** ` (did you mean "x"?)`, or nothing. */
function didYouMean(input, candidates) {
    const match = closest(input, candidates);
    return match ? ` (did you mean "${match}"?)` : '';
}

;// CONCATENATED MODULE: ./src/version.ts
// Kept equal to package.json's version by a test.
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli/commands.ts
/** Every command of the CLI, in the order help lists them. */
const COMMANDS = [];

;// CONCATENATED MODULE: ./src/cli/help.ts
function commandHelp(command) {
    const rows = Object.entries(command.options).map(([name, o]) => {
        const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
        const extra = [o.multiple ? '(repeatable)' : '', o.choices ? `(${o.choices.join(' | ')})` : ''].filter(Boolean).join(' ');
        return [flag, extra ? `${o.description} ${extra}` : o.description];
    });
    rows.push(['-h, --help', 'show this help']);
    const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
    return [
        `Usage: pg-branch-sync ${command.name} [options]`,
        '',
        command.summary,
        '',
        command.details.trim(),
        '',
        'Options:',
        ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
        '',
    ].join('\n');
}
function mainHelp(commands, version) {
    const width = Math.max(8, ...commands.map((c) => c.name.length)) + 2;
    return [
        `pg-branch-sync ${version}: keep preview and testing PostgreSQL databases in sync with production.`,
        '',
        'Usage: pg-branch-sync <command> [options]',
        '',
        'Commands:',
        ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
        '',
        'Options:',
        '  -h, --help     show help (pg-branch-sync <command> --help for a command)',
        '  -V, --version  print the version',
        '',
        'Database URLs come from --source / --target or SOURCE_DATABASE_URL / TARGET_DATABASE_URL.',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./src/cli/spec.ts
/** The shape of a CLI command: what it is called, what it takes, what it does. */
class UsageError extends Error {
    name = 'UsageError';
}

;// CONCATENATED MODULE: ./src/cli/parse.ts



/** Parses a command's arguments strictly: unknown options, missing values and bad choices are usage errors. */
function parseCommandArgs(command, args) {
    const options = {
        help: { type: 'boolean', short: 'h' },
    };
    for (const [name, spec] of Object.entries(command.options)) {
        options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
    }
    let values;
    try {
        // Boolean options are never `multiple` here, so arrays hold strings only.
        values = (0,external_node_util_namespaceObject.parseArgs)({ args, options, strict: true, allowPositionals: false }).values;
    }
    catch (error) {
        throw new UsageError(explainParseError(error, command));
    }
    for (const [name, spec] of Object.entries(command.options)) {
        const value = values[name];
        if (spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
            throw new UsageError(`--${name} must be ${spec.choices.map((c) => `"${c}"`).join(' or ')} (got "${value}")`);
        }
    }
    return values;
}
function explainParseError(error, command) {
    const known = Object.keys(command.options).map((n) => `--${n}`);
    const option = /'(-{1,2}[^'\s]+)/.exec(error.message)?.[1];
    switch (error.code) {
        case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
            return `unknown option ${option} for "${command.name}"${didYouMean(option ?? '', known)}`;
        case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
            return /argument missing/.test(error.message)
                ? `${option} needs a value`
                : `${option} takes no value`;
        case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
            return `unexpected argument ${/'([^']*)'/.exec(error.message)?.[1] ?? ''} for "${command.name}": options are written --name value`;
        default:
            return error.message;
    }
}

;// CONCATENATED MODULE: ./src/cli/main.ts







function defaultIo() {
    return {
        stdout: (t) => void process.stdout.write(t),
        stderr: (t) => void process.stderr.write(t),
        env: process.env,
        isTTY: Boolean(process.stderr.isTTY),
    };
}
/** Runs one CLI invocation and returns its exit code; never throws. */
async function main(argv, io = defaultIo()) {
    const [first, ...rest] = argv;
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
        const target = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
        io.stdout(target ? commandHelp(target) : mainHelp(COMMANDS, VERSION));
        return first === undefined ? 1 : 0;
    }
    if (first === '-V' || first === '--version') {
        io.stdout(`${VERSION}\n`);
        return 0;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) {
        const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
        const names = first.startsWith('-') ? ['--help', '--version'] : COMMANDS.map((c) => c.name);
        io.stderr(`error: ${what}${didYouMean(first, names)}\nRun pg-branch-sync --help to see the commands.\n`);
        return 1;
    }
    try {
        const values = parseCommandArgs(command, rest);
        if (values.help) {
            io.stdout(commandHelp(command));
            return 0;
        }
        return await command.run(values, io);
    }
    catch (error) {
        const hint = error instanceof UsageError ? `\nRun pg-branch-sync ${command.name} --help for its options.` : '';
        io.stderr(`error: ${describeError(error)}${hint}\n`);
        return 1;
    }
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
