import { Readable, Writable } from 'node:stream';
import type pg from 'pg';

/**
 * COPY between two servers without unpacking the rows. What COPY TO STDOUT
 * sends (CopyData messages, one per row in text format) is what COPY FROM
 * STDIN takes, so whole messages go to the target as they arrived: no
 * per-row parsing, slicing or re-framing in Node, and rows are counted as
 * messages pass. Both ends are `pg` submittables (objects with `submit`, as
 * pg-copy-streams is): the source end reads the socket itself while the COPY
 * lasts, so `pg` does not parse every row into a message object.
 */

const COPY_DATA = 0x64; // 'd'
const COPY_DONE = 0x63; // 'c'
const ERROR_RESPONSE = 0x45; // 'E'
const HEADER = 5;
const COPY_DONE_MESSAGE = Buffer.from([COPY_DONE, 0, 0, 0, 4]);

/** A `pg` connection; CopyFail is sent by a method its types leave out. */
type Connection = pg.Connection & { sendCopyFail(message: string): void };

type DataHandler = (chunk: Buffer) => void;

/**
 * The source end: `COPY (…) TO STDOUT`, read as whole CopyData messages,
 * each pushed chunk a run of them. Destroyed early (the target failed), it
 * reads the rest of the COPY and drops it, so the connection can still roll
 * back.
 */
export class CopyOut extends Readable {
  rows = 0;
  bytes = 0;
  private connection: Connection | undefined;
  private pgHandler: DataHandler | undefined;
  /** A message split across socket reads: its pieces so far. */
  private pending: Buffer[] = [];
  private pendingSize = 0;
  private wanted = true;
  private discarding = false;
  private readonly onReadable = () => this.forward();

  constructor(readonly text: string) {
    super();
  }

  submit(connection: pg.Connection): void {
    this.connection = connection as Connection;
    const stream = connection.stream;
    const listeners = stream.listeners('data') as DataHandler[];
    if (listeners.length !== 1) throw new Error('COPY relay: the connection has no single data listener to take over');
    this.pgHandler = listeners[0]!;
    stream.removeListener('data', this.pgHandler);
    stream.pause();
    stream.on('readable', this.onReadable);
    connection.query(this.text);
  }

  override _read(): void {
    this.wanted = true;
    this.forward();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Still attached: keep reading so the COPY ends and the connection is usable.
    if (this.connection) {
      this.discarding = true;
      this.wanted = true;
      this.forward();
    }
    callback(error);
  }

  private forward(): void {
    const connection = this.connection;
    let chunk: Buffer | null;
    while (connection && this.connection && this.wanted && (chunk = connection.stream.read() as Buffer | null) !== null) this.parse(chunk);
  }

  private parse(input: Buffer): void {
    let chunk = input;
    if (this.pendingSize > 0) {
      // Complete the split message first: its header (to know its length), then its body.
      if (this.pendingSize < HEADER) {
        const take = Math.min(HEADER - this.pendingSize, chunk.length);
        const head = Buffer.concat([...this.pending, chunk.subarray(0, take)]);
        chunk = chunk.subarray(take);
        this.pending = [head];
        this.pendingSize = head.length;
        if (head.length < HEADER) return;
      }
      const size = 1 + this.pending[0]!.readUInt32BE(1);
      const need = size - this.pendingSize;
      if (chunk.length < need) {
        this.pending.push(chunk);
        this.pendingSize += chunk.length;
        return;
      }
      const pieces = this.pending;
      this.pending = [];
      this.pendingSize = 0;
      if (pieces[0]![0] !== COPY_DATA) {
        // Rare (a notice, the end, an error): read on from it, the rest of the read included.
        chunk = Buffer.concat([...pieces, chunk]);
      } else {
        this.rows++;
        this.emitRun(Buffer.concat([...pieces, chunk.subarray(0, need)], size));
        chunk = chunk.subarray(need);
      }
    }
    this.takeMessages(chunk);
  }

