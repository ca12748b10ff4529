import { describe, expect, it } from 'vitest';
import { streamLogger } from '../../src/log/logger.js';
import { addSecret } from '../../src/log/secrets.js';

describe('the CLI logger', () => {
  it('rewrites one progress line in place on a terminal, clearing it before the next line, and masks secrets', () => {
    addSecret('hunter2-secret');
    let out = '';
    const logger = streamLogger({ live: true, write: (t) => (out += t) });
    logger.progress('public.big: 1,000 rows so far');
    logger.progress('public.big: 2,000 rows so far (hunter2-secret)');
    logger.info('public.big: 2,500 rows in 1.0 s');
    expect(out).toBe('public.big: 1,000 rows so far\r\x1b[Kpublic.big: 2,000 rows so far (***)\r\x1b[Kpublic.big: 2,500 rows in 1.0 s\n');
  });

  it('writes progress as plain lines elsewhere (CI logs, pipes)', () => {
    let out = '';
    const logger = streamLogger({ write: (t) => (out += t) });
    logger.progress('a');
    logger.warning('b', { file: 'seed.sql', line: 3 });
    expect(out).toBe('a\nwarning: seed.sql:3: b\n');
  });
});
