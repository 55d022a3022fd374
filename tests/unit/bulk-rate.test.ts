import { describe, expect, it } from 'vitest';
import { formatRate } from '../../src/graph/bulk/rate.ts';

describe('formatRate (the rate `npm run import -- --bulk` prints)', () => {
  it('prints small rates with significant digits, not 0 (one relation in 2.5 s)', () => {
    expect(formatRate(1, 2.5)).toBe('0.4');
    expect(formatRate(2, 3)).toBe('0.667');
    expect(formatRate(45, 1)).toBe('45');
  });
  it('prints large rates as whole numbers with separators', () => {
    expect(formatRate(101_234, 2)).toBe('50,617');
  });
  it('says n/a when no time was measured', () => {
    expect(formatRate(5, 0)).toBe('n/a');
  });
});