  /** Handles the whole messages of `chunk` and keeps a split last one. */
  private takeMessages(chunk: Buffer): void {
    let pos = 0;
    let run = -1;
    let rows = 0;
    let over = false;
    while (pos + HEADER <= chunk.length) {
      const code = chunk[pos]!;
      const end = pos + 1 + chunk.readUInt32BE(pos + 1);
      if (code === COPY_DATA) {
        if (end > chunk.length) break;
        if (run === -1) run = pos;
        rows++;
        pos = end;
        continue;
      }
      if (run !== -1) this.emitRun(chunk.subarray(run, pos));
      run = -1;
      if (code === ERROR_RESPONSE) {
        // `pg` reads the error (and what follows) and fails the query through handleError.
        this.detach(chunk.subarray(pos));
        over = true;
        break;
      }
      if (end > chunk.length) break;
      pos = end;
      if (code === COPY_DONE) {
        this.detach(chunk.subarray(pos));
        over = true;
        break;
      }
      // CopyOutResponse, and notices or parameter changes between rows: not rows.
    }
    this.rows += rows;
    if (over) return;
    if (run !== -1) this.emitRun(chunk.subarray(run, pos));
    if (pos < chunk.length) {
      const rest = chunk.subarray(pos);
      this.pending = [rest];
      this.pendingSize = rest.length;
    }
  }

  private emitRun(run: Buffer): void {
    this.bytes += run.length;
    if (!this.discarding && !this.push(run)) this.wanted = false;
  }

  private detach(rest: Buffer): void {
    const connection = this.connection!;
    const stream = connection.stream;
    stream.removeListener('readable', this.onReadable);
    stream.on('data', this.pgHandler!);
    this.connection = undefined;
    if (rest.length > 0) this.pgHandler!(rest);
    // The handler may pause the stream on its own high-water mark: resume once it returns.
    process.nextTick(() => stream.resume());
  }

  /** Defined so `pg` can install its query_timeout here. */
  callback(): void {}

  handleError(error: Error): void {
    this.callback();
    this.destroy(error);
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    this.callback();
    if (!this.discarding) this.push(null);
  }
}

/**
 * The target end: `COPY … FROM STDIN`, written whole CopyData messages as
 * `CopyOut` pushes them. Only whole messages ever reach the socket, so a
 * CopyFail after a failure is read as a message of its own.
 */
export class CopyIn extends Writable {
  rowCount = 0;
  private connection: Connection | undefined;
  private ready = false;
  private waiting: (() => void) | undefined;
  private finished: ((error?: Error | null) => void) | undefined;
  private failed: ((error?: Error | null) => void) | undefined;

  constructor(readonly text: string) {
    super();
  }

  submit(connection: pg.Connection): void {
    this.connection = connection as Connection;
    connection.query(this.text);
  }

  handleCopyInResponse(): void {
    this.ready = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }

  private whenReady(then: () => void): void {
    if (this.ready) then();
    else this.waiting = then;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.whenReady(() => {
      const stream = this.connection?.stream;
      if (!stream) return callback();
      if (stream.write(chunk)) callback();
      else stream.once('drain', () => callback());
    });
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.finished = callback;
    this.whenReady(() => this.connection?.stream.write(COPY_DONE_MESSAGE));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Over already (finished, or the server failed it): nothing to stop.
    if (!this.connection) return callback(error);
    // The server answers a CopyFail with an error, which ends the query.
    this.failed = () => callback(error);
    this.whenReady(() => this.connection?.sendCopyFail(error?.message ?? 'the copy was stopped'));
  }

  /** Defined so `pg` can install its query_timeout here. */
  callback(): void {}

  handleError(error: Error): void {
    this.callback();
    this.connection = undefined;
    const failed = this.failed ?? this.finished;
    this.failed = this.finished = undefined;
    if (failed) failed(error);
    else this.destroy(error);
  }

  handleCommandComplete(message: { text?: string } | undefined): void {
    const match = /COPY (\d+)/.exec(message?.text ?? '');
    if (match) this.rowCount = Number(match[1]);
  }

  handleReadyForQuery(): void {
    this.callback();
    this.connection = undefined;
    const finished = this.finished;
    this.finished = undefined;
    finished?.();
  }
}
