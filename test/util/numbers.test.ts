import { describe, expect, it } from 'vitest';
import { thousands } from '../../src/util/numbers.js';

describe('thousands', () => {
  it('prints counts as en-US does', () => {
    for (const n of [0, 1, 12, 999, 1000, 12345, 999999, 1000000, 43508, -1, -1234567, Number.MAX_SAFE_INTEGER, 1.5, 1e21]) {
      expect(thousands(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
